"""certificate layouts, printer offsets, remembered column mappings (issue 20)

Revision ID: 0018
Revises: 0017

In phôi (issue 20, part 1): `certificate_layouts` — one award form's certificate layout for one
conference (paper, orientation, the fields' boxes in millimetres as JSON, the shared texts);
`printer_offsets` — each printer's x/y offset in tenths of a millimetre, shared by the machine.
Both declared identically in kehoach_app/awards/certificates_models.py.

Part 2 of issue 20 (the import from the decision, engineer H2) adds the remembered column
mappings to this same revision.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('certificate_layouts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('form_code', sa.String(length=60), nullable=False),
    sa.Column('paper', sa.String(length=4), nullable=False),
    sa.Column('orientation', sa.String(length=10), nullable=False),
    sa.Column('fields_json', sa.Text(), nullable=False),
    sa.Column('texts_json', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("paper IN ('A4', 'A3')", name=op.f('ck_certificate_layouts_paper_known')),
    sa.CheckConstraint("orientation IN ('landscape', 'portrait')", name=op.f('ck_certificate_layouts_orientation_known')),
    sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'], name=op.f('fk_certificate_layouts_conference_id_conferences'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate_layouts')),
    sa.UniqueConstraint('conference_id', 'form_code', name=op.f('uq_certificate_layouts_conference_id'))
    )
    with op.batch_alter_table('certificate_layouts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificate_layouts_conference_id'), ['conference_id'], unique=False)

    op.create_table('printer_offsets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('dx_tenths', sa.Integer(), nullable=False),
    sa.Column('dy_tenths', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('dx_tenths BETWEEN -500 AND 500', name=op.f('ck_printer_offsets_dx_range')),
    sa.CheckConstraint('dy_tenths BETWEEN -500 AND 500', name=op.f('ck_printer_offsets_dy_range')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_printer_offsets')),
    sa.UniqueConstraint('name', name=op.f('uq_printer_offsets_name'))
    )
    # H2 (issue 20, part 2): the remembered column mappings of the decision import
    # (kehoach_app/awards/decision_import_models.py), shared by the machine.
    op.create_table('award_import_mappings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('signature', sa.String(length=64), nullable=False),
    sa.Column('headers_json', sa.Text(), nullable=False),
    sa.Column('roles_json', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_import_mappings')),
    sa.UniqueConstraint('signature', name=op.f('uq_award_import_mappings_signature'))
    )


def downgrade():
    op.drop_table('award_import_mappings')
    op.drop_table('printer_offsets')
    with op.batch_alter_table('certificate_layouts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificate_layouts_conference_id'))
    op.drop_table('certificate_layouts')
