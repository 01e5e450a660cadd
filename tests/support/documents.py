"""Small real files of each allowed kind, built in memory for document tests."""

import io


def docx_bytes(text: str = "Case for change: the old system is failing.") -> bytes:
    """A Word document with a Strategic Case heading and one paragraph."""
    from docx import Document

    document = Document()
    document.add_heading("Strategic Case", level=1)
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TEXT = b"Minutes of the board, 1 May: the data protection officer was appointed.\n"
