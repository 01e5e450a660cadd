import shutil
from pathlib import Path

import pytest
import yaml
from sqlmodel import Session, select

from cpmo.db import make_engine, make_sessionmaker, transaction
from cpmo.migrate import upgrade
from cpmo.models import FundingAllocation, Portfolio, PortfolioFunnelStage, Programme
from cpmo.seeding import SEEDS_DIR, SeedError, load_seeds, reset_seeded_data
from tests.conftest import TEST_AUDIT_KEYRING
from tests.support.dbdump import dump_tables


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, target)
    return target


def _edit_record(folder: Path, file: str, code: str, **changes: object) -> None:
    path = folder / file
    document = yaml.safe_load(path.read_text())
    for record in document["records"]:
        if record.get("code") == code:
            record.update(changes)
    path.write_text(yaml.safe_dump(document, allow_unicode=True))


def test_seeds_the_ttp_with_its_ten_programmes_in_three_groups(session: Session) -> None:
    load_seeds(session)
    ttp = session.exec(select(Programme).where(Programme.code == "ttp")).one()
    children = session.exec(select(Programme).where(Programme.parent_id == ttp.id)).all()
    assert len(children) == 10
    assert {c.group for c in children} == {"government_wide", "front_office", "enabling"}
    assert ttp.whole_life_cost_gbp == 99_000_000
    stages = {c.code: c.stage for c in children}
    assert stages["ttp-tax-system"] == "delivery"
    assert all(c.source for c in children)


def test_seeds_the_investment_funnel_and_the_csp_allocations(session: Session) -> None:
    load_seeds(session)
    portfolio = session.exec(select(Portfolio).where(Portfolio.code == "goj-change")).one()
    funnel = session.exec(
        select(PortfolioFunnelStage)
        .where(PortfolioFunnelStage.portfolio_id == portfolio.id)
        .order_by(PortfolioFunnelStage.sequence)
    ).all()
    assert [(f.project_count, f.total_cost_gbp) for f in funnel] == [
        (577, 637_000_000),
        (481, 396_000_000),
        (10, 99_000_000),
    ]
    allocations = session.exec(select(FundingAllocation)).all()
    assert {a.year for a in allocations} == {2020, 2021, 2022, 2023}
    assert all(a.amount_gbp % 1000 == 0 for a in allocations)


def test_seeding_twice_leaves_identical_data(session: Session) -> None:
    first_counts = load_seeds(session)
    first = dump_tables(session)
    second_counts = load_seeds(session)
    assert first_counts == second_counts
    assert dump_tables(session) == first


def test_reseeding_does_not_move_a_programme_through_its_lifecycle(session: Session) -> None:
    load_seeds(session)
    cyber = session.exec(select(Programme).where(Programme.code == "ttp-cyber")).one()
    cyber.stage = "fbc_review"
    session.add(cyber)
    session.flush()
    load_seeds(session)
    session.refresh(cyber)
    assert cyber.stage == "fbc_review"


def test_a_bad_field_names_file_record_and_field_and_loads_nothing(
    seed_copy: Path, fresh_database_url: str
) -> None:
    _edit_record(seed_copy, "programmes.yaml", "ttp-cyber", stage="launched")
    _edit_record(seed_copy, "benefits.yaml", "ben-ttp-savings-15m-pa", value_gbp=1.5)
    upgrade(fresh_database_url)
    engine = make_engine(fresh_database_url)
    factory = make_sessionmaker(engine, audit_keyring=TEST_AUDIT_KEYRING)
    try:
        with pytest.raises(SeedError) as caught, transaction(factory) as session:
            load_seeds(session, seed_copy)
        with factory() as session:
            assert session.exec(select(Programme)).all() == []
    finally:
        engine.dispose()
    problems = "\n".join(caught.value.problems)
    assert "programmes.yaml: record 3 (ttp-cyber): stage: Must be one of" in problems
    assert (
        "benefits.yaml: record 2 (ben-ttp-savings-15m-pa): value_gbp: Not a valid integer."
        in problems
    )


