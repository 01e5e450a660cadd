"""Report endpoints: the oversight report (JSON, HTML, PDF, XLSX), the status CSV, snapshots.

The PDF of a normal portfolio renders in about a second, so it is served synchronously; a pack
(HTML, PDF, XLSX) of a portfolio larger than CPMO_REPORT_MAX_PROGRAMMES is refused (413) with
the CLI command that builds it, so no request holds a worker for minutes.
"""

from typing import Any

from flask import Response, current_app
from marshmallow import RAISE

from cpmo.api.auth import current_user
from cpmo.api.blueprints import documents, make_blueprint
from cpmo.api.schemas.reports import (
    OversightRead,
    PortfolioQuery,
    ReportQuery,
    SnapshotCreate,
    SnapshotRead,
)
from cpmo.app import request_session, transactional
from cpmo.reports import service, snapshots
from cpmo.reports.facts import Limits
from cpmo.reports.models import ReportSnapshot

blp = make_blueprint(
    "reports",
    "/reports",
    "Oversight reports (JSON, HTML, PDF, XLSX), the portfolio status as CSV, and snapshots "
    "that later reports compare with",
)
BINARY = {"type": "string", "format": "binary"}


def _limits() -> Limits:
    return Limits(
        delegated_limit_gbp=current_app.config["CPMO_DELEGATED_LIMIT_GBP"],
        cost_tolerance=current_app.config["CPMO_COST_TOLERANCE"],
    )


def _file(args: dict[str, Any], fmt: str, attachment: bool = True) -> Response:
    rendered = service.render(
        request_session(),
        code=args["portfolio"],
        fmt=fmt,
        as_of=args.get("as_of"),
        limits=_limits(),
        max_programmes=current_app.config["CPMO_REPORT_MAX_PROGRAMMES"],
    )
    kind = "attachment" if attachment else "inline"
    disposition = f'{kind}; filename="{rendered.filename}"'
    return Response(
        rendered.data, content_type=rendered.mimetype, headers={"Content-Disposition": disposition}
    )


@blp.route("/oversight", methods=["GET"])
@blp.arguments(ReportQuery, location="query", unknown=RAISE)
@blp.response(200, OversightRead)
@documents(blp, 404)
def oversight(args: dict[str, Any]) -> Any:
    """The oversight report of a portfolio: headline figures, exceptions first, RAG honesty
    flags (each with its evidence), decisions, RAG and its change since the last snapshot,
    stage funnel, budget profile, benefits at risk, dependencies, KPIs, risks."""
    from cpmo.reports.assembly import assemble

    report = assemble(
        request_session(), code=args["portfolio"], as_of=args.get("as_of"), limits=_limits()
    )
    return report  # dumped by OversightRead straight from the dataclasses (no deep copy first)


@blp.route("/oversight.html", methods=["GET"])
@blp.arguments(ReportQuery, location="query", unknown=RAISE)
@blp.response(200, {"type": "string"}, content_type="text/html", description="HTML page")
@documents(blp, 404, 413)
def oversight_html(args: dict[str, Any]) -> Response:
    """The oversight report as one accessible HTML page (charts inline as SVG)."""
    return _file(args, "html", attachment=False)


@blp.route("/oversight.pdf", methods=["GET"])
@blp.arguments(ReportQuery, location="query", unknown=RAISE)
@blp.response(200, BINARY, content_type="application/pdf", description="PDF board pack")
@documents(blp, 404, 413)
def oversight_pdf(args: dict[str, Any]) -> Response:
    """The oversight report as a paginated PDF board pack with charts."""
    return _file(args, "pdf")


@blp.route("/oversight.xlsx", methods=["GET"])
@blp.arguments(ReportQuery, location="query", unknown=RAISE)
@blp.response(200, BINARY, content_type=service.MIMETYPES["xlsx"], description="Workbook")
@documents(blp, 404, 413)
def oversight_xlsx(args: dict[str, Any]) -> Response:
    """The oversight report as a workbook: one sheet per section, numbers as numbers."""
    return _file(args, "xlsx")


@blp.route("/status.csv", methods=["GET"])
@blp.arguments(ReportQuery, location="query", unknown=RAISE)
@blp.response(200, {"type": "string"}, content_type="text/csv", description="CSV")
@documents(blp, 404)
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


@blp.route("/snapshots", methods=["POST"])
@blp.arguments(SnapshotCreate)
@blp.response(201, SnapshotRead)
@documents(blp, 404, 409, 422)
@transactional
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
        limits=_limits(),
    )
    return snapshot_dict(snapshot, data["portfolio"])


@blp.route("/snapshots", methods=["GET"])
@blp.arguments(PortfolioQuery, location="query", unknown=RAISE)
@blp.response(200, SnapshotRead(many=True))
@documents(blp, 404)
def list_snapshots(args: dict[str, Any]) -> Any:
    """A portfolio's snapshots, newest first."""
    code = args["portfolio"]
    return [snapshot_dict(s, code) for s in snapshots.list_snapshots(request_session(), code=code)]
