"""The report's sections as reportlab flowables (the same order as the HTML page)."""

import io
from typing import Any

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image, KeepTogether, Spacer, Table
from reportlab.platypus.flowables import Flowable

from cpmo.money import money, short_money
from cpmo.reports.compose.content import OversightReport
from cpmo.reports.compose.rules import EXCEPTION_LABELS
from cpmo.reports.render.pdf.style import WIDTH, para, rag_cell, table
from cpmo.vocabulary import gate_label, rag_label


def chart(
    charts: dict[str, tuple[str, Any]], name: str, max_height: float = 300, heading: Any = None
) -> list[Flowable]:
    """The chart as an image scaled to the frame, with its caption, kept with ``heading``."""
    lead = [] if heading is None else [heading]
    if name not in charts:
        return lead
    title, png = charts[name]
    w, h = ImageReader(io.BytesIO(png)).getSize()
    scale = min(WIDTH / w, max_height / h)
    image = Image(io.BytesIO(png), width=w * scale, height=h * scale)
    return [KeepTogether([*lead, image, para(title, "note")]), Spacer(0, 6)]


def rag(value: str) -> Flowable:
    return rag_cell(value, rag_label(value))


def headline(r: OversightReport) -> list[Flowable]:
    h = r.headline
    per_year = (
        f"; separately {short_money(h.benefits_per_year_gbp)} a year"
        if h.benefits_per_year_gbp
        else ""
    )
    apart = (
        f"; {short_money(h.stopped_closed_gbp)} stopped or closed, apart"
        if h.stopped_closed_gbp
        else ""
    )
    figures = [
        (str(h.programmes), "programmes"),
        (
            short_money(h.whole_life_cost_gbp),
            f"whole-life cost, live programmes ({h.programmes_without_cost} uncosted){apart}",
        ),
        (
            short_money(h.benefits_gbp) if h.benefits_count else "—",
            f"one-off and cumulative benefits{per_year}",
        ),
        (f"{h.red} / {h.amber_red}", "red / amber-red"),
        (str(h.exceptions), "exceptions"),
        (str(h.honesty_flags), "RAG honesty flags"),
        (str(h.awaiting_endorsement), "awaiting endorsement"),
    ]
    cells = [[para(v, "big") for v, _ in figures], [para(t, "note") for _, t in figures]]
    out = [para("Headline figures", "h2"), Table(cells, colWidths=[WIDTH / 7] * 7, hAlign="LEFT")]
    if h.illustrative:
        out.append(para(ILLUSTRATIVE_NOTE, "note"))
    return out


ILLUSTRATIVE_NOTE = (
    "Illustrative: some headline figures come from records marked illustrative "
    "(not stated by a source document)."
)


def exceptions(r: OversightReport) -> list[Flowable]:
    out: list[Flowable] = [para("Exceptions", "h2")]
    if not r.exceptions:
        return [*out, para("No exceptions.")]
    rows = [
        [f"{e.name} ({e.programme})", rag(e.rag), EXCEPTION_LABELS.get(e.kind, e.kind), e.detail]
        for e in r.exceptions
    ]
    return [*out, table(["Programme", "RAG", "Exception", "Detail"], rows, [170, 70, 80, 450])]


def honesty(r: OversightReport) -> list[Flowable]:
    out: list[Flowable] = [
        para("RAG honesty flags", "h2"),
        para(
            "Programmes reporting green or amber/green while the evidence says otherwise.", "note"
        ),
    ]
    if not r.honesty_flags:
        return [*out, para("No programme reports a better RAG than its evidence supports.")]
    rows = [
        [f"{f.name} ({f.programme})", rag(f.reported_rag), f.rule.replace("_", " "), f.evidence]
        for f in r.honesty_flags
    ]
    return [*out, table(["Programme", "Reported", "Rule", "Evidence"], rows, [170, 70, 90, 440])]


def decisions(r: OversightReport) -> list[Flowable]:
    out: list[Flowable] = [para("Decisions", "h2"), para("Awaiting oversight endorsement", "h3")]
    if r.awaiting_endorsement:
        rows = [
            [
                f"{a.name} ({a.programme})",
                gate_label(a.gate),
                money(a.cost_gbp),
                f"{a.submitted_at.date() if a.submitted_at else '—'} by {a.submitted_by or '—'}",
            ]
            for a in r.awaiting_endorsement
        ]
        out.append(
            table(
                ["Programme", "Gate", "Cost", "Submitted"], rows, [260, 120, 120, 270], numeric=(2,)
            )
        )
    else:
        out.append(para("Nothing awaits the oversight group's endorsement."))
    out += [para("Decisions taken", "h3"), para(r.decisions_note, "note")]
    if not r.decisions:
        return [*out, para("No decisions in this period.")]
    rows = [
        [
            d.at.strftime("%Y-%m-%d"),
            d.programme,
            f"{d.event} ({d.from_stage} → {d.to_stage})",
            f"{d.actor} ({d.role})",
            d.rationale or "—",
        ]
        for d in r.decisions
    ]
    return [
        *out,
        table(["When", "Programme", "Decision", "By", "Rationale"], rows, [60, 140, 220, 110, 240]),
    ]
