"""accounts of LAN mode; who made each conference change

Revision ID: 0010
Revises: 0009

Issue 18: LAN mode had one shared password and no names. `accounts` holds the named logins (the
install's owner, made at the first LAN start, and colleagues, each with a role); every change
record of a conference (`conference_revisions`) now says who made it. Records made before this
have no author ('': shown as "chưa ghi").
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('accounts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=40), nullable=False),
    sa.Column('display_name', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('password_hash', sa.String(length=300), nullable=False),
    sa.Column('is_owner', sa.Boolean(), nullable=False),
    sa.Column('session_generation', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("role IN ('xem', 'nhap_lieu', 'quan_tri')", name=op.f('ck_accounts_role_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accounts')),
    sa.UniqueConstraint('username', name=op.f('uq_accounts_username'))
    )
    with op.batch_alter_table('conference_revisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('author', sa.String(length=100), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('conference_revisions', schema=None) as batch_op:
        batch_op.drop_column('author')
    op.drop_table('accounts')
