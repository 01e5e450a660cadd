"""Portfolio endpoints: list, one, and the status at a glance."""

from typing import Any

from flask import Response, current_app

from cpmo.api.blueprints import make_blueprint
from cpmo.api.schemas.portfolios import PortfolioRead, PortfolioStatusRead
from cpmo.app import request_session
from cpmo.portfolios import service
from cpmo.portfolios.status_document import status_document

PORTFOLIO_HEAD = PortfolioRead()  # one instance: building a schema costs more than its dump
blp = make_blueprint("portfolios", "/portfolios", "Portfolios and their status")


def _portfolio_dict(portfolio: Any, programme_count: int | None = None) -> dict[str, Any]:
    data = portfolio.model_dump()
    if programme_count is not None:
        data["programme_count"] = programme_count
    return data


@blp.get("", schema=PortfolioRead(many=True))
def list_portfolios() -> list[dict[str, Any]]:
    """Every portfolio with its programme count."""
    return [_portfolio_dict(p, n) for p, n in service.list_portfolios(request_session())]


@blp.get("/<code>", schema=PortfolioRead, errors=(404,))
def get_portfolio(code: str) -> dict[str, Any]:
    """One portfolio."""
    return _portfolio_dict(service.get_portfolio_or_raise(request_session(), code=code))


@blp.get("/<code>/status", schema=PortfolioStatusRead, errors=(404,))
def portfolio_status(code: str) -> Response:
    """The portfolio at a glance: each programme's stage, RAG, cost and next gate; totals;
    counts by stage and by RAG. A constant number of queries however large the portfolio."""
    document = status_document(request_session(), code=code)
    document["portfolio"] = PORTFOLIO_HEAD.dump(document["portfolio"])
    # Already in PortfolioStatusRead's shape: sent as is, not dumped again field by field.
    return current_app.json.response(document)
