"""Search: full-text indexes over programmes, business cases, plans, plan actions, risks,
workshops and workshop candidates

SQLite: one external-content FTS5 table per searched table (its content a view giving each
row's title and body), kept in step by triggers and filled once here. PostgreSQL: a generated
``search_vector`` tsvector column per searched table (title weighted A, body B) with a GIN index.

The columns below must match ``cpmo.search.sources`` (migrations never import cpmo). A later
SQLite migration that rebuilds one of these tables in batch mode drops its triggers: it must
create them again (the search tests fail at head if it does not).

Revision ID: 0016_search
Revises: 0015_document_attachments
Create Date: 2026-12-04 20:05:00.000000
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0016_search'
down_revision: str | None = '0015_document_attachments'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table → (title column, body columns); the business case's body is its content's strings
TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    'programme': ('name', ('description', 'senior_responsible_owner', 'code')),
    'business_case': ('kind', ()),
    'business_plan': (
        'title',
        ('description', 'organisation', 'directorate', 'unit', 'responsible_officer', 'code'),
    ),
    'plan_action': (
        'title',
        ('description', 'intended_outcome', 'success_measures', 'accountable_officer', 'number'),
    ),
    'risk': ('title', ('description', 'mitigation', 'owner', 'code')),
    'plan_risk': (
        'title',
        ('cause', 'event', 'impact_description', 'mitigation', 'owner', 'code'),
    ),
    'workshop': ('name', ('description', 'code')),
    'workshop_candidate': ('name', ('description', 'merge_note', 'key')),
}
TOKENIZE = 'porter unicode61 remove_diacritics 2'


def _sqlite_body(table: str, row: str) -> str:
    if table == 'business_case':
        return (
            f"coalesce((SELECT group_concat(value, ' ') FROM json_tree({row}.content) "
            "WHERE type = 'text'), '')"
        )
    _, body = TABLES[table]
    return " || ' ' || ".join(f"coalesce({row}.{c}, '')" for c in body)


def _pg_body(table: str) -> str:
    if table == 'business_case':
        return "json_to_tsvector('english', content, '[\"string\"]')"
    _, body = TABLES[table]
    joined = " || ' ' || ".join(f"coalesce({c}, '')" for c in body)
    return f"to_tsvector('english', {joined})"


def _sqlite_upgrade() -> None:
    for table, (title, body) in TABLES.items():
        fts, src = f'search_{table}_fts', f'search_{table}_src'
        op.execute(
            f'CREATE VIEW {src} AS SELECT t.id AS id, t.{title} AS title, '
            f'{_sqlite_body(table, "t")} AS body FROM {table} t'
        )
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5(title, body, content='{src}', "
            f"content_rowid='id', tokenize='{TOKENIZE}')"
        )
        new = f'INSERT INTO {fts}(rowid, title, body) VALUES (new.id, new.{title}, {_sqlite_body(table, "new")});'
        old = (
            f"INSERT INTO {fts}({fts}, rowid, title, body) "
            f"VALUES ('delete', old.id, old.{title}, {_sqlite_body(table, 'old')});"
        )
        watched = ', '.join((title, *body) if body else (title, 'content'))
        op.execute(f'CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN {new} END')
        op.execute(f'CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN {old} END')
        op.execute(
            f'CREATE TRIGGER {fts}_au AFTER UPDATE OF {watched} ON {table} BEGIN {old} {new} END'
        )
        # the initial fill (FTS5's 'rebuild' fails on a view with a json_tree subquery)
        op.execute(f'INSERT INTO {fts}(rowid, title, body) SELECT id, title, body FROM {src}')


def _sqlite_downgrade() -> None:
    for table in TABLES:
        fts = f'search_{table}_fts'
        for suffix in ('ai', 'ad', 'au'):
            op.execute(f'DROP TRIGGER IF EXISTS {fts}_{suffix}')
        op.execute(f'DROP TABLE IF EXISTS {fts}')
        op.execute(f'DROP VIEW IF EXISTS search_{table}_src')


def _pg_upgrade() -> None:
    for table, (title, _) in TABLES.items():
        op.execute(
            f'ALTER TABLE {table} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ('
            f"setweight(to_tsvector('english', coalesce({title}, '')), 'A') || "
            f"setweight({_pg_body(table)}, 'B')) STORED"
        )
        op.execute(f'CREATE INDEX ix_search_{table} ON {table} USING gin (search_vector)')


def _pg_downgrade() -> None:
    for table in TABLES:
        op.execute(f'DROP INDEX IF EXISTS ix_search_{table}')
        op.execute(f'ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector')


def upgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        _sqlite_upgrade()
    else:
        _pg_upgrade()


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        _sqlite_downgrade()
    else:
        _pg_downgrade()
