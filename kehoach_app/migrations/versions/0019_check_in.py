"""delegate codes and arrivals at the door (issue 21)

Revision ID: 0019
Revises: 0018

Reserved in the chain at the start of the session of 04/12/2026 so that the parts built at the
same time keep one line of revisions; it changes nothing until its part fills it in.
"""


# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
