"""the Đại hội các cấp plan: events ordered at several levels (issue 17)

Revision ID: 0017
Revises: 0016

Reserved in the chain at the start of the session of 04/12/2026 so that the parts built at the
same time keep one line of revisions; it changes nothing until its part fills it in.
"""


# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
