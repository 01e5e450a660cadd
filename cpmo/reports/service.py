"""Render the oversight report in any format from one assembly: the CLI and the API call this.

Generation is kept here (not in a view) so that a later asynchronous path can run it as is.
"""

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from cpmo.config import GovernanceLimits
from cpmo.errors import TooLarge
from cpmo.portfolios.models import Programme
from cpmo.portfolios.service import get_portfolio_or_raise
from cpmo.reports.assembly import assemble
from cpmo.reports.compose.content import OversightReport

FORMATS = ("json", "html", "pdf", "xlsx", "csv")
PACK_FORMATS = ("html", "pdf", "xlsx")  # the costly renderings: budgeted per request
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
        from cpmo.reports.render.csv import render_status_csv

        return render_status_csv(report).encode()
    if fmt == "xlsx":
        from cpmo.reports.render.xlsx.workbook import render_xlsx

        return render_xlsx(report)
    from cpmo.reports.render.charts.images import render_all

    if fmt == "html":
        from cpmo.reports.render.html import render_html

        return render_html(report, render_all(report, "svg")).encode()
    if fmt == "pdf":
        from cpmo.reports.render.pdf.document import render_pdf

        return render_pdf(report, render_all(report, "png"))
    raise ValueError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")


def check_request_budget(session: Session, *, code: str, fmt: str, max_programmes: int) -> None:
    """TooLarge (413) when a pack (HTML, PDF, XLSX) of ``code`` covers more programmes than a
    request may build; the message says how to build it instead (the CLI has no limit)."""
    if fmt not in PACK_FORMATS:
        return
    portfolio = get_portfolio_or_raise(session, code=code)
    count = session.exec(
        select(func.count()).select_from(Programme).where(Programme.portfolio_id == portfolio.id)
    ).one()
    if count > max_programmes:
        raise TooLarge(
            f"This pack covers {count:,} programmes, more than a request can build "
            f"(limit {max_programmes:,}). Build it with `cpmo report oversight --portfolio "
            f"{code} --format {fmt} --output FILE`, read the report as JSON or the status as "
            "CSV, or ask the administrator to raise CPMO_REPORT_MAX_PROGRAMMES."
        )


def render(
    session: Session,
    *,
    code: str,
    fmt: str,
    as_of: date | None = None,
    limits: GovernanceLimits | None = None,
    max_programmes: int | None = None,
) -> Rendered:
    """Assemble portfolio ``code``'s report and render it as ``fmt`` (refused first when a
    request budget ``max_programmes`` is given and the pack is larger)."""
    if max_programmes is not None:
        check_request_budget(session, code=code, fmt=fmt, max_programmes=max_programmes)
    report = assemble(session, code=code, as_of=as_of, limits=limits)
    stem = "status" if fmt == "csv" else "oversight"
    return Rendered(
        data=render_report(report, fmt),
        mimetype=MIMETYPES[fmt],
        filename=f"{stem}-{report.portfolio}-{report.as_of.isoformat()}.{fmt}",
    )
