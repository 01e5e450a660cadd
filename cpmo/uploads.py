"""The one gate every uploaded file passes before a library reads it (pure, no I/O).

Office files (.docx, .xlsx) are zip archives whose few kilobytes can open into gigabytes of
XML. Before python-docx or openpyxl sees a byte, :func:`open_office_zip` reads the zip's
central directory (member count, declared sizes), stream-inflates every member with a running
budget (declared sizes can lie, so the budget counts the bytes actually produced), scans each
XML part with defusedxml's expat parser (no DTD or entity declarations, a cap on elements and
on nesting depth), and hands back a re-packed, uncompressed copy holding exactly the bytes
that were checked. CSV text goes through :func:`csv_rows` (rows, fields per row, cells).

Refusals are :class:`cpmo.errors.TooLarge` (413: too big once opened) or
:class:`cpmo.errors.InvalidInput` (422: malformed, or too many parts), with plain messages.
"""

import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from cpmo.errors import InvalidInput, TooLarge

MB = 1024 * 1024
CHUNK = 64 * 1024


@dataclass(frozen=True)
class ZipLimits:
    """What an Office file may hold once opened."""

    members: int = 2_000
    inflated_bytes: int = 32 * MB
    xml_elements: int = 300_000
    xml_depth: int = 200


DOCX_LIMITS = ZipLimits()
XLSX_LIMITS = ZipLimits(xml_elements=400_000)


@dataclass(frozen=True)
class CsvLimits:
    """What a CSV file may hold."""

    rows: int = 20_001
    fields: int = 1_000
    cells: int = 500_000


def _mb(n: int) -> str:
    return f"{n / MB:.0f} MB"


def _refuse(what: str, detail: str) -> InvalidInput:
    message = f"The {what} cannot be read: {detail}"
    return InvalidInput(message, errors={"file": [message]})


def _too_large(what: str, detail: str) -> TooLarge:
    message = f"The {what} {detail}"
    return TooLarge(message, errors={"file": [message]})


class _Counter:
    """An XML parser target that counts elements and depth, and stops at the caps."""

    def __init__(self, what: str, limits: ZipLimits, seen: int) -> None:
        self.what, self.limits, self.elements, self.depth = what, limits, seen, 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        self.elements += 1
        self.depth += 1
        if self.elements > self.limits.xml_elements:
            raise _too_large(
                self.what,
                f"holds more than {self.limits.xml_elements:,} XML elements when opened; "
                "save a smaller file (or split it) and upload that.",
            )
        if self.depth > self.limits.xml_depth:
            raise _refuse(
                self.what, f"its XML is nested more than {self.limits.xml_depth} levels deep."
            )

    def end(self, tag: str) -> None:
        self.depth -= 1

    def data(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass


def _is_xml(name: str, head: bytes) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml")) or head.lstrip()[:1] == b"<"


class _Budget:
    def __init__(self, what: str, limits: ZipLimits) -> None:
        self.what, self.limits, self.used = what, limits, 0

    def take(self, n: int) -> None:
        self.used += n
        if self.used > self.limits.inflated_bytes:
            raise _too_large(
                self.what,
                f"expands to more than {_mb(self.limits.inflated_bytes)} when opened; "
                "save it again without embedded files (or split it) and upload that.",
            )


def _inflate(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget, counter: _Counter
) -> bytes:
    """One member's bytes, read a chunk at a time within the budget; XML parts scanned."""
    parts: list[bytes] = []
    parser = None
    with archive.open(info) as member:
        while chunk := member.read(CHUNK):
            budget.take(len(chunk))
            if parser is None and not parts and _is_xml(info.filename, chunk[:64]):
                counter.depth = 0
                parser = DefusedXMLParser(target=counter, forbid_dtd=True)
            if parser is not None:
                parser.feed(chunk)
            parts.append(chunk)
    if parser is not None:
        parser.close()
    return b"".join(parts)


def open_office_zip(data: bytes, *, what: str, limits: ZipLimits = DOCX_LIMITS) -> bytes:
    """The file re-packed (uncompressed) after every check; TooLarge or InvalidInput if not."""
    if data[:4] != b"PK\x03\x04":
        raise _refuse(what, "it is not a zip-based Office file.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise _refuse(
            what, "it is damaged or incomplete: save it again and upload the new copy."
        ) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.members:
            raise _refuse(
                what, f"it has {len(infos):,} parts, more than the {limits.members:,} allowed."
            )
        declared = sum(i.file_size for i in infos)
        if declared > limits.inflated_bytes:
            raise _too_large(
                what,
                f"expands to more than {_mb(limits.inflated_bytes)} when opened "
                f"({_mb(declared)} declared); save a smaller file and upload that.",
            )
        budget = _Budget(what, limits)
        counter = _Counter(what, limits, 0)
        out = io.BytesIO()
        try:
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as repacked:
                for info in infos:
                    if info.is_dir():
                        continue
                    body = _inflate(archive, info, budget, counter)
                    repacked.writestr(info.filename, body)
        except (TooLarge, InvalidInput):
            raise
        except DefusedXmlException:
            raise _refuse(
                what, "it declares a DTD or XML entities, which Office files never need."
            ) from None
        except ParseError as exc:
            raise _refuse(what, f"one of its parts is not well-formed XML ({exc}).") from None
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
            raise _refuse(what, f"it is damaged ({exc}).") from None
        except Exception as exc:  # zlib, bz2, lzma each raise their own kinds for bad data
            raise _refuse(what, f"it is damaged ({type(exc).__name__}).") from None
    return out.getvalue()


def csv_rows(
    records: Iterable[list[str]], *, what: str, limits: CsvLimits = CsvLimits()
) -> Iterator[list[str]]:
    """CSV records (from a csv.reader) passed on, stopped with TooLarge at the row, field or
    cell cap before the caller builds anything from them."""
    cells = 0
    for number, record in enumerate(records, start=1):
        if number > limits.rows:
            raise _too_large(what, f"has more than {limits.rows - 1:,} rows; split it.")
        if len(record) > limits.fields:
            raise _too_large(
                what, f"row {number} has more than {limits.fields:,} columns; split it."
            )
        cells += max(len(record), 1)
        if cells > limits.cells:
            raise _too_large(what, f"has more than {limits.cells:,} cells; split it.")
        yield record
