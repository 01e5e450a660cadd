"""Paths and helpers shared by the GMPP parser tests."""

from pathlib import Path

import pytest

from cpmo.imports.gmpp import GmppParseResult, GmppProject, parse_gmpp

TESTS_DIR = Path(__file__).resolve().parents[2]
EXCERPTS = TESTS_DIR / "data" / "gmpp"
# The full published files live beside the repository: <repo>/../shared/data/gmpp.
FULL_DATA = TESTS_DIR.parent.parent / "shared" / "data" / "gmpp"
YEARS = ("2019-20", "2020-21", "2021-22", "2022-23", "2023-24", "2024-25", "2025-26")


def file_name(year: str) -> str:
    """gmpp_2021_22.csv for "2021-22"."""
    return f"gmpp_{year.replace('-', '_')}.csv"


def parse_file(folder: Path, year: str) -> GmppParseResult:
    """Parse one year's file from ``folder``."""
    name = file_name(year)
    return parse_gmpp((folder / name).read_bytes(), name)


def by_id(result: GmppParseResult, project_id: str) -> GmppProject:
    """The one project with ``project_id``."""
    (project,) = [p for p in result.projects if p.project_id == project_id]
    return project


@pytest.fixture(scope="session")
def excerpts() -> dict[str, GmppParseResult]:
    """Every year's excerpt, parsed once."""
    return {year: parse_file(EXCERPTS, year) for year in YEARS}
