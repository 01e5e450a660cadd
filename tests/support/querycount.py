"""Count SQL statements sent through an engine."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Engine


class StatementLog:
    def __init__(self) -> None:
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        """Statements other than transaction bookkeeping (SAVEPOINT / RELEASE / ROLLBACK TO)."""
        skip = ("SAVEPOINT", "RELEASE", "ROLLBACK")
        return sum(not s.lstrip().upper().startswith(skip) for s in self.statements)


@contextmanager
def count_statements(engine: Engine) -> Iterator[StatementLog]:
    log = StatementLog()

    def _record(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        log.statements.append(statement)

    event.listen(engine, "before_cursor_execute", _record)
    try:
        yield log
    finally:
        event.remove(engine, "before_cursor_execute", _record)
