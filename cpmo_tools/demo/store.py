"""Bulk inserts: plain ``INSERT`` statements with lists of rows, in chunks.

Every row gets the model's own defaults for the columns it leaves out; a column that has
neither a value nor a default is an error here, not a surprise in the database.
"""

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

from pydantic_core import PydanticUndefined
from sqlalchemy import insert, select
from sqlmodel import Session, SQLModel

CHUNK = 5_000
T = TypeVar("T")


def chunks(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    """``items`` in lists of at most ``size``."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def defaults(model: type[SQLModel]) -> dict[str, Any]:
    """The model's static field defaults (not the primary key, not default factories)."""
    return {
        name: info.default
        for name, info in model.model_fields.items()
        if name != "id" and info.default is not PydanticUndefined and info.default_factory is None
    }


def _check(model: type[SQLModel], row: dict[str, Any]) -> None:
    table = model.__table__  # type: ignore[attr-defined]
    unknown = set(row) - set(table.columns.keys())
    missing = [c.name for c in table.columns if c.name not in row and not c.primary_key]
    if unknown or missing:
        raise ValueError(f"{table.name}: unknown columns {sorted(unknown)}, missing {missing}")


def insert_rows(session: Session, model: type[SQLModel], rows: Iterable[dict[str, Any]]) -> int:
    """Insert ``rows`` into ``model``'s table; returns how many."""
    base, count = defaults(model), 0
    table = model.__table__  # type: ignore[attr-defined]
    for chunk in chunks(rows):
        payload = [{**base, **row} for row in chunk]
        _check(model, payload[0])
        session.execute(insert(table), payload)
        count += len(payload)
    return count


def ids_by(session: Session, model: Any, key: Any, *where: Any) -> dict[Any, int]:
    """``key`` value → id for the rows of ``model`` matching ``where``."""
    return {k: v for k, v in session.execute(select(key, model.id).where(*where))}


def one_id(session: Session, model: Any, row: dict[str, Any]) -> int:
    """Insert one row and return its id."""
    insert_rows(session, model, [row])
    return session.execute(select(model.id).where(model.code == row["code"])).scalar_one()
