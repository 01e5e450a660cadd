"""PDF fonts (DejaVu, shipped with matplotlib: £, arrows and dashes render), styles, tables."""

from functools import cache
from pathlib import Path
from typing import Any

import matplotlib
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from cpmo.reports.render.palette import RAG_COLOURS

FONT, BOLD = "CpmoSans", "CpmoSans-Bold"
TEXT = colors.HexColor("#0b0c0c")
GREY = colors.HexColor("#505a5f")
RULE = colors.HexColor("#b1b4b6")
WIDTH = 758.0  # usable width: landscape A4, 36pt margins, the frame's 6pt padding


@cache
def register_fonts() -> None:
    """Register DejaVu Sans (regular and bold) from matplotlib's font folder, once."""
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12, textColor=TEXT)
    return {
        "body": body,
        "title": ParagraphStyle("title", body, fontName=BOLD, fontSize=20, leading=24),
        "h2": ParagraphStyle(
            "h2", body, fontName=BOLD, fontSize=14, leading=18, spaceBefore=10, spaceAfter=4
        ),
        "h3": ParagraphStyle("h3", body, fontName=BOLD, fontSize=11, leading=14, spaceBefore=6),
        "note": ParagraphStyle("note", body, textColor=GREY, fontSize=8, leading=10),
        "cell": ParagraphStyle("cell", body, fontSize=7.5, leading=9.5),
        "head": ParagraphStyle("head", body, fontName=BOLD, fontSize=7.5, leading=9.5),
        "big": ParagraphStyle("big", body, fontName=BOLD, fontSize=15, leading=18),
    }


def para(text: Any, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped)."""
    from xml.sax.saxutils import escape

    return Paragraph(escape("" if text is None else str(text)), styles()[style])


def rag_cell(rag: str, label: str) -> Paragraph:
    """The RAG as text on its colour (never colour alone)."""
    colour = RAG_COLOURS.get(rag, "#b1b4b6")
    style = ParagraphStyle(
        f"rag-{rag}",
        styles()["head"],
        backColor=colors.HexColor(colour),
        textColor=colors.white if rag in ("green", "red") else TEXT,
        borderPadding=1.5,
    )
    return Paragraph(label, style)


def table(
    head: list[str], rows: list[list[Any]], widths: list[float], numeric: tuple[int, ...] = ()
) -> Flowable:
    """A table whose header repeats on every page; text cells wrap."""
    cells = [[para(h, "head") for h in head]]
    for row in rows:
        cells.append([c if isinstance(c, Flowable) else para(c, "cell") for c in row])
    scale = min(1.0, WIDTH / sum(widths))
    t = Table(cells, colWidths=[w * scale for w in widths], repeatRows=1, hAlign="LEFT")
    commands: list[tuple] = [
        ("LINEBELOW", (0, 0), (-1, 0), 1, TEXT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    commands += [("ALIGN", (i, 0), (i, -1), "RIGHT") for i in numeric]
    t.setStyle(TableStyle(commands))
    return t
