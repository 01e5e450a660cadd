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

    from cpmo.search.schema import include_object

    upgrade(fresh_database_url)
    engine = make_engine(fresh_database_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": False, "include_object": include_object}
            )
            diff = compare_metadata(context, metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_0012_clears_the_stage_gmpp_imports_used_to_invent(fresh_database_url: str) -> None:
    """Before 0012 every imported project said "delivery"; after it, not stated, outside the
    gate workflow, and its record holds the whole-life cost. Downgrading puts "delivery" back."""
    from pathlib import Path

    from cpmo.db import make_sessionmaker, transaction
    from cpmo.imports.gmpp.service import import_gmpp
    from tests.conftest import TEST_AUDIT_KEYRING

    path = Path(__file__).resolve().parents[1] / "data" / "gmpp" / "gmpp_2021_22.csv"
    upgrade(fresh_database_url)
    engine = make_engine(fresh_database_url)
    factory = make_sessionmaker(engine, audit_keyring=TEST_AUDIT_KEYRING)
    try:
        with transaction(factory) as session:
            import_gmpp(session, data=path.read_bytes(), filename=path.name, actor="test")
        downgrade(fresh_database_url, "0011_finance_records")
        with engine.connect() as conn:
            assert {r[0] for r in conn.exec_driver_sql("SELECT stage FROM programme")} == {
                "delivery"
            }
        upgrade(fresh_database_url)
        with engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT p.stage, p.outside_gates, p.whole_life_cost_gbp, r.whole_life_cost_gbp "
                "FROM programme p JOIN gmpp_record r ON r.programme_id = p.id"
            ).all()
    finally:
        engine.dispose()
    assert rows and {r[0] for r in rows} == {None}
    assert all("gate events do not apply" in r[1] for r in rows)
    assert all(r[2] == r[3] for r in rows) and any(r[3] for r in rows)
