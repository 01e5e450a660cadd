"""Search: the header's search box and the results page, grouped by kind."""

from typing import Any

from flask import render_template, request, url_for

from cpmo.app import request_session
from cpmo.search import service as search_service
from cpmo.search.service import Hit, Results
from cpmo.search.sources import KINDS
from cpmo.web.blueprint import bp

KIND_CHOICES = [(k.key, k.label) for k in KINDS]


def hit_href(hit: Hit) -> str | None:
    """The page a hit opens, or None for a record no page shows."""
    if hit.link is None:
        return None
    href = url_for(hit.link.endpoint, **hit.link.params)
    return f"{href}#{hit.link.anchor}" if hit.link.anchor else href


@bp.route("/search", methods=["GET"])
def search() -> Any:
    typed = request.args.get("q", "")
    kind = request.args.get("kind", "")
    results: Results | None = None
    if kind and kind not in dict(KIND_CHOICES):
        results = Results(text=typed.strip(), message="Choose a kind from the list, or all kinds.")
    elif "q" in request.args:
        results = search_service.search(
            request_session(), text=typed, kinds=[kind] if kind else None
        )
    return render_template(
        "web/search.html",
        typed=typed,
        kind=kind,
        kinds=KIND_CHOICES,
        results=results,
        found=[g for g in results.groups if g.count] if results else [],
        hit_href=hit_href,
    )
