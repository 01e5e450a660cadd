"""Public entry point: parse one GMPP annual-report file's bytes."""

import csv
import re
from collections import Counter

from cpmo.errors import InvalidInput
from cpmo.imports.gmpp.build import RowReader, build_project
from cpmo.imports.gmpp.decode import decode_bytes
from cpmo.imports.gmpp.headers import map_headers, price_basis
from cpmo.imports.gmpp.records import GmppParseResult, GmppProblem, GmppProject
from cpmo.imports.gmpp.table import read_table

YEAR_IN_FILENAME = re.compile(r"(?<!\d)(\d{4})[_-](\d{2})(?!\d)")
YEAR = re.compile(r"(\d{4})-(\d{2})")


def year_from_filename(filename: str) -> str | None:
    """The financial year in a file name (gmpp_2021_22.csv → "2021-22"), or None."""
    match = YEAR_IN_FILENAME.search(filename.rsplit("/", 1)[-1])
    return f"{match[1]}-{match[2]}" if match else None


def _check_year(year: str | None, filename: str) -> str:
    """Return a valid "YYYY-YY" financial year, or raise InvalidInput."""
    match = YEAR.fullmatch(year or "")
    if match is None or (int(match[1]) + 1) % 100 != int(match[2]):
        raise InvalidInput(
            f"{filename}: cannot tell the financial year (expected e.g. gmpp_2021_22.csv "
            f"or year='2021-22'), got {year!r}",
            errors={"year": [f"not a financial year: {year!r}"]},
        )
    return year or ""


def parse_gmpp(data: bytes, filename: str, *, year: str | None = None) -> GmppParseResult:
    """Parse a GMPP annual-report CSV into normalised projects plus row problems and notes."""
    year = _check_year(year or year_from_filename(filename), filename)
    decoded = decode_bytes(data)
    try:
        table = read_table(decoded.text)
        columns = map_headers(table.headers)
    except (csv.Error, LookupError, ValueError) as error:
        raise InvalidInput(
            f"{filename}: not a recognisable GMPP file: {error}", errors={"file": [str(error)]}
        ) from error
    projects: list[GmppProject] = []
    problems: list[GmppProblem] = []
    notes = [GmppProblem(u.line, "(file)", "\ufffd", str(u)) for u in decoded.undecodable]
    for row, cells in table.rows:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(table.headers) and any(c.strip() for c in cells[len(table.headers) :]):
            problems.append(GmppProblem(row, "(extra cells)", "", "more cells than headers"))
            continue
        reader = RowReader(row, table.headers, cells, columns)
        project = build_project(year, reader)
        problems.extend(reader.problems)
        notes.extend(reader.notes)
        if project is not None:
            projects.append(project)
    problems.extend(_duplicate_ids(projects))
    return GmppParseResult(
        filename=filename,
        year=year,
        encoding=decoded.encoding,
        transposed=table.transposed,
        price_basis=price_basis(table.headers),
        projects=tuple(projects),
        problems=tuple(problems),
        notes=tuple(notes),
    )


def _duplicate_ids(projects: list[GmppProject]) -> list[GmppProblem]:
    """A problem for each project whose project_id repeats an earlier one in the file."""
    counts = Counter(p.project_id for p in projects)
    seen: set[str] = set()
    problems = []
    for p in projects:
        if counts[p.project_id] > 1 and p.project_id in seen:
            problems.append(GmppProblem(p.row, "project_id", p.project_id, "duplicate project id"))
        seen.add(p.project_id)
    return problems
