"""Spreadsheets in and out, for facilitators who live in them: import candidates and scores
(.xlsx or .csv; problems name sheet, row and column) and export the ranking."""

from typing import Any

from werkzeug.datastructures import FileStorage

from cpmo import request_session
from cpmo.api.auth import current_user
from cpmo.api.blueprints import documents, make_blueprint
from cpmo.api.schemas.workshop_reads import ImportRead
from cpmo.api.schemas.workshops import FileUpload
from cpmo.api.workshop_results import attachment
from cpmo.api.workshops import refusals
from cpmo.workshops import spreadsheet_export, spreadsheet_import

blp = make_blueprint(
    "workshop_files",
    "/workshops",
    "Workshop spreadsheets: import candidates and scores, export the ranking (.xlsx, .csv)",
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"


def _upload(data: dict[str, Any]) -> tuple[bytes, str | None]:
    upload = data["file"]
    if not isinstance(upload, FileStorage):
        return str(upload).encode(), None
    return upload.read(), upload.filename


@blp.route("/<code>/import/candidates", methods=["POST"])
@blp.arguments(FileUpload, location="files")
@blp.response(201, ImportRead)
@documents(blp, 413)
@refusals(blp, 404, 409, 422)
def import_candidates(data: dict[str, Any], code: str) -> Any:
    """Add candidates from the sheet 'Candidates' of an .xlsx (or a .csv): columns key, name,
    programme, sponsors (';'-separated), description, and one per year ('2021' or
    'cost 2021') in whole pounds. Draft only; all rows or none."""
    content, filename = _upload(data)
    session = request_session()
    n = spreadsheet_import.import_candidates(
        session, actor=current_user(), code=code, content=content, filename=filename
    )
    session.commit()
    return {"imported": n, "what": "candidates"}


@blp.route("/<code>/import/scores", methods=["POST"])
@blp.arguments(FileUpload, location="files")
@blp.response(201, ImportRead)
@documents(blp, 413)
@refusals(blp, 404, 409, 422)
def import_scores(data: dict[str, Any], code: str) -> Any:
    """Record your own scores, as a scorer of this workshop, from the sheet 'Scores' of an
    .xlsx (or a .csv): columns candidate, criterion, value, comment, and optionally scorer
    (which must then be you on every row: nobody imports anybody else's scores). While
    scoring only; all rows or none."""
    content, filename = _upload(data)
    session = request_session()
    n = spreadsheet_import.import_scores(
        session, actor=current_user(), code=code, content=content, filename=filename
    )
    session.commit()
    return {"imported": n, "what": "scores"}


@blp.route("/<code>/ranking.xlsx", methods=["GET"])
@blp.response(200, {"type": "string", "format": "binary"}, content_type=XLSX)
@documents(blp)
@refusals(blp, 404, 422)
def export_ranking_xlsx(code: str) -> Any:
    """The ranking as a workbook, with the criteria, candidates and scores (the last two in
    the layout the imports read)."""
    body = spreadsheet_export.export_xlsx(request_session(), actor=current_user(), code=code)
    return attachment(body, XLSX, f"{code}-ranking.xlsx")


@blp.route("/<code>/ranking.csv", methods=["GET"])
@blp.response(200, {"type": "string"}, content_type=CSV)
@documents(blp)
@refusals(blp, 404, 422)
def export_ranking_csv(code: str) -> Any:
    """The ranking as CSV."""
    body = spreadsheet_export.export_csv(request_session(), actor=current_user(), code=code)
    return attachment(body, CSV, f"{code}-ranking.csv")
