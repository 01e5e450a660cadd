"""Database failures are named by what they mean for the client, from SQLite result codes and
PostgreSQL SQLSTATEs (real driver exceptions, wrapped as SQLAlchemy wraps them)."""

import sqlite3

import psycopg
import pytest
from sqlalchemy.exc import DBAPIError, ProgrammingError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from cpmo import db_failures


def _sqlite(message: str, code: int) -> DBAPIError:
    orig = sqlite3.OperationalError(message)
    orig.sqlite_errorcode = code  # type: ignore[attr-defined]
    return DBAPIError.instance("INSERT …", {}, orig, sqlite3.Error)


def _postgres(orig: Exception) -> DBAPIError:
    return DBAPIError.instance("INSERT …", {}, orig, psycopg.Error)


@pytest.mark.parametrize(
    ("message", "code", "kind", "status"),
    [
        ("attempt to write a readonly database", 8, "read_only", 503),
        ("attempt to write a readonly database", 1032, "unavailable", 503),  # file moved
        ("database or disk is full", 13, "storage_full", 507),
        ("unable to open database file", 14, "unavailable", 503),
        ("file is not a database", 26, "damaged", 503),
        ("database is locked", 5, "busy", 503),
        ("disk I/O error", 10 | (3 << 8), "unavailable", 503),
        ("no such table: alembic_version", 1, "not_set_up", 503),
    ],
)
def test_sqlite_result_codes(message: str, code: int, kind: str, status: int) -> None:
    failure = db_failures.classify(_sqlite(message, code))
    assert failure is not None and (failure.kind, failure.status) == (kind, status)


@pytest.mark.parametrize(
    ("orig", "kind"),
    [
        (psycopg.errors.ReadOnlySqlTransaction("cannot execute INSERT"), "read_only"),
        (psycopg.errors.DiskFull("could not extend file"), "storage_full"),
        (psycopg.errors.AdminShutdown("terminating connection"), "unavailable"),
        (psycopg.errors.ConnectionFailure("connection failure"), "unavailable"),
        (psycopg.errors.TooManyConnections("too many clients"), "busy"),
        (psycopg.errors.UndefinedTable('relation "alembic_version" does not exist'), "not_set_up"),
        (
            psycopg.errors.InsufficientPrivilege("permission denied for table programme"),
            "permission_denied",
        ),
        (psycopg.OperationalError("server closed the connection unexpectedly"), "unavailable"),
    ],
)
def test_postgresql_sqlstates_and_lost_connections(orig: Exception, kind: str) -> None:
    failure = db_failures.classify(_postgres(orig))
    assert failure is not None and failure.kind == kind


def test_the_messages_name_the_condition_and_503s_say_when_to_retry() -> None:
    assert "read-only" in db_failures.READ_ONLY.detail
    assert "storage is full" in db_failures.STORAGE_FULL.detail
    assert "unavailable" in db_failures.UNAVAILABLE.detail
    for failure in (db_failures.READ_ONLY, db_failures.UNAVAILABLE, db_failures.BUSY):
        assert failure.status == 503 and failure.retry_after


def test_an_exhausted_pool_is_busy_and_a_programming_error_is_not_a_database_condition() -> None:
    assert db_failures.classify(PoolTimeout("QueuePool limit reached")) == db_failures.BUSY
    bug = ProgrammingError("SELECT nope", {}, psycopg.errors.UndefinedColumn("no column nope"))
    assert db_failures.classify(bug) is None
    assert db_failures.classify(ValueError("not a database error")) is None
