"""What a document is, judged from its bytes (never from what the client says): pure, no I/O.

Allowed: Word (.docx), Excel (.xlsx), PDF, CSV and plain text. Office files pass the same zip
gate as every other upload (:func:`cpmo.uploads.open_office_zip`: member, inflation and XML
budgets); CSV rows pass :func:`cpmo.uploads.csv_rows`. Refusals are ``TooLarge`` (413) or
``InvalidInput`` (422), with plain messages against the field ``file``.
"""

import base64
import csv
import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from urllib.parse import quote

from cpmo.errors import InvalidInput, TooLarge
from cpmo.uploads import DOCX_LIMITS, MB, XLSX_LIMITS, ZipLimits, csv_rows, open_office_zip

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MEDIA_TYPES = {
    ".docx": DOCX,
    ".xlsx": XLSX,
    ".pdf": "application/pdf",
    ".csv": "text/csv",
    ".txt": "text/plain",
}
ALLOWED = "a Word (.docx), Excel (.xlsx), PDF, CSV or text (.txt) file"
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\"\\/:*?<>|;]+")
_NOT_ASCII_SAFE = re.compile(r"[^A-Za-z0-9._() -]+")
MAX_NAME = 150


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed every check: safe name, media type from its content, digest."""

    filename: str
    media_type: str
    data: bytes
    sha256: str

    @property
    def size_bytes(self) -> int:
        return len(self.data)


def _refuse(message: str) -> InvalidInput:
    return InvalidInput(message, errors={"file": [message]})


def safe_filename(raw: str) -> str:
    """The name without folders, control characters or quotes, at most 150 characters."""
    name = unicodedata.normalize("NFC", raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip(" .")
    if len(name) > MAX_NAME:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: MAX_NAME - len(ext) - 1] + dot + ext) if dot and len(ext) < 10 else name
        name = name[:MAX_NAME]
    return name or "document"


def as_docx_name(raw: str | None) -> str:
    """The name of a file already read as a Word document, ending .docx whatever it said."""
    name = safe_filename(raw or "")
    return name if name.lower().endswith(".docx") else f"{name}.docx"


def size_label(size: int) -> str:
    """A size as people read it: 512 bytes, 12 KB, 1.5 MB."""
    if size < 1024:
        return f"{size} byte{'' if size == 1 else 's'}"
    if size < MB:
        return f"{size / 1024:.0f} KB"
    return f"{size / MB:.1f} MB".replace(".0 MB", " MB")


def too_large(max_bytes: int) -> TooLarge:
    """The refusal of a file over ``max_bytes``, with the limit in words."""
    message = f"The selected file must be smaller than {size_label(max_bytes)}"
    return TooLarge(message, errors={"file": [message]})


def _check_office(data: bytes, what: str, part: str, limits: ZipLimits) -> None:
    repacked = open_office_zip(data, what=what, limits=limits)
    with zipfile.ZipFile(io.BytesIO(repacked)) as archive:
        if part not in archive.namelist():
            raise _refuse(f"The selected file is not a real {what}: save it again and upload that")


def _text(data: bytes) -> str:
    if b"\x00" in data:
        raise _refuse("The selected file is not a text file: it holds binary data")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _refuse("The selected file is not a text file: save it as UTF-8 text and upload that")


def _check_content(data: bytes, extension: str) -> None:
    if extension == ".docx":
        _check_office(data, "Word document", "word/document.xml", DOCX_LIMITS)
    elif extension == ".xlsx":
        _check_office(data, "Excel workbook", "xl/workbook.xml", XLSX_LIMITS)
    elif extension == ".pdf":
        if not data.startswith(b"%PDF-"):
            raise _refuse("The selected file is not a real PDF: save it as a PDF and upload that")
    else:
        text = _text(data)
        if extension == ".csv":
            try:
                for _ in csv_rows(csv.reader(io.StringIO(text)), what="CSV file"):
                    pass
            except csv.Error:
                raise _refuse("The selected CSV file cannot be read: save it again") from None


def check(filename: str, data: bytes, *, max_bytes: int) -> CheckedFile:
    """The file, checked: size first, then its name's type, then its content matching it."""
    if len(data) > max_bytes:
        raise too_large(max_bytes)
    if not data:
        raise _refuse("The selected file is empty")
    name = safe_filename(filename)
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in MEDIA_TYPES:
        raise _refuse(f"The selected file must be {ALLOWED}")
    _check_content(data, extension)
    return CheckedFile(name, MEDIA_TYPES[extension], data, hashlib.sha256(data).hexdigest())


def download_headers(*, filename: str, sha256: str) -> dict[str, str]:
    """Headers that make a browser save the file (never render it) and state its digest."""
    ascii_only = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
    fallback = _NOT_ASCII_SAFE.sub("_", ascii_only).strip("_ ") or "document"
    digest = base64.b64encode(bytes.fromhex(sha256)).decode("ascii")
    return {
        "Content-Disposition": (
            f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
        ),
        "X-Content-Type-Options": "nosniff",
        "Digest": f"sha-256={digest}",
        "ETag": f'"{sha256}"',
        "Cache-Control": "private, no-store",
    }
