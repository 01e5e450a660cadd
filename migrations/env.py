"""Alembic environment: cpmo's metadata, batch mode on SQLite, URL from the caller."""

from alembic import context
from sqlalchemy import engine_from_config, pool

import cpmo.models  # noqa: F401  (registers every table)
from cpmo.db import make_engine, metadata

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


def _run_with(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_item=render_item,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    if connection.in_transaction():
        connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
