"""Workshop endpoints: create and run a workshop (facilitators and CPMO), score (scorers)."""

from typing import Any

from flask import Response

from cpmo.api.auth import current_user
from cpmo.api.blueprints import make_blueprint, no_content
from cpmo.api.schemas.workshop_reads import (
    CandidateRead,
    ScoreRead,
    ScoresWritten,
    WorkshopRead,
    WorkshopSummary,
)
from cpmo.api.schemas.workshops import (
    CandidateSpec,
    CriteriaPut,
    MergeSpec,
    ScorersPut,
    ScoresPut,
    StatusChange,
    WeightsPut,
    WorkshopCreate,
    WorkshopProblem,
    WorkshopUpdate,
    workshop_create,
)
from cpmo.app import request_session
from cpmo.workshops import (
    candidates,
    consolidation,
    inputs,
    scorers,
    scoring_service,
    setup,
)
from cpmo.workshops import service as workshops
from cpmo.workshops import status as workshop_status
from cpmo.workshops.creation import create_workshop as create
from cpmo.workshops.read_models import candidate_view, workshop_view

blp = make_blueprint(
    "workshops",
    "/workshops",
    "Prioritisation workshops: criteria and weights (direct or AHP), candidates, scorers and "
    "scores; draft → scoring → closed",
    problem=WorkshopProblem,
)


def _view(code: str) -> dict[str, Any]:
    session = request_session()
    return workshop_view(session, workshop=workshops.get_or_raise(session, code=code))


@blp.get("", schema=WorkshopSummary(many=True))
def list_workshops() -> Any:
    """Every workshop (set-up is public to every role; scores and results are not)."""
    return workshops.list_workshops(request_session())


@blp.post("", body=WorkshopCreate, status=201, schema=WorkshopRead, refused=(409, 422))
def create_workshop(data: dict[str, Any]) -> Any:
    """Create a draft workshop, optionally with criteria, candidates and scorers."""
    workshop_in = workshop_create(data)
    workshop = create(request_session(), actor=current_user(), workshop_in=workshop_in)
    return _view(workshop.code)


@blp.get("/<code>", schema=WorkshopRead, refused=(404,))
def get_workshop(code: str) -> Any:
    """The workshop's set-up: criteria with normalised weights, candidates (with the trail of
    merges), scorers and status."""
    return _view(code)


@blp.patch("/<code>", body=WorkshopUpdate, schema=WorkshopRead, refused=(404, 409, 422))
def update_workshop(data: dict[str, Any], code: str) -> Any:
    """Change name, description, portfolio; budgets and selection rules until it closes."""
    workshop_in = inputs.WorkshopUpdate(**data)
    workshops.update(request_session(), code=code, workshop_in=workshop_in)
    return _view(code)


@blp.delete("/<code>", status=204, refused=(404, 409))
def delete_workshop(code: str) -> Response:
    """Delete a draft workshop (409 once scoring has begun)."""
    session = request_session()
    workshops.delete_workshop(session, code=code)
    return no_content()


@blp.post("/<code>/status", body=StatusChange, schema=WorkshopRead, refused=(404, 409, 422))
def change_status(data: dict[str, Any], code: str) -> Any:
    """Move the workshop on: draft → scoring (needs criteria, candidates, scorers) → closed
    (publishes the results to everyone). 409 for any other move."""
    workshop_status.change_status(
        request_session(), actor=current_user(), code=code, status=data["status"]
    )
    return _view(code)


@blp.put("/<code>/criteria", body=CriteriaPut, schema=WorkshopRead, refused=(404, 409, 422))
def put_criteria(data: dict[str, Any], code: str) -> Any:
    """Replace the criteria (draft only): weight, scale and direction of each."""
    setup.replace_criteria(
        request_session(), actor=current_user(), code=code, criteria=data["criteria"]
    )
    return _view(code)


@blp.put("/<code>/weights", body=WeightsPut, schema=WorkshopRead, refused=(404, 409, 422))
def put_weights(data: dict[str, Any], code: str) -> Any:
    """Weight the criteria directly (normalised to sum 1) or by AHP pairwise judgements
    (principal eigenvector; 422 with the CR and the most inconsistent pair when CR ≥ 0.10,
    unless accept_inconsistent). Draft or scoring."""
    setup.set_weights(request_session(), actor=current_user(), code=code, **data)
    return _view(code)


@blp.put("/<code>/scorers", body=ScorersPut, schema=WorkshopRead, refused=(404, 409, 422))
def put_scorers(data: dict[str, Any], code: str) -> Any:
    """Replace the scorers: users with the scorer role (by username) or role titles (by name).
    Draft or scoring; someone who has scored cannot be removed (409), and once scoring has
    opened no scorer's account link may change (409: linking happens before scoring opens)."""
    scorers.replace_scorers(
        request_session(), actor=current_user(), code=code, scorers=data["scorers"]
    )
    return _view(code)


@blp.post(
    "/<code>/candidates",
    body=CandidateSpec,
    status=201,
    schema=CandidateRead,
    refused=(404, 409, 422),
)
def add_candidate(data: dict[str, Any], code: str) -> Any:
    """Add a candidate (draft only): an existing programme or a new proposal, with yearly
    costs in whole pounds."""
    candidate_in = inputs.CandidateCreate(**data)
    row = candidates.create_candidate(request_session(), code=code, candidate_in=candidate_in)
    return candidate_view(row, data.get("programme"), [])


@blp.delete("/<code>/candidates/<key>", status=204, refused=(404, 409))
def delete_candidate(code: str, key: str) -> Response:
    """Remove a candidate (draft only; not one that is part of a merge trail)."""
    session = request_session()
    candidates.delete_candidate(session, code=code, key=key)
    return no_content()


@blp.post("/<code>/candidates/merge", body=MergeSpec, schema=WorkshopRead, refused=(404, 409, 422))
def merge_candidates(data: dict[str, Any], code: str) -> Any:
    """Consolidate duplicates (draft only): the candidates are merged into `into` (an existing
    candidate, or a new one named `name`), costs added year by year and sponsors combined;
    the merged candidates stay listed with `merged_into`, so the trail is kept."""
    consolidation.merge(request_session(), code=code, **data)
    return _view(code)


@blp.put("/<code>/scores", body=ScoresPut, schema=ScoresWritten, refused=(404, 409, 422))
def put_scores(data: dict[str, Any], code: str) -> Any:
    """Give or change your scores, as a scorer of this workshop, while it is scoring: each
    within its criterion's scale (422 outside it). All or nothing."""
    session = request_session()
    written = scoring_service.put_scores(
        session, actor=current_user(), code=code, scores=data["scores"]
    )
    return {"written": written}


@blp.get("/<code>/scores", schema=ScoreRead(many=True), refused=(404,))
def list_scores(code: str) -> Any:
    """The scores you may see: a scorer sees only their own until the workshop closes;
    facilitators and CPMO see all; everyone sees all once closed (403 before that)."""
    return scoring_service.visible_scores(request_session(), actor=current_user(), code=code)
