"""Spreadsheets in and out, for facilitators who live in them: import candidates and scores
(.xlsx or .csv; problems name sheet, row and column) and export the ranking."""

from collections.abc import Callable
from typing import Any

from flask import request
from werkzeug.datastructures import FileStorage

from cpmo.api.auth import current_user
from cpmo.api.blueprints import make_blueprint
from cpmo.api.schemas.workshop_reads import ImportRead
from cpmo.api.schemas.workshops import FileUpload, WorkshopProblem
from cpmo.api.workshop_results import attachment
from cpmo.app import request_session
from cpmo.errors import InvalidInput
from cpmo.workshops import spreadsheet_export, spreadsheet_import
from cpmo.workshops.service import get_or_raise, require_status

blp = make_blueprint(
    "workshop_files",
    "/workshops",
    "Workshop spreadsheets: import candidates and scores, export the ranking (.xlsx, .csv)",
    problem=WorkshopProblem,
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"


def _upload() -> tuple[bytes, str | None]:
    upload = request.files.get("file")
    if not isinstance(upload, FileStorage):
        message = "Attach the .xlsx or .csv as the multipart field 'file'."
        raise InvalidInput(message, errors={"file": ["an .xlsx or .csv file is required"]})
    return upload.read(), upload.filename


def _imported(what: str, importer: Callable[..., int], code: str) -> dict[str, Any]:
    """Read the uploaded sheet into workshop ``code`` with ``importer``; how many rows went in."""
    content, filename = _upload()
    n = importer(
        request_session(), actor=current_user(), code=code, content=content, filename=filename
    )
    return {"imported": n, "what": what}


def _may_import(status: str, doing: str) -> Callable[..., None]:
    """The workshop exists and is in ``status``: checked before the body is read."""

    def check(code: str) -> None:
        workshop = get_or_raise(request_session(), code=code)
        require_status(workshop, status, doing=doing)

    return check


# an import: a file upload in, how many rows went in out, and the same refusals
IMPORTS: dict[str, Any] = {
    "form": FileUpload,
    "status": 201,
    "schema": ImportRead,
    "errors": (413,),
    "refused": (404, 409, 422),
}


@blp.post(
    "/<code>/import/candidates",
    check=_may_import("draft", "candidates can be imported"),
    **IMPORTS,
)
def import_candidates(data: dict[str, Any], code: str) -> Any:
    """Add candidates from the sheet 'Candidates' of an .xlsx (or a .csv): columns key, name,
    programme, sponsors (';'-separated), description, and one per year ('2021' or
    'cost 2021') in whole pounds. Draft only; all rows or none."""
    return _imported("candidates", spreadsheet_import.import_candidates, code)


@blp.post(
    "/<code>/import/scores", check=_may_import("scoring", "scores can be imported"), **IMPORTS
)
def import_scores(data: dict[str, Any], code: str) -> Any:
    """Record your own scores, as a scorer of this workshop, from the sheet 'Scores' of an
    .xlsx (or a .csv): columns candidate, criterion, value, comment, and optionally scorer
    (which must then be you on every row: nobody imports anybody else's scores). While
    scoring only; all rows or none."""
    return _imported("scores", spreadsheet_import.import_scores, code)


@blp.get(
    "/<code>/ranking.xlsx",
    schema={"type": "string", "format": "binary"},
    content_type=XLSX,
    refused=(404, 422),
)
def export_ranking_xlsx(code: str) -> Any:
    """The ranking as a workbook, with the criteria, candidates and scores (the last two in
    the layout the imports read)."""
    body = spreadsheet_export.export_xlsx(request_session(), actor=current_user(), code=code)
    return attachment(body, XLSX, f"{code}-ranking.xlsx")


@blp.get("/<code>/ranking.csv", schema={"type": "string"}, content_type=CSV, refused=(404, 422))
def export_ranking_csv(code: str) -> Any:
    """The ranking as CSV."""
    body = spreadsheet_export.export_csv(request_session(), actor=current_user(), code=code)
    return attachment(body, CSV, f"{code}-ranking.csv")
