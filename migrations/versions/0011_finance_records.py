"""finance records: monthly actual spend, yearly forecasts, benefit plans and actuals by year,
department budget lines; a benefit's "not realised" rationale

Revision ID: 0011_finance_records
Revises: 0010_finance
Create Date: 2026-12-03 14:34:40.025795
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate writes sqlmodel.sql.sqltypes.AutoString)
from alembic import op

revision: str = '0011_finance_records'
down_revision: str | None = '0010_finance'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('budget_line',
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('illustrative', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('statement', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('label', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('amount_gbp', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'], name=op.f('fk_budget_line_department_id_department')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_line')),
    sa.UniqueConstraint('code', 'year', name=op.f('uq_budget_line_code'))
    )
    with op.batch_alter_table('budget_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_budget_line_code'), ['code'], unique=False)
        batch_op.create_index(batch_op.f('ix_budget_line_department_id'), ['department_id'], unique=False)

    op.create_table('programme_forecast',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('amount_gbp', sa.BigInteger(), nullable=False),
    sa.Column('rationale', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('set_by', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('set_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_programme_forecast_programme_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_forecast')),
    sa.UniqueConstraint('programme_id', 'year', name=op.f('uq_programme_forecast_programme_id'))
    )
    with op.batch_alter_table('programme_forecast', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_forecast_programme_id'), ['programme_id'], unique=False)

    op.create_table('programme_spend',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('amount_gbp', sa.BigInteger(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('recorded_by', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_programme_spend_programme_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_spend')),
    sa.UniqueConstraint('programme_id', 'month', name=op.f('uq_programme_spend_programme_id'))
    )
    with op.batch_alter_table('programme_spend', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_spend_programme_id'), ['programme_id'], unique=False)

    op.create_table('benefit_year',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('benefit_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('planned_gbp', sa.BigInteger(), nullable=True),
    sa.Column('actual_gbp', sa.BigInteger(), nullable=True),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['benefit_id'], ['benefit.id'], name=op.f('fk_benefit_year_benefit_id_benefit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_benefit_year')),
    sa.UniqueConstraint('benefit_id', 'year', name=op.f('uq_benefit_year_benefit_id'))
    )
    with op.batch_alter_table('benefit_year', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_benefit_year_benefit_id'), ['benefit_id'], unique=False)

    with op.batch_alter_table('benefit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('not_realised', sqlmodel.sql.sqltypes.AutoString(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('benefit', schema=None) as batch_op:
        batch_op.drop_column('not_realised')

    with op.batch_alter_table('benefit_year', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_benefit_year_benefit_id'))

    op.drop_table('benefit_year')
    with op.batch_alter_table('programme_spend', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programme_spend_programme_id'))

    op.drop_table('programme_spend')
    with op.batch_alter_table('programme_forecast', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programme_forecast_programme_id'))

    op.drop_table('programme_forecast')
    with op.batch_alter_table('budget_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_budget_line_department_id'))
        batch_op.drop_index(batch_op.f('ix_budget_line_code'))

    op.drop_table('budget_line')
