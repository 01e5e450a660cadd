"""PDF flowables for KPIs and plan progress, top risks and an imported year's register."""

from reportlab.platypus import PageBreak
from reportlab.platypus.flowables import Flowable

from cpmo.money import money
from cpmo.reports.compose.content import OversightReport
from cpmo.reports.render.pdf.sections import para, rag, table
from cpmo.vocabulary import rag_label


def progress_section(r: OversightReport) -> list[Flowable]:
    g = r.progress
    out: list[Flowable] = [
        para("KPIs and plan progress", "h2"),
        para(
            f"Milestones: {g.milestones_total} in all, {g.milestones_completed} complete, "
            f"{g.milestones_overdue} overdue, {g.milestones_due_soon} due in the next 90 days, "
            f"{g.milestones_undated} undated."
        ),
        *[para(f"• {item}", "cell") for item in g.overdue],
        para(
            f"KPIs: {g.kpis_total} ("
            + ", ".join(f"{n} {k}" for k, n in g.kpis_by_frequency.items())
            + ")."
        ),
    ]
    if g.kpis:
        rows = [[k.name, k.frequency or "—", "; ".join(k.measures) or "—"] for k in g.kpis]
        out.append(table(["KPI", "Frequency", "Measures benefit"], rows, [420, 80, 270]))
    return [*out, para(g.source + ".", "note")]


def risks_section(r: OversightReport) -> list[Flowable]:
    out: list[Flowable] = [para("Top risks", "h2")]
    if not r.top_risks:
        return [*out, para("No risks are recorded against this portfolio's programmes.")]
    rows = [
        [
            k.title,
            k.programme or "—",
            "not scored" if k.score is None else str(k.score),
            k.mitigation or "—",
        ]
        for k in r.top_risks
    ]
    return [*out, table(["Risk", "Programme", "Score", "Mitigation"], rows, [260, 120, 60, 330])]


def register_section(r: OversightReport) -> list[Flowable]:
    g = r.register
    if g is None:
        return []
    basis = f" Money in {g.price_basis}." if g.price_basis else ""
    depts = [
        [
            d.department,
            str(d.projects),
            money(d.whole_life_cost_gbp),
            ", ".join(f"{n} {rag_label(k)}" for k, n in d.by_rag.items()),
        ]
        for d in g.by_department
    ]
    top = [
        [c.name, c.department or "—", rag(c.rag), money(c.whole_life_cost_gbp)] for c in g.top_costs
    ]
    withheld = [[k.replace("_", " "), str(n)] for k, n in g.withheld.items()]
    return [
        PageBreak(),
        para(f"Major projects register {g.year}", "h2"),
        para(
            f"From {g.filename}; the {g.assessor} assessment where published, otherwise the "
            f"SRO's.{basis}",
            "note",
        ),
        table(["Withheld or not published", "Projects"], withheld, [300, 80], numeric=(1,)),
        para("By department", "h3"),
        table(
            ["Department", "Projects", "Whole-life cost", "RAG"],
            depts,
            [120, 70, 130, 450],
            numeric=(1, 2),
        ),
        para("Top whole-life costs", "h3"),
        table(
            ["Project", "Department", "RAG", "Whole-life cost"],
            top,
            [400, 110, 90, 170],
            numeric=(3,),
        ),
    ]
