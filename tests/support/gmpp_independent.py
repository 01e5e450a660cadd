"""An independent reading of a GMPP file: the csv module and simple rules only, none of the
parser's helpers, to check the import and the report against figures from the raw file."""

import csv
import io
from collections import Counter
from pathlib import Path

SCALE = {
    "GREEN": "green",
    "AMBER/GREEN": "amber_green",
    "AMBER": "amber",
    "AMBER/RED": "amber_red",
    "RED": "red",
}


def table(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and project rows, decoded and (2019-20) transposed by hand."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if "Project Name" not in rows[0]:
        width = max(len(r) for r in rows)
        rows = [list(col) for col in zip(*(r + [""] * (width - len(r)) for r in rows), strict=True)]
    header = rows[0]
    name = header.index("Project Name")
    return header, [row for row in rows[1:] if len(row) > name and row[name].strip()]


def _column(header: list[str], starts: str) -> int | None:
    found = [i for i, h in enumerate(header) if h.upper().startswith(starts.upper())]
    return found[0] if found else None


def _rag(row: list[str], ipa: int, sro: int | None) -> str:
    for index in (ipa, sro):
        if index is not None and row[index].strip().upper() in SCALE:
            return SCALE[row[index].strip().upper()]
    return "unrated"


def _exempt(value: str) -> bool:
    return "EXEMPT" in value.upper() or value.strip().upper().startswith("SECTION")


def figures(path: Path) -> dict[str, object]:
    """Projects, counts by RAG, withheld ratings and withheld whole-life costs."""
    header, rows = table(path)
    ipa, sro = _column(header, "IPA Delivery"), _column(header, "SRO Delivery")
    assert ipa is not None
    wlc = next(i for i, h in enumerate(header) if "WHOLE LIFE COST" in h.upper() and "£" in h)
    rags = [_rag(row, ipa, sro) for row in rows]
    return {
        "projects": len(rows),
        "rag": Counter(rags),
        "rag_withheld": sum(
            r == "unrated" and _exempt(row[ipa]) for r, row in zip(rags, rows, strict=True)
        ),
        "wlc_withheld": sum(_exempt(row[wlc]) for row in rows),
    }


def sro_names(path: Path) -> set[str]:
    """The personal names in the SRO name column, where the year publishes one."""
    header, rows = table(path)
    index = next((i for i, h in enumerate(header) if "SRO) NAME" in h.upper()), None)
    if index is None:
        return set()
    values = {row[index].strip() for row in rows}
    return {v for v in values if len(v) > 3 and not _exempt(v)}
