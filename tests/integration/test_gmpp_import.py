"""GMPP import from the small excerpts in tests/data/gmpp: always runs.

Each year becomes its own portfolio; the import is all or nothing, idempotent, and stores no
personal names; its report's figures match an independent reading of the raw file.
"""

import csv
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from cpmo.errors import InvalidInput
from cpmo.imports.gmpp.models import GmppImport, GmppRecord
from cpmo.imports.gmpp.service import import_gmpp
from cpmo.models import Department, Portfolio, Programme
from cpmo.reports.assembly import assemble
from tests.support import gmpp_independent as independent
from tests.support.dbdump import dump_tables

EXCERPTS = Path(__file__).resolve().parents[1] / "data" / "gmpp"
YEARS = ("2019-20", "2020-21", "2021-22", "2022-23", "2023-24", "2024-25", "2025-26")


def excerpt(year: str) -> Path:
    return EXCERPTS / f"gmpp_{year.replace('-', '_')}.csv"


def load(session: Session, year: str, data: bytes | None = None):  # type: ignore[no-untyped-def]
    path = excerpt(year)
    return import_gmpp(session, data=data or path.read_bytes(), filename=path.name, actor="test")


@pytest.mark.parametrize("year", YEARS)
def test_each_years_excerpt_imports_as_its_own_portfolio(session: Session, year: str) -> None:
    result = load(session, year)
    expected = independent.figures(excerpt(year))
    assert result.portfolio == f"gmpp-{year}"
    assert result.created == result.projects == expected["projects"]
    portfolio = session.exec(select(Portfolio).where(Portfolio.code == f"gmpp-{year}")).one()
    rags = session.exec(select(Programme.rag).where(Programme.portfolio_id == portfolio.id)).all()
    assert Counter(rags) == expected["rag"]


@pytest.mark.parametrize("year", YEARS)
def test_the_report_of_an_imported_year_counts_rag_and_withheld_as_the_raw_file_does(
    session: Session, year: str
) -> None:
    load(session, year)
    report = assemble(session, code=f"gmpp-{year}")
    expected = independent.figures(excerpt(year))
    assert {k: v for k, v in report.rag_distribution.items() if v} == dict(expected["rag"])
    assert report.register is not None
    assert report.register.withheld["rag_withheld"] == expected["rag_withheld"]
    assert report.register.withheld["whole_life_cost_withheld"] == expected["wlc_withheld"]


def test_the_register_section_groups_by_department_and_ranks_whole_life_costs(
    session: Session,
) -> None:
    load(session, "2023-24")
    report = assemble(session, code="gmpp-2023-24")
    register = report.register
    assert register is not None and register.year == "2023-24" and register.assessor == "IPA"
    assert sum(d.projects for d in register.by_department) == report.headline.programmes
    assert sum(d.whole_life_cost_gbp for d in register.by_department) == (
        report.headline.whole_life_cost_gbp
    )
    costs = [c.whole_life_cost_gbp for c in register.top_costs]
    assert costs == sorted(costs, reverse=True) and costs[0] > 0
    assert str(report.as_of) == "2024-03-31"  # an imported year's report is as of its year end


def test_importing_the_same_year_again_changes_nothing(session: Session) -> None:
    load(session, "2024-25")
    session.commit()
    before = dump_tables(session, skip=("graph_state",))
    again = load(session, "2024-25")
    session.commit()
    assert (again.created, again.updated, again.removed) == (0, 0, 0)
    assert again.unchanged == again.projects
    assert dump_tables(session, skip=("graph_state",)) == before


def without_last_project(path: Path) -> bytes:
    """The file re-written without its last project (via the csv module: records span lines)."""
    text = path.read_bytes().decode("cp1252")
    records = list(csv.reader(io.StringIO(text, newline="")))
    while not any(cell.strip() for cell in records[-1]):
        records.pop()
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(records[:-1])
    return out.getvalue().encode("cp1252")


def test_a_changed_file_updates_in_place_and_drops_projects_it_no_longer_lists(
    session: Session,
) -> None:
    first = load(session, "2020-21")
    second = load(session, "2020-21", without_last_project(excerpt("2020-21")))
    assert (second.removed, second.created) == (1, 0)
    assert second.unchanged == first.projects - 1
    count = session.exec(select(func.count()).select_from(GmppRecord)).one()
    assert count == first.projects - 1


def test_a_broken_file_is_refused_whole_naming_each_row_and_column(session: Session) -> None:
    data = excerpt("2021-22").read_bytes()
    broken = data.replace(b'"Amber"', b'"Purple"', 1)
    assert broken != data
    portfolios = session.exec(select(func.count()).select_from(Portfolio)).one()
    with pytest.raises(InvalidInput) as refused:
        load(session, "2021-22", broken)
    (message,) = refused.value.errors["file"]
    assert message.startswith("row ") and "Delivery Confidence Assessment" in message
    assert "unrecognised rating 'Purple'" in message
    assert refused.value.extra["problems"][0]["value"] == "Purple"
    assert session.exec(select(func.count()).select_from(Portfolio)).one() == portfolios
    assert session.exec(select(func.count()).select_from(GmppImport)).one() == 0


