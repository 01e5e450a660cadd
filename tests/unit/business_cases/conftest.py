"""Build .docx business cases in memory for the extraction tests."""

import io
from collections.abc import Callable, Sequence

import pytest
from docx import Document

Part = tuple[str, str | Sequence[Sequence[str]]]


def _add(document, kind: str, value) -> None:
    """Add one part: h0–h3 headings, p, bold, bullet, number (list styles) or table rows."""
    if kind.startswith("h"):
        document.add_heading(value, level=int(kind[1:]))
    elif kind == "p":
        document.add_paragraph(value)
    elif kind == "bold":
        document.add_paragraph().add_run(value).bold = True
    elif kind in ("bullet", "number"):
        document.add_paragraph(value, style=f"List {kind.title()}")  # style names, not ids
    elif kind == "table":
        table = document.add_table(rows=len(value), cols=max(len(row) for row in value))
        for cells, row in zip(table.rows, value, strict=True):
            for cell, text in zip(cells.cells, row, strict=False):
                cell.text = text
    else:
        raise ValueError(f"unknown part kind {kind!r}")


def build_docx(*parts: Part) -> bytes:
    """A .docx file (bytes) made of the given parts in order."""
    document = Document()
    for kind, value in parts:
        _add(document, kind, value)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def docx_file() -> Callable[..., bytes]:
    """The builder: docx_file(("h1", "Strategic Case"), ("p", "…"), ("table", rows), …)."""
    return build_docx
