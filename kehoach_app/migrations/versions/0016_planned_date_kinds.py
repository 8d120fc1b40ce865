"""planned dates as offices write them before they know the day (issue 17)

Revision ID: 0016
Revises: 0015

Reserved in the chain at the start of the session of 04/12/2026 so that the parts built at the
same time keep one line of revisions. The conference's date may be one of two days, a part of a
month or a quarter ("dự kiến", "có Giấy mời sau"): `date` stays the latest possible day and the
new columns say how it is worded (docs/planned-dates.md). A task's deadline gets its wording
("trước ngày …", "chậm nhất vào ngày …", "trước ngày tổ chức … ít nhất … ngày"). Every existing
conference is "exact" and every task keeps the program's words ('').
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade():
    # Columns only, no CHECK constraint: adding one makes SQLite rebuild the table, and with
    # foreign keys on, dropping the old conferences table would cascade to every part's rows
    # (0011). The codes are checked by the forms and the conference file's schema.
    with op.batch_alter_table('conferences', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('date_kind', sa.String(length=12), server_default='exact', nullable=False)
        )
        batch_op.add_column(sa.Column('date_other', sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column('month_part', sa.String(length=8), server_default='', nullable=False)
        )
        batch_op.add_column(
            sa.Column('date_tentative', sa.Boolean(), server_default='0', nullable=False)
        )
        batch_op.add_column(
            sa.Column('date_note', sa.String(length=300), server_default='', nullable=False)
        )
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('deadline_words', sa.String(length=20), server_default='', nullable=False)
        )


def downgrade():
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_column('deadline_words')
    with op.batch_alter_table('conferences', schema=None) as batch_op:
        batch_op.drop_column('date_note')
        batch_op.drop_column('date_tentative')
        batch_op.drop_column('month_part')
        batch_op.drop_column('date_other')
        batch_op.drop_column('date_kind')
