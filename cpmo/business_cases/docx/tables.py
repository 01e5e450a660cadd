"""Tables recognised by their header row: column synonyms per kind of table, as data."""

import re
from dataclasses import dataclass

from cpmo.business_cases.docx.layout import label_key
from cpmo.business_cases.docx.section import Section
from cpmo.business_cases.docx.values import header_unit, parse_money

# kind → field → header synonyms, best first (matched against the whole header cell, units
# such as "(£m)" removed). A table is recognised when its REQUIRED columns are all present.
TABLE_KINDS: dict[str, dict[str, tuple[str, ...]]] = {
    "options": {
        "name": (r"(?:short[-\s]?listed\s+)?options?(?:\s+(?:name|title|no|number))?",),
        "description": (r"(?:option\s+)?(?:description|summary|details|scope)",),
        "npv": (r"npv.*|net\s+present\s+(?:value|cost).*|npc.*",),
        "preferred": (r"preferred(?:\s+option)?\??|recommended\??",),
    },
    "lots": {
        "name": (r"(?:lots?|tranches?)(?:\s+(?:no|number|name|title))?",),
        "description": (r"(?:lot\s+|tranche\s+)?(?:description|scope|services?|contents?)",),
    },
    "milestones": {
        "name": (
            r"(?:key\s+)?milestones?(?:\s+(?:name|description))?",
            r"activity|activities|deliverables?|tasks?|events?|stages?",
        ),
        "due": (
            r"(?:(?:due|target|planned|forecast|baseline|completion|end)\s+)?dates?",
            r"due(?:\s+by)?|by\s+when|deadline|when|completion|target",
        ),
    },
    "risks": {
        "title": (r"risks?(?:\s+(?:title|name|description|summary|event))?",),
        "likelihood": (r"likelihood|probability|l",),
        "impact": (r"impact|severity|consequence|i",),
        "owner": (r"(?:risk\s+)?owner|owned\s+by|responsible|lead",),
    },
    "benefits": {
        "title": (r"benefits?(?:\s+(?:title|name|description))?",),
        "value_gbp": (
            r"(?:(?:estimated|annual|financial|cash[-\s]releasing|total)\s+)?value"
            r"(?:\s+.*)?|amount|savings?|£",
        ),
        "measure": (
            r"measures?|(?:how\s+)?measured(?:\s+by)?|kpis?|metrics?|indicators?"
            r"|measurement|performance\s+measures?",
        ),
    },
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "options": ("name",),
    "lots": ("name",),
    "milestones": ("name", "due"),
    "risks": ("title",),
    "benefits": ("title",),
}


@dataclass(frozen=True)
class Row:
    """One data row: cell text per field, and pounds per written unit for each column."""

    cells: dict[str, str]
    units: dict[str, int]

    def get(self, name: str) -> str:
        """A field's cell text ('' when the table has no such column)."""
        return self.cells.get(name, "")

    def money(self, name: str) -> int | None:
        """A field's cell as integer pounds, using the column header's unit."""
        return parse_money(self.get(name), unit=self.units.get(name, 1), cell=True)


def columns(header: tuple[str, ...], kind: str) -> dict[str, int] | None:
    """Field → column index when the header row fits the kind; None otherwise."""
    keys = [label_key(re.sub(r"\([^)]*\)", "", cell)) for cell in header]
    found: dict[str, int] = {}
    for name, synonyms in TABLE_KINDS[kind].items():
        for synonym in synonyms:
            column = next(
                (
                    i
                    for i, key in enumerate(keys)
                    if i not in found.values() and re.fullmatch(synonym, key)
                ),
                None,
            )
            if column is not None:
                found[name] = column
                break
    return found if all(name in found for name in REQUIRED[kind]) else None


def read_rows(rows: tuple[tuple[str, ...], ...], kind: str) -> list[Row] | None:
    """The data rows of a table of this kind (header in its first or second row), else None."""
    for start, header in enumerate(rows[:2]):
        found = columns(header, kind)
        if found is None:
            continue
        units = {name: header_unit(header[i]) for name, i in found.items()}
        return [
            Row({name: row[i] if i < len(row) else "" for name, i in found.items()}, units)
            for row in rows[start + 1 :]
            if row != header and any(row)
        ]
    return None


def table_rows(section: Section, kind: str) -> list[Row] | None:
    """Rows of every table of this kind in the section (marked read); None if there is none."""
    found: list[Row] | None = None
    for index, rows in list(section.tables()):
        read = read_rows(rows, kind)
        if read is not None:
            section.claimed.add(index)
            found = (found or []) + read
    return found
