"""Static charts (matplotlib, Agg): SVG for the HTML report, PNG for the PDF.

No JavaScript is needed to read them. Figures are built with ``matplotlib.figure.Figure``
(not pyplot), so no global state is shared between requests or threads.
"""

import io
from collections.abc import Callable

import matplotlib
from matplotlib.figure import Figure

from cpmo.reports.compose.content import OversightReport
from cpmo.reports.render.charts.dependencies import dependency_picture
from cpmo.reports.render.charts.figures import (
    benefit_trajectory,
    budget_profile,
    rag_distribution,
    stage_funnel,
)
from cpmo.reports.render.palette import STYLE

matplotlib.use("Agg")  # no display, whatever MPLBACKEND says

PNG_DPI = 120


CHARTS: dict[str, tuple[str, Callable[[OversightReport], Figure | None]]] = {
    "stage_funnel": ("Stage funnel", stage_funnel),
    "rag_distribution": ("RAG distribution", rag_distribution),
    "budget_profile": ("Budget profile against the CSP allocation", budget_profile),
    "benefit_trajectory": ("Benefit trajectory", benefit_trajectory),
    "dependencies": ("Dependency picture", dependency_picture),
}


def to_svg(fig: Figure) -> str:
    """The figure as an SVG document (text kept as text, deterministic ids)."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def to_png(fig: Figure, dpi: int = PNG_DPI) -> bytes:
    """The figure as PNG bytes."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def render_all(report: OversightReport, fmt: str) -> dict[str, tuple[str, str | bytes]]:
    """name → (title, SVG text or PNG bytes) for every chart that has something to show."""
    out: dict[str, tuple[str, str | bytes]] = {}
    style = {**STYLE, "svg.fonttype": "none", "svg.hashsalt": "cpmo"}
    for name, (title, build) in CHARTS.items():
        with matplotlib.rc_context(style):
            fig = build(report)
            if fig is not None:
                out[name] = (title, to_svg(fig) if fmt == "svg" else to_png(fig))
    return out
