"""Document 000's financial tables, as seeded, add up to the totals the document states.

The stated totals below are copied from the document (£'000); the seed holds only the table
rows, so a mistyped cell (or a missing or doubled line) turns one of these red.
"""

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from cpmo.seeding import SEEDS_DIR
from cpmo.seeding.schemas import BudgetLineSeed

K = 1000
YEARS = (2020, 2021, 2022, 2023)
AREAS = (
    "coo-directorate",
    "commercial-services",
    "modernisation-and-digital",
    "people-and-corporate-services",
)


def _lines() -> list[dict]:
    document = yaml.safe_load((Path(SEEDS_DIR) / "budget_lines.yaml").read_text())
    assert document["kind"] == "budget_lines"
    return [BudgetLineSeed().load(r) for r in document["records"]]


LINES = _lines()


def amount(code: str, year: int) -> int:
    (line,) = [x for x in LINES if x["code"] == code and x["year"] == year]
    return line["amount_gbp"]


def total(statement: str, year: int, prefix: str = "") -> int:
    return sum(
        x["amount_gbp"]
        for x in LINES
        if x["statement"] == statement and x["year"] == year and x["code"].startswith(prefix)
    )


def test_every_line_is_from_document_000_and_whole_thousands() -> None:
    assert len({(x["code"], x["year"]) for x in LINES}) == len(LINES)
    for line in LINES:
        assert line["source"].startswith("000_098c8a075ef0603b.txt §Operating Context")
        assert line["amount_gbp"] % K == 0
        assert line["illustrative"] is False
        assert line["department"] == "coo"


# Tables 1-4: Income, AME, DEL and Net Revenue Expenditure by service area, one table a year
SERVICE_NET = {  # the "20xx Net Revenue Expenditure" column of each year's table
    2019: (0, 1_640, 13_969, 6_225, 21_834),
    2020: (542, 2_171, 20_208, 13_260, 36_181),
    2021: (592, 2_574, 23_708, 14_142, 41_016),
    2022: (592, 2_627, 34_908, 13_590, 51_717),
    2023: (592, 2_680, 35_008, 13_290, 51_570),
}
SERVICE_COLUMN_TOTALS = {  # the Net Revenue Expenditure row: Income, AME, DEL
    2020: (-742, 0, 36_923),
    2021: (-742, 0, 41_758),
    2022: (-742, 0, 52_459),
    2023: (-742, 0, 52_312),
}


@pytest.mark.parametrize("year", [2019, *YEARS])
def test_service_areas_add_up_to_each_years_net_revenue_expenditure(year: int) -> None:
    *areas, stated_total = SERVICE_NET[year]
    for area, stated in zip(AREAS, areas, strict=True):
        assert total("service_analysis", year, f"sa-{area}-") == stated * K, area
    assert total("service_analysis", year) == stated_total * K


@pytest.mark.parametrize("year", YEARS)
def test_service_analysis_columns_add_up_to_the_stated_row(year: int) -> None:
    for column, stated in zip(("income", "ame", "del"), SERVICE_COLUMN_TOTALS[year], strict=True):
        got = sum(amount(f"sa-{area}-{column}", year) for area in AREAS)
        assert got == stated * K, column


# Table 5: Statement of Comprehensive Net Expenditure, 2019-2023
SOCNE = {  # Total Income, Total Expenditure, Net Revenue Near Cash Expenditure
    2019: (-742, 22_576, 21_834),
    2020: (-742, 36_923, 36_181),
    2021: (-742, 41_758, 41_016),
    2022: (-742, 52_459, 51_717),
    2023: (-742, 52_312, 51_570),
}


@pytest.mark.parametrize("year", sorted(SOCNE))
def test_statement_of_comprehensive_net_expenditure_totals(year: int) -> None:
    income, expenditure, net = SOCNE[year]
    statement = "comprehensive_net_expenditure"
    assert total(statement, year, "socne-income-") == income * K
    assert total(statement, year, "socne-expenditure-") == expenditure * K
    assert total(statement, year) == net * K
    # the service analysis of the same year states the same net figure
    assert total("service_analysis", year) == net * K


# Table 6: Reconciliation of Net Revenue Expenditure, 2020-2023
RECONCILIATION = {  # investments subtotal, per Government Plan, Net Revenue Near Cash Expenditure
    2020: (15_870, 37_704, 36_181),
    2021: (4_835, 42_539, 41_016),
    2022: (10_701, 53_240, 51_717),
    2023: (-147, 53_093, 51_570),
}


@pytest.mark.parametrize("year", YEARS)
def test_reconciliation_walks_from_the_base_budget_to_net_expenditure(year: int) -> None:
    investments, per_government_plan, net = RECONCILIATION[year]
    assert total("reconciliation", year, "recon-investments-") == investments * K
    efficiency = amount("recon-2020-efficiency-programme", year)
    assert total("reconciliation", year) - efficiency == per_government_plan * K
    assert total("reconciliation", year) == net * K


