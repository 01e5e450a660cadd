"""Workshop results: ranking, sensitivity, optimal selection, frontier and scenarios.

Facilitators and CPMO officers see them any time; every other role once the workshop is
closed (403 before). Saving a scenario is for facilitators and CPMO officers.
"""

from dataclasses import asdict
from typing import Any

from flask import Response

from cpmo.api.auth import current_user
from cpmo.api.blueprints import make_blueprint
from cpmo.api.schemas.prioritisation import (
    CompareQuery,
    ComparisonRead,
    FrontierQuery,
    FrontierRead,
    RankingRead,
    ScenarioCreate,
    ScenarioRead,
    SelectionRead,
    SensitivityQuery,
    SensitivityRead,
)
from cpmo.api.schemas.workshops import WorkshopProblem
from cpmo.app import request_session
from cpmo.prioritisation import FrontierPoint, SelectionResult
from cpmo.workshops import results, scenario_compare, scenarios, selection_service
from cpmo.workshops.results import Ranking
from cpmo.workshops.service import draws_on_illustrative, get_or_raise

blp = make_blueprint(
    "workshop_results",
    "/workshops",
    "Workshop results: ranking with breakdown and disagreement, weight sensitivity, optimal "
    "selection within yearly budgets (with greedy for comparison), frontier and scenarios",
    problem=WorkshopProblem,
)


def ranking_dict(ranking: Ranking) -> dict[str, Any]:
    """A ranking as the API shows it."""
    workshop = ranking.workshop
    return {
        "workshop": workshop.code,
        "status": workshop.status,
        "weighting": workshop.weighting,
        "consistency_ratio": workshop.consistency_ratio,
        "weights": ranking.weights,
        "disagreement_threshold": ranking.disagreement_threshold,
        "illustrative": ranking.illustrative,
        "candidates": [
            {  # shallow copies: asdict's deep copy cost more than the ranking itself
                **vars(r),
                "name": ranking.names[r.candidate],
                "programme": ranking.programmes[r.candidate],
                "breakdown": [vars(b) for b in r.breakdown.values()],
            }
            for r in ranking.candidates
        ],
    }


def selection_dict(result: SelectionResult) -> dict[str, Any]:
    """A selection result with years as text."""
    out = asdict(result)
    for name in ("costs_by_year", "budgets"):
        out[name] = {str(y): v for y, v in out[name].items()}
    if out["greedy"]:
        out["greedy"]["costs_by_year"] = {
            str(y): v for y, v in out["greedy"]["costs_by_year"].items()
        }
    return out


def frontier_dict(points: list[FrontierPoint]) -> dict[str, Any]:
    """Frontier points with years as text."""
    out = []
    for point in points:
        item = asdict(point)
        item["budgets"] = {str(y): v for y, v in point.budgets.items()}
        if point.costs_by_year is not None:
            item["costs_by_year"] = {str(y): v for y, v in point.costs_by_year.items()}
        out.append(item)
    return {"points": out}


@blp.get("/<code>/ranking", schema=RankingRead, refused=(404, 422))
def ranking(code: str) -> Any:
    """Candidates by weighted score (0–100), competition-ranked (1, 2, 2, 4), each with its
    per-criterion breakdown, the spread between scorers and a disagreement flag."""
    return ranking_dict(results.ranking(request_session(), actor=current_user(), code=code))


@blp.get("/<code>/sensitivity", query=SensitivityQuery, schema=SensitivityRead, refused=(404, 422))
def sensitivity(args: dict[str, Any], code: str) -> Any:
    """For each candidate, the probability of staying in the top k and its rank range when
    every weight wobbles by ±perturbation (Monte Carlo; give `seed` to reproduce a run)."""
    found = results.sensitivity(request_session(), actor=current_user(), code=code, **args)
    return {**vars(found), "illustrative": _illustrative(code)}


@blp.get("/<code>/selection", schema=SelectionRead, refused=(404, 422))
def selection(code: str) -> Any:
    """The value-maximising set of candidates (value = ranking total) within the workshop's
    yearly budgets and rules, with the greedy value-for-money selection for comparison;
    422 explaining why when no selection is feasible."""
    result = selection_service.workshop_selection(
        request_session(), actor=current_user(), code=code
    )
    return {**selection_dict(result), "illustrative": _illustrative(code)}


@blp.get("/<code>/frontier", query=FrontierQuery, schema=FrontierRead, refused=(404, 422))
def frontier(args: dict[str, Any], code: str) -> Any:
    """The best value at a series of budget levels (every yearly budget × `factor`)."""
    points = selection_service.workshop_frontier(
        request_session(), actor=current_user(), code=code, factors=args.get("factor")
    )
    return {**frontier_dict(points), "illustrative": _illustrative(code)}


def _illustrative(code: str) -> bool:
    """Whether the workshop's results are drawn from an illustrative record."""
    session = request_session()
    return draws_on_illustrative(session, workshop=get_or_raise(session, code=code))


@blp.post(
    "/<code>/scenarios",
    body=ScenarioCreate,
    status=201,
    schema=ScenarioRead,
    refused=(404, 409, 422),
)
def save_scenario(data: dict[str, Any], code: str) -> Any:
    """Solve and save a named scenario: budgets (or the workshop's, scaled per year by
    `scale`) and rules (each list replaces the workshop's). 409 if the name is taken."""
    session = request_session()
    scenario = scenarios.save(session, actor=current_user(), code=code, **data)
    return scenario


@blp.get("/<code>/scenarios", schema=ScenarioRead(many=True), refused=(404,))
def list_scenarios(code: str) -> Any:
    """The workshop's saved scenarios, oldest first."""
    return scenarios.list_scenarios(request_session(), actor=current_user(), code=code)


@blp.get("/<code>/scenarios/compare", query=CompareQuery, schema=ComparisonRead, refused=(404, 422))
def compare_scenarios(args: dict[str, Any], code: str) -> Any:
    """Two to four scenarios side by side (`name=a&name=b`): value, cost by year, candidates
    entering and leaving against the first, and the objectives and benefits each serves."""
    return scenario_compare.compare(
        request_session(), actor=current_user(), code=code, names=args["name"]
    )


def attachment(body: bytes | str, mimetype: str, filename: str) -> Response:
    """A file download."""
    disposition = f'attachment; filename="{filename}"'
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": disposition})
