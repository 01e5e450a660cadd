"""The report's charts as matplotlib figures: funnel, RAG, budget profile, benefit trajectory."""

from matplotlib.figure import Figure

from cpmo.money import short_money
from cpmo.reports.compose.content import OversightReport
from cpmo.reports.render.palette import RAG_COLOURS, new_figure
from cpmo.vocabulary import rag_label, stage_label


def stage_funnel(report: OversightReport) -> Figure:
    """Programmes at each lifecycle stage, in lifecycle order."""
    stages = [s for s, n in report.stage_funnel.items() if n] or list(report.stage_funnel)[:1]
    counts = [report.stage_funnel[s] for s in stages]
    fig, ax = new_figure(9, 0.45 * len(stages) + 1.2)
    ax.barh(range(len(stages)), counts, color="#1d70b8")
    ax.set_yticks(range(len(stages)), [stage_label(s) for s in stages])
    ax.invert_yaxis()
    for i, n in enumerate(counts):
        ax.text(n, i, f" {n}", va="center")
    ax.set_xlabel("programmes")
    ax.set_title("Stage funnel: programmes at each stage")
    return fig


def rag_distribution(report: OversightReport) -> Figure:
    """RAG counts now (with text labels), and by report date when snapshots exist."""
    rags = list(report.rag_distribution)
    fig, (now, over_time) = new_figure(9, 3.4, cols=2)
    counts = [report.rag_distribution[r] for r in rags]
    now.bar(range(len(rags)), counts, color=[RAG_COLOURS[r] for r in rags], edgecolor="#0b0c0c")
    now.set_xticks(range(len(rags)), [rag_label(r) for r in rags], rotation=30, ha="right")
    for i, n in enumerate(counts):
        now.text(i, n, str(n), ha="center", va="bottom")
    now.set_title(f"RAG as of {report.as_of}")
    points = report.trend
    bottoms = [0] * len(points)
    for rag in rags:
        values = [p.by_rag.get(rag, 0) for p in points]
        over_time.bar(
            range(len(points)),
            values,
            bottom=bottoms,
            color=RAG_COLOURS[rag],
            edgecolor="#0b0c0c",
            label=rag_label(rag),
        )
        bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    over_time.set_xticks(
        range(len(points)), [str(p.as_of) for p in points], rotation=30, ha="right"
    )
    over_time.set_title("RAG by report date" if len(points) > 1 else "RAG (no earlier snapshot)")
    over_time.set_xlim(-0.75, max(len(points), 3) - 0.25)
    over_time.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig


def _millions(amount: int | None) -> float:
    return (amount or 0) / 1_000_000


def budget_profile(report: OversightReport) -> Figure:
    """Phased whole-life cost by year beside the CSP allocation (£m)."""
    years = report.budget.years
    fig, ax = new_figure(9, 3.4)
    xs = range(len(years))
    ax.bar(
        [x - 0.2 for x in xs],
        [_millions(y.planned_gbp) for y in years],
        width=0.4,
        color="#1d70b8",
        label="planned (phased whole-life cost)",
    )
    ax.bar(
        [x + 0.2 for x in xs],
        [_millions(y.allocation_gbp) for y in years],
        width=0.4,
        color="#b1b4b6",
        hatch="//",
        edgecolor="#505a5f",
        label="CSP allocation",
    )
    step = max(1, -(-len(years) // 14))
    ax.set_xticks(list(xs)[::step], [y.label or str(y.year) for y in years][::step], rotation=45)
    ax.set_ylabel("£m")
    unphased = f"; {short_money(report.budget.unphased_gbp)} not phased"
    ax.set_title("Budget profile by year" + (unphased if report.budget.unphased_gbp else ""))
    ax.legend(fontsize=8)
    return fig


def benefit_trajectory(report: OversightReport) -> Figure:
    """Benefits claimed and benefits at risk at each report date (£m)."""
    points = report.trend
    fig, ax = new_figure(9, 3.2)
    xs = range(len(points))
    ax.plot(
        xs,
        [_millions(p.benefits_gbp) for p in points],
        marker="o",
        color="#00703c",
        label="benefits (one-off and cumulative)",
    )
    ax.plot(
        xs,
        [_millions(p.benefits_at_risk_gbp) for p in points],
        marker="s",
        linestyle="--",
        color="#d4351c",
        label="benefits at risk",
    )
    ax.set_xticks(list(xs), [str(p.as_of) for p in points])
    ax.set_ylabel("£m")
    ax.set_ylim(bottom=0)
    ax.set_title("Benefit trajectory by report date")
    ax.legend(fontsize=8)
    return fig
