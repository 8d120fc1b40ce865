"""undo snapshots by part (issue 19)

Revision ID: 0020
Revises: 0019

An undo step no longer holds the whole conference file: it holds the rows of the tables the
change wrote (conferences/undo.py). `snapshot_kind` says which a row of conference_revisions
holds: "conference" (every step saved before this revision: the whole conference file, still
undone as before) or "tables".
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade():
    # A column only: SQLite adds it in place (no table rebuild, so no cascade to worry about).
    with op.batch_alter_table('conference_revisions', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('snapshot_kind', sa.String(length=20), server_default='conference',
                      nullable=False)
        )


def downgrade():
    # The steps saved as tables cannot be read by the older program: they are dropped.
    op.execute("DELETE FROM conference_revisions WHERE snapshot_kind != 'conference'")
    with op.batch_alter_table('conference_revisions', schema=None) as batch_op:
        batch_op.drop_column('snapshot_kind')
