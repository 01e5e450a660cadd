"""Parsing a sheet's cells, each problem noted with its sheet, row and column."""

from collections.abc import Callable
from typing import Any

from cpmo.imports.spreadsheets import Problems, Sheet, number_cell, text_cell
from cpmo.validation import is_code

MAX_MONEY_GBP = 10**13


class Cells:
    """Reads named cells of a sheet's rows, collecting every problem before raising."""

    def __init__(self, sheet: Sheet, problems: Problems) -> None:
        self.sheet = sheet
        self.problems = problems
        self.columns = dict(sheet.headers)

    def check_headers(self, allowed: Callable[[str], bool], required: set[str]) -> None:
        """Refuse unknown columns and missing required ones (row 1)."""
        for header, column in self.sheet.headers:
            if not allowed(header):
                self.problems.add(self.sheet.name, 1, column, f"unknown column {header!r}")
        for missing in sorted(required - set(self.columns)):
            self.problems.add(self.sheet.name, 1, None, f"the column {missing!r} is missing")
        self.problems.raise_any(f"sheet {self.sheet.name!r}")

    def note(self, row: int, name: str, message: str) -> None:
        """Record a problem with the cell ``name`` of ``row``."""
        self.problems.add(self.sheet.name, row, self.columns.get(name), message)

    def get(
        self,
        row: int,
        cells: dict[str, Any],
        name: str,
        parse: Callable[[Any], Any],
        *,
        required: bool = False,
    ) -> Any:
        """The parsed cell, or None (blank, or a problem noted)."""
        value = cells.get(name)
        if value in (None, ""):
            if required:
                self.note(row, name, f"{name} is required")
            return None
        try:
            return parse(value)
        except ValueError as exc:
            self.note(row, name, f"{name}: {exc}")
            return None


def money_cell(value: Any) -> int:
    """Whole pounds, 0 or more."""
    number = number_cell(value)
    if not number.is_integer() or not 0 <= number <= MAX_MONEY_GBP:
        raise ValueError("must be whole pounds, 0 or more")
    return int(number)


def code(value: Any) -> str:
    """A lowercase code such as 'ttp-cyber'."""
    text = text_cell(value, max_length=80)
    if not is_code(text):
        raise ValueError(f"{text!r} is not a lowercase code like 'ttp-cyber'")
    return text


def text(max_length: int) -> Callable[[Any], str]:
    """Clean text of at most max_length characters."""
    return lambda value: text_cell(value, max_length=max_length)