def test_a_file_that_is_not_gmpp_data_is_refused(session: Session) -> None:
    with pytest.raises(InvalidInput):
        import_gmpp(session, data=b"a,b\n1,2\n", filename="gmpp_2021_22.csv", actor="t")
    with pytest.raises(InvalidInput, match="financial year"):
        import_gmpp(session, data=excerpt("2021-22").read_bytes(), filename="x.csv", actor="t")


@pytest.mark.parametrize("year", ["2024-25", "2025-26"])
def test_no_senior_responsible_owners_name_is_stored(session: Session, year: str) -> None:
    names = independent.sro_names(excerpt(year))
    assert names, "the excerpt should publish SRO names"
    load(session, year)
    stored = repr(dump_tables(session))
    assert not [name for name in names if name in stored]


def test_departments_are_created_once_and_shared_by_the_years(session: Session) -> None:
    load(session, "2022-23")
    count = session.exec(select(func.count()).select_from(Department)).one()
    result = load(session, "2023-24")
    assert session.exec(select(func.count()).select_from(Department)).one() == (
        count + result.departments_created
    )
    mod = session.exec(select(Department).where(Department.code == "uk-mod")).first()
    assert mod is None or mod.name == "MOD"


# --- stage, gate workflows and the year's money ---------------------------------------------


def _with_stage_column(path: Path, stages: list[str]) -> bytes:
    """The excerpt re-written with a "Project Stage" column (no published year has one)."""
    header, rows = independent.table(path)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*header, "Project Stage"])
    for i, row in enumerate(rows):
        writer.writerow([*row, stages[i % len(stages)]])
    return out.getvalue().encode("utf-8-sig")


@pytest.mark.parametrize("year", YEARS)
def test_no_year_states_a_stage_so_every_imported_stage_is_not_stated(
    session: Session, year: str
) -> None:
    load(session, year)
    rows = session.exec(
        select(Programme, GmppRecord).join(GmppRecord, GmppRecord.programme_id == Programme.id)
    ).all()
    assert rows
    assert {p.stage for p, _ in rows} == {None}  # not "delivery": the data does not say
    assert {r.stage_raw for _, r in rows} == {None}
    assert all(p.outside_gates and "GMPP" in p.outside_gates for p, _ in rows)


def test_a_stated_stage_is_taken_where_its_meaning_is_clear(session: Session) -> None:
    path = excerpt("2023-24")
    data = _with_stage_column(path, ["Delivery", "Pre-SOC", "Closed", ""])
    import_gmpp(session, data=data, filename=path.name, actor="test")
    rows = session.exec(
        select(GmppRecord.source_row, GmppRecord.stage_raw, Programme.stage)
        .join(Programme, GmppRecord.programme_id == Programme.id)
        .order_by(GmppRecord.source_row)
    ).all()
    stated = [(raw, stage) for _, raw, stage in rows]
    assert stated[:4] == [
        ("Delivery", "delivery"),
        ("Pre-SOC", None),
        ("Closed", "closed"),
        (None, None),
    ]


@pytest.mark.parametrize("year", YEARS)
def test_each_years_budget_forecast_and_whole_life_cost_are_kept_on_the_record(
    session: Session, year: str
) -> None:
    load(session, year)
    header, rows = independent.table(excerpt(year))
    forecast = next(i for i, h in enumerate(header) if h.startswith("Financial Year Forecast"))
    stated = sum(1 for row in rows if re.fullmatch(r"-?£?[\d,]*\.?\d+", row[forecast].strip()))
    records = session.exec(
        select(GmppRecord, Programme).join(Programme, GmppRecord.programme_id == Programme.id)
    ).all()
    assert sum(1 for r, _ in records if r.budget_forecast_gbp is not None) == stated > 0
    assert all(r.whole_life_cost_gbp == p.whole_life_cost_gbp for r, p in records)
    assert all(r.budget_forecast_gbp is not None or r.budget_forecast_reason for r, _ in records)


def test_an_imported_project_is_offered_no_event_and_accepts_none(session: Session) -> None:
    from cpmo.config import GovernanceLimits
    from cpmo.errors import InvalidEvent
    from cpmo.users import service as users
    from cpmo.workflows import service as workflow

    load(session, "2021-22")
    actor, _ = users.create(session, username="gmpp-cpmo", role="cpmo")
    programme = session.exec(select(Programme).where(Programme.outside_gates.is_not(None))).first()
    assert programme is not None
    limits = GovernanceLimits()
    view = workflow.workflow_view(session, actor=actor, code=programme.code, limits=limits)
    assert view.events == [] and view.review is None
    for event in ("submit_obc", "pause", "stop"):
        with pytest.raises(InvalidEvent, match="gate events do not apply"):
            workflow.fire_event(
                session,
                actor=actor,
                code=programme.code,
                event=event,
                version=programme.version,
                limits=limits,
                rationale="because",
            )
    session.refresh(programme)
    assert programme.stage is None
