"""signing date, programme items kept in step with the award ceremony

Revision ID: 0007
Revises: 0006

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('conferences', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signing_date', sa.Date(), nullable=True))

    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('derived_key', sa.String(length=120), nullable=True))
        batch_op.add_column(
            sa.Column('edited', sa.Boolean(), server_default=sa.false(), nullable=False)
        )

    with op.batch_alter_table('ceremony_settings', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('minutes_per_batch', sa.Integer(), server_default='3', nullable=False)
        )


def downgrade():
    with op.batch_alter_table('ceremony_settings', schema=None) as batch_op:
        batch_op.drop_column('minutes_per_batch')

    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.drop_column('edited')
        batch_op.drop_column('derived_key')

    with op.batch_alter_table('conferences', schema=None) as batch_op:
        batch_op.drop_column('signing_date')
