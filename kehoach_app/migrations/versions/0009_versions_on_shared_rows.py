"""versions on the norm profile and the plan paragraph (lost updates)

Revision ID: 0009
Revises: 0008

Issue 18, item 6: two tabs saving the norm profile form, or the same paragraph of the plan, each
saved, the second silently over the first. The forms now carry the version they were opened at
and a save over a newer version is refused (409) with what was typed kept; these rows get the
version column the other edited rows have. (The norm item and the base salary get theirs in the
legal-figures migration of issue 16, with their other new columns.)
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    for table in ('norm_profiles', 'plan_paragraphs'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column('version', sa.Integer(), server_default='1', nullable=False)
            )


def downgrade():
    for table in ('plan_paragraphs', 'norm_profiles'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('version')
