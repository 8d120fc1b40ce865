"""the plan's outline: sections renamed, moved, hidden or added (issue 17)

Revision ID: 0014
Revises: 0013

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('plan_sections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=500), server_default='', nullable=False),
    sa.Column('level', sa.Integer(), server_default='0', nullable=False),
    sa.Column('hidden', sa.Boolean(), nullable=True),
    sa.Column('text', sa.Text(), server_default='', nullable=False),
    sa.Column('options', sa.Text(), server_default='{}', nullable=False),
    sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'], name=op.f('fk_plan_sections_conference_id_conferences'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_sections'))
    )
    with op.batch_alter_table('plan_sections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_sections_conference_id'), ['conference_id'], unique=False)
    # "Thời gian, địa điểm" was one paragraph ("time_place"); it is now two sections, each with
    # its own paragraph. An officer's edit of the old one is kept as the time's paragraph (its
    # digest no longer matches: the plan page asks him to look at it again).
    op.execute(
        "UPDATE plan_paragraphs SET key = 'time' WHERE key = 'time_place' AND NOT EXISTS "
        "(SELECT 1 FROM plan_paragraphs p2 WHERE p2.conference_id = plan_paragraphs.conference_id"
        " AND p2.key = 'time')"
    )


def downgrade():
    with op.batch_alter_table('plan_sections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_sections_conference_id'))

    op.drop_table('plan_sections')
