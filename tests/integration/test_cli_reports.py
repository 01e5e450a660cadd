"""`cpmo report …` and `cpmo import gmpp` end to end against a fresh database."""

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from cpmo.cli import main

EXCERPTS = Path(__file__).resolve().parents[1] / "data" / "gmpp"


@pytest.fixture
def cli(fresh_database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CPMO_DATABASE_URL", fresh_database_url)
    monkeypatch.setenv("CPMO_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("CPMO_SECRET_KEY", "cli-test")
    runner = CliRunner()

    def run(*args: str, ok: bool = True):  # type: ignore[no-untyped-def]
        result = runner.invoke(main, list(args), catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, result.output
        return result

    run("db", "upgrade")
    return run


def test_the_oversight_report_is_written_in_every_format(cli, tmp_path: Path) -> None:
    cli("seed")
    for fmt in ("pdf", "html", "json", "xlsx", "csv"):
        out = tmp_path / f"report.{fmt}"
        result = cli(
            "report",
            "oversight",
            "--portfolio",
            "goj-change",
            "--format",
            fmt,
            "--output",
            str(out),
            "--as-of",
            "2020-07-01",
        )
        assert f"Wrote {out}" in result.output
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert "Government of Jersey" in (tmp_path / "report.html").read_text()
    assert json.loads((tmp_path / "report.json").read_text())["as_of"] == "2020-07-01"
    book = load_workbook(io.BytesIO((tmp_path / "report.xlsx").read_bytes()))
    assert "Exceptions" in book.sheetnames
    assert (tmp_path / "report.csv").read_text().startswith("code,name,department")


def test_a_snapshot_is_stored_and_listed(cli) -> None:
    cli("seed")
    stored = cli(
        "report",
        "snapshot",
        "--portfolio",
        "goj-change",
        "--as-of",
        "2020-06-30",
        "--label",
        "June board",
    )
    assert "as of 2020-06-30 stored (14 programmes)" in stored.output
    assert "June board" in cli("report", "snapshots", "--portfolio", "goj-change").output


def test_an_unknown_portfolio_is_a_clear_error(cli, tmp_path: Path) -> None:
    result = cli(
        "report", "oversight", "--portfolio", "nope", "--output", str(tmp_path / "x.pdf"), ok=False
    )
    assert result.exit_code == 1 and "No portfolio with code 'nope'" in result.output


def test_a_gmpp_year_imports_and_imports_again_without_change(cli) -> None:
    path = str(EXCERPTS / "gmpp_2019_20.csv")
    first = cli("import", "gmpp", path).output
    assert "Imported 8 projects into gmpp-2019-20" in first and "8 created" in first
    assert "0 created, 0 updated, 8 unchanged, 0 removed" in cli("import", "gmpp", path).output


def test_a_broken_gmpp_file_is_refused_naming_row_and_column(cli, tmp_path: Path) -> None:
    broken = tmp_path / "gmpp_2021_22.csv"
    data = (EXCERPTS / "gmpp_2021_22.csv").read_bytes()
    broken.write_bytes(data.replace(b'"Amber"', b'"Purple"', 1))
    result = cli("import", "gmpp", str(broken), ok=False)
    assert result.exit_code == 1
    assert "nothing was imported" in result.output
    assert "row " in result.output and "unrecognised rating 'Purple'" in result.output
