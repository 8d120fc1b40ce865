"""the Đại hội các cấp plan: events ordered at several levels (issue 17)

Revision ID: 0017
Revises: 0016

Seed 004 orders congresses and conferences at several levels (xã, Cụm/Khối, tỉnh): per level its
name, form, participants, size, duration and time (a quarter and year, or a free text). The
conference's ordinal ("lần thứ VIII") is a number, worded in Roman numerals where printed. A
programme item's text holds 2,000 characters (seed 000's award item was 500+).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('congress_levels',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('form', sa.Text(), server_default='', nullable=False),
    sa.Column('participants', sa.Text(), server_default='', nullable=False),
    sa.Column('size', sa.Text(), server_default='', nullable=False),
    sa.Column('duration', sa.String(length=100), server_default='', nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('time_text', sa.String(length=300), server_default='', nullable=False),
    sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'], name=op.f('fk_congress_levels_conference_id_conferences'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_congress_levels'))
    )
    with op.batch_alter_table('congress_levels', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_congress_levels_conference_id'), ['conference_id'], unique=False)
    # A column only (no CHECK: adding one makes SQLite rebuild conferences, see 0011).
    with op.batch_alter_table('conferences', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ordinal', sa.Integer(), nullable=True))
    # Rebuilds agenda_items (foreign keys are off during migrations, env.py).
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.alter_column('title', existing_type=sa.String(length=500),
                              type_=sa.String(length=2000), existing_nullable=False)


def downgrade():
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.alter_column('title', existing_type=sa.String(length=2000),
                              type_=sa.String(length=500), existing_nullable=False)
    with op.batch_alter_table('conferences', schema=None) as batch_op:
        batch_op.drop_column('ordinal')
    with op.batch_alter_table('congress_levels', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_congress_levels_conference_id'))
    op.drop_table('congress_levels')
