"""delegate codes and arrivals at the door (issue 21)

Revision ID: 0019
Revises: 0018

Every delegate gets a check-in code (mã điểm danh), printed as text and QR code on the giấy
mời, the envelope label and the table card; `arrivals` records who came, one row per delegate
and conference (the unique key is what keeps two check-in points from doubling an arrival).
The code column is added with a default and a unique index rather than a NOT NULL rebuild: the
delegates table keeps its rows in place.
"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None

# Written out here, not imported from the program (checkin.logic.ALPHABET), so this revision
# does the same thing whatever the program becomes: consonants and digits, no vowels (an input
# method on would change them), no look-alikes.
_ALPHABET = "BCFGHJKMNPQRSTVXZ23456789"
_LENGTH = 6


def upgrade():
    with op.batch_alter_table('delegates', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('check_in_code', sa.String(length=8), server_default='', nullable=False)
        )
    _give_codes(op.get_bind())
    with op.batch_alter_table('delegates', schema=None) as batch_op:
        batch_op.create_index(
            'uq_delegates_check_in_code', ['conference_id', 'check_in_code'], unique=True
        )
    op.create_table('arrivals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('arrived_at', sa.DateTime(), nullable=False),
    sa.Column('point', sa.String(length=100), server_default='', nullable=False),
    sa.Column('checked_by', sa.String(length=200), server_default='', nullable=False),
    sa.Column('undone_at', sa.DateTime(), nullable=True),
    sa.Column('undone_by', sa.String(length=200), server_default='', nullable=False),
    sa.Column('substitute_name', sa.String(length=200), server_default='', nullable=False),
    sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'], name=op.f('fk_arrivals_conference_id_conferences'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_arrivals')),
    sa.UniqueConstraint('conference_id', 'code', name='uq_arrivals_code')
    )


def downgrade():
    op.drop_table('arrivals')
    with op.batch_alter_table('delegates', schema=None) as batch_op:
        batch_op.drop_index('uq_delegates_check_in_code')
        batch_op.drop_column('check_in_code')


def _give_codes(connection):
    """The data step: a code for every delegate already there, unique in his conference."""
    rows = connection.execute(sa.text('SELECT id, conference_id FROM delegates ORDER BY id'))
    taken = {}
    updates = []
    for delegate_id, conference_id in rows.fetchall():
        codes = taken.setdefault(conference_id, set())
        while True:
            code = ''.join(secrets.choice(_ALPHABET) for _ in range(_LENGTH))
            if code not in codes:
                break
        codes.add(code)
        updates.append({'code': code, 'id': delegate_id})
    if updates:
        connection.execute(
            sa.text('UPDATE delegates SET check_in_code = :code WHERE id = :id'), updates
        )
