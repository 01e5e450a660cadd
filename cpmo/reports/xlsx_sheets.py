"""Writing one worksheet: a bold, frozen header row, then rows of real values."""

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

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


def write_sheet(
    book: Workbook,
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    money: Sequence[str] = (),
) -> None:
    """A sheet named ``title``; columns named in ``money`` are formatted as pounds."""
    sheet = book.create_sheet(title=title[:31])
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    money_cols = {header.index(name) + 1 for name in money}
    widths = [len(h) for h in header]
    for row in rows:
        sheet.append([cell_value(v) for v in row])
        for col, cell in enumerate(sheet[sheet.max_row], start=1):
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                cell.data_type = "s"  # text that looks like a formula stays text
            if col in money_cols:
                cell.number_format = MONEY_FORMAT
            elif isinstance(cell.value, (date, datetime)):
                cell.number_format = DATE_FORMAT
            widths[col - 1] = max(widths[col - 1], min(MAX_WIDTH, len(str(cell.value or ""))))
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width + 2
    sheet.freeze_panes = "A2"
