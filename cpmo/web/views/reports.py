"""The oversight reading room: the latest report in HTML with its PDF, and earlier reports
(one per stored snapshot). CPMO officers may keep today's report as a snapshot."""

from datetime import date
from typing import Any

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)

from cpmo.app import request_session, transactional
from cpmo.db import utcnow
from cpmo.portfolios import service as portfolios
from cpmo.reports import service, snapshots
from cpmo.reports.facts import Limits as ReportLimits
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp
from cpmo.web.reads.limits import limits

REPORT_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data: 'self'; "
    "frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
)


def _limits() -> ReportLimits:
    settings = limits()
    return ReportLimits(settings.delegated_limit_gbp, settings.cost_tolerance)


def _as_of() -> date | None:
    raw = request.args.get("as_of", "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        abort(404)


@bp.route("/reports", methods=["GET"])
def reports() -> Any:
    session = request_session()
    listed = portfolios.list_portfolios(session)
    if not listed:
        return render_template("web/no_portfolio.html")
    code = request.args.get("portfolio", "").strip() or listed[0][0].code
    portfolio = portfolios.get_portfolio_or_raise(session, code=code)
    return render_template(
        "web/reports.html",
        portfolio=portfolio,
        portfolios=listed,
        earlier=snapshots.list_snapshots(session, code=code),
        today=utcnow().date(),
    )


def _rendered(code: str, fmt: str) -> Response:
    rendered = service.render(
        request_session(),
        code=code,
        fmt=fmt,
        as_of=_as_of(),
        limits=_limits(),
        max_programmes=current_app.config["CPMO_REPORT_MAX_PROGRAMMES"],
    )
    kind = "inline" if fmt == "html" else "attachment"
    headers = {"Content-Disposition": f'{kind}; filename="{rendered.filename}"'}
    if fmt == "html":  # inline styles and SVG, no script; framed by the reading room only
        headers["Content-Security-Policy"] = REPORT_POLICY
    # content_type, not mimetype: the type already names its charset
    return Response(rendered.data, content_type=rendered.mimetype, headers=headers)


@bp.route("/reports/<code>/oversight.html", methods=["GET"])
def report_html(code: str) -> Response:
    return _rendered(code, "html")


@bp.route("/reports/<code>/oversight.pdf", methods=["GET"])
def report_pdf(code: str) -> Response:
    return _rendered(code, "pdf")


@bp.route("/reports/<code>/snapshots", methods=["POST"])
@transactional
def report_snapshot(code: str) -> Any:
    snapshots.take_snapshot(
        request_session(), code=code, actor=acting_user().username, limits=_limits()
    )
    flash("Today's report was kept; later reports compare with it.", "success")
    return redirect(url_for("web.reports", portfolio=code))
