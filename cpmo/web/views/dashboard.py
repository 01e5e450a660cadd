"""The portfolio dashboard."""

from typing import Any

from flask import render_template, request

from cpmo.app import governance_limits, request_session
from cpmo.portfolios.service import ProgrammeFilter
from cpmo.vocabulary import RAGS, STAGES
from cpmo.web.blueprint import bp
from cpmo.web.forms import small_int
from cpmo.web.reads.dashboard import dashboard as read_dashboard


def _choice(name: str, allowed: list[str]) -> str | None:
    value = request.args.get(name, "").strip()
    return value if value in allowed else None


@bp.route("/", methods=["GET"])
def dashboard() -> Any:
    """Programmes by stage and RAG, filters, next gates due, exceptions."""
    page = small_int(request.args.get("page"), 1) or 1
    page = page if page < 100_000 else 1
    department = request.args.get("department", "").strip() or None
    flt = ProgrammeFilter(
        stage=_choice("stage", STAGES), rag=_choice("rag", RAGS), department=department
    )
    data = read_dashboard(
        request_session(),
        code=request.args.get("portfolio", "").strip() or None,
        flt=flt,
        page=page,
        limits=governance_limits(),
    )
    if data is None:
        return render_template("web/no_portfolio.html")
    return render_template(
        "web/dashboard.html",
        data=data,
        flt=flt,
        stages=STAGES,
        rags=RAGS,
        filtered=any((flt.stage, flt.rag, flt.department)),
    )
