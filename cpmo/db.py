"""Engines and sessions. No Flask here: the app factory and the CLI wire these in.

One engine per app; one session (one transaction) per request or CLI command.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session, SQLModel, create_engine

from cpmo.config import PoolSettings

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SQLModel.metadata.naming_convention = NAMING_CONVENTION
metadata: MetaData = SQLModel.metadata


# Execution option marking a unit of work that will write: on SQLite it takes the write lock
# at BEGIN (BEGIN IMMEDIATE), so concurrent writers queue instead of failing with "locked".
WRITE_INTENT = "cpmo_write_intent"


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every database (SQLite drops the offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


def _configure_sqlite(engine: Engine) -> None:
    """Real transactions on SQLite: foreign keys on, explicit BEGIN, wait when locked.

    pysqlite's own transaction handling defers BEGIN and breaks SAVEPOINT; we emit BEGIN
    ourselves as the SQLAlchemy documentation recommends.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # type: ignore[no-untyped-def]
        immediate = connection.get_execution_options().get(WRITE_INTENT)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str, **kwargs: object) -> Engine:
    """An engine for ``url`` with cpmo's per-dialect settings.

    SQLite URLs may be plain files or URI filenames (``sqlite:///file:/path/db?mode=ro&uri=true``
    opens the file read-only).
    """
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)
        _configure_sqlite(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def pool_options(url: str, pool: PoolSettings) -> dict[str, Any]:
    """Connection pool arguments for ``url``: the configured pool on PostgreSQL (with a
    liveness check on every checkout, so a restarted database is reconnected to instead of
    failing every request on a dead connection); nothing on SQLite, which keeps its own."""
    if url.startswith("sqlite"):
        return {}
    return {
        "pool_size": pool.size,
        "max_overflow": pool.max_overflow,
        "pool_timeout": pool.timeout,
        "pool_recycle": pool.recycle or -1,
        "pool_pre_ping": True,
    }


# Session.info key under which a session carries the audit keyring (see workflows/audit_store).
AUDIT_KEYRING = "cpmo_audit_keyring"


# Session.info key under which a session carries its password hash method (see users.service).
PASSWORD_HASH_METHOD = "cpmo_password_hash_method"


def make_sessionmaker(
    engine: Engine, *, audit_keyring: object = None, password_hash_method: str | None = None
) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit (handy for returning results), carrying
    the audit keyring when given (needed to append to or verify the audit chain), the password
    hash method when given (scrypt otherwise), and bumping the graph version on every change to
    the graph (:func:`cpmo.graph.version.track`)."""
    from cpmo.graph.version import track  # the graph's tables import this module

    info: dict[str, object] = {AUDIT_KEYRING: audit_keyring} if audit_keyring is not None else {}
    if password_hash_method is not None:
        info[PASSWORD_HASH_METHOD] = password_hash_method
    factory = sessionmaker(bind=engine, class_=Session, expire_on_commit=False, info=info)
    track(factory)
    return factory


def writing_session(factory: sessionmaker[Session]) -> Session:
    """A session whose transaction announces it will write (see WRITE_INTENT)."""
    bind = factory.kw.get("bind")
    if isinstance(bind, Engine):
        return factory(bind=bind.execution_options(**{WRITE_INTENT: True}))
    return factory()


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work that writes: commit on success, roll back on any error."""
    session = writing_session(factory)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
