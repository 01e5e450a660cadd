"""What a database failure means for the person waiting: unavailable, read-only, storage full,
damaged or busy. No Flask here: the API turns a :class:`Failure` into problem+json and the
pages into an error page.

Recognised from SQLite's result codes and PostgreSQL's SQLSTATEs (message text only as a
fallback); anything else that is an operational error stays a plain 503 "unavailable".
"""

from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout


@dataclass(frozen=True)
class Failure:
    kind: str
    status: int
    detail: str
    retry_after: int | None = None


UNAVAILABLE = Failure(
    "unavailable", 503, "The database is unavailable; try again shortly.", retry_after=5
)
BUSY = Failure("busy", 503, "The database is busy; try again shortly.", retry_after=5)
READ_ONLY = Failure(
    "read_only",
    503,
    "The database is read-only just now: nothing was saved, but you can still read. "
    "Try again later, or ask the administrator.",
    retry_after=60,
)
STORAGE_FULL = Failure(
    "storage_full",
    507,
    "The database's storage is full: nothing was saved. Ask the administrator to free space, "
    "then try again.",
)
DAMAGED = Failure(
    "damaged",
    503,
    "The database cannot be read: its file is damaged or is not a cpmo database. "
    "Ask the administrator to restore it from a backup.",
    retry_after=60,
)
NOT_SET_UP = Failure(
    "not_set_up",
    503,
    "The database is not set up for this version of cpmo: the administrator needs to run "
    "`cpmo db upgrade`.",
    retry_after=60,
)
PERMISSION_DENIED = Failure(
    "permission_denied",
    503,
    "The database refused cpmo permission to read or change its data: nothing was saved. "
    "Ask the administrator to restore cpmo's database privileges.",
    retry_after=60,
)

# SQLite primary result codes (the low byte of the extended code)
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26
SQLITE_READONLY_DBMOVED = SQLITE_READONLY | (4 << 8)  # the file was moved or deleted
SQLITE_CODES = {
    SQLITE_BUSY: BUSY,
    SQLITE_LOCKED: BUSY,
    SQLITE_READONLY: READ_ONLY,
    SQLITE_IOERR: UNAVAILABLE,
    SQLITE_CORRUPT: DAMAGED,
    SQLITE_FULL: STORAGE_FULL,
    SQLITE_CANTOPEN: UNAVAILABLE,
    SQLITE_NOTADB: DAMAGED,
}
# PostgreSQL SQLSTATEs (class 08 is "connection exception": all of it is "unavailable")
SQLSTATES = {
    "25006": READ_ONLY,  # read_only_sql_transaction (a standby, or default_transaction_read_only)
    "53100": STORAGE_FULL,  # disk_full
    "53200": BUSY,  # out_of_memory
    "53300": BUSY,  # too_many_connections
    "57P01": UNAVAILABLE,  # admin_shutdown
    "57P02": UNAVAILABLE,  # crash_shutdown
    "57P03": UNAVAILABLE,  # cannot_connect_now (starting up, recovering)
    "40001": BUSY,  # serialization_failure
    "40P01": BUSY,  # deadlock_detected
    "55P03": BUSY,  # lock_not_available
    "42P01": NOT_SET_UP,  # undefined_table: migrations not run
    "42501": PERMISSION_DENIED,  # insufficient_privilege (a REVOKE, a restore without grants)
}
MESSAGES = (
    ("readonly database", READ_ONLY),
    ("read-only transaction", READ_ONLY),
    ("database or disk is full", STORAGE_FULL),
    ("no space left on device", STORAGE_FULL),
    ("file is not a database", DAMAGED),
    ("database disk image is malformed", DAMAGED),
    ("no such table", NOT_SET_UP),
)


def _from_sqlite(code: int) -> Failure | None:
    if code == SQLITE_READONLY_DBMOVED:
        return UNAVAILABLE
    return SQLITE_CODES.get(code & 0xFF)


def classify(error: BaseException) -> Failure | None:
    """The failure ``error`` stands for, or None when it is not the database's condition
    (a programming error, say, which stays a 500)."""
    if isinstance(error, PoolTimeout):  # every pooled connection busy for pool_timeout seconds
        return BUSY
    if not isinstance(error, DBAPIError):
        return None
    orig = error.orig
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int) and (known := _from_sqlite(code)):
        return known
    sqlstate = getattr(orig, "sqlstate", None)
    if isinstance(sqlstate, str) and sqlstate:
        if sqlstate.startswith("08"):
            return UNAVAILABLE
        if sqlstate in SQLSTATES:
            return SQLSTATES[sqlstate]
    message = str(orig).lower()
    for fragment, failure in MESSAGES:
        if fragment in message:
            return failure
    if error.connection_invalidated or isinstance(error, OperationalError | InterfaceError):
        return UNAVAILABLE
    return None
