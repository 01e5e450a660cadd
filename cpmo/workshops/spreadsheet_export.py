"""Exporting a workshop's ranking as .xlsx (Ranking, Criteria, Candidates, Scores sheets — the
last two in the layout the import reads, so a workbook round-trips) or as .csv."""

import csv
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from sqlmodel import Session, select

from cpmo.users.models import User
from cpmo.workshops.access import require_results
from cpmo.workshops.candidates import list_candidates
from cpmo.workshops.models import Workshop, WorkshopScore
from cpmo.workshops.results import Ranking, workshop_ranking
from cpmo.workshops.service import get_or_raise
from cpmo.workshops.setup import list_criteria


def ranking_rows(ranking: Ranking) -> list[list[Any]]:
    """The ranking as a header row and one row per candidate."""
    keys = list(ranking.weights)
    header = ["rank", "candidate", "name", "programme", "total", "disagreement", "missing"]
    header += [f"{k} mean" for k in keys] + [f"{k} spread" for k in keys]
    rows: list[list[Any]] = [header]
    for r in ranking.candidates:
        means = [r.breakdown[k].normalised_mean for k in keys]
        spreads = [r.breakdown[k].spread for k in keys]
        rows.append(
            [
                r.rank,
                r.candidate,
                ranking.names[r.candidate],
                ranking.programmes[r.candidate],
                r.total,
                r.disagreement,
                "; ".join(r.missing),
                *means,
                *spreads,
            ]
        )
    return rows


def _sheets(session: Session, workshop: Workshop, ranking: Ranking) -> dict[str, list[list[Any]]]:
    criteria = list_criteria(session, workshop=workshop)
    candidates = list_candidates(session, workshop=workshop)
    years = sorted({y for c, _ in candidates for y in c.costs})
    scores = session.exec(
        select(WorkshopScore)
        .where(WorkshopScore.workshop_id == workshop.id)
        .order_by(WorkshopScore.scorer, WorkshopScore.candidate_key, WorkshopScore.criterion_key)
    ).all()
    return {
        "Ranking": ranking_rows(ranking),
        "Criteria": [["key", "name", "weight", "scale_min", "scale_max", "direction"]]
        + [
            [c.key, c.name, ranking.weights[c.key], c.scale_min, c.scale_max, c.direction]
            for c in criteria
        ],
        "Candidates": [["key", "name", "programme", "sponsors", "description", *years]]
        + [
            [
                c.key,
                c.name,
                p,
                "; ".join(c.sponsors),
                c.description,
                *(c.costs.get(y) for y in years),
            ]
            for c, p in candidates
        ],
        "Scores": [["scorer", "candidate", "criterion", "value", "comment"]]
        + [[s.scorer, s.candidate_key, s.criterion_key, s.value, s.comment] for s in scores],
    }


def export_xlsx(session: Session, *, actor: User, code: str) -> bytes:
    """The workbook: ranking, criteria, candidates and every score."""
    workshop = get_or_raise(session, code=code)
    require_results(actor, workshop)
    book = Workbook(write_only=True)  # linear in the rows (appending is not quadratic)
    for title, rows in _sheets(
        session, workshop, workshop_ranking(session, workshop=workshop)
    ).items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append([_text_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text_cell(sheet: Any, value: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text, never a formula
    return cell


def export_csv(session: Session, *, actor: User, code: str) -> str:
    """The ranking as CSV (text that a spreadsheet would run as a formula is quoted with ')."""
    workshop = get_or_raise(session, code=code)
    require_results(actor, workshop)
    buffer = io.StringIO()
    rows = ranking_rows(workshop_ranking(session, workshop=workshop))
    csv.writer(buffer).writerows([[_inert(v) for v in row] for row in rows])
    return buffer.getvalue()


def _inert(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
