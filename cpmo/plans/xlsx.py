"""A plan workbook → the plan file's shape. Sheet `plan` holds `field | value` rows; each other
sheet is one list (`actions`, `milestones`, …) with field names in row 1 and a record per row.
List fields (`covers`, `elements`) are comma-separated in one cell."""

import io
import warnings
from datetime import date, datetime
from typing import Any

from cpmo import uploads
from cpmo.errors import InvalidInput, TooLarge
from cpmo.plans.checks import Problem
from cpmo.plans.schemas import LISTS

MAX_ROWS = 5001
MAX_COLUMNS = 40
LIST_FIELDS = {"covers", "elements"}


class WorkbookError(ValueError):
    """The bytes are not a workbook that can be read."""


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return value.strip() or None
    return value


def _rows(sheet: Any) -> list[tuple[int, list[Any]]]:
    rows = sheet.iter_rows(max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS, values_only=True)
    out = [(n, [_cell(v) for v in row]) for n, row in enumerate(rows, start=1)]
    if len(out) > MAX_ROWS:
        raise TooLarge(f"The sheet {sheet.title!r} has more than {MAX_ROWS:,} rows; split it.")
    return out


def _records(sheet: Any, name: str, problems: list[Problem]) -> tuple[list[Any], list[int]]:
    rows = _rows(sheet)
    if not rows:
        return [], []
    header = [str(h) if h is not None else None for h in rows[0][1]]
    records, numbers = [], []
    for number, values in rows[1:]:
        record = {h: v for h, v in zip(header, values, strict=False) if h and v is not None}
        if not record:
            continue
        for field in LIST_FIELDS & set(record):
            record[field] = [p.strip() for p in str(record[field]).split(",") if p.strip()]
        if any(v is not None for h, v in zip(header, values, strict=False) if not h):
            problems.append(Problem(name, len(records), "", "a value under no column heading"))
        records.append(record)
        numbers.append(number)
    return records, numbers


def read_workbook(content: bytes) -> tuple[dict[str, Any], dict[str, list[int]], list[Problem]]:
    """(document, row numbers of each list's records, problems) from a workbook's bytes."""
    from openpyxl import load_workbook

    try:
        content = uploads.open_office_zip(content, what="workbook", limits=uploads.XLSX_LIMITS)
    except TooLarge:
        raise
    except InvalidInput as refused:
        raise WorkbookError(refused.detail) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # untrusted bytes: any parser failure is the file's fault
        raise WorkbookError(f"not a readable .xlsx workbook ({type(exc).__name__})") from exc
    problems: list[Problem] = []
    document: dict[str, Any] = {"kind": "business_plan"}
    rows: dict[str, list[int]] = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for sheet in book.worksheets:
                name = sheet.title.strip().lower()
                if name == "plan":
                    pairs = [v[:2] for _, v in _rows(sheet) if len(v) > 1 and v[0] is not None]
                    document["plan"] = {str(k): v for k, v in pairs if v is not None}
                elif name in LISTS:
                    document[name], rows[name] = _records(sheet, name, problems)
                else:
                    problems.append(Problem("file", None, "", f"unknown sheet {sheet.title!r}"))
    except TooLarge:
        raise
    except Exception as exc:  # untrusted bytes: any parser failure is the file's fault
        raise WorkbookError(f"not a readable .xlsx workbook ({type(exc).__name__})") from exc
    finally:
        book.close()
    return document, rows, problems
