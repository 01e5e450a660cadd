"""The full published files: counts against the README and an independent reading.

These run only where the shared data folder sits beside the repository
(<repo>/../shared/data/gmpp); elsewhere they are skipped with the reason.
"""

import csv
import io
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from cpmo.imports.gmpp import GmppParseResult, parse_gmpp

FULL_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "gmpp"
pytestmark = pytest.mark.skipif(
    not FULL_DATA.is_dir(), reason=f"full GMPP data not found at {FULL_DATA}"
)

README_PROJECTS = {
    "2019-20": 125,
    "2020-21": 184,
    "2021-22": 235,
    "2022-23": 244,
    "2023-24": 227,
    "2024-25": 213,
    "2025-26": 189,
}
# Read, but worth knowing: (column, value) of each note the parser is expected to raise.
EXPECTED_NOTES = {
    "2019-20": [("(file)", "\ufffd")],  # byte 0x9D ("legacy Quantum\x9d prison system")
    "2024-25": [("Start Date", "No")],  # PUBLIC OWNERSHIP TRANSITION PROGRAMME
}


def file_name(year: str) -> str:
    """gmpp_2021_22.csv for "2021-22"."""
    return f"gmpp_{year.replace('-', '_')}.csv"


@pytest.fixture(scope="module")
def parsed() -> dict[str, GmppParseResult]:
    """Every full year, parsed once."""
    return {
        year: parse_gmpp((FULL_DATA / file_name(year)).read_bytes(), file_name(year))
        for year in README_PROJECTS
    }


# ---- an independent reading: the csv module and simple rules, none of the parser's helpers ----

SCALE = {"GREEN": "green", "AMBER/GREEN": "amber_green", "AMBER": "amber", "AMBER/RED": "amber_red"}
SCALE["RED"] = "red"


def independent_table(year: str) -> tuple[list[str], list[list[str]]]:
    """Header and project rows of a year's file, decoded and (2019-20) transposed by hand."""
    raw = (FULL_DATA / file_name(year)).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if "Project Name" not in rows[0]:
        rows = [list(column) for column in zip(*rows, strict=True)]
    header = rows[0]
    name = header.index("Project Name")
    return header, [row for row in rows[1:] if row[name].strip()]


def column(header: list[str], starts: str) -> int | None:
    """Index of the first header starting with ``starts`` (case-insensitive), if any."""
    found = [i for i, h in enumerate(header) if h.upper().startswith(starts.upper())]
    return found[0] if found else None


def independent_rag(row: list[str], ipa: int, sro: int | None) -> str:
    """IPA/NISTA rating if it is on the scale, else the SRO's, else unrated."""
    for index in (ipa, sro):
        if index is not None and row[index].strip().upper() in SCALE:
            return SCALE[row[index].strip().upper()]
    return "unrated"


def is_exempt(value: str) -> bool:
    """An FOI exemption text."""
    return "EXEMPT" in value.upper() or value.strip().upper().startswith("SECTION")


def whole_life_cost_column(header: list[str]) -> int:
    """The whole-life-cost column, whatever the year calls it."""
    return next(i for i, h in enumerate(header) if "WHOLE LIFE COST" in h.upper() and "£" in h)


def independent_pounds(value: str) -> int:
    """£m text (or the Mid of a range) in whole pounds; 0 when not a number."""
    mid = re.search(r"Mid:\s*([\d,.]+)", value)
    number = (mid.group(1) if mid else value).replace("£", "").replace(",", "").strip()
    if not re.fullmatch(r"-?\d+(\.\d+)?", number):
        return 0
    return int(Decimal(number) * 1_000_000)


def independent_figures(year: str) -> dict[str, object]:
    """Project count, RAG counts, withheld counts and total whole-life cost."""
    header, rows = independent_table(year)
    ipa, sro = column(header, "IPA Delivery"), column(header, "SRO Delivery")
    assert ipa is not None
    wlc = whole_life_cost_column(header)
    return {
        "projects": len(rows),
        "rag": Counter(independent_rag(row, ipa, sro) for row in rows),
        "rag_withheld": sum(
            1 for row in rows if independent_rag(row, ipa, sro) == "unrated" and is_exempt(row[ipa])
        ),
        "wlc_withheld": sum(1 for row in rows if is_exempt(row[wlc])),
        "wlc_total": sum(independent_pounds(row[wlc]) for row in rows),
    }


def parser_figures(result: GmppParseResult) -> dict[str, object]:
    """The same figures from the parser's records."""
    projects = result.projects
    return {
        "projects": len(projects),
        "rag": Counter(p.rag for p in projects),
        "rag_withheld": sum(1 for p in projects if (p.rag_reason or "").startswith("withheld")),
        "wlc_withheld": sum(p.whole_life_cost_withheld for p in projects),
        "wlc_total": sum(p.whole_life_cost_gbp or 0 for p in projects),
    }


# ---- the tests ----


@pytest.mark.parametrize("year", README_PROJECTS)
def test_every_year_parses_without_row_problems(parsed, year):
    assert parsed[year].problems == ()


@pytest.mark.parametrize("year", README_PROJECTS)
def test_project_counts_equal_the_readme_table(parsed, year):
    assert len(parsed[year].projects) == README_PROJECTS[year]


@pytest.mark.parametrize("year", README_PROJECTS)
def test_only_the_documented_notes_are_raised(parsed, year):
    notes = [(n.column, n.value) for n in parsed[year].notes]
    assert notes == EXPECTED_NOTES.get(year, [])


@pytest.mark.parametrize("year", README_PROJECTS)
def test_counts_by_rag_and_withheld_equal_an_independent_reading(parsed, year):
    assert parser_figures(parsed[year]) == independent_figures(year)


@pytest.mark.parametrize("year", README_PROJECTS)
def test_every_unrated_project_says_why_and_no_rated_one_does(parsed, year):
    for project in parsed[year].projects:
        assert (project.rag == "unrated") == (project.rag_reason is not None)
        assert (project.rag == "unrated") == (project.rag_basis == "none")


@pytest.mark.parametrize("year", README_PROJECTS)
def test_withheld_money_is_never_a_number(parsed, year):
    for project in parsed[year].projects:
        if project.whole_life_cost_withheld:
            assert project.whole_life_cost_gbp is None
        if project.budget_withheld:
            assert project.budget_gbp is None


@pytest.mark.parametrize("year", README_PROJECTS)
def test_project_ids_are_unique_within_a_year(parsed, year):
    ids = [p.project_id for p in parsed[year].projects]
    assert len(ids) == len(set(ids))


def test_the_independent_assessor_is_nista_from_2024_25(parsed):
    bases = {year: {p.rag_basis for p in result.projects} for year, result in parsed.items()}
    assert bases["2020-21"] == {"ipa", "none"}
    assert bases["2023-24"] == {"ipa", "sro", "none"}
    assert bases["2024-25"] == {"nista", "sro", "none"}
    assert bases["2025-26"] == {"nista", "sro", "none"}
