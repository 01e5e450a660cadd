"""Importing candidates (in draft) and scores (while scoring) from .xlsx or .csv.

Candidates sheet: name, key (optional: derived from the name when left out), programme,
sponsors (separated by ';'), description, and one column per year headed '2020' or
'cost 2020' holding whole pounds. Scores sheet: candidate, criterion, value, comment, and
optionally scorer. Every problem names its sheet, row and column, and nothing is imported
unless every row is good.

Scores are written only by the scorer themself: a scores import is the signed-in scorer's own
scores (a scorer column, if present, must name them on every row); nobody imports anybody
else's. Each import is audited with the file's SHA-256 digest.
"""

import hashlib
import re
from typing import Any

from sqlmodel import Session, select

from cpmo.imports.sheet_cells import Cells, money_cell, text
from cpmo.imports.sheet_cells import code as code_cell
from cpmo.imports.spreadsheets import Problems, number_cell, read_sheet
from cpmo.portfolios.models import Programme
from cpmo.users.models import User
from cpmo.validation import code_from_name
from cpmo.workshops import audit
from cpmo.workshops.candidates import add_candidates, list_candidates
from cpmo.workshops.inputs import CandidateCreate
from cpmo.workshops.models import Workshop
from cpmo.workshops.scoring_service import ScoreInput, open_for_scoring, write_scores
from cpmo.workshops.service import lock, require_status
from cpmo.workshops.setup import list_criteria

YEAR = re.compile(r"^(?:cost_)?((?:19|20|21)\d\d)$")
CANDIDATE_COLUMNS = {"key", "name", "programme", "sponsors", "description"}
SCORE_COLUMNS = {"scorer", "candidate", "criterion", "value", "comment"}


def import_candidates(
    session: Session, *, actor: User, code: str, content: bytes, filename: str | None
) -> int:
    """Add every candidate of the sheet 'Candidates' (or of the CSV) to a draft workshop."""
    workshop = lock(session, code=code)
    require_status(workshop, "draft", doing="candidates can be imported")
    sheet = read_sheet(content, wanted="Candidates", filename=filename)
    problems = Problems()
    cells = Cells(sheet, problems)
    cells.check_headers(lambda h: h in CANDIDATE_COLUMNS or bool(YEAR.match(h)), {"name"})
    programmes = set(session.exec(select(Programme.code)).all())
    taken = {c.key for c, _ in list_candidates(session, workshop=workshop, active_only=False)}
    out: list[CandidateCreate] = []
    for row, values in sheet.rows:
        name = cells.get(row, values, "name", text(300), required=True)
        key = cells.get(row, values, "key", code_cell)
        if key in taken:
            cells.note(row, "key", f"key {key!r} is already used")
        if key is None and name:
            key = code_from_name(name, taken)
        taken.add(key)
        programme = cells.get(row, values, "programme", code_cell)
        if programme is not None and programme not in programmes:
            cells.note(row, "programme", f"unknown programme {programme!r}")
        sponsors = cells.get(row, values, "sponsors", text(2000)) or ""
        costs = {}
        for header, _ in sheet.headers:
            year = YEAR.match(header)
            amount = cells.get(row, values, header, money_cell) if year else None
            if year and amount is not None:
                costs[year.group(1)] = amount
        out.append(
            CandidateCreate(
                key=key,
                name=name,
                programme=programme,
                description=cells.get(row, values, "description", text(10_000)),
                sponsors=[s.strip() for s in sponsors.split(";") if s.strip()],
                costs=dict(sorted(costs.items())),
            )
        )
    problems.raise_any(f"sheet {sheet.name!r}")
    add_candidates(session, workshop=workshop, candidates=out, source=f"imported: {sheet.name}")
    _audit(session, workshop, actor, "import_candidates", content, filename, len(out))
    return len(out)


def _audit(
    session: Session,
    workshop: Workshop,
    actor: User,
    event: str,
    content: bytes,
    filename: str | None,
    rows: int,
    **extra: Any,
) -> None:
    details = {
        "rows": rows,
        "filename": (filename or "")[:200],
        "sha256": hashlib.sha256(content).hexdigest(),
        **extra,
    }
    audit.record_setup(session, workshop=workshop, actor=actor, event=event, details=details)


def import_scores(
    session: Session, *, actor: User, code: str, content: bytes, filename: str | None
) -> int:
    """Record the signed-in scorer's own scores from the sheet 'Scores' (or the CSV); a row
    naming another scorer is refused, so nobody writes anybody else's scores."""
    workshop, mine = open_for_scoring(
        session, actor=actor, code=code, doing="scores can be imported"
    )
    sheet = read_sheet(content, wanted="Scores", filename=filename)
    problems = Problems()
    cells = Cells(sheet, problems)
    cells.check_headers(SCORE_COLUMNS.__contains__, SCORE_COLUMNS - {"comment", "scorer"})
    has_scorer = any(h == "scorer" for h, _ in sheet.headers)
    criteria = {c.key: c for c in list_criteria(session, workshop=workshop)}
    active = {c.key for c, _ in list_candidates(session, workshop=workshop)}
    out, seen = [], set()
    for row, values in sheet.rows:
        scorer = cells.get(row, values, "scorer", text(200), required=True) if has_scorer else None
        candidate = cells.get(row, values, "candidate", code_cell, required=True)
        criterion = cells.get(row, values, "criterion", code_cell, required=True)
        value = cells.get(row, values, "value", number_cell, required=True)
        comment = cells.get(row, values, "comment", text(2000))
        if scorer is not None and scorer not in mine:
            cells.note(
                row,
                "scorer",
                f"{scorer!r} is not you: you can import only your own scores (as {mine[0]!r})",
            )
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
        who = scorer if scorer is not None else mine[0]
        if (who, candidate, criterion) in seen:
            cells.note(row, "candidate", "this scorer scores this candidate on it twice")
        seen.add((who, candidate, criterion))
        out.append(ScoreInput(who, candidate, criterion, value, comment))
    problems.raise_any(f"sheet {sheet.name!r}")
    written = write_scores(session, workshop=workshop, scores=out)
    scorers = sorted({s.scorer for s in out})
    _audit(session, workshop, actor, "import_scores", content, filename, written, scorers=scorers)
    return written


def candidates_template(years: list[str]) -> str:
    """The header row of a CSV with the columns :func:`import_candidates` reads (a cost column
    per year), for facilitators to fill in."""
    return ",".join(["name", "sponsors", "programme", "description", *years])
