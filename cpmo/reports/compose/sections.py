"""Report sections built from plain facts: benefits at risk, progress, trend, provenance."""

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta

from cpmo.reports.compose.content import BenefitAtRisk, KpiLine, Progress, TrendPoint
from cpmo.reports.gather.facts import BenefitFact, ProgrammeFacts, SnapshotFact
from cpmo.vocabulary import RAGS

DUE_SOON_DAYS = 90
LISTED = 10
TREND_POINTS = 6
SOURCE_FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt")


def benefits_at_risk(
    programmes: Iterable[ProgrammeFacts],
    at_risk: set[str],
    reach: dict[str, list[str]],
    info: dict[str, BenefitFact],
) -> list[BenefitAtRisk]:
    """Benefits downstream (in the dependency graph) of an at-risk programme, largest first;
    for imported registers, the published benefits of each at-risk project."""
    because: dict[str, set[str]] = {}
    for code in at_risk:
        for benefit in reach.get(code, []):
            because.setdefault(benefit, set()).add(code)
    lines = [
        BenefitAtRisk(b, info[b].title, info[b].value_gbp, info[b].per_year, sorted(codes))
        for b, codes in because.items()
        if b in info
    ]
    lines += [
        BenefitAtRisk(p.code, f"Published benefits of {p.name}", p.benefits_gbp, False, [p.code])
        for p in programmes
        if p.code in at_risk and p.benefits_gbp
    ]
    return sorted(lines, key=lambda b: (-(b.value_gbp or 0), b.benefit))


def at_risk_total(lines: Iterable[BenefitAtRisk]) -> int:
    """The value at risk, one-off and cumulative benefits only (annual ones are listed)."""
    return sum(b.value_gbp or 0 for b in lines if not b.per_year)


def progress(programmes: Iterable[ProgrammeFacts], kpis: list[KpiLine], as_of: date) -> Progress:
    """KPIs (count, frequency, what they measure) and milestone progress at ``as_of``."""
    rows = [(p.code, m) for p in programmes for m in p.milestones]
    open_ = [(c, m) for c, m in rows if m.completed_on is None]
    overdue = sorted(
        ((c, m) for c, m in open_ if m.due_date and m.due_date < as_of),
        key=lambda cm: (cm[1].due_date, cm[0]),
    )
    soon = as_of + timedelta(days=DUE_SOON_DAYS)
    return Progress(
        kpis_total=len(kpis),
        kpis_by_frequency=dict(Counter(k.frequency or "not stated" for k in kpis)),
        kpis=kpis,
        milestones_total=len(rows),
        milestones_completed=len(rows) - len(open_),
        milestones_overdue=len(overdue),
        milestones_due_soon=sum(1 for _, m in open_ if m.due_date and as_of <= m.due_date <= soon),
        milestones_undated=sum(1 for _, m in open_ if m.due_date is None),
        overdue=[f"{c}: {m.title} (due {m.due_date})" for c, m in overdue[:LISTED]],
        source="KPIs and milestones from cpmo's strategy register",
    )


def trend(snapshots: Iterable[SnapshotFact], current: TrendPoint, as_of: date) -> list[TrendPoint]:
    """The last few snapshots before ``as_of``, then the current figures."""
    earlier = [s for s in snapshots if s.as_of < as_of][-(TREND_POINTS - 1) :]
    points = [
        TrendPoint(
            as_of=s.as_of,
            label=s.label,
            current=False,
            by_rag={r: int((s.data.get("by_rag") or {}).get(r, 0)) for r in RAGS},
            whole_life_cost_gbp=int(s.data.get("whole_life_cost_gbp") or 0),
            benefits_gbp=int(s.data.get("benefits_gbp") or 0),
            benefits_at_risk_gbp=int(s.data.get("benefits_at_risk_gbp") or 0),
        )
        for s in earlier
    ]
    return [*points, current]


def first_reported(snapshots: Iterable[SnapshotFact], as_of: date) -> dict[str, tuple[int, date]]:
    """Each programme's whole-life cost in the earliest snapshot that has one."""
    found: dict[str, tuple[int, date]] = {}
    for s in sorted(snapshots, key=lambda s: s.as_of):
        if s.as_of > as_of:
            break
        for code, row in (s.data.get("programmes") or {}).items():
            cost = row.get("whole_life_cost_gbp")
            if code not in found and isinstance(cost, int):
                found[code] = (cost, s.as_of)
    return found


def provenance(code: str, source: str | None, register: str | None) -> str:
    """One line naming where the figures come from, for every page's footer."""
    if register:
        return register
    files = sorted(set(SOURCE_FILE.findall(source or "")))
    cited = f"; records cite their source documents ({', '.join(files)})" if files else ""
    return f"cpmo portfolio register '{code}'{cited}"
