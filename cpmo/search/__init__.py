"""One search over programmes, business cases, plans, plan actions, risks, workshops and
workshop candidates, by the database's own full-text search (FTS5 on SQLite, tsvector on
PostgreSQL)."""
