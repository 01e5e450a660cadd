"""Render the oversight report in any format from one assembly: the CLI and the API call this.

Generation is kept here (not in a view) so that a later asynchronous path can run it as is.
"""

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from cpmo.reports.assembly import assemble
from cpmo.reports.content import OversightReport
from cpmo.reports.facts import Limits

FORMATS = ("json", "html", "pdf", "xlsx", "csv")
MIMETYPES = {
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


@dataclass(frozen=True)
class Rendered:
    data: bytes
    mimetype: str
    filename: str


def report_dict(report: OversightReport) -> dict[str, Any]:
    """The report as plain dicts and lists (dates still date objects)."""
    return asdict(report)


def _iso(value: Any) -> str:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_json(report: OversightReport) -> str:
    """The report as JSON text (the same fields as the API's JSON)."""
    return json.dumps(report_dict(report), default=_iso, ensure_ascii=False, indent=2)


def render_report(report: OversightReport, fmt: str) -> bytes:
    """The assembled report in ``fmt`` (one of FORMATS)."""
    if fmt == "json":
        return to_json(report).encode()
    if fmt == "csv":
        from cpmo.reports.exports import render_status_csv

        return render_status_csv(report).encode()
    if fmt == "xlsx":
        from cpmo.reports.xlsx import render_xlsx

        return render_xlsx(report)
    from cpmo.reports.charts import render_all

    if fmt == "html":
        from cpmo.reports.html import render_html

        return render_html(report, render_all(report, "svg")).encode()
    if fmt == "pdf":
        from cpmo.reports.pdf import render_pdf

        return render_pdf(report, render_all(report, "png"))
    raise ValueError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")


def render(
    session: Session,
    *,
    code: str,
    fmt: str,
    as_of: date | None = None,
    limits: Limits | None = None,
) -> Rendered:
    """Assemble portfolio ``code``'s report and render it as ``fmt``."""
    report = assemble(session, code=code, as_of=as_of, limits=limits)
    stem = "status" if fmt == "csv" else "oversight"
    return Rendered(
        data=render_report(report, fmt),
        mimetype=MIMETYPES[fmt],
        filename=f"{stem}-{report.portfolio}-{report.as_of.isoformat()}.{fmt}",
    )
