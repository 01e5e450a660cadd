"""Fixtures shared by the GMPP parser tests."""

from pathlib import Path

import pytest

from cpmo.imports.gmpp import GmppParseResult, parse_gmpp

EXCERPTS = Path(__file__).resolve().parents[2] / "data" / "gmpp"
YEARS = ("2019-20", "2020-21", "2021-22", "2022-23", "2023-24", "2024-25", "2025-26")


@pytest.fixture(scope="session")
def excerpts() -> dict[str, GmppParseResult]:
    """Every year's excerpt from tests/data/gmpp, parsed once."""
    results = {}
    for year in YEARS:
        name = f"gmpp_{year.replace('-', '_')}.csv"
        results[year] = parse_gmpp((EXCERPTS / name).read_bytes(), name)
    return results
