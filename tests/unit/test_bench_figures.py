"""The benchmark figures' summaries and their two output forms."""

import io
import json

import pytest

from cpmo_tools.bench.figures import Figure, Printer, percentile, timings


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.95) == 95.0
    assert percentile(values, 0.5) == 50.0
    assert percentile([3.0], 0.95) == 3.0
    with pytest.raises(ValueError):
        percentile([], 0.5)


def test_timings_give_median_p95_and_sample_count():
    figure = timings("status", [0.3, 0.1, 0.2, 0.4], n=1000, queries=3)
    assert (figure.median_s, figure.p95_s, figure.samples) == (0.25, 0.4, 4)
    assert figure.n == 1000 and figure.queries == 3


def test_json_output_is_one_object_per_line_without_empty_fields():
    out = io.StringIO()
    printer = Printer(out, as_json=True)
    printer.note("not in JSON output")
    printer(timings("status", [0.1, 0.2], n=100, queries=4))
    printer(Figure(name="status_ratio_10k_1k", value=3.5, target="<= 12", met=True))
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first == {
        "name": "status",
        "n": 100,
        "median_s": pytest.approx(0.15),
        "p95_s": 0.2,
        "samples": 2,
        "queries": 4,
    }
    assert second == {"name": "status_ratio_10k_1k", "value": 3.5, "target": "<= 12", "met": True}


def test_text_output_names_the_figure_and_its_verdict():
    out = io.StringIO()
    printer = Printer(out, as_json=False)
    printer(Figure(name="event", n=10_000, median_s=0.02, target="median < 50 ms", met=False))
    line = out.getvalue()
    assert line.startswith("event") and "n=10,000" in line and "20.0 ms" in line
    assert "[target median < 50 ms: MISSED]" in line
