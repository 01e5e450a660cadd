"""server-side page sessions and the sign-in throttle

Revision ID: 0008_sessions
Revises: 0007_integrity
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate writes sqlmodel.sql.sqltypes.AutoString)
from alembic import op

revision: str = '0008_sessions'
down_revision: str | None = '0007_integrity'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('web_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('end_reason', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_web_session_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_web_session'))
    )
    with op.batch_alter_table('web_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_web_session_token_hash'), ['token_hash'], unique=True)
        batch_op.create_index(batch_op.f('ix_web_session_user_id'), ['user_id'], unique=False)

    op.create_table('sign_in_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_attempt'))
    )
    with op.batch_alter_table('sign_in_attempt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_attempt_account'), ['account'], unique=False)
        batch_op.create_index(batch_op.f('ix_sign_in_attempt_address'), ['address'], unique=False)
        batch_op.create_index(batch_op.f('ix_sign_in_attempt_at'), ['at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('sign_in_attempt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_attempt_at'))
        batch_op.drop_index(batch_op.f('ix_sign_in_attempt_address'))
        batch_op.drop_index(batch_op.f('ix_sign_in_attempt_account'))

    op.drop_table('sign_in_attempt')
    with op.batch_alter_table('web_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_web_session_user_id'))
        batch_op.drop_index(batch_op.f('ix_web_session_token_hash'))

    op.drop_table('web_session')
