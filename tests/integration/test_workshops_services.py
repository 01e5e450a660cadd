"""Workshop services against the database: set-up rules, deletion, and the solver's time cap."""

import pytest
from sqlmodel import Session, select

from cpmo.errors import Conflict, NotFound, NotPermitted, RuleViolation
from cpmo.models import Workshop, WorkshopCandidate, WorkshopScore
from cpmo.users import service as users
from cpmo.workshops import scorers, selection_service
from cpmo.workshops import service as workshops
from cpmo.workshops.results import ranking
from cpmo.workshops.scoring_service import put_scores
from tests.support.workshops import HAND_SCORES, build_workshop


@pytest.fixture
def people(session: Session) -> dict[str, object]:
    return {
        role: users.create(session, username=name, role=role)[0]
        for name, role in [("cpmo", "cpmo"), ("sam", "scorer"), ("ola", "oversight")]
    }


def test_a_scorer_who_has_scored_cannot_be_dropped(session: Session, people) -> None:  # type: ignore[no-untyped-def]
    build_workshop(session, code="w", status="scoring", scores=HAND_SCORES)
    with pytest.raises(Conflict, match="scorer2"):
        scorers.replace_scorers(
            session, actor=people["cpmo"], code="w", scorers=[{"name": "scorer"}]
        )
    scorers.replace_scorers(
        session,
        actor=people["cpmo"],
        code="w",
        scorers=[{"name": n} for n in HAND_SCORES] + [{"username": "sam"}],
    )
    with pytest.raises(RuleViolation, match="scorer role"):
        scorers.replace_scorers(
            session, actor=people["cpmo"], code="w", scorers=[{"username": "ola"}]
        )


def test_a_user_scores_under_the_scorer_name_linked_to_them(session: Session, people) -> None:  # type: ignore[no-untyped-def]
    build_workshop(session, code="w", status="scoring")
    scorers.replace_scorers(
        session,
        actor=people["cpmo"],
        code="w",
        scorers=[{"name": "Head of CPMO", "username": "sam"}],
    )
    put_scores(
        session,
        actor=people["scorer"],
        code="w",
        scores=[{"candidate": "a", "criterion": "quality", "value": 4}],
    )
    row = session.exec(select(WorkshopScore)).one()
    assert row.scorer == "Head of CPMO" and not row.illustrative


def test_results_are_hidden_from_readers_until_closed(session: Session, people) -> None:  # type: ignore[no-untyped-def]
    build_workshop(session, code="w", status="scoring", scores=HAND_SCORES)
    with pytest.raises(NotPermitted, match="published"):
        ranking(session, actor=people["oversight"], code="w")
    assert ranking(session, actor=people["cpmo"], code="w").candidates[0].candidate == "a"


def test_only_a_draft_workshop_can_be_deleted_and_it_takes_everything_with_it(
    session: Session,
    people,  # type: ignore[no-untyped-def]
) -> None:
    build_workshop(session, code="w", status="scoring")
    with pytest.raises(Conflict, match="only while it is draft"):
        workshops.delete_workshop(session, code="w")
    build_workshop(session, code="d")
    workshops.delete_workshop(session, code="d")
    assert session.exec(select(Workshop.code)).all() == ["w"]
    assert {c.workshop_id for c in session.exec(select(WorkshopCandidate))} == {
        workshops.get_or_raise(session, code="w").id
    }
    with pytest.raises(NotFound):
        workshops.get_or_raise(session, code="d")


def test_a_request_never_gives_the_solver_more_than_twenty_seconds(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked: list[float] = []

    def fake(candidates, budgets, *, time_limit, **rules):  # type: ignore[no-untyped-def]
        asked.append(time_limit)

    monkeypatch.setattr(selection_service, "select_portfolio", fake)
    problem = selection_service.Problem([], {}, {})
    selection_service.solve(problem)
    selection_service.solve(problem, time_limit=5)
    selection_service.solve(problem, time_limit=600)
    assert asked == [20.0, 5, 20.0]


def test_a_workshop_without_budgets_cannot_select(session: Session, people) -> None:  # type: ignore[no-untyped-def]
    build_workshop(session, code="w", status="closed", scores=HAND_SCORES, budgets={})
    with pytest.raises(RuleViolation, match="no budgets"):
        selection_service.workshop_selection(session, actor=people["cpmo"], code="w")
