"""The programme page and its dependency picture."""

from typing import Any

from flask import Response, render_template

from cpmo.app import governance_limits, request_session
from cpmo.graph import service as graph
from cpmo.graph.keys import node_key
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp
from cpmo.web.reads.programme import programme_page


@bp.route("/programmes/<code>", methods=["GET"])
def programme(code: str) -> Any:
    page = programme_page(
        request_session(), actor=acting_user(), code=code, limits=governance_limits()
    )
    return render_template("web/programme.html", page=page, p=page.view)


@bp.route("/programmes/<code>/impact.svg", methods=["GET"])
def programme_graph(code: str) -> Response:
    """The programme and everything it reaches, as an SVG picture."""
    svg = graph.picture(request_session(), focus=node_key("programme", code))
    return Response(svg, mimetype="image/svg+xml")
