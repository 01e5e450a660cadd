"""Importing candidates (in draft) and scores (while scoring) from .xlsx or .csv.

Candidates sheet: key, name, programme, sponsors (separated by ';'), description, and one
column per year headed '2020' or 'cost 2020' holding whole pounds. Scores sheet: scorer,
candidate, criterion, value, comment. Every problem names its sheet, row and column, and
nothing is imported unless every row is good.
"""

import re
from typing import Any

from sqlmodel import Session, select

from cpmo.portfolios.models import Programme
from cpmo.workshops.candidates import add_candidates, list_candidates
from cpmo.workshops.models import WorkshopScorer
from cpmo.workshops.scoring_service import ScoreInput, write_scores
from cpmo.workshops.setup import list_criteria
from cpmo.workshops.sheet_cells import Cells, money, text
from cpmo.workshops.sheet_cells import code as code_cell
from cpmo.workshops.spreadsheets import Problems, number_cell, read_sheet
from cpmo.workshops.workshops import get_or_raise, require_status

YEAR = re.compile(r"^(?:cost_)?((?:19|20|21)\d\d)$")
CANDIDATE_COLUMNS = {"key", "name", "programme", "sponsors", "description"}
SCORE_COLUMNS = {"scorer", "candidate", "criterion", "value", "comment"}


def import_candidates(session: Session, *, code: str, content: bytes, filename: str | None) -> int:
    """Add every candidate of the sheet 'Candidates' (or of the CSV) to a draft workshop."""
    workshop = get_or_raise(session, code=code)
    require_status(workshop, "draft", doing="candidates can be imported")
    sheet = read_sheet(content, wanted="Candidates", filename=filename)
    problems = Problems()
    cells = Cells(sheet, problems)
    cells.check_headers(lambda h: h in CANDIDATE_COLUMNS or bool(YEAR.match(h)), {"key", "name"})
    programmes = set(session.exec(select(Programme.code)).all())
    taken = {c.key for c, _ in list_candidates(session, workshop=workshop, active_only=False)}
    out: list[dict[str, Any]] = []
    for row, values in sheet.rows:
        key = cells.get(row, values, "key", code_cell, required=True)
        if key in taken:
            cells.note(row, "key", f"key {key!r} is already used")
        taken.add(key)
        programme = cells.get(row, values, "programme", code_cell)
        if programme is not None and programme not in programmes:
            cells.note(row, "programme", f"unknown programme {programme!r}")
        sponsors = cells.get(row, values, "sponsors", text(2000)) or ""
        costs = {}
        for header, _ in sheet.headers:
            year = YEAR.match(header)
            amount = cells.get(row, values, header, money) if year else None
            if year and amount is not None:
                costs[year.group(1)] = amount
        out.append(
            {
                "key": key,
                "name": cells.get(row, values, "name", text(300), required=True),
                "programme": programme,
                "description": cells.get(row, values, "description", text(10_000)),
                "sponsors": [s.strip() for s in sponsors.split(";") if s.strip()],
                "costs": dict(sorted(costs.items())),
            }
        )
    problems.raise_any(f"sheet {sheet.name!r}")
    add_candidates(session, workshop=workshop, candidates=out, source=f"imported: {sheet.name}")
    return len(out)


def import_scores(session: Session, *, code: str, content: bytes, filename: str | None) -> int:
    """Record every score of the sheet 'Scores' (or of the CSV) for the named scorers."""
    workshop = get_or_raise(session, code=code)
    require_status(workshop, "scoring", doing="scores can be imported")
    sheet = read_sheet(content, wanted="Scores", filename=filename)
    problems = Problems()
    cells = Cells(sheet, problems)
    cells.check_headers(SCORE_COLUMNS.__contains__, SCORE_COLUMNS - {"comment"})
    criteria = {c.key: c for c in list_criteria(session, workshop=workshop)}
    active = {c.key for c, _ in list_candidates(session, workshop=workshop)}
    scorers = set(
        session.exec(
            select(WorkshopScorer.name).where(WorkshopScorer.workshop_id == workshop.id)
        ).all()
    )
    out, seen = [], set()
    for row, values in sheet.rows:
        scorer = cells.get(row, values, "scorer", text(200), required=True)
        candidate = cells.get(row, values, "candidate", code_cell, required=True)
        criterion = cells.get(row, values, "criterion", code_cell, required=True)
        value = cells.get(row, values, "value", number_cell, required=True)
        comment = cells.get(row, values, "comment", text(2000))
        if scorer is not None and scorer not in scorers:
            cells.note(row, "scorer", f"{scorer!r} is not a scorer of this workshop")
        if candidate is not None and candidate not in active:
            cells.note(row, "candidate", f"no active candidate {candidate!r}")
        crit = criteria.get(criterion) if criterion is not None else None
        if criterion is not None and crit is None:
            cells.note(row, "criterion", f"no criterion {criterion!r}")
        outside = (
            crit is not None
            and value is not None
            and not (crit.scale_min <= value <= crit.scale_max)
        )
        if outside:
            scale = f"{crit.scale_min:g}–{crit.scale_max:g}"
            cells.note(row, "value", f"{value:g} is outside the scale {scale} of {criterion!r}")
        if (scorer, candidate, criterion) in seen:
            cells.note(row, "candidate", "this scorer scores this candidate on it twice")
        seen.add((scorer, candidate, criterion))
        out.append(ScoreInput(scorer, candidate, criterion, value, comment))
    problems.raise_any(f"sheet {sheet.name!r}")
    return write_scores(session, workshop=workshop, scores=out)
