"""Shared fixtures, on the flaskr/Dispatch pattern.

The suite runs on SQLite by default and on PostgreSQL when CPMO_TEST_DATABASE_URL is set; on
PostgreSQL each run (each pytest-xdist worker) works in schemas of its own, dropped afterwards.
Most tests run inside a transaction that is rolled back: on a database migrated once per run,
or, for tests that ask for ``seeded``, on a second one migrated and seeded once per run (seeding
is the costly part). Tests that need real commits across connections use
``fresh_database_url``.
"""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from cpmo.app import create_app
from cpmo.db import AUDIT_KEYRING, PASSWORD_HASH_METHOD, make_engine, transaction
from cpmo.graph.version import track
from cpmo.migrate import upgrade
from cpmo.seeding import load_seeds
from cpmo.workflows.audit import AuditKeyring

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"
PG_URL = os.environ.get("CPMO_TEST_DATABASE_URL", "").strip()
TEST_AUDIT_KEY = "test-audit-key"
TEST_AUDIT_KEYRING = AuditKeyring.from_secrets(TEST_AUDIT_KEY)
# one PBKDF2 round: hashing stays real (and checked) but costs microseconds, not scrypt's ~50 ms
TEST_PASSWORD_HASH_METHOD = "pbkdf2:sha256:1"
# "gw0", "gw1" … under pytest-xdist, "main" otherwise: names this process's throwaway databases
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")


def on_postgres() -> bool:
    return bool(PG_URL)


def _with_search_path(url: str, schema: str) -> str:
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False
    )


class _Databases:
    """Creates and drops throwaway databases (SQLite files or PostgreSQL schemas)."""

    def __init__(self, tmp_dir: Path) -> None:
        self.tmp_dir = tmp_dir
        self.schemas: list[str] = []

    def new(self) -> str:
        if not on_postgres():
            return f"sqlite:///{self.tmp_dir / f'cpmo-{uuid.uuid4().hex[:10]}.sqlite3'}"
        schema = f"cpmo_test_{WORKER}_{uuid.uuid4().hex[:12]}"
        admin = make_engine(_with_search_path(PG_URL, "public"))
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        admin.dispose()
        self.schemas.append(schema)
        return _with_search_path(PG_URL, schema)

    def drop_all(self) -> None:
        if not self.schemas:
            return
        admin = make_engine(_with_search_path(PG_URL, "public"))
        for schema in self.schemas:  # one transaction each: a schema's many locks add up
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="session")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Databases]:
    dbs = _Databases(tmp_path_factory.mktemp("databases"))
    yield dbs
    dbs.drop_all()


def _test_sessionmaker(bind: object) -> sessionmaker[Session]:
    """Sessions like cpmo's own (audit key, graph version kept), joined to the caller's
    transaction by savepoints; passwords hashed cheaply."""
    factory = sessionmaker(
        bind=bind,
        class_=Session,
        expire_on_commit=False,
        join_transaction_mode="create_savepoint",
        info={AUDIT_KEYRING: TEST_AUDIT_KEYRING, PASSWORD_HASH_METHOD: TEST_PASSWORD_HASH_METHOD},
    )
    track(factory)
    return factory


@pytest.fixture(scope="session")
def blank_database_url(databases: _Databases) -> str:
    """A database migrated to head once for the whole run."""
    url = databases.new()
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def seeded_database_url(databases: _Databases) -> str:
    """A database migrated to head and seeded (committed) once for the whole run."""
    url = databases.new()
    upgrade(url)
    eng = make_engine(url)
    with transaction(_test_sessionmaker(eng)) as s:
        load_seeds(s)
    eng.dispose()
    return url


@pytest.fixture(scope="session")
def blank_engine(blank_database_url: str) -> Iterator[Engine]:
    eng = make_engine(blank_database_url)
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def seeded_engine(seeded_database_url: str) -> Iterator[Engine]:
    eng = make_engine(seeded_database_url)
    yield eng
    eng.dispose()


def _wants_seeds(request: pytest.FixtureRequest) -> bool:
    return "seeded" in request.fixturenames


@pytest.fixture
def database_url(request: pytest.FixtureRequest) -> str:
    """The run's migrated database: the seeded one where the test asks for ``seeded``."""
    return request.getfixturevalue(
        "seeded_database_url" if _wants_seeds(request) else "blank_database_url"
    )


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> Engine:
    """The engine of :func:`database_url`."""
    return request.getfixturevalue("seeded_engine" if _wants_seeds(request) else "blank_engine")


@pytest.fixture
def session_factory(engine: Engine) -> Iterator[sessionmaker[Session]]:
    """Sessions joined to one outer transaction that is rolled back after the test."""
    connection = engine.connect()
    outer = connection.begin()
    factory = _test_sessionmaker(connection)
    yield factory
    outer.rollback()
    connection.close()


@pytest.fixture
def session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    with session_factory() as s:
        yield s


@pytest.fixture
def seeded(request: pytest.FixtureRequest, session: Session) -> Session:
    """The test's session on the run's seeded database (every seed file loaded, committed).

    Ask for it by name (or through a fixture that does): :func:`engine` picks the seeded
    database by looking for ``seeded`` among the test's fixtures."""
    seeded_engine = request.getfixturevalue("seeded_engine")
    assert request.getfixturevalue("engine") is seeded_engine, "ask for `seeded` by name"
    return session


@pytest.fixture
def fresh_database_url(databases: _Databases) -> str:
    """An empty, unmigrated database of the run's kind, for tests that need real commits."""
    return databases.new()


def app_config(tmp_path: Path, database_url: str, **extra: object) -> dict[str, object]:
    return {
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "CPMO_DATABASE_URL": database_url,
        "CPMO_SECRET_KEY": "test-secret-key",
        "CPMO_AUDIT_KEY": TEST_AUDIT_KEY,
        "CPMO_PASSWORD_HASH_METHOD": TEST_PASSWORD_HASH_METHOD,
        **extra,
    }


@pytest.fixture
def app(tmp_path: Path, database_url: str, session_factory: sessionmaker[Session]):  # type: ignore[no-untyped-def]
    return create_app(app_config(tmp_path, database_url, SESSIONMAKER=session_factory))


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    return app.test_client()


@pytest.fixture
def runner(app):  # type: ignore[no-untyped-def]
    return app.test_cli_runner()
