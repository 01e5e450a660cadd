"""Writing one worksheet: a bold, frozen header row, then rows of real values."""

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook

MONEY_FORMAT = '"£"#,##0'
DATE_FORMAT = "yyyy-mm-dd"
FORMULA_START = ("=", "+", "-", "@")
MAX_WIDTH = 60


def cell_value(value: Any) -> Any:
    """A value openpyxl can store: naive UTC datetimes, lists joined, None left empty."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return value


def _cell(sheet: Any, value: Any, number_format: str | None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"  # text that looks like a formula stays text
    if number_format:
        cell.number_format = number_format
    return cell


def write_sheet(
    book: Workbook,
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    money: Sequence[str] = (),
) -> None:
    """A sheet named ``title`` (of a write-only workbook: linear in the rows); columns named
    in ``money`` are formatted as pounds."""
    sheet = book.create_sheet(title=title[:31])
    money_cols = {header.index(name) for name in money}
    widths = [len(h) for h in header]
    values = [[cell_value(v) for v in row] for row in rows]
    for row in values:
        for col, value in enumerate(row):
            widths[col] = max(widths[col], min(MAX_WIDTH, len(str(value or ""))))
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width + 2
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    heading = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    for row in values:
        sheet.append(
            [
                _cell(
                    sheet,
                    value,
                    MONEY_FORMAT
                    if col in money_cols
                    else DATE_FORMAT
                    if isinstance(value, (date, datetime))
                    else None,
                )
                for col, value in enumerate(row)
            ]
        )
