"""An SVG picture of the graph or of one node's impact: layered layout, no graphviz needed."""

from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from cpmo.graph.export import xml_text
from cpmo.graph.network import kind_of, nodes_of_kind
from cpmo.graph.schedule import delivery_order

# kind -> (badge shown on every node, fill colour); colour is never the only signal.
KIND_STYLE: dict[str, tuple[str, str]] = {
    "programme": ("PRG", "#5694ca"),
    "kpi": ("KPI", "#b1b4b6"),
    "benefit": ("BEN", "#85994b"),
    "objective": ("OBJ", "#ffdd00"),
    "priority": ("PRI", "#f499be"),
}
BOX_W, BOX_H, COL_W, ROW_H, MARGIN, TOP = 220, 36, 290, 52, 20, 90
LABEL_CHARS = 24
FONT = 'font-family="Arial, Helvetica, sans-serif"'
ARROW = (
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
    'markerHeight="8" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#505a5f"/></marker></defs>'
)


def impact_subgraph(graph: nx.DiGraph, key: str) -> nx.DiGraph:
    """The node key and everything reachable from it; NotFound if key is unknown."""
    kind_of(graph, key)
    return graph.subgraph({key, *nx.descendants(graph, key)})


def layers(graph: nx.DiGraph) -> list[list[str]]:
    """Columns left to right: programme generations, then kpis, benefits, objectives, priorities."""
    columns = delivery_order(graph)
    columns += [nodes_of_kind(graph, kind) for kind in ("kpi", "benefit", "objective", "priority")]
    return [column for column in columns if column]


def to_svg(graph: nx.DiGraph, focus: str | None = None) -> str:
    """SVG text of the whole graph, or of focus's impact subgraph when focus is given."""
    shown = graph if focus is None else impact_subgraph(graph, focus)
    columns = layers(shown)
    pos = {
        key: (MARGIN + c * COL_W, TOP + r * ROW_H)
        for c, column in enumerate(columns)
        for r, key in enumerate(column)
    }
    width = MARGIN * 2 + max(len(columns) * COL_W - (COL_W - BOX_W), 5 * 150)
    height = TOP + MARGIN + max((len(column) for column in columns), default=0) * ROW_H
    title = "Dependency graph" if focus is None else f"Impact of {graph.nodes[focus]['label']}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="svg-title">',
        f'<title id="svg-title">{_esc(title)}</title>',
        ARROW,
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{MARGIN}" y="28" {FONT} font-size="18" font-weight="bold">{_esc(title)}</text>',
        *_legend(),
    ]
    parts += [_edge(shown, pos, source, target) for source, target in shown.edges]
    parts += [_node(shown, pos, key, key == focus) for key in pos]
    if not pos:
        parts.append(f'<text x="{MARGIN}" y="{TOP + 20}" {FONT} font-size="14">No nodes</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _legend() -> list[str]:
    """Swatch, badge and kind name for every kind, and how to read the arrows."""
    out = ['<g class="legend">']
    for i, (kind, (badge, fill)) in enumerate(KIND_STYLE.items()):
        x = MARGIN + i * 150
        out.append(f'<rect x="{x}" y="40" width="16" height="16" fill="{fill}" stroke="#0b0c0c"/>')
        out.append(f'<text x="{x + 22}" y="53" {FONT} font-size="13">{badge} {kind}</text>')
    out.append(
        f'<text x="{MARGIN}" y="76" {FONT} font-size="12">'
        "Arrows point the way impact flows; dashed arrows are enables.</text>"
    )
    out.append("</g>")
    return out


def _node(graph: nx.DiGraph, pos: dict[str, tuple[int, int]], key: str, focus: bool) -> str:
    """One node: a box coloured by kind with its kind badge and label; full text in its title."""
    x, y = pos[key]
    data = graph.nodes[key]
    kind = data["kind"]
    badge, fill = KIND_STYLE[kind]
    label = xml_text(data["label"])
    short = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
    stroke = 3 if focus else 1
    return (
        f"<g class={quoteattr('node ' + kind)}>"
        f"<title>{_esc(f'{kind} {key}: {label}')}</title>"
        f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="4" fill="{fill}" '
        f'stroke="#0b0c0c" stroke-width="{stroke}"/>'
        f'<text x="{x + 8}" y="{y + 23}" {FONT} font-size="13">'
        f'<tspan font-weight="bold">{badge}</tspan> {_esc(short)}</text></g>'
    )


def _edge(graph: nx.DiGraph, pos: dict[str, tuple[int, int]], source: str, target: str) -> str:
    """One arrow from the right side of source's box to the left side of target's box."""
    (sx, sy), (tx, ty) = pos[source], pos[target]
    kind = graph.edges[source, target]["kind"]
    dash = ' stroke-dasharray="6 4"' if kind == "enables" else ""
    return (
        f'<line class={quoteattr("edge " + kind)} x1="{sx + BOX_W}" y1="{sy + BOX_H // 2}" '
        f'x2="{tx}" y2="{ty + BOX_H // 2}" stroke="#505a5f" stroke-width="1.5"{dash} '
        f'marker-end="url(#arrow)"><title>{_esc(f"{source} {kind} {target}")}</title></line>'
    )


def _esc(text: str) -> str:
    """Text safe inside an XML element."""
    return escape(xml_text(text))
