"""`cpmo bench`: the harness runs, prints one JSON object per figure, and refuses bad groups."""

import dataclasses
import io
import json

from click.testing import CliRunner

from cpmo.cli import main
from cpmo_tools.bench.figures import Printer
from cpmo_tools.bench.suite import QUICK, run
from tests.conftest import TEST_AUDIT_KEYRING

TINY = dataclasses.replace(
    QUICK, status_sizes=(20, 200), status_repeat=3, event_size=200, event_samples=4
)


def test_status_and_event_figures_come_out_as_json_lines() -> None:
    out = io.StringIO()
    run(Printer(out, as_json=True), quick=True, only=["status", "event"], plan=TINY)
    figures = [json.loads(line) for line in out.getvalue().splitlines()]
    by_name: dict[str, list[dict]] = {}
    for figure in figures:
        by_name.setdefault(figure["name"], []).append(figure)
    status = {f["n"]: f for f in by_name["status"]}
    assert set(status) == {20, 200}
    for figure in status.values():
        assert figure["median_s"] > 0 and figure["p95_s"] >= figure["median_s"]
        assert figure["samples"] == 3 and figure["queries"] > 0
    assert status[20]["queries"] == status[200]["queries"]
    assert by_name["status_statements_constant"][0]["met"] is True
    assert by_name["status_ratio_200_20"][0]["value"] > 0
    (event,) = by_name["event"]
    assert event["n"] == 200 and event["samples"] == 4 and event["target"] == "median < 50 ms"
    assert {f["n"] for f in by_name["demo_data"]} == {20, 200}


def test_an_unknown_group_is_refused_with_the_choices() -> None:
    result = CliRunner().invoke(main, ["bench", "--only", "status,nonsense"])
    assert result.exit_code != 0
    assert "unknown benchmark group(s) nonsense" in result.output


def test_a_database_already_holding_the_demo_portfolio_is_refused_clearly(tmp_path) -> None:
    from cpmo_tools.demo import generate

    url = f"sqlite:///{tmp_path / 'used.sqlite3'}"
    generate(url, audit_keyring=TEST_AUDIT_KEYRING, programmes=1, portfolio="demo-100")
    result = CliRunner().invoke(
        main, ["bench", "--quick", "--only", "status", "--database-url", url]
    )
    assert result.exit_code == 1
    assert "'demo-100' already exists" in result.output
    assert "give an empty database" in result.output
    assert "Traceback" not in result.output
