"""report snapshots and imports

Revision ID: 0006_reports
Revises: 0005_plans
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate writes sqlmodel.sql.sqltypes.AutoString)
from alembic import op

revision: str = '0006_reports'
down_revision: str | None = '0005_plans'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('gmpp_import',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('portfolio_id', sa.Integer(), nullable=False),
    sa.Column('year', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('encoding', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('transposed', sa.Boolean(), nullable=False),
    sa.Column('price_basis', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('project_count', sa.Integer(), nullable=False),
    sa.Column('notes', sa.JSON(), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('imported_by', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.ForeignKeyConstraint(['portfolio_id'], ['portfolio.id'], name=op.f('fk_gmpp_import_portfolio_id_portfolio')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gmpp_import')),
    sa.UniqueConstraint('portfolio_id', name=op.f('uq_gmpp_import_portfolio_id'))
    )
    with op.batch_alter_table('gmpp_import', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gmpp_import_year'), ['year'], unique=True)

    op.create_table('report_snapshot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('portfolio_id', sa.Integer(), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('label', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('taken_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('taken_by', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['portfolio_id'], ['portfolio.id'], name=op.f('fk_report_snapshot_portfolio_id_portfolio')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_snapshot')),
    sa.UniqueConstraint('portfolio_id', 'as_of', name=op.f('uq_report_snapshot_portfolio_id'))
    )
    with op.batch_alter_table('report_snapshot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_snapshot_portfolio_id'), ['portfolio_id'], unique=False)

    op.create_table('gmpp_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.Column('project_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('project_id_published', sa.Boolean(), nullable=False),
    sa.Column('source_row', sa.Integer(), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('rag_basis', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('ipa_rating_raw', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('sro_rating_raw', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('whole_life_cost_withheld', sa.Boolean(), nullable=False),
    sa.Column('whole_life_cost_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('whole_life_cost_range', sa.JSON(), nullable=True),
    sa.Column('budget_gbp', sa.BigInteger(), nullable=True),
    sa.Column('budget_withheld', sa.Boolean(), nullable=False),
    sa.Column('budget_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('benefits_gbp', sa.BigInteger(), nullable=True),
    sa.Column('benefits_withheld', sa.Boolean(), nullable=False),
    sa.Column('benefits_range', sa.JSON(), nullable=True),
    sa.Column('benefits_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('start_date_raw', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('start_date_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('end_date_raw', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('end_date_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.ForeignKeyConstraint(['import_id'], ['gmpp_import.id'], name=op.f('fk_gmpp_record_import_id_gmpp_import')),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_gmpp_record_programme_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gmpp_record')),
    sa.UniqueConstraint('programme_id', name=op.f('uq_gmpp_record_programme_id'))
    )
    with op.batch_alter_table('gmpp_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gmpp_record_import_id'), ['import_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_gmpp_record_project_id'), ['project_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('gmpp_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gmpp_record_project_id'))
        batch_op.drop_index(batch_op.f('ix_gmpp_record_import_id'))

    op.drop_table('gmpp_record')
    with op.batch_alter_table('report_snapshot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_snapshot_portfolio_id'))

    op.drop_table('report_snapshot')
    with op.batch_alter_table('gmpp_import', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gmpp_import_year'))

    op.drop_table('gmpp_import')
