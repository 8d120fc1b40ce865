"""the organiser's unit: province, unit type and the unit's own name

Revision ID: 0011
Revises: 0010

"""
import re
import unicodedata

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    # Columns only, no CHECK constraint: adding one makes SQLite rebuild the table, and with
    # foreign keys on, dropping the old conferences table would cascade to every part's rows.
    # The codes are checked by the form and the conference file's schema (vocab.UNIT_TYPES).
    with op.batch_alter_table('conferences', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('province', sa.String(length=100), server_default='', nullable=False)
        )
        batch_op.add_column(
            sa.Column('unit_type', sa.String(length=20), server_default='', nullable=False)
        )
        batch_op.add_column(
            sa.Column('unit_name', sa.String(length=100), server_default='', nullable=False)
        )
    _read_unit_from_issuer(op.get_bind())


def downgrade():
    with op.batch_alter_table('conferences', schema=None) as batch_op:
        batch_op.drop_column('unit_name')
        batch_op.drop_column('unit_type')
        batch_op.drop_column('province')


# The unit type an older record's issuer names ("Ủy ban nhân dân phường Hồng Hà"), kept only
# when it agrees with the record's level. The province is left for the officer to choose (the
# pre-signature check asks for it at level xã); the form offers the list. Written out here, not
# imported from the program, so this revision does the same thing whatever the program becomes.
_ISSUER = re.compile(r"^(?:uy ban nhan dan|ubnd)\s+(xa|phuong|dac khu|tinh|huyen)\s+(.+)$")
_TYPES = {'xa': ('xa', 'xa'), 'phuong': ('phuong', 'xa'), 'dac khu': ('dac_khu', 'xa'),
          'tinh': ('tinh', 'tinh'), 'huyen': ('huyen', 'huyen')}


def _fold(text):
    text = unicodedata.normalize('NFD', text.replace('đ', 'd').replace('Đ', 'D'))
    return ' '.join(''.join(c for c in text if unicodedata.category(c) != 'Mn').lower().split())


def _read_unit_from_issuer(connection):
    rows = connection.execute(sa.text('SELECT id, level, issuer FROM conferences')).fetchall()
    for row in rows:
        issuer = ' '.join(unicodedata.normalize('NFC', row.issuer or '').split())
        match = _ISSUER.match(_fold(issuer))
        if not match:
            continue
        unit_type, level = _TYPES[match.group(1)]
        if level != row.level:
            continue
        name = issuer[len(issuer) - len(match.group(2)):].strip()
        connection.execute(
            sa.text('UPDATE conferences SET unit_type = :t, unit_name = :n WHERE id = :id'),
            {'t': unit_type, 'n': name[:100], 'id': row.id},
        )
