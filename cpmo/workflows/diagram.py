"""Pictures of the programme lifecycle (mermaid text and SVG), drawn from its declaration only."""

import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from cpmo.workflows.gates import GATE_TABLE
from cpmo.workflows.lifecycle import OPEN_STAGES, STATES, TRANSITIONS, HeldFrom

Edge = tuple[str, str, str]  # source, destination (the source itself for internal events), event
Note = tuple[str, str, str, bool]  # event, state it hangs on, the other end, arrow points in

TITLE = "cpmo programme lifecycle"
BOX_W, BOX_H, PITCH, TOP, WIDTH = 220, 44, 120, 96, 960
COLS = (40, 460)  # left: stages preparing a gate and after; right: reviews, then off the flow
STUB = 150  # length of the short arrows standing for "from any open stage" / "to the stage it left"
STYLE = {  # fill, stroke; colour only echoes the column and border, which carry the meaning
    "work": ("#e8f1fb", "#2b5d8a"),
    "review": ("#fff4e0", "#8a5a00"),
    "side": ("#fdecea", "#a33a2c"),
    "final": ("#eeeeee", "#444444"),
}
MERMAID_BLOCK = re.compile(r"```mermaid\n.*?```\n", re.DOTALL)


def _listed(value: Any) -> list[Any]:
    """``value`` as a list (the table allows one item or a list)."""
    return list(value) if isinstance(value, list | tuple) else [value]


def _plan() -> tuple[list[Edge], list[Note]]:
    """Edges to draw, and notes standing for fan-in from every open stage and resume."""
    open_stages = {s.value for s in OPEN_STAGES}
    edges: list[Edge] = []
    notes: list[Note] = []
    for t in TRANSITIONS:
        event, sources, dest = t["trigger"], _listed(t["source"]), t["dest"]
        if any(isinstance(c, HeldFrom) for c in _listed(t["conditions"])):
            for s in sources:
                note = (event, s, "the stage it left", False)
                notes += [note] if note not in notes else []
        elif len(sources) > 1 and open_stages <= set(sources):
            notes.append((event, dest, "any open stage", True))
            edges += [(s, dest, event) for s in sources if s not in open_stages]
        else:
            edges += [(s, dest or s, event) for s in sources]
    return edges, notes


def _sentence(note: Note) -> str:
    """A note in words, e.g. "pause: any open stage → on_hold"."""
    event, state, other, incoming = note
    return f"{event}: {other} → {state}" if incoming else f"{event}: {state} → {other}"


def _initial() -> str:
    """The stage a programme starts in."""
    return GATE_TABLE[0].prepared_in.value


def _finals() -> list[str]:
    """Stages no event leaves."""
    left = {s for t in TRANSITIONS for s in _listed(t["source"])}
    return [s for s in STATES if s not in left]


def to_mermaid() -> str:
    """The lifecycle as a mermaid ``stateDiagram-v2``."""
    edges, notes = _plan()
    lines = ["stateDiagram-v2", f"    [*] --> {_initial()}"]
    lines += [f"    {a} --> {b} : {event}" for a, b, event in edges]
    lines += [f"    {s} --> [*]" for s in _finals()]
    named = {s for a, b, _ in edges for s in (a, b)} | {_initial(), *_finals()}
    lines += [f"    {s}" for s in STATES if s not in named]
    for anchor in dict.fromkeys(n[1] for n in notes):
        lines += [f"    note right of {anchor}"]
        lines += [f"        {_sentence(n)}" for n in notes if n[1] == anchor]
        lines += ["    end note"]
    return "\n".join(lines) + "\n"


def _layout(edges: list[Edge]) -> dict[str, tuple[int, int]]:
    """Top-left corner of each stage: gate by gate down the page, the rest to the side."""
    pos: dict[str, tuple[int, int]] = {}
    for row, gate in enumerate(GATE_TABLE):
        y = TOP + row * PITCH
        pos[gate.prepared_in.value], pos[gate.review.value] = (COLS[0], y), (COLS[1], y)
    column, row = [GATE_TABLE[-1].approved_to.value], len(GATE_TABLE)
    column += [b for a, b, _ in edges if a == column[0] and b not in pos and b != a]
    side = [s for s in STATES if s not in pos and s not in column]
    for col, states in ((COLS[0], column), (COLS[1], side)):
        pos |= {s: (col, TOP + (row + i) * PITCH) for i, s in enumerate(states)}
    return pos


def _route(a: tuple[int, int], b: tuple[int, int], same: bool) -> tuple[str, float, float, str]:
    """Path, label position and anchor for an arrow from box ``a`` to box ``b``."""
    (ax, ay), (bx, by) = a, b
    mid = ay + BOX_H // 2
    if same:  # internal event: loop on the right-hand side
        x = ax + BOX_W
        d = f"M{x},{mid - 12} C{x + 56},{mid - 34} {x + 56},{mid + 14} {x},{mid + 12}"
        return d, x + 52, mid + 4, "start"
    if ay == by and ax < bx:  # forward along a row
        d = f"M{ax + BOX_W},{mid - 8} L{bx},{mid - 8}"
        return d, (ax + BOX_W + bx) // 2, mid - 14, "middle"
    if ay == by:  # back along a row: curve underneath
        cx = (ax + bx + BOX_W) // 2
        return f"M{ax},{mid + 8} Q{cx},{mid + 52} {bx + BOX_W},{mid + 8}", cx, mid + 44, "middle"
    acx, bcx, turn = ax + BOX_W // 2, bx + BOX_W // 2, ay + BOX_H + (by - ay - BOX_H) * 3 // 5
    if acx != bcx:  # down to the next row in the other column: an elbow
        d = f"M{acx},{ay + BOX_H} L{acx},{turn} L{bcx},{turn} L{bcx},{by}"
        return d, acx + 8, ay + BOX_H + 20, "start"
    return f"M{acx},{ay + BOX_H} L{bcx},{by}", acx + 8, (ay + BOX_H + by) // 2 + 4, "start"


