"""CSV text → header cells and data rows, with positions; transposed files turned upright."""

import csv
from collections.abc import Iterator
from dataclasses import dataclass

from cpmo import uploads
from cpmo.errors import TooLarge
from cpmo.imports.gmpp.headers import canonical_field

LIMITS = uploads.CsvLimits(rows=20_001, fields=2_000, cells=500_000)


def _check_grid(width: int, height: int) -> None:
    """Refuse a file whose padded grid would be larger than the cell cap."""
    if width * height > LIMITS.cells:
        raise TooLarge(
            f"The CSV file is {width:,} columns by {height:,} rows, more than "
            f"{LIMITS.cells:,} cells; split it."
        )


@dataclass(frozen=True)
class Table:
    """Headers and (position, cells) rows; positions are lines, or columns when transposed."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]
    transposed: bool


def _lines(text: str) -> Iterator[str]:
    """Yield the text's lines split on LF only, so positions match ``grep -n``."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end


def read_records(text: str) -> list[tuple[int, list[str]]]:
    """CSV records with the 1-based line on which each starts; raises csv.Error if malformed."""
    reader = csv.reader(_lines(text), strict=True)
    records: list[tuple[int, list[str]]] = []
    start = 1
    for cells in uploads.csv_rows(reader, what="CSV file", limits=LIMITS):
        records.append((start, cells))
        start = reader.line_num + 1
    return records


def _is_name_header(cell: str) -> bool:
    """Whether a cell is the project-name header."""
    return canonical_field(cell) == "name"


def read_table(text: str) -> Table:
    """Find the header row (or, transposed, the header column); LookupError if there is none."""
    records = read_records(text)
    if records and any(_is_name_header(c) for c in records[0][1]):
        headers = records[0][1]
        _check_grid(len(headers), len(records))
        rows = [(line, cells + [""] * (len(headers) - len(cells))) for line, cells in records[1:]]
        return Table(headers, rows, transposed=False)
    column = [cells[0] if cells else "" for _, cells in records]
    if any(_is_name_header(c) for c in column):
        width = max(len(cells) for _, cells in records)
        _check_grid(width, len(records))
        grid = [cells + [""] * (width - len(cells)) for _, cells in records]
        rows = [(j + 1, [r[j] for r in grid]) for j in range(1, width)]
        return Table(column, rows, transposed=True)
    raise LookupError("no 'Project Name' column (or row) found")
