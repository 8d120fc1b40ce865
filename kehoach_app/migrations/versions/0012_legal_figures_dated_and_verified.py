"""legal figures as dated, verifiable rows; meal rates by where the meeting is held

Revision ID: 0012
Revises: 0011

Issue 16 (docs/legal-figures.md): every legal figure is a dated row with a status — shipped
unverified, or confirmed by the officer against the text (with the date).

- base_salaries, norms: an end date (base salaries), a status, the confirmation's date and name,
  a version (the confirm button's check that the row did not change meanwhile);
- award_rates: an award form's coefficient and collective multiplier over a period. Each form's
  current figures become one row from 01/7/2025 (Nghị định 152/2025/NĐ-CP), unverified: before
  this a decision dated earlier was priced at these rates, silently;
- award_rounding_rules: the rounding of award money over a period (seeded by the catalogue);
- norm_profiles: the province's resolution (number, date, issuer), entered once per profile;
- meal support (Thông tư 40/2017/TT-BTC, Điều 12 khoản 4) is by where the meeting is held, not
  by the organiser's level: in the national profile meal_tinh (200.000, "cấp tỉnh") becomes
  meal_tp_trung_uong (a: nội thành of a centrally-run city) and meal_huyen (150.000) becomes
  meal_tinh (b: a provincial city or elsewhere in a province); a setting or a line that said
  "huyen" now says "tinh" (the same 150.000). The rows are unverified either way.
"""
import datetime as dt

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

RATES_FROM = dt.date(2025, 7, 1)

_STATUS = dict(server_default='unverified', nullable=False)


def _status_columns(batch_op):
    batch_op.add_column(sa.Column('status', sa.String(length=12), **_STATUS))
    batch_op.add_column(sa.Column('confirmed_on', sa.Date(), nullable=True))
    batch_op.add_column(
        sa.Column('confirmed_by', sa.String(length=200), server_default='', nullable=False)
    )


def upgrade():
    with op.batch_alter_table('base_salaries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('effective_to', sa.Date(), nullable=True))
        _status_columns(batch_op)
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    with op.batch_alter_table('norms', schema=None) as batch_op:
        _status_columns(batch_op)
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    with op.batch_alter_table('norm_profiles', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('resolution_number', sa.String(length=100), server_default='', nullable=False)
        )
        batch_op.add_column(sa.Column('resolution_date', sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column('resolution_issuer', sa.String(length=300), server_default='', nullable=False)
        )

    op.create_table('award_rates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('form_id', sa.Integer(), nullable=False),
    sa.Column('coefficient_milli', sa.Integer(), nullable=False),
    sa.Column('collective_multiplier_milli', sa.Integer(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('effective_to', sa.Date(), nullable=True),
    sa.Column('legal_basis', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), **_STATUS),
    sa.Column('confirmed_on', sa.Date(), nullable=True),
    sa.Column('confirmed_by', sa.String(length=200), server_default='', nullable=False),
    sa.CheckConstraint('coefficient_milli >= 0', name=op.f('ck_award_rates_coefficient_positive')),
    sa.CheckConstraint('collective_multiplier_milli >= 0', name=op.f('ck_award_rates_multiplier_positive')),
    sa.ForeignKeyConstraint(['form_id'], ['award_forms.id'], name=op.f('fk_award_rates_form_id_award_forms'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_rates'))
    )
    with op.batch_alter_table('award_rates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_award_rates_form_id'), ['form_id'], unique=False)

    op.create_table('award_rounding_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit', sa.Integer(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('effective_to', sa.Date(), nullable=True),
    sa.Column('legal_basis', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), **_STATUS),
    sa.Column('confirmed_on', sa.Date(), nullable=True),
    sa.Column('confirmed_by', sa.String(length=200), server_default='', nullable=False),
    sa.CheckConstraint('unit >= 1', name=op.f('ck_award_rounding_rules_unit_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_rounding_rules')),
    sa.UniqueConstraint('effective_from', name=op.f('uq_award_rounding_rules_effective_from'))
    )

    connection = op.get_bind()
    forms = connection.execute(
        sa.text(
            'SELECT id, coefficient_milli, collective_multiplier_milli, legal_basis '
            'FROM award_forms'
        )
    ).fetchall()
    for form_id, coefficient, multiplier, basis in forms:
        connection.execute(
            sa.text(
                'INSERT INTO award_rates (form_id, coefficient_milli, '
                'collective_multiplier_milli, effective_from, legal_basis, version, status, '
                'confirmed_by) VALUES (:form, :c, :m, :day, :basis, 1, \'unverified\', \'\')'
            ),
            {'form': form_id, 'c': coefficient, 'm': multiplier, 'day': RATES_FROM,
             'basis': basis or ''},
        )

    national = [
        row[0]
        for row in connection.execute(
            sa.text("SELECT id FROM norm_profiles WHERE kind = 'national'")
        )
    ]
    for profile_id in national:
        codes = {
            row[0]
            for row in connection.execute(
                sa.text('SELECT code FROM norms WHERE profile_id = :p'), {'p': profile_id}
            )
        }
        if 'meal_tinh' in codes and 'meal_tp_trung_uong' not in codes:
            connection.execute(
                sa.text(
                    "UPDATE norms SET code = 'meal_tp_trung_uong', name = :name "
                    "WHERE profile_id = :p AND code = 'meal_tinh'"
                ),
                {'p': profile_id, 'name': 'Hỗ trợ tiền ăn — cuộc họp tại nội thành thành phố '
                 'trực thuộc trung ương'},
            )
        if 'meal_huyen' in codes:
            connection.execute(
                sa.text(
                    "UPDATE norms SET code = 'meal_tinh', name = :name "
                    "WHERE profile_id = :p AND code = 'meal_huyen'"
                ),
                {'p': profile_id, 'name': 'Hỗ trợ tiền ăn — cuộc họp tại nội thành thành phố '
                 'thuộc tỉnh hoặc tại các xã, phường của tỉnh'},
            )
    connection.execute(
        sa.text("UPDATE budget_settings SET meal_location = 'tinh' WHERE meal_location = 'huyen'")
    )
    connection.execute(
        sa.text("UPDATE budget_lines SET norm_code = 'meal_tinh' WHERE norm_code = 'meal_huyen'")
    )


def downgrade():
    op.drop_table('award_rounding_rules')
    with op.batch_alter_table('award_rates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_award_rates_form_id'))
    op.drop_table('award_rates')
    with op.batch_alter_table('norm_profiles', schema=None) as batch_op:
        batch_op.drop_column('resolution_issuer')
        batch_op.drop_column('resolution_date')
        batch_op.drop_column('resolution_number')
    with op.batch_alter_table('norms', schema=None) as batch_op:
        for name in ('version', 'confirmed_by', 'confirmed_on', 'status'):
            batch_op.drop_column(name)
    with op.batch_alter_table('base_salaries', schema=None) as batch_op:
        for name in ('version', 'confirmed_by', 'confirmed_on', 'status', 'effective_to'):
            batch_op.drop_column(name)
