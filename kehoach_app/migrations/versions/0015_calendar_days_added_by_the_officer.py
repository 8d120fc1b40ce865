"""days the officer adds to the working-day calendar: extra days off, Saturdays worked (issue 16)

Revision ID: 0015
Revises: 0014

DOMAIN.md, Working days: "The government also moves days off by yearly notice: the officer can
add them." One table shared by every conference on the machine: a date, its kind ("off": an
extra day off; "work": a Saturday or Sunday worked in exchange), the reason and the notice.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('calendar_days',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.Column('basis', sa.String(length=300), server_default='', nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint("kind IN ('off', 'work')", name=op.f('ck_calendar_days_kind_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_days')),
    sa.UniqueConstraint('day', name=op.f('uq_calendar_days_day'))
    )


def downgrade():
    op.drop_table('calendar_days')
