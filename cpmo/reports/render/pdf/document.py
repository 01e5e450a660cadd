"""The oversight report as a paginated PDF (reportlab platypus, landscape A4).

Every page carries the title, "Page X of Y", the generation date, the as-of date and the
data's provenance; charts are embedded as PNG images.
"""

import io
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import SimpleDocTemplate

from cpmo.reports.compose.content import OversightReport
from cpmo.reports.render.pdf import portfolio as portfolio
from cpmo.reports.render.pdf import registers as registers
from cpmo.reports.render.pdf import sections as attention
from cpmo.reports.render.pdf.canvas import MARGIN, Furniture, numbered_canvas
from cpmo.reports.render.pdf.style import para


def _title_block(r: OversightReport) -> list[Any]:
    compared = (
        f"Changes are since the last report, the snapshot of {r.compared_with}."
        if r.compared_with
        else "No earlier report to compare with."
    )
    org = f", {r.organisation}" if r.organisation else ""
    return [
        para(f"Oversight report: {r.portfolio_name}", "title"),
        para(f"Portfolio {r.portfolio}{org}. As of {r.as_of}. {compared}", "note"),
        *[para(note, "note") for note in r.notes],
    ]


def render_pdf(report: OversightReport, charts: dict[str, tuple[str, Any]]) -> bytes:
    """The PDF bytes; ``charts`` maps a chart name to (title, PNG bytes)."""
    buffer = io.BytesIO()
    furniture = Furniture(
        title=f"Oversight report — {report.portfolio_name}",
        portfolio=report.portfolio,
        as_of=report.as_of.isoformat(),
        generated=report.generated_at.strftime("%Y-%m-%d %H:%M UTC"),
        provenance=report.provenance,
    )
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 16,
        bottomMargin=MARGIN + 10,
        title=f"Oversight report: {report.portfolio_name} as of {report.as_of}",
        author="cpmo",
        subject=report.provenance,
    )
    story = [
        *_title_block(report),
        *attention.headline(report),
        *attention.exceptions(report),
        *attention.honesty(report),
        *attention.decisions(report),
        *portfolio.rag_section(report, charts),
        *portfolio.funnel_section(report, charts),
        *portfolio.budget_section(report, charts),
        *portfolio.benefit_totals_section(report),
        *portfolio.benefits_section(report, charts),
        *portfolio.dependencies_section(report, charts),
        *registers.progress_section(report),
        *registers.risks_section(report),
        *registers.register_section(report),
    ]
    doc.build(story, canvasmaker=numbered_canvas(furniture))
    return buffer.getvalue()
