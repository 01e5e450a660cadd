"""Create-or-update rows by natural key, touching only what changed (so a re-load is a no-op)."""

from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, SQLModel, select


class Rows:
    """The existing rows of ``model`` matching ``where``, keyed by ``key`` fields."""

    def __init__(
        self, session: Session, model: type[SQLModel], key: tuple[str, ...], *where: Any
    ) -> None:
        self.session, self.model, self.key = session, model, key
        query = select(model).where(*where) if where else select(model)
        self.rows = {self._key_of(row): row for row in session.exec(query)}

    def _key_of(self, row: Any) -> tuple[Any, ...]:
        return tuple(getattr(row, k) for k in self.key)

    def put(self, values: dict[str, Any], insert_only: Iterable[str] = ()) -> Any:
        """The row with ``values``' key, created or updated; ``insert_only`` fields are set only
        when the row is created."""
        key = tuple(values[k] for k in self.key)
        row = self.rows.get(key)
        if row is None:
            row = self.model(**values)
            self.session.add(row)
            self.rows[key] = row
            return row
        skip = set(insert_only)
        for name, value in values.items():
            if name not in skip and getattr(row, name) != value:
                setattr(row, name, value)
        return row


def sync_pairs(
    session: Session,
    model: type[SQLModel],
    owner_field: str,
    other_field: str,
    wanted: dict[int, set[int]],
) -> None:
    """Make the association rows of each owner in ``wanted`` exactly its set."""
    if not wanted:
        return
    owner_column = getattr(model, owner_field)
    existing: dict[int, set[int]] = {}
    query = select(owner_column, getattr(model, other_field)).where(owner_column.in_(wanted))
    for owner, other in session.exec(query):
        existing.setdefault(owner, set()).add(other)
    for owner, others in wanted.items():
        have = existing.get(owner, set())
        stale = have - others
        if stale:
            other_column = getattr(model, other_field)
            session.exec(delete(model).where(owner_column == owner, other_column.in_(stale)))
        session.add_all(model(**{owner_field: owner, other_field: o}) for o in others - have)
