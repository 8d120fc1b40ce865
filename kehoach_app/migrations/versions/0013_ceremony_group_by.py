"""ceremony batches by form, or by form and recipient kind

Revision ID: 0013
Revises: 0012

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('ceremony_settings', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'group_by', sa.String(length=12), server_default='form_kind', nullable=False
            )
        )


def downgrade():
    with op.batch_alter_table('ceremony_settings', schema=None) as batch_op:
        batch_op.drop_column('group_by')
