"""The pages' SVG bar chart: an accessible image whose bars scale with the figures."""

import re

from cpmo.web.charts import bar_chart


def _chart(**kwargs: object) -> str:
    args: dict[str, object] = {
        "title": "Budget <and> actual",
        "categories": ["2020", "2021"],
        "series": [("Budget", [100, 200]), ("Actual", [50, -10])],
        "table_id": "t",
    }
    return bar_chart(**{**args, **kwargs})  # type: ignore[arg-type]


def test_the_chart_is_an_image_with_an_escaped_title_pointing_at_its_table() -> None:
    svg = _chart()
    assert svg.startswith('<svg class="cpmo-chart" role="img"')
    assert '<title id="t-chart-title">Budget &lt;and&gt; actual</title>' in svg
    assert 'aria-labelledby="t-chart-title t-chart-desc"' in svg
    assert "table that follows" in svg


def test_bars_are_as_tall_as_their_share_of_the_axis_and_negatives_sit_at_zero() -> None:
    svg = _chart()
    heights = [
        float(h)
        for h in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)"', svg)
    ]
    bars = heights[:4]  # the legend's swatches follow
    assert bars[2] == 2 * bars[0]  # 200 against 100
    assert bars[0] == 2 * bars[1]  # 100 against 50
    assert bars[3] == 0.0  # a refund is not drawn below the axis


def test_each_bar_names_its_series_year_and_amount() -> None:
    assert "<title>Actual, 2021: −£10</title>" in _chart()


def test_no_years_means_no_chart() -> None:
    assert _chart(categories=[], series=[]) == ""
