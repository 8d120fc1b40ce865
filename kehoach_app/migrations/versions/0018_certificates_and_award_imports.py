"""certificate layouts, printer offsets, remembered column mappings (issue 20)

Revision ID: 0018
Revises: 0017

Reserved in the chain at the start of the session of 04/12/2026 so that the parts built at the
same time keep one line of revisions; it changes nothing until its part fills it in.
"""


# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
