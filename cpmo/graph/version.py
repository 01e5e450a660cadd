"""The graph version: read it, lock it, bump it — and bump it on every change, automatically.

A cached graph is keyed on (database, version, stamp). The stamp is random per change, so a
change that was rolled back can never be mistaken for a later one with the same number.
Any flush that inserts, deletes or edits a row the graph is built from bumps the version in
the same transaction (a ``before_flush`` listener on cpmo's sessionmakers, see :func:`track`),
so every process sees a change. Bulk SQL
statements bypass the listener: whoever issues them calls ``bump`` (as the seed reset does).
"""

import uuid
from typing import Any

from sqlalchemy import event, insert, inspect, select, update
from sqlalchemy.orm import Session

from cpmo.graph.models import GraphState

STATE = GraphState.__table__  # type: ignore[attr-defined]
_TRACKED = "_cpmo_tracks_graph_version"
PROVENANCE = ("source", "illustrative")
# table → the attributes a graph node is built from (None: any change counts)
TRACKED: dict[str, tuple[str, ...] | None] = {
    "programme": (
        "code",
        "name",
        "planned_start",
        "planned_end",
        "portfolio_id",
        "department_id",
        *PROVENANCE,
    ),
    "objective": ("code", "title", "department_id", *PROVENANCE),
    "benefit": (
        "code",
        "title",
        "value_gbp",
        "per_year",
        "part_of_id",
        "programme_id",
        *PROVENANCE,
    ),
    "portfolio": ("code",),
    "department": ("code",),
    "csp_priority": ("code", "name", *PROVENANCE),
    "kpi": ("code", "name", *PROVENANCE),
    "graph_node": None,
    "graph_edge": None,
}


def read(session: Session) -> tuple[int, str]:
    """The current (version, stamp); (0, 'missing') if the state row is absent."""
    row = session.execute(select(STATE.c.version, STATE.c.stamp).where(STATE.c.id == 1)).first()
    return (row[0], row[1]) if row else (0, "missing")


def lock(session: Session) -> None:
    """Take the graph's write lock for this transaction (row lock on PostgreSQL).

    Writers lock before reading the graph they check a change against, so two concurrent
    edges can never each pass the cycle check and together close a cycle.
    """
    query = select(STATE.c.version).where(STATE.c.id == 1).with_for_update()
    if session.execute(query).first() is None:
        bump(session)


def bump(session: Session) -> None:
    """Advance the version and draw a new stamp, in the session's transaction."""
    connection = session.connection()
    stamp = uuid.uuid4().hex
    changed = connection.execute(
        update(STATE).where(STATE.c.id == 1).values(version=STATE.c.version + 1, stamp=stamp)
    )
    if changed.rowcount == 0:
        connection.execute(insert(STATE).values(id=1, version=1, stamp=stamp))


def _touches_graph(obj: Any, any_change: bool) -> bool:
    """Whether obj is a row the graph is built from and (if not any_change) a tracked edit."""
    table = getattr(type(obj), "__tablename__", None)
    if table not in TRACKED:
        return False
    names = TRACKED[table]
    if any_change or names is None:
        return True
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


def track(target: Any) -> None:
    """Bump the version on every flush of ``target``'s sessions that changes the graph.

    ``target`` is a sessionmaker (or one session). cpmo's own sessionmakers are tracked where
    they are made (:func:`cpmo.db.make_sessionmaker`, and any factory handed to
    :func:`cpmo.app.init_db`); other sessions in the process are left alone. Idempotent.
    """
    # a mark on the target, not event.contains: SQLAlchemy's registry is keyed by id(), and a
    # new sessionmaker may reuse the id of one that is gone
    if not getattr(target, _TRACKED, False):
        event.listen(target, "before_flush", _bump_when_the_graph_changes)
        setattr(target, _TRACKED, True)


def _bump_when_the_graph_changes(session: Session, _context: Any, _instances: Any) -> None:
    """Bump the version once per flush that adds, deletes or edits graph rows."""
    added_or_deleted = (*session.new, *session.deleted)
    if any(_touches_graph(o, True) for o in added_or_deleted) or any(
        _touches_graph(o, False) for o in session.dirty
    ):
        bump(session)
