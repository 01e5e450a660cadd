"""Report endpoints: the oversight report (JSON, HTML, PDF, XLSX), the status CSV, snapshots.

The PDF of a normal portfolio renders in about a second, so it is served synchronously; a pack
(HTML, PDF, XLSX) of a portfolio larger than CPMO_REPORT_MAX_PROGRAMMES is refused (413) with
the CLI command that builds it, so no request holds a worker for minutes.
"""

from typing import Any

from flask import Response, current_app

from cpmo.api.auth import current_user
from cpmo.api.blueprints import make_blueprint
from cpmo.api.schemas.reports import (
    OversightRead,
    PortfolioQuery,
    ReportQuery,
    SnapshotCreate,
    SnapshotRead,
)
from cpmo.app import governance_limits, request_session
from cpmo.reports import service, snapshots
from cpmo.reports.models import ReportSnapshot

blp = make_blueprint(
    "reports",
    "/reports",
    "Oversight reports (JSON, HTML, PDF, XLSX), the portfolio status as CSV, and snapshots "
    "that later reports compare with",
)
BINARY = {"type": "string", "format": "binary"}


def _file(args: dict[str, Any], fmt: str, attachment: bool = True) -> Response:
    rendered = service.render(
        request_session(),
        code=args["portfolio"],
        fmt=fmt,
        as_of=args.get("as_of"),
        limits=governance_limits(),
        max_programmes=current_app.config["CPMO_REPORT_MAX_PROGRAMMES"],
    )
    kind = "attachment" if attachment else "inline"
    disposition = f'{kind}; filename="{rendered.filename}"'
    return Response(
        rendered.data, content_type=rendered.mimetype, headers={"Content-Disposition": disposition}
    )


@blp.get("/oversight", query=ReportQuery, schema=OversightRead, errors=(404,))
def oversight(args: dict[str, Any]) -> Any:
    """The oversight report of a portfolio: headline figures, exceptions first, RAG honesty
    flags (each with its evidence), decisions, RAG and its change since the last snapshot,
    stage funnel, budget profile, benefits at risk, dependencies, KPIs, risks."""
    from cpmo.reports.assembly import assemble

    report = assemble(
        request_session(),
        code=args["portfolio"],
        as_of=args.get("as_of"),
        limits=governance_limits(),
    )
    return report  # dumped by OversightRead straight from the dataclasses (no deep copy first)


@blp.get(
    "/oversight.html",
    query=ReportQuery,
    schema={"type": "string"},
    content_type="text/html",
    description="HTML page",
    errors=(404, 413),
)
def oversight_html(args: dict[str, Any]) -> Response:
    """The oversight report as one accessible HTML page (charts inline as SVG)."""
    return _file(args, "html", attachment=False)


@blp.get(
    "/oversight.pdf",
    query=ReportQuery,
    schema=BINARY,
    content_type="application/pdf",
    description="PDF board pack",
    errors=(404, 413),
)
def oversight_pdf(args: dict[str, Any]) -> Response:
    """The oversight report as a paginated PDF board pack with charts."""
    return _file(args, "pdf")


@blp.get(
    "/oversight.xlsx",
    query=ReportQuery,
    schema=BINARY,
    content_type=service.MIMETYPES["xlsx"],
    description="Workbook",
    errors=(404, 413),
)
def oversight_xlsx(args: dict[str, Any]) -> Response:
    """The oversight report as a workbook: one sheet per section, numbers as numbers."""
    return _file(args, "xlsx")


@blp.get(
    "/status.csv",
    query=ReportQuery,
    schema={"type": "string"},
    content_type="text/csv",
    description="CSV",
    errors=(404,),
)
def status_csv(args: dict[str, Any]) -> Response:
    """The portfolio status as CSV: one row per programme, with its RAG change and flags."""
    return _file(args, "csv")


def snapshot_dict(snapshot: ReportSnapshot, portfolio: str) -> dict[str, Any]:
    data = snapshot.data or {}
    return {
        "portfolio": portfolio,
        "as_of": snapshot.as_of,
        "label": snapshot.label,
        "taken_at": snapshot.taken_at,
        "taken_by": snapshot.taken_by,
        **{
            k: int(data.get(k) or 0)
            for k in (
                "programme_count",
                "whole_life_cost_gbp",
                "benefits_gbp",
                "benefits_at_risk_gbp",
                "exceptions",
                "honesty_flags",
            )
        },
        "by_rag": data.get("by_rag") or {},
    }


@blp.post(
    "/snapshots", body=SnapshotCreate, status=201, schema=SnapshotRead, errors=(404, 409, 422)
)
def create_snapshot(data: dict[str, Any]) -> Any:
    """Store the portfolio's status as of a date (default today) for later reports to compare
    with; a second snapshot on the same date replaces the first."""
    session = request_session()
    snapshot = snapshots.take_snapshot(
        session,
        code=data["portfolio"],
        actor=current_user().username,
        as_of=data.get("as_of"),
        label=data.get("label"),
        limits=governance_limits(),
    )
    return snapshot_dict(snapshot, data["portfolio"])


@blp.get("/snapshots", query=PortfolioQuery, schema=SnapshotRead(many=True), errors=(404,))
def list_snapshots(args: dict[str, Any]) -> Any:
    """A portfolio's snapshots, newest first."""
    code = args["portfolio"]
    return [snapshot_dict(s, code) for s in snapshots.list_snapshots(request_session(), code=code)]