def test_an_unknown_reference_rolls_back_everything_already_written(
    seed_copy: Path, fresh_database_url: str
) -> None:
    upgrade(fresh_database_url)
    engine = make_engine(fresh_database_url)
    factory = make_sessionmaker(engine, audit_keyring=TEST_AUDIT_KEYRING)
    try:
        with transaction(factory) as session:
            load_seeds(session, seed_copy)
        with factory() as session:
            before = dump_tables(session)
        _edit_record(
            seed_copy,
            "objectives.yaml",
            "obj-hcs-1",
            department="no-such-dept",
            title="Changed title",
        )
        with (
            pytest.raises(
                SeedError,
                match=r"objectives.yaml: record \d+ \(obj-hcs-1\): "
                r"department: unknown code 'no-such-dept'",
            ),
            transaction(factory) as session,
        ):
            load_seeds(session, seed_copy)
        with factory() as session:
            assert dump_tables(session) == before
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("kind: programmes\nrecords: [\n", "not valid YAML"),
        ("kind: departments\nrecords: []\n", "must be a mapping with kind: programmes"),
        ("kind: programmes\nrecords: 3\n", "'records' must be a list"),
        (
            "kind: programmes\nrecords:\n- code: x\n  name: X\n  stage: proposed\n  portfolio: p\n"
            "  source: doc\n  colour: red\n",
            "record 1 (x): colour: Unknown field.",
        ),
        (
            "kind: programmes\nrecords:\n- code: Bad Code\n  name: X\n  stage: proposed\n"
            "  portfolio: p\n  source: doc\n",
            "code: must be a lowercase slug",
        ),
    ],
)
def test_malformed_files_are_explained(
    seed_copy: Path, session: Session, content: str, message: str
) -> None:
    (seed_copy / "programmes.yaml").write_text(content)
    with pytest.raises(SeedError) as caught:
        load_seeds(session, seed_copy)
    assert any(message in p for p in caught.value.problems), caught.value.problems
    assert session.exec(select(Programme)).all() == []


def test_reset_starts_over_but_keeps_users(session: Session) -> None:
    from cpmo.users import service

    service.create(session, username="keeper", role="admin")
    load_seeds(session)
    reset_seeded_data(session)
    assert session.exec(select(Programme)).all() == []
    assert service.get(session, username="keeper") is not None
    load_seeds(session)
    assert len(session.exec(select(Programme)).all()) >= 11


def test_seeds_document_000s_budget_lines_by_statement(session: Session) -> None:
    from collections import Counter

    from cpmo.models import BudgetLine, Department

    counts = load_seeds(session)
    lines = session.exec(select(BudgetLine)).all()
    assert counts["budget_lines"] == len(lines) == 194
    assert Counter(x.statement for x in lines) == {
        "service_analysis": 52,
        "comprehensive_net_expenditure": 75,
        "reconciliation": 64,
        "efficiency_targets": 3,
    }
    coo = session.exec(select(Department).where(Department.code == "coo")).one()
    assert {x.department_id for x in lines} == {coo.id}
    recon_2020 = [x for x in lines if x.statement == "reconciliation" and x.year == 2020]
    net_2020 = sum(x.amount_gbp for x in recon_2020)
    assert net_2020 == 36_181_000


def test_a_budget_line_outside_the_vocabulary_is_refused_by_name(
    seed_copy: Path, session: Session
) -> None:
    path = seed_copy / "budget_lines.yaml"
    document = yaml.safe_load(path.read_text())
    document["records"][0]["statement"] = "balance_sheet"
    document["records"][1]["amount_gbp"] = "1,640"
    path.write_text(yaml.safe_dump(document, allow_unicode=True))
    with pytest.raises(SeedError) as caught:
        load_seeds(session, seed_copy)
    problems = "\n".join(caught.value.problems)
    assert "budget_lines.yaml: record 1 (sa-coo-directorate-net): statement: Must be one of" in (
        problems
    )
    assert "record 2 (sa-commercial-services-net): amount_gbp: Not a valid integer." in problems
