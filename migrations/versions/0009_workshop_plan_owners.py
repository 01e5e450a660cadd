"""plan owners and editors; risk assessment history

Revision ID: 0009_workshop_plan_owners
Revises: 0008_sessions
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate writes sqlmodel.sql.sqltypes.AutoString)
from alembic import op

revision: str = '0009_workshop_plan_owners'
down_revision: str | None = '0008_sessions'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('plan_editor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('added_by', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['business_plan.id'], name=op.f('fk_plan_editor_plan_id_business_plan')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_plan_editor_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_editor')),
    sa.UniqueConstraint('plan_id', 'user_id', name=op.f('uq_plan_editor_plan_id'))
    )
    with op.batch_alter_table('plan_editor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_editor_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_editor_user_id'), ['user_id'], unique=False)

    op.create_table('plan_risk_assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('risk_id', sa.Integer(), nullable=False),
    sa.Column('old_likelihood', sa.Integer(), nullable=True),
    sa.Column('old_impact', sa.Integer(), nullable=True),
    sa.Column('old_score', sa.Integer(), nullable=True),
    sa.Column('old_tolerance', sa.Integer(), nullable=True),
    sa.Column('new_likelihood', sa.Integer(), nullable=True),
    sa.Column('new_impact', sa.Integer(), nullable=True),
    sa.Column('new_score', sa.Integer(), nullable=True),
    sa.Column('new_tolerance', sa.Integer(), nullable=True),
    sa.Column('rationale', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('changed_by', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('audit_sequence', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['risk_id'], ['plan_risk.id'], name=op.f('fk_plan_risk_assessment_risk_id_plan_risk')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_risk_assessment'))
    )
    with op.batch_alter_table('plan_risk_assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_risk_assessment_risk_id'), ['risk_id'], unique=False)

    with op.batch_alter_table('business_plan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_business_plan_owner_id_app_user'), 'app_user', ['owner_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('business_plan', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_business_plan_owner_id_app_user'), type_='foreignkey')
        batch_op.drop_column('owner_id')

    with op.batch_alter_table('plan_risk_assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_risk_assessment_risk_id'))

    op.drop_table('plan_risk_assessment')
    with op.batch_alter_table('plan_editor', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_editor_user_id'))
        batch_op.drop_index(batch_op.f('ix_plan_editor_plan_id'))

    op.drop_table('plan_editor')