def _text(x: float, y: float, text: str, anchor: str = "middle", extra: str = "") -> str:
    """An SVG text element with escaped content."""
    return f'<text x="{x:g}" y="{y:g}" text-anchor="{anchor}"{extra}>{escape(text)}</text>'


def _arrow(d: str, dashed: bool = False) -> str:
    """An SVG path ending in the shared arrowhead."""
    dash = ' stroke-dasharray="6 4"' if dashed else ""
    return (
        f'<path d="{d}" fill="none" stroke="#333333" stroke-width="1.5"{dash} '
        'marker-end="url(#arrow)"/>'
    )


def _legend(edges: list[Edge], notes: list[Note]) -> list[str]:
    """Sentences explaining what the picture leaves implicit."""
    loops = ", ".join(e for a, b, e in edges if a == b)
    return [
        *(f"{_sentence(n)}." for n in notes),
        f"Loops ({loops}): the event is recorded and the stage does not change.",
        "Left: the stage preparing each gate, then the stages after the last one."
        " Right: each gate's review stage, then the stages off the main flow.",
        "Dashed arrows go back to an earlier stage. A double border marks a final stage;"
        " the filled dot is the start, the ringed dots the end.",
    ]


def to_svg() -> str:
    """The lifecycle as a standalone SVG picture."""
    edges, notes = _plan()
    pos, finals = _layout(edges), _finals()
    reviews = {g.review.value for g in GATE_TABLE}
    column = {s for s, (x, _) in pos.items() if x == COLS[0]}
    legend = _legend(edges, notes)
    bottom = max(y for _, y in pos.values()) + BOX_H + 70
    height = bottom + 22 * len(legend) + 30
    start_x = pos[_initial()][0] + BOX_W // 2
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="title desc" '
        'font-family="DejaVu Sans, Arial, Helvetica, sans-serif" font-size="12" fill="#222222">',
        f'<title id="title">{TITLE}</title>',
        f'<desc id="desc">{escape(" ".join(legend))}</desc>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#333333"/>'
        "</marker></defs>",
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        _text(COLS[0], 30, TITLE, "start", ' font-size="18" font-weight="bold"'),
        f'<circle cx="{start_x:g}" cy="{TOP - 34}" r="7" fill="#222222"/>',
        _arrow(f"M{start_x:g},{TOP - 27} L{start_x:g},{TOP}"),
    ]
    for a, b, event in edges:
        d, lx, ly, anchor = _route(pos[a], pos[b], a == b)
        back = pos[b][1] == pos[a][1] and pos[b][0] < pos[a][0]
        out += [_arrow(d, dashed=back), _text(lx, ly, event, anchor)]
    for event, state, other, incoming in notes:  # a short arrow in or out, named in words
        x, y = pos[state]
        x0, mid, words = x - STUB, y + BOX_H // 2, f"from {other}"
        if not incoming:
            x0, words = x + BOX_W, f"to {other}"
        out += [
            _arrow(f"M{x0},{mid} L{x0 + STUB},{mid}"),
            _text(x0 + STUB // 2, mid - 6, event),
            _text(x0 + STUB // 2, mid + 15, words, extra=' font-size="11" font-style="italic"'),
        ]
    for state, (x, y) in pos.items():
        kind = "work" if state in column else "review" if state in reviews else "side"
        fill, stroke = STYLE["final" if state in finals else kind]
        out.append(
            f'<g id="state-{state}"><rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" '
            f'rx="12" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>'
        )
        if state in finals:
            cx, cy = x + BOX_W // 2, y + BOX_H + 36
            out += [
                f'<rect x="{x + 4}" y="{y + 4}" width="{BOX_W - 8}" height="{BOX_H - 8}" '
                f'rx="9" fill="none" stroke="{stroke}"/>',
                _arrow(f"M{cx},{y + BOX_H} L{cx},{cy - 10}"),
                f'<circle cx="{cx}" cy="{cy}" r="9" fill="none" stroke="#222222"/>',
                f'<circle cx="{cx}" cy="{cy}" r="5" fill="#222222"/>',
            ]
        out += [_text(x + BOX_W // 2, y + BOX_H // 2 + 5, state, extra=' font-size="13"'), "</g>"]
    out += [_text(COLS[0], bottom + 22 * i, line, "start") for i, line in enumerate(legend, 1)]
    return "\n".join([*out, "</svg>"]) + "\n"


def write_docs(folder: Path) -> None:
    """Write ``lifecycle.svg`` and refresh the mermaid block of ``lifecycle.md`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "lifecycle.svg").write_text(to_svg(), encoding="utf-8")
    page, block = folder / "lifecycle.md", f"```mermaid\n{to_mermaid()}```\n"
    text = page.read_text(encoding="utf-8") if page.exists() else "# The programme lifecycle\n"
    text, found = MERMAID_BLOCK.subn(lambda _: block, text, count=1)
    page.write_text(text if found else f"{text}\n{block}", encoding="utf-8")
