"""Importing a business plan file from the pages: the importer's checks (cpmo.plans.importer,
whose .xlsx path passes cpmo.uploads' gate first) and its problems in plain words, each named
by its sheet (or list) and row."""

from sqlmodel import Session
from werkzeug.datastructures import FileStorage

from cpmo.errors import DomainError
from cpmo.plans.checks import Problem
from cpmo.plans.importer import FORMATS, PlanDocument, PlanFileError, read_plan, where
from cpmo.plans.store import store_plan
from cpmo.web.labels import first_upper
from cpmo.web.messages import plain

CHOOSE = "Select a plan file: a .yaml, .json or .xlsx file"
MAX_SHOWN = 25


def problem_line(problem: Problem, document: PlanDocument | None) -> str:
    """'Sheet actions, row 5 (5.3): Enter the title', 'The file is not valid yaml: …'."""
    label = first_upper(problem.field.replace("_", " ")) if problem.field else ""
    message = plain(problem.message, label) if label else first_upper(problem.message)
    if problem.section == "file":
        return f"The file cannot be read: {message[:1].lower()}{message[1:]}"
    if problem.section == "plan":
        return f"The plan's details: {message}"
    if problem.index is None:
        return f"The list of {problem.section.replace('_', ' ')}: {message}"
    kind = "Sheet" if document is not None and document.rows else "List"
    return f"{kind} {where(problem, document)}: {message}"


def _lines(exc: PlanFileError) -> list[str]:
    lines = [problem_line(p, exc.document) for p in exc.problems[:MAX_SHOWN]]
    if len(exc.problems) > MAX_SHOWN:
        lines.append(f"And {len(exc.problems) - MAX_SHOWN} more problems: fix these first")
    return lines


def import_upload(session: Session, upload: FileStorage | None) -> tuple[str | None, list[str]]:
    """Read and store the uploaded plan: its code, or the problems (nothing stored)."""
    if upload is None or not upload.filename:
        return None, [CHOOSE]
    if not upload.filename.lower().endswith(tuple(FORMATS)):
        return None, ["The selected file must be a .yaml, .json or .xlsx file"]
    try:
        document = read_plan(upload.read(), name=upload.filename)
        store_plan(session, document)
    except PlanFileError as exc:
        return None, _lines(exc)
    except DomainError as exc:  # the upload gate (too big once opened, damaged), a clash
        return None, [exc.detail]
    return document.data["plan"]["code"], []
