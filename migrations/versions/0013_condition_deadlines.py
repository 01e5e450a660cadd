"""Conditions: the gate whose submission a condition must be met before, and a returned
discharge (who, when, why)

Revision ID: 0013_condition_deadlines
Revises: 0012_gmpp_stage_money
Create Date: 2026-12-04 19:20:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate writes sqlmodel.sql.sqltypes.AutoString)
from alembic import op

revision: str = '0013_condition_deadlines'
down_revision: str | None = '0012_gmpp_stage_money'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('condition', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('before_submitting', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True)
        )
        batch_op.add_column(
            sa.Column('returned_by', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True)
        )
        batch_op.add_column(sa.Column('returned_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column('return_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table('condition', schema=None) as batch_op:
        batch_op.drop_column('return_reason')
        batch_op.drop_column('returned_at')
        batch_op.drop_column('returned_by')
        batch_op.drop_column('before_submitting')
