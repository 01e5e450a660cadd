"""A .docx body flattened, in document order, into plain paragraph and table blocks."""

import io
import re
from dataclasses import dataclass

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.styles.style import BaseStyle
from docx.table import Table
from docx.text.paragraph import Paragraph

from cpmo import uploads
from cpmo.business_cases.docx.values import clean
from cpmo.errors import InvalidInput, TooLarge

HEADING_STYLE = re.compile(r"heading\s*(\d)", re.IGNORECASE)
TOP_STYLES = ("title", "subtitle")
LIST_STYLE = re.compile(r"\blist\b", re.IGNORECASE)
BULLET = re.compile(r"^(?:[•·▪◦●○■□‣⁃*–-]|\(?[0-9]{1,2}[.)]|\(?[a-z][.)]|\([ivx]+\))\s+")


@dataclass(frozen=True)
class Block:
    """A paragraph (text, heading level, bold, list item) or a table (rows of cell texts)."""

    text: str = ""
    level: int | None = None
    bold: bool = False
    listed: bool = False
    rows: tuple[tuple[str, ...], ...] | None = None

    @property
    def heading(self) -> bool:
        """Styled as a heading, or a short wholly bold line that is not a list item."""
        if self.rows is not None or not self.text:
            return False
        short_bold = self.bold and len(self.text) <= 120 and not self.text.endswith(".")
        return self.level is not None or (short_bold and not self.listed)

    @property
    def item(self) -> str:
        """The text without a leading bullet glyph or list number."""
        return BULLET.sub("", self.text, count=1).strip()


def _open(data: bytes) -> DocxDocument:
    """Open the bytes as a Word document or raise InvalidInput."""
    try:
        checked = uploads.open_office_zip(data, what="document", limits=uploads.DOCX_LIMITS)
    except TooLarge:
        raise
    except InvalidInput as refused:
        detail = f"not a readable .docx file: {refused.detail}"
        raise InvalidInput(detail, errors={"file": [detail]}) from None
    try:
        return docx.Document(io.BytesIO(checked))
    except Exception as error:  # python-docx, zipfile and lxml each raise their own kinds
        detail = f"not a readable .docx file: {error}"
        raise InvalidInput(detail, errors={"file": [detail]}) from error


@dataclass(frozen=True)
class StyleFacts:
    """What a style says about its paragraphs: heading level, bold, list."""

    level: int | None = None
    bold: bool = False
    listed: bool = False


def _facts(style: BaseStyle) -> StyleFacts:
    """A style's facts, following its base styles (python-docx resolves no inheritance)."""
    level, bold, chain = None, None, style
    for _ in range(10):
        if chain is None:
            break
        name = (chain.name or "").lower()
        if level is None and (name in TOP_STYLES or HEADING_STYLE.fullmatch(name)):
            level = 0 if name in TOP_STYLES else int(HEADING_STYLE.fullmatch(name)[1])
        font = getattr(chain, "font", None)
        bold = font.bold if bold is None and font is not None else bold
        chain = getattr(chain, "base_style", None)
    return StyleFacts(level, bool(bold), bool(LIST_STYLE.search(style.name or "")))


def style_table(document: DocxDocument) -> dict[str, StyleFacts]:
    """Style id → facts, read once per document ('' is the default paragraph style)."""
    table = {style.style_id: _facts(style) for style in document.styles}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    return table | {"": _facts(default) if default is not None else StyleFacts()}


def _paragraph(paragraph: Paragraph, styles: dict[str, StyleFacts]) -> Block:
    """One paragraph as a block (styles looked up by id: python-docx's look-up is slow)."""
    p = paragraph._p
    style = styles.get(p.xpath("string(./w:pPr/w:pStyle/@w:val)"), styles[""])
    outline = p.xpath("./w:pPr/w:outlineLvl/@w:val")
    level = (
        style.level
        if style.level is not None
        else (int(outline[0]) + 1 if outline and int(outline[0]) < 9 else None)
    )
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold = bool(runs) and all(
        run.bold
        or (
            run.bold is None
            and (
                style.bold
                or styles.get(run._r.xpath("string(./w:rPr/w:rStyle/@w:val)"), StyleFacts()).bold
            )
        )
        for run in runs
    )
    text = clean(paragraph.text)
    numbered = bool(p.xpath("./w:pPr/w:numPr"))
    listed = level is None and (numbered or style.listed or bool(BULLET.match(text)))
    return Block(text=text, level=level, bold=bold, listed=listed)


def _table(table: Table) -> Block:
    """One table as a block of cell texts (merged cells repeat their text)."""
    rows = tuple(tuple(clean(cell.text) for cell in row.cells) for row in table.rows)
    return Block(rows=tuple(row for row in rows if any(row)))


def read_blocks(data: bytes) -> list[Block]:
    """The document body's non-empty paragraphs and tables, in order; InvalidInput if unreadable."""
    document = _open(bytes(data))
    styles = style_table(document)
    blocks = [
        _table(item) if isinstance(item, Table) else _paragraph(item, styles)
        for item in document.iter_inner_content()
    ]
    return [block for block in blocks if block.text or block.rows]
