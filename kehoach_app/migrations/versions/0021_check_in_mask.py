"""the QR mask of each check-in code, stored with it (issue 15)

Revision ID: 0021
Revises: 0020

`delegates.check_in_mask` (0–7; NULL: not worked out) is the data mask segno chooses for the
delegate's check-in code by the standard's penalty rules (ISO/IEC 18004:2015, 7.8.3). Choosing
it is 80 % of encoding a code; every process that printed the set chose it again for each of
1,000 codes. A column only (SQLite adds it in place), then filled for the rows with a code.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('delegates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('check_in_mask', sa.SmallInteger(), nullable=True))
    _fill_masks(op.get_bind())


def downgrade():
    with op.batch_alter_table('delegates', schema=None) as batch_op:
        batch_op.drop_column('check_in_mask')


def _fill_masks(connection):
    """The data step: each code's mask, by the same call as the program's
    (checkin/qrmask.py), written out here so this revision does the same whatever the program
    becomes. One executemany; a code met twice (two conferences) is worked out once."""
    rows = connection.execute(
        sa.text("SELECT id, check_in_code FROM delegates WHERE check_in_code != ''")
    ).fetchall()
    if not rows:
        return
    import segno  # here: alembic loads every revision's file; a new database needs no segno

    masks = {}
    updates = []
    for delegate_id, code in rows:
        if code not in masks:
            masks[code] = segno.make_qr(code, error='m', boost_error=False).mask
        updates.append({'mask': masks[code], 'id': delegate_id})
    connection.execute(
        sa.text('UPDATE delegates SET check_in_mask = :mask WHERE id = :id'), updates
    )
