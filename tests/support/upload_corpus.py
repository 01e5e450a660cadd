"""Crafted upload files (decompression bombs, lying zips, XML bombs, huge CSVs), built
reproducibly. `scripts/make_upload_corpus.py` writes the small ones to tests/data/uploads/;
the tests and `cpmo bench` read them from there (and build the few that cannot be small)."""

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from docx import Document
from openpyxl import Workbook

CORPUS_DIR = Path(__file__).resolve().parents[1] / "data" / "uploads"
MAX_FILE_BYTES = 150 * 1024

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n"
)


def _docx() -> bytes:
    buffer = io.BytesIO()
    document = Document()
    document.add_heading("Strategic Case", level=1)
    document.add_paragraph("Case for change.")
    document.save(buffer)
    return buffer.getvalue()


def _xlsx() -> bytes:
    book = Workbook()
    book.active.title = "Candidates"
    book.active.append(["key", "name"])
    book.active.append(["a", "A"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _replace(base: bytes, replacements: dict[str, bytes]) -> bytes:
    """The zip ``base`` with some members' content replaced (deflated at level 9)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = replacements.get(info.filename, src.read(info))
            dst.writestr(info.filename, body, zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


def _document(body: str) -> bytes:
    return f'<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>'.encode()


def docx_empty_paragraphs() -> bytes:
    return _replace(_docx(), {"word/document.xml": _document("<w:p/>" * 3_000_000)})


def docx_deep_nesting() -> bytes:
    return _replace(
        _docx(), {"word/document.xml": _document("<w:p>" * 100_000 + "</w:p>" * 100_000)}
    )


def docx_billion_laughs() -> bytes:
    xml = (
        LAUGHS
        + f"<w:document {W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    return _replace(_docx(), {"word/document.xml": xml.encode()})


def docx_inflates_beyond_budget() -> bytes:
    """Honest sizes, 100 MB of text in one paragraph."""
    return _replace(
        _docx(),
        {
            "word/document.xml": _document(
                "<w:p><w:r><w:t>" + "a" * 100_000_000 + "</w:t></w:r></w:p>"
            )
        },
    )


def _lie_about_sizes(data: bytes, member: str, size: int) -> bytes:
    """Rewrite the declared uncompressed size of ``member`` (local and central headers)."""
    raw = bytearray(data)
    name = member.encode()
    at = 0
    while (at := raw.find(b"PK\x03\x04", at)) >= 0:
        n = struct.unpack_from("<H", raw, at + 26)[0]
        if bytes(raw[at + 30 : at + 30 + n]) == name:
            struct.pack_into("<I", raw, at + 22, size)
        at += 4
    at = 0
    while (at := raw.find(b"PK\x01\x02", at)) >= 0:
        n = struct.unpack_from("<H", raw, at + 28)[0]
        if bytes(raw[at + 46 : at + 46 + n]) == name:
            struct.pack_into("<I", raw, at + 24, size)
        at += 4
    return bytes(raw)


def docx_lying_sizes() -> bytes:
    """word/document.xml declares 1 KB and holds 100 MB (a CRC that cannot match)."""
    big = _document("<w:p/>") + b" " * 100_000_000
    return _lie_about_sizes(
        _replace(_docx(), {"word/document.xml": big}), "word/document.xml", 1024
    )


def zip_many_members(count: int = 1_500) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for i in range(count):
            archive.writestr(f"{i:x}", b"")
    return out.getvalue()


def not_a_zip_but_pk() -> bytes:
    return b"PK\x03\x04" + b"\x00" * 2000


def xlsx_huge_shared_strings() -> bytes:
    strings = (
        f'<?xml version="1.0"?><sst {S} count="1000000" uniqueCount="1000000">'
        + "<si><t>a</t></si>" * 1_000_000
        + "</sst>"
    )
    return _with_shared_strings(strings.encode())


def _with_shared_strings(strings: bytes) -> bytes:
    base = io.BytesIO()
    book = Workbook()
    book.active.title = "Candidates"
    book.active.append(["key", "name"])
    book.save(base)
    data = base.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "[Content_Types].xml":
                body = body.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            if info.filename == "xl/_rels/workbook.xml.rels":
                body = body.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                    b"</Relationships>",
                )
            dst.writestr(info.filename, body, zipfile.ZIP_DEFLATED, compresslevel=9)
        dst.writestr("xl/sharedStrings.xml", strings, zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


def _sheet(rows: str, dimension: str = "A1:B2") -> bytes:
    return (
        f'<?xml version="1.0"?><worksheet {S}><dimension ref="{dimension}"/>'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()


def xlsx_million_rows_declared() -> bytes:
    """A header row, then one cell in row 1,048,576; the dimension claims every cell."""
    rows = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>key</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>name</t></is></c></row>'
        '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    )
    return _replace(_xlsx(), {"xl/worksheets/sheet1.xml": _sheet(rows, "A1:XFD1048576")})


def xlsx_many_rows() -> bytes:
    """30,000 real rows (more than any import reads), without row numbers."""
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>key</t></is></c></row>' + "".join(
        '<row><c t="inlineStr"><is><t>k</t></is></c></row>' for _ in range(30_000)
    )
    return _replace(_xlsx(), {"xl/worksheets/sheet1.xml": _sheet(rows)})


def xlsx_billion_laughs() -> bytes:
    cell = '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    xml = LAUGHS + f"<worksheet {S}><sheetData>{cell}</sheetData></worksheet>"
    return _replace(_xlsx(), {"xl/worksheets/sheet1.xml": xml.encode()})


def csv_tiny_rows(count: int = 70_000) -> bytes:
    return b"x\n" * count


def csv_million_rows() -> bytes:
    """10^6 empty rows: 1,000,000 bytes, under the default 1 MiB body cap."""
    return b"\n" * 1_000_000


def csv_wide_then_tall() -> bytes:
    """One row of 60,000 fields then 30,000 rows: a transposed reader would pad 1.8e9 cells."""
    return b"Project Name" + b"," * 60_000 + b"\n" + b"a\n" * 30_000


# name → (builder, kinds of endpoint it is sent to)
CORPUS: dict[str, tuple[Callable[[], bytes], tuple[str, ...]]] = {
    "docx-empty-paragraphs.docx": (docx_empty_paragraphs, ("docx",)),
    "docx-deep-nesting.docx": (docx_deep_nesting, ("docx",)),
    "docx-billion-laughs.docx": (docx_billion_laughs, ("docx",)),
    "docx-inflates-100mb.docx": (docx_inflates_beyond_budget, ("docx",)),
    "docx-lying-sizes.docx": (docx_lying_sizes, ("docx", "xlsx")),
    "zip-1500-members.xlsx": (zip_many_members, ("docx", "xlsx")),
    "pk-not-a-zip.xlsx": (not_a_zip_but_pk, ("docx", "xlsx")),
    "xlsx-huge-shared-strings.xlsx": (xlsx_huge_shared_strings, ("xlsx",)),
    "xlsx-million-rows-declared.xlsx": (xlsx_million_rows_declared, ("xlsx",)),
    "xlsx-30k-rows.xlsx": (xlsx_many_rows, ("xlsx",)),
    "xlsx-billion-laughs.xlsx": (xlsx_billion_laughs, ("xlsx",)),
    "csv-70k-tiny-rows.csv": (csv_tiny_rows, ("csv",)),
    "csv-wide-then-tall.csv": (csv_wide_then_tall, ("csv",)),
}
# built when needed (too big to keep, or bigger than the body cap)
GENERATED: dict[str, tuple[Callable[[], bytes], tuple[str, ...]]] = {
    "csv-million-rows.csv": (csv_million_rows, ("csv",)),
    "zip-100k-members.xlsx": (lambda: zip_many_members(100_000), ("docx", "xlsx")),
}


def write(directory: Path = CORPUS_DIR) -> list[tuple[str, int]]:
    """Write the corpus files; (name, size) of each. Fails if one is not small."""
    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for name, (build, _) in CORPUS.items():
        data = build()
        if len(data) > MAX_FILE_BYTES:
            raise ValueError(f"{name} is {len(data)} bytes, more than {MAX_FILE_BYTES}")
        (directory / name).write_bytes(data)
        out.append((name, len(data)))
    return out


def files(kind: str) -> list[tuple[str, bytes]]:
    """(name, bytes) of every corpus file sent to endpoints of ``kind`` (docx, xlsx, csv)."""
    out = [(n, (CORPUS_DIR / n).read_bytes()) for n, (_, k) in CORPUS.items() if kind in k]
    return out + [(n, build()) for n, (build, k) in GENERATED.items() if kind in k]


def crc_of(data: bytes) -> int:
    return zlib.crc32(data)