def test_each_years_base_budget_is_the_previous_years_government_plan_figure() -> None:
    assert amount("recon-base-department-budget-as-per-government-plan", 2020) == 21_834 * K
    for year in YEARS[1:]:
        previous = RECONCILIATION[year - 1][1]
        assert amount("recon-base-department-budget-as-per-government-plan", year) == previous * K


def test_modernising_government_investment_is_the_yearly_change_in_o13_allocations() -> None:
    """Table 7 (seeded as funding allocations) totals 15,870 / 20,705 / 31,406 / 31,259."""
    document = yaml.safe_load((Path(SEEDS_DIR) / "funding_allocations.yaml").read_text())
    allocated = defaultdict(int)
    for record in document["records"]:
        allocated[record["year"]] += record["amount_gbp"]
    assert [allocated[y] // K for y in YEARS] == [15_870, 20_705, 31_406, 31_259]
    previous = 0
    for year in YEARS:
        code = "recon-investments-modernising-government"
        assert amount(code, year) == allocated[year] - previous
        previous = allocated[year]


def test_efficiency_targets_add_up_to_the_2020_efficiency_programme() -> None:
    targets = [x for x in LINES if x["statement"] == "efficiency_targets"]
    assert [x["amount_gbp"] // K for x in targets] == [1_200, 59, 264]
    assert sum(x["amount_gbp"] for x in targets) == 1_523 * K
    for year in YEARS:
        assert amount("recon-2020-efficiency-programme", year) == -1_523 * K


def _num(cell: str) -> int:
    cell = cell.strip().replace(",", "")
    return -int(cell[1:-1]) if cell.startswith("(") else int(cell)


def _amount(cell: str) -> bool:
    return bool(re.fullmatch(r"\(?[\d,]+\)?", cell.strip()))


def _document_cells() -> dict[tuple[str, str, int], int]:
    """Every cell of the four tables read mechanically from document 000's text (£'000)."""
    from tests.conftest import REPO_ROOT, SHARED_DIR

    folder = next(
        f
        for f in (SHARED_DIR / "seed-documents", REPO_ROOT / "tests/data/seed-documents")
        if f.is_dir()
    )
    doc = next(folder.glob("000_*.txt")).read_text(encoding="utf-8").splitlines()
    cells: dict[tuple[str, str, int], int] = {}
    service_end = doc.index("Table 1-4 Detailed service analysis")
    socne_end = doc.index("Table 5 - Statement of Comprehensive Net Expenditure")
    recon_end = doc.index("Table 6 - Reconciliation of Net Revenue Expenditure")
    year = None
    for row in (r.split("\t") for r in doc[doc.index("Financial Overview") : service_end]):
        if heading := re.match(r"(\d{4}) Net Revenue", row[-1]):
            year = int(heading[1])
        elif len(row) == 6 and year and row[1] != "Net Revenue Expenditure" and _amount(row[2]):
            for column, value in zip(SERVICE_COLUMNS, row[2:5], strict=True):
                cells["service_analysis", f"{row[1]}: {column}", year] = _num(value)
            if year == 2020:
                label = f"{row[1]}: net revenue expenditure (no breakdown given for 2019)"
                cells["service_analysis", label, 2019] = _num(row[0])
    group = None
    for row in (r.split("\t") for r in doc[service_end:socne_end]):
        if len(row) >= 2 and row[0] == "" and row[1] in ("Income", "Expenditure"):
            group = row[1]
        elif len(row) == 6 and group and not row[1].startswith(("Total", "Net")):
            for y, value in zip(range(2019, 2024), [row[0], *row[2:]], strict=True):
                cells["comprehensive_net_expenditure", f"{group}: {row[1]}", y] = _num(value)
    group = None
    for row in (r.split("\t") for r in doc[socne_end:recon_end]):
        if len(row) == 5 and row[0] and not any(row[1:]):
            group = row[0]
        elif len(row) == 5 and row[0] and not row[0].startswith("Net Revenue"):
            label = row[0] if row[0] in RECONCILIATION_TOP else f"{group}: {row[0]}"
            for y, value in zip(YEARS, row[1:], strict=True):
                cells["reconciliation", label, y] = _num(value)
    targets = doc.index("Efficiency Targets\t£'000")
    for row in doc[targets + 1 : targets + 4]:
        label, value = row.split("\t")
        cells["efficiency_targets", label, 2020] = _num(value)
    return cells


SERVICE_COLUMNS = (
    "income",
    "Annually Managed Expenditure (AME)",
    "Departmental Expenditure Limit (DEL)",
)
RECONCILIATION_TOP = (
    "Base Department Budget as per Government Plan",
    "Inflation and Legislative Decisions",
    "Efficiency Programme",
    "Departmental transfers",
    "Other Variations",
    "2020 Efficiency Programme",
)


def test_every_line_matches_the_cell_read_mechanically_from_the_document() -> None:
    seeded = {(x["statement"], x["label"], x["year"]): x["amount_gbp"] for x in LINES}
    stated = {key: value * K for key, value in _document_cells().items()}
    assert seeded == stated
