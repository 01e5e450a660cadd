"""Alembic environment: cpmo's metadata, batch mode on SQLite, URL from the caller."""

from alembic import context
from sqlalchemy import engine_from_config, pool

import cpmo.models  # noqa: F401  (registers every table)
from cpmo.db import make_engine, metadata
from cpmo.search.schema import include_object

config = context.config


def _url() -> str:
    url = config.attributes.get("database_url") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database URL: run migrations through `cpmo db upgrade`")
    return url


def run_migrations_offline() -> None:
    url = _url()
    context.configure(
        url=url,
        target_metadata=metadata,
        literal_binds=True,
        include_object=include_object,
        render_as_batch=url.startswith("sqlite"),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_with(connection)
        return
    url = _url()
    engine = make_engine(url, poolclass=pool.NullPool) if url else engine_from_config({})
    with engine.connect() as conn:
        _run_with(conn)
    engine.dispose()


def render_item(type_, obj, autogen_context):  # type: ignore[no-untyped-def]
    """Write cpmo's column types as plain SQLAlchemy types: migrations never import cpmo."""
    if type_ == "type" and type(obj).__name__ == "UTCDateTime":
        return "sa.DateTime(timezone=True)"
    return False


def _sqlite_foreign_keys(connection, on: bool) -> None:  # type: ignore[no-untyped-def]
    """Batch mode rebuilds a SQLite table to alter a column: with foreign keys enforced the
    rebuild of a table other rows refer to fails, so they are off while migrating (a PRAGMA
    only takes effect outside a transaction) and checked before the migration commits."""
    if connection.dialect.name != "sqlite" or connection.in_transaction():
        return
    connection.connection.dbapi_connection.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def _check_foreign_keys(connection) -> None:  # type: ignore[no-untyped-def]
    """Before the migration commits: no row may refer to a row that is not there."""
    if connection.dialect.name == "sqlite":
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"the migration left rows referring to nothing: {broken[:5]}")


def _run_with(connection) -> None:  # type: ignore[no-untyped-def]
    _sqlite_foreign_keys(connection, on=False)
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_item=render_item,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()
        _check_foreign_keys(connection)
    if connection.in_transaction():
        connection.commit()
    _sqlite_foreign_keys(connection, on=True)


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
