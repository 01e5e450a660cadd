"""Budget against actual and forecast, by financial year and for the whole life (pure).

- *Baseline*: the counted cost by year from the roll-up (the approved case's profile, or the
  planned dates spread evenly as an estimate); what cannot be phased is the unphased baseline.
- *Actual*: recorded spend, by the financial year its month falls in.
- *Outturn* of a year: its forecast where one is set; else, for a year already over, the
  actual; else the baseline (no forecast means "on plan").
- *Variance* = outturn − baseline (£, and % of the baseline where there is one).
- Whole life: baseline is the counted cost; forecast is the years' outturns plus the unphased
  baseline; growth beyond the tolerance is an exception.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from cpmo.finance.costs import CostLine, add_years
from cpmo.finance.years import year_label


@dataclass(frozen=True)
class YearFigures:
    year: int
    label: str
    baseline_gbp: int
    actual_gbp: int
    forecast_gbp: int | None  # as set; None where no forecast was given for the year
    outturn_gbp: int
    outturn_source: str  # "forecast", "actual" or "baseline"

    @property
    def variance_gbp(self) -> int:
        return self.outturn_gbp - self.baseline_gbp

    @property
    def variance_pct(self) -> float | None:
        return self.variance_gbp / self.baseline_gbp if self.baseline_gbp else None


@dataclass(frozen=True)
class FinanceView:
    years: list[YearFigures]
    baseline_gbp: int  # whole life: sum of the baseline years plus the unphased baseline
    unphased_baseline_gbp: int
    actual_gbp: int  # to date
    forecast_gbp: int  # whole life: the outturns plus the unphased baseline
    baseline_source: str
    tolerance: float
    illustrative: bool = False
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def variance_gbp(self) -> int:
        return self.forecast_gbp - self.baseline_gbp

    @property
    def variance_pct(self) -> float | None:
        return self.variance_gbp / self.baseline_gbp if self.baseline_gbp else None

    @property
    def growth_beyond_tolerance(self) -> bool:
        return self.baseline_gbp > 0 and self.variance_gbp > self.baseline_gbp * self.tolerance


SOURCES = {
    "baseline": "the counted whole-life cost, phased from the approved business case's profile "
    "(or its planned dates, as an estimate)",
    "actual": "spend recorded by month, in the financial year the month falls in",
    "forecast": "the forecast set for the year; otherwise the actual for a year already over, "
    "or the baseline",
}


def finance_view(
    lines: Iterable[CostLine],
    actuals: Mapping[int, int],
    forecasts: Mapping[int, int],
    *,
    current_year: int,
    start_month: int,
    tolerance: float,
) -> FinanceView:
    """One programme's (or a portfolio's, given all its lines) figures by year and whole life."""
    lines = list(lines)
    baseline = add_years(line.years for line in lines)
    unphased = sum(line.unphased_gbp for line in lines)
    years = sorted(set(baseline) | set(actuals) | set(forecasts))
    rows = []
    for year in years:
        if year in forecasts:
            outturn, source = forecasts[year], "forecast"
        elif year < current_year:
            outturn, source = actuals.get(year, 0), "actual"
        else:
            outturn, source = baseline.get(year, 0), "baseline"
        rows.append(
            YearFigures(
                year=year,
                label=year_label(year, start_month),
                baseline_gbp=baseline.get(year, 0),
                actual_gbp=actuals.get(year, 0),
                forecast_gbp=forecasts.get(year),
                outturn_gbp=outturn,
                outturn_source=source,
            )
        )
    sources = sorted({line.source for line in lines})
    return FinanceView(
        years=rows,
        baseline_gbp=sum(baseline.values()) + unphased,
        unphased_baseline_gbp=unphased,
        actual_gbp=sum(actuals.values()),
        forecast_gbp=sum(r.outturn_gbp for r in rows) + unphased,
        baseline_source="; ".join(sources) if sources else "no whole-life cost recorded",
        tolerance=tolerance,
        illustrative=any(line.illustrative for line in lines),
        sources=SOURCES,
    )


def combine(views: Iterable[FinanceView], *, tolerance: float) -> FinanceView:
    """Several programmes' figures added year by year (each pound is already counted once)."""
    views = list(views)
    by_year: dict[int, list[YearFigures]] = {}
    for view in views:
        for row in view.years:
            by_year.setdefault(row.year, []).append(row)
    rows = []
    for year in sorted(by_year):
        group = by_year[year]
        forecasts = [r.forecast_gbp for r in group if r.forecast_gbp is not None]
        kinds = {r.outturn_source for r in group}
        rows.append(
            YearFigures(
                year=year,
                label=group[0].label,
                baseline_gbp=sum(r.baseline_gbp for r in group),
                actual_gbp=sum(r.actual_gbp for r in group),
                forecast_gbp=sum(forecasts) if forecasts else None,
                outturn_gbp=sum(r.outturn_gbp for r in group),
                outturn_source=kinds.pop() if len(kinds) == 1 else "mixed",
            )
        )
    return FinanceView(
        years=rows,
        baseline_gbp=sum(v.baseline_gbp for v in views),
        unphased_baseline_gbp=sum(v.unphased_baseline_gbp for v in views),
        actual_gbp=sum(v.actual_gbp for v in views),
        forecast_gbp=sum(v.forecast_gbp for v in views),
        baseline_source="the portfolio roll-up: each programme's counted cost, each pound once",
        tolerance=tolerance,
        illustrative=any(v.illustrative for v in views),
        sources=SOURCES,
    )
