from sqlalchemy import inspect

from cpmo.db import make_engine, metadata
from cpmo.migrate import current_heads, downgrade, upgrade


def test_migrations_bring_an_empty_database_to_head_with_every_table(
    fresh_database_url: str,
) -> None:
    upgrade(fresh_database_url)
    engine = make_engine(fresh_database_url)
    try:
        tables = set(inspect(engine).get_table_names())
        with engine.connect() as conn:
            version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    finally:
        engine.dispose()
    assert set(metadata.tables) <= tables
    assert {version} == current_heads()


def test_migrations_downgrade_to_an_empty_database_and_up_again(fresh_database_url: str) -> None:
    upgrade(fresh_database_url)
    downgrade(fresh_database_url, "base")
    engine = make_engine(fresh_database_url)
    try:
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()
    upgrade(fresh_database_url)


def test_models_and_migrations_agree(fresh_database_url: str) -> None:
    """Autogenerate finds nothing to add: every model change has its migration."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    upgrade(fresh_database_url)
    engine = make_engine(fresh_database_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": False})
            diff = compare_metadata(context, metadata)
    finally:
        engine.dispose()
    assert diff == []
