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

    _mark_award_placeholders(op.get_bind())


def _mark_award_placeholders(connection):
    """Programme items written before the programme followed the ceremony: the award items
    (kind trao_thuong) and a break standing between two of them become the ceremony's
    placeholders, so entering awards replaces them instead of listing the awards twice."""
    rows = connection.execute(
        sa.text(
            "SELECT id, conference_id, kind FROM agenda_items "
            "WHERE derived_key IS NULL ORDER BY conference_id, position, id"
        )
    ).fetchall()
    by_conference = {}
    for row in rows:
        by_conference.setdefault(row.conference_id, []).append(row)
    marked = []
    for items in by_conference.values():
        kinds = [item.kind for item in items]
        for index, item in enumerate(items):
            between = (
                item.kind == 'nghi_giai_lao'
                and 0 < index < len(items) - 1
                and kinds[index - 1] == 'trao_thuong'
                and kinds[index + 1] == 'trao_thuong'
            )
            if item.kind == 'trao_thuong' or between:
                marked.append(item.id)
    for item_id in marked:
        connection.execute(
            sa.text("UPDATE agenda_items SET derived_key = 'awards:placeholder' WHERE id = :id"),
            {"id": item_id},
        )


def downgrade():
    with op.batch_alter_table('ceremony_settings', schema=None) as batch_op:
        batch_op.drop_column('minutes_per_batch')

    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.drop_column('edited')
        batch_op.drop_column('derived_key')

    with op.batch_alter_table('conferences', schema=None) as batch_op:
        batch_op.drop_column('signing_date')
