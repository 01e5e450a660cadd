"""The programme page and its dependency picture."""

from datetime import date
from typing import Any

from flask import Response, render_template

from cpmo.app import governance_limits, max_attachment_bytes, request_session
from cpmo.documents.files import size_label
from cpmo.graph import service as graph
from cpmo.graph.keys import node_key
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp
from cpmo.web.reads.money import programme_money
from cpmo.web.reads.programme import programme_page


def render_programme(
    code: str,
    status: int = 200,
    *,
    form: str | None = None,
    values: dict[str, str] | None = None,
    errors: dict[str, list[str]] | None = None,
) -> Any:
    """The programme page; ``form`` names the money form re-shown with its ``errors``."""
    session = request_session()
    actor = acting_user()
    page = programme_page(session, actor=actor, code=code, limits=governance_limits())
    money = programme_money(
        session,
        actor=actor,
        programme=page.view.programme,
        limits=governance_limits(),
        today=date.today(),
    )
    return render_template(
        "web/programme.html",
        page=page,
        p=page.view,
        money=money,
        form=form,
        values=values or {},
        errors=errors or {},
        document_hint=(
            "A Word, Excel, PDF, CSV or text file, smaller than "
            f"{size_label(max_attachment_bytes())}."
        ),
    ), status


@bp.route("/programmes/<code>", methods=["GET"])
def programme(code: str) -> Any:
    return render_programme(code)


@bp.route("/programmes/<code>/impact.svg", methods=["GET"])
def programme_graph(code: str) -> Response:
    """The programme and everything it reaches, as an SVG picture."""
    svg = graph.picture(request_session(), focus=node_key("programme", code))
    return Response(svg, mimetype="image/svg+xml")
