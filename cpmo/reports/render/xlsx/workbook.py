"""The oversight report as a workbook: one sheet per section, real numbers, frozen headers."""

import io

from openpyxl import Workbook

from cpmo.reports.compose.content import OversightReport
from cpmo.reports.render.xlsx.portfolio import portfolio_sheets, progress_sheets, register_sheets
from cpmo.reports.render.xlsx.sheets import write_sheet


def _about(book: Workbook, r: OversightReport) -> None:
    rows = [
        ("Portfolio", r.portfolio),
        ("Name", r.portfolio_name),
        ("Organisation", r.organisation),
        ("As of", r.as_of),
        ("Generated (UTC)", r.generated_at),
        ("Compared with snapshot of", r.compared_with),
        ("Data", r.provenance),
        *(("Note", note) for note in r.notes),
    ]
    write_sheet(book, "About", ["Item", "Value"], rows)
    h = r.headline
    write_sheet(book, "Headline", ["Figure", "Value"], list(vars(h).items()))


def _attention(book: Workbook, r: OversightReport) -> None:
    write_sheet(
        book,
        "Exceptions",
        ["Programme", "Name", "RAG", "Kind", "Detail"],
        [(e.programme, e.name, e.rag, e.kind, e.detail) for e in r.exceptions],
    )
    write_sheet(
        book,
        "Honesty flags",
        ["Programme", "Name", "Reported RAG", "Rule", "Evidence"],
        [(f.programme, f.name, f.reported_rag, f.rule, f.evidence) for f in r.honesty_flags],
    )
    write_sheet(
        book,
        "Awaiting endorsement",
        ["Programme", "Name", "Gate", "Stage", "Cost", "Submitted at", "Submitted by"],
        [
            (a.programme, a.name, a.gate, a.stage, a.cost_gbp, a.submitted_at, a.submitted_by)
            for a in r.awaiting_endorsement
        ],
        money=["Cost"],
    )
    write_sheet(
        book,
        "Decisions",
        [
            "Sequence",
            "At",
            "Programme",
            "Event",
            "From",
            "To",
            "Actor",
            "Role",
            "Rationale",
            "Conditions",
        ],
        [
            (
                d.sequence,
                d.at,
                d.programme,
                d.event,
                d.from_stage,
                d.to_stage,
                d.actor,
                d.role,
                d.rationale,
                d.conditions,
            )
            for d in r.decisions
        ],
    )


def render_xlsx(report: OversightReport) -> bytes:
    """The workbook's bytes."""
    book = Workbook(write_only=True)
    for part in (_about, _attention, portfolio_sheets, progress_sheets, register_sheets):
        part(book, report)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
