"""Every published GMPP year, 2019-20 … 2025-26, imports and reports what the raw file says.

Runs only where the shared data folder sits beside the repository
(<repo>/../shared/data/gmpp); elsewhere it is skipped with the reason.
"""

import time
from collections import Counter
from pathlib import Path

import pytest
from sqlmodel import Session, select

from cpmo.imports.gmpp.service import import_gmpp
from cpmo.models import Portfolio, Programme
from cpmo.reports.assembly import assemble
from tests.support import gmpp_independent as independent

FULL_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "gmpp"
pytestmark = pytest.mark.skipif(
    not FULL_DATA.is_dir(), reason=f"full GMPP data not found at {FULL_DATA}"
)
PROJECTS = {
    "2019-20": 125,
    "2020-21": 184,
    "2021-22": 235,
    "2022-23": 244,
    "2023-24": 227,
    "2024-25": 213,
    "2025-26": 189,
}


def path(year: str) -> Path:
    return FULL_DATA / f"gmpp_{year.replace('-', '_')}.csv"


@pytest.mark.parametrize("year", PROJECTS)
def test_every_published_year_imports_with_counts_by_rag_and_withheld_as_in_the_raw_file(
    session: Session, year: str
) -> None:
    started = time.perf_counter()
    result = import_gmpp(
        session, data=path(year).read_bytes(), filename=path(year).name, actor="test"
    )
    seconds = time.perf_counter() - started
    print(f"GMPP {year}: {result.projects} projects imported in {seconds:.2f} s")
    expected = independent.figures(path(year))
    assert result.projects == result.created == PROJECTS[year] == expected["projects"]
    portfolio = session.exec(select(Portfolio).where(Portfolio.code == f"gmpp-{year}")).one()
    rags = session.exec(select(Programme.rag).where(Programme.portfolio_id == portfolio.id))
    assert Counter(rags.all()) == expected["rag"]
    report = assemble(session, code=f"gmpp-{year}")
    assert {k: v for k, v in report.rag_distribution.items() if v} == dict(expected["rag"])
    assert report.register is not None
    assert report.register.withheld["rag_withheld"] == expected["rag_withheld"]
    assert report.register.withheld["whole_life_cost_withheld"] == expected["wlc_withheld"]


def test_every_year_side_by_side_and_a_second_import_of_each_changes_nothing(
    session: Session,
) -> None:
    for year in PROJECTS:
        import_gmpp(session, data=path(year).read_bytes(), filename=path(year).name, actor="t")
    for year in PROJECTS:
        again = import_gmpp(
            session, data=path(year).read_bytes(), filename=path(year).name, actor="t"
        )
        assert (again.created, again.updated, again.removed) == (0, 0, 0), year
    codes = session.exec(select(Portfolio.code).where(Portfolio.code.startswith("gmpp-"))).all()
    assert sorted(codes) == [f"gmpp-{year}" for year in PROJECTS]
