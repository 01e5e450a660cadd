"""Reading spreadsheets (.xlsx or .csv) into rows whose every cell knows its sheet, row and
column, so an import error can say exactly where it is."""

import csv
import io
import math
import re
import unicodedata
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from cpmo import uploads
from cpmo.errors import InvalidInput, TooLarge

MAX_ROWS = 20_000
MAX_COLUMNS = 100
MAX_PROBLEMS = 50
XLSX = uploads.XLSX_LIMITS
CSV = uploads.CsvLimits(rows=MAX_ROWS + 1, fields=10_000, cells=1_000_000)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Problems:
    """Located problems, raised together as one InvalidInput."""

    items: list[dict[str, Any]] = field(default_factory=list)

    def add(self, sheet: str, row: int, column: str | None, message: str) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append({"sheet": sheet, "row": row, "column": column, "message": message})

    def raise_any(self, what: str) -> None:
        if not self.items:
            return
        errors: dict[str, list[str]] = {}
        for p in self.items:
            where = f"{p['sheet']} row {p['row']}" + (
                f" column {p['column']}" if p["column"] else ""
            )
            errors.setdefault(where, []).append(p["message"])
        first = next(iter(errors.items()))
        raise InvalidInput(
            f"The {what} could not be imported ({len(self.items)} problem(s)); first: "
            f"{first[0]}: {first[1][0]}",
            errors=errors,
            problems=self.items,
        )


@dataclass(frozen=True)
class Sheet:
    """A sheet's normalised header names (with column letters) and its non-empty data rows."""

    name: str
    headers: list[tuple[str, str]]  # (normalised header, column letter)
    rows: list[tuple[int, dict[str, Any]]]  # (row number, header → raw value)


def header_name(value: Any) -> str:
    """'Cost 2020 ' → 'cost_2020'."""
    return re.sub(r"\s+", "_", str(value if value is not None else "").strip().lower())


def _sheet(name: str, grid: Iterator[tuple[Any, ...]]) -> Sheet:
    rows = iter(grid)
    header = list(next(rows, ()))[:MAX_COLUMNS]
    headers = [(header_name(h), get_column_letter(i + 1)) for i, h in enumerate(header)]
    data = []
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            raise TooLarge(f"Sheet {name!r} has more than {MAX_ROWS:,} rows; split it.")
        cells = {h: v for (h, _), v in zip(headers, values, strict=False) if h}
        if any(v not in (None, "") for v in cells.values()):
            data.append((number, cells))
    return Sheet(name, [(h, c) for h, c in headers if h], data)


def read_sheet(content: bytes, *, wanted: str, filename: str | None) -> Sheet:
    """The sheet called ``wanted`` of an .xlsx (or its only sheet), or a whole .csv file."""
    if content[:4] == b"PK\x03\x04":
        return _xlsx_sheet(uploads.open_office_zip(content, what="workbook", limits=XLSX), wanted)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("The file is neither an .xlsx workbook nor UTF-8 CSV.") from None
    if "\x00" in text:
        raise InvalidInput("The file is neither an .xlsx workbook nor UTF-8 CSV.")
    records = uploads.csv_rows(csv.reader(io.StringIO(text)), what="CSV file", limits=CSV)
    try:
        return _sheet(filename or "CSV", records)
    except csv.Error as exc:
        raise InvalidInput(f"The CSV file cannot be read: {exc}.") from None


def _xlsx_sheet(content: bytes, wanted: str) -> Sheet:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            names = {n.lower(): n for n in book.sheetnames}
            if wanted.lower() in names:
                name = names[wanted.lower()]
            elif len(book.sheetnames) == 1:
                name = book.sheetnames[0]
            else:
                raise InvalidInput(f"The workbook has no sheet called {wanted!r}.")
            grid = book[name].iter_rows(values_only=True, max_col=MAX_COLUMNS)
            sheet = _sheet(name, grid)
            book.close()
            return sheet
    except InvalidInput:
        raise
    except Exception:  # openpyxl raises many kinds of error for damaged files
        raise InvalidInput("The file is not a readable .xlsx workbook.") from None


def text_cell(value: Any, *, max_length: int) -> str:
    """A cell as clean text; ValueError explains what is wrong."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if _CONTROL.search(text) or any(unicodedata.category(c) == "Cs" for c in text):
        raise ValueError("must not contain control characters")
    if len(text) > max_length:
        raise ValueError(f"must be at most {max_length} characters")
    return text


def number_cell(value: Any) -> float:
    """A cell as a finite number; ValueError explains what is wrong."""
    if isinstance(value, bool):
        raise ValueError("must be a number")
    try:
        number = float(str(value).replace(",", "").replace("£", "").strip())
    except ValueError:
        raise ValueError(f"{value!r} is not a number") from None
    if not math.isfinite(number):
        raise ValueError("must be a finite number")
    return number
