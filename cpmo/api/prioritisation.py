"""Stateless prioritisation: optimal selection and efficient frontier for any candidates
(every role except oversight, which only reads), and the portfolio's current scores."""

from typing import Any

from cpmo.api.blueprints import make_blueprint
from cpmo.api.schemas.prioritisation import (
    FrontierRead,
    FrontierRequest,
    PortfolioScoresQuery,
    PortfolioScoresRead,
    SelectionRead,
    SelectRequest,
)
from cpmo.api.schemas.workshops import WorkshopProblem
from cpmo.api.workshop_results import frontier_dict, selection_dict
from cpmo.app import request_session
from cpmo.prioritisation import Candidate
from cpmo.workshops import portfolio_scores, selection_service
from cpmo.workshops.selection_service import Problem

blp = make_blueprint(
    "prioritisation",
    "/prioritisation",
    "Optimal selection under yearly budgets and the portfolio's current prioritisation scores",
    problem=WorkshopProblem,
)


def _problem(data: dict[str, Any]) -> Problem:
    candidates = [
        Candidate(c["key"], c["value"], dict(c.get("costs") or {})) for c in data["candidates"]
    ]
    rules = {
        name: data.get(name) or [] for name in ("requires", "excludes", "mandatory", "forbidden")
    }
    return Problem(candidates, dict(data["budgets"]), rules)


@blp.post("/select", body=SelectRequest, schema=SelectionRead, refused=(422,), writes=False)
def select(data: dict[str, Any]) -> Any:
    """The value-maximising selection within every yearly budget, `requires` ([a, b]: a only
    with b), `excludes` ([a, b]: not both), `mandatory` and `forbidden`; with the greedy
    value-for-money selection for comparison. Costs are whole pounds, values may be
    fractional. 422 explaining why when infeasible; a solve stopped by the time limit (at most
    20 s) answers status "time_limit" with the remaining mip_gap."""
    result = selection_service.solve(_problem(data), time_limit=data.get("time_limit"))
    return selection_dict(result)


@blp.post("/frontier", body=FrontierRequest, schema=FrontierRead, refused=(422,), writes=False)
def frontier(data: dict[str, Any]) -> Any:
    """The efficient frontier: the best value with every yearly budget scaled by each factor."""
    return frontier_dict(selection_service.frontier(_problem(data), factors=data.get("factors")))


@blp.get("/scores", query=PortfolioScoresQuery, schema=PortfolioScoresRead, refused=(404,))
def scores(args: dict[str, Any]) -> Any:
    """The current scores and ranks of the portfolio's candidates, from its latest closed
    workshop (of any portfolio when none is named); empty until a workshop closes."""
    return portfolio_scores.latest_scores(request_session(), portfolio=args.get("portfolio"))
