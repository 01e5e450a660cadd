"""The database objects migration 0016_search adds outside the models, which autogenerate
must leave alone: SQLite's FTS5 tables (and their shadow tables), PostgreSQL's generated
``search_vector`` columns and their GIN indexes."""

from typing import Any

SEARCH_COLUMN = "search_vector"
PREFIX = "search_"


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic's ``include_object`` hook: False for the search structures."""
    name = name or ""
    if type_ == "table" and name.startswith(PREFIX):
        return False
    if type_ == "column" and name == SEARCH_COLUMN:
        return False
    return not (type_ == "index" and name.startswith(f"ix_{PREFIX}"))
