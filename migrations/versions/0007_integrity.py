"""integrity: keyed audit chain, draft revisions and their authors

Revision ID: 0007_integrity
Revises: 0006_reports
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate writes sqlmodel.sql.sqltypes.AutoString)
from alembic import op

revision: str = '0007_integrity'
down_revision: str | None = '0006_reports'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('key_id', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True))
    with op.batch_alter_table('audit_head', schema=None) as batch_op:
        batch_op.add_column(sa.Column('legacy_until', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('key_id', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True))
        batch_op.add_column(sa.Column('mac', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
    # entries written before the chain was keyed stay verifiable by their plain hashes
    op.execute('UPDATE audit_head SET legacy_until = sequence')
    with op.batch_alter_table('business_case', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revision', sa.Integer(), nullable=False, server_default='1'))
        batch_op.add_column(sa.Column('content_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
    op.create_table('business_case_edit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('content_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['app_user.id'], name=op.f('fk_business_case_edit_author_id_app_user')),
    sa.ForeignKeyConstraint(['case_id'], ['business_case.id'], name=op.f('fk_business_case_edit_case_id_business_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_business_case_edit')),
    sa.UniqueConstraint('case_id', 'revision', name=op.f('uq_business_case_edit_case_id'))
    )
    with op.batch_alter_table('business_case_edit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_business_case_edit_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_business_case_edit_case_id'), ['case_id'], unique=False)
    # each existing version's creator is its first author
    op.execute(
        "INSERT INTO business_case_edit (case_id, revision, author_id, content_sha256, created_at) "
        "SELECT id, 1, created_by_id, '', created_at FROM business_case"
    )


def downgrade() -> None:
    with op.batch_alter_table('business_case_edit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_business_case_edit_case_id'))
        batch_op.drop_index(batch_op.f('ix_business_case_edit_author_id'))
    op.drop_table('business_case_edit')
    with op.batch_alter_table('business_case', schema=None) as batch_op:
        batch_op.drop_column('content_sha256')
        batch_op.drop_column('revision')
    with op.batch_alter_table('audit_head', schema=None) as batch_op:
        batch_op.drop_column('mac')
        batch_op.drop_column('key_id')
        batch_op.drop_column('legacy_until')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_column('key_id')
