"""Dump every table's rows, for comparing database states in tests."""

from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from cpmo.db import metadata


def dump_tables(session: Session, skip: tuple[str, ...] = ()) -> dict[str, list[tuple[Any, ...]]]:
    """All rows of all tables, ordered by primary key."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    for table in metadata.sorted_tables:
        if table.name in skip:
            continue
        query = select(table).order_by(*table.primary_key.columns)
        out[table.name] = [tuple(row) for row in session.execute(query)]
    return out
