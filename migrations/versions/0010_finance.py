"""finance: a portfolio's financial year; benefits contained in others, their owner and measure

Revision ID: 0010_finance
Revises: 0009_workshop_plan_owners
Create Date: 2026-12-03 14:15:10.625422
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate writes sqlmodel.sql.sqltypes.AutoString)
from alembic import op

revision: str = '0010_finance'
down_revision: str | None = '0009_workshop_plan_owners'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('benefit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('part_of_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('owner', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True))
        batch_op.add_column(sa.Column('measure', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_benefit_part_of_id_benefit'), 'benefit', ['part_of_id'], ['id'])

    with op.batch_alter_table('portfolio', schema=None) as batch_op:
        batch_op.add_column(sa.Column('year_start_month', sa.Integer(), server_default='1', nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('portfolio', schema=None) as batch_op:
        batch_op.drop_column('year_start_month')

    with op.batch_alter_table('benefit', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_benefit_part_of_id_benefit'), type_='foreignkey')
        batch_op.drop_column('measure')
        batch_op.drop_column('owner')
        batch_op.drop_column('part_of_id')

