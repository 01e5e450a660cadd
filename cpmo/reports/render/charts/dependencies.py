"""The dependency picture: the portfolio's programmes joined by 'enables' edges, laid out
left to right in delivery order and coloured (and labelled) by RAG."""

import networkx as nx
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from cpmo.reports.compose.content import OversightReport
from cpmo.reports.render.palette import RAG_COLOURS, new_figure
from cpmo.vocabulary import rag_label

ARROWS_UP_TO = 300  # edges drawn as arrows; beyond this, plain lines (speed)
LABELS_UP_TO = 60  # nodes labelled with their code


def layered_positions(graph: nx.DiGraph) -> dict[str, tuple[float, float]]:
    """x = delivery generation, y = place within it (centred)."""
    positions: dict[str, tuple[float, float]] = {}
    for x, generation in enumerate(nx.topological_generations(graph)):
        nodes = sorted(generation)
        for i, node in enumerate(nodes):
            positions[node] = (float(x), (len(nodes) - 1) / 2 - i)
    return positions


def dependency_picture(report: OversightReport) -> Figure | None:
    """None when the portfolio has no enables edges between its programmes."""
    if not report.dependencies:
        return None
    graph = nx.DiGraph((e.source, e.target) for e in report.dependencies)
    rag = {p.code: p.rag for p in report.programmes}
    pos = layered_positions(graph)
    height = max(3.0, min(9.0, 0.35 * max(abs(y) for _, y in pos.values()) * 2 + 2))
    fig, ax = new_figure(9, height)
    segments = [(pos[s], pos[t]) for s, t in graph.edges]
    if len(segments) <= ARROWS_UP_TO:
        for (x0, y0), (x1, y1) in segments:
            ax.annotate(
                "",
                xy=(x1, y1),
                xytext=(x0, y0),
                arrowprops={
                    "arrowstyle": "-|>",
                    "color": "#505a5f",
                    "shrinkA": 6,
                    "shrinkB": 6,
                    "lw": 0.8,
                },
            )
    else:
        ax.add_collection(LineCollection(segments, colors="#505a5f", linewidths=0.4))
    nodes = sorted(graph)
    ax.scatter(
        [pos[n][0] for n in nodes],
        [pos[n][1] for n in nodes],
        s=90 if len(nodes) <= LABELS_UP_TO else max(12, 90 * LABELS_UP_TO // len(nodes)),
        zorder=3,
        c=[RAG_COLOURS.get(rag.get(n, "unrated"), "#b1b4b6") for n in nodes],
        edgecolors="#0b0c0c",
    )
    if len(nodes) <= LABELS_UP_TO:
        for n in nodes:
            ax.text(pos[n][0], pos[n][1] + 0.22, n, ha="center", va="bottom", fontsize=7)
    shown = sorted({rag.get(n, "unrated") for n in nodes}, key=list(RAG_COLOURS).index)
    ax.legend(
        handles=[Patch(color=RAG_COLOURS[r], label=rag_label(r)) for r in shown],
        fontsize=7,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
    )
    ax.set_axis_off()
    ax.margins(0.08, 0.15)
    ax.set_title("Dependencies: an arrow points from a programme to one that needs it first")
    return fig
