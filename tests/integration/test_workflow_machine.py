"""The workflow service runs the machine's own guards, checks the version once (a claim that
a refused event gives back), and tells pages and API why each event would be refused."""

import pytest
from sqlmodel import Session

from cpmo.business_cases import service as cases
from cpmo.config import GovernanceLimits
from cpmo.errors import GateCriteriaUnmet, InvalidEvent, NotPermitted, StaleVersion
from cpmo.portfolios import service as portfolios
from cpmo.portfolios.inputs import ProgrammeCreate
from cpmo.portfolios.models import Portfolio
from cpmo.users import service as users
from cpmo.workflows import service as workflow
from cpmo.workflows.lifecycle import ProgrammeFlow
from tests.support.cases import complete_case

LIMITS = GovernanceLimits(delegated_limit_gbp=5_000_000, cost_tolerance=0.1)


@pytest.fixture
def people(session: Session) -> dict[str, object]:
    session.add(Portfolio(code="wm", name="Workflow machine"))
    pm, _ = users.create(session, username="pm", role="programme_manager")
    officer, _ = users.create(session, username="officer", role="cpmo")
    member, _ = users.create(session, username="member", role="oversight")
    portfolios.create_programme(
        session, actor=pm, programme_in=ProgrammeCreate(code="wm-1", name="Machine", portfolio="wm")
    )
    return {"pm": pm, "officer": officer, "member": member}


def _version(session: Session) -> int:
    return portfolios.get_programme_or_raise(session, code="wm-1").version


def _case(session: Session, pm: object, cost: int = 2_000_000) -> None:
    body = complete_case("obc", cost=cost)
    body.pop("kind")
    cases.create_version(session, actor=pm, code="wm-1", kind="obc", content=body)  # type: ignore[arg-type]


def _fire(session: Session, actor: object, event: str, version: int, **extra: object):  # type: ignore[no-untyped-def]
    return workflow.fire_event(
        session, actor=actor, code="wm-1", event=event, version=version, limits=LIMITS, **extra
    )  # type: ignore[arg-type]


def test_a_refused_event_gives_back_its_version_claim(session: Session, people) -> None:  # type: ignore[no-untyped-def]
    version = _version(session)
    with pytest.raises(GateCriteriaUnmet):
        _fire(session, people["pm"], "submit_obc", version)
    assert _version(session) == version
    _case(session, people["pm"])
    version = _version(session)
    assert _fire(session, people["pm"], "submit_obc", version).stage == "obc_review"


def test_the_service_obeys_the_machines_guard(session: Session, people, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _case(session, people["pm"])
    monkeypatch.setattr(ProgrammeFlow, "criteria_met", lambda self, event: False)
    with pytest.raises(InvalidEvent):
        _fire(session, people["pm"], "submit_obc", _version(session))
    assert portfolios.get_programme_or_raise(session, code="wm-1").stage == "proposed"


def test_a_decision_on_a_version_someone_moved_on_is_stale_with_the_current_one(
    session: Session,
    people,  # type: ignore[no-untyped-def]
) -> None:
    _case(session, people["pm"])
    version = _version(session)
    _fire(session, people["pm"], "submit_obc", version)
    with pytest.raises(StaleVersion) as caught:
        _fire(session, people["officer"], "approve_obc", version, rationale="ok")
    assert caught.value.extra["current_version"] == version + 1


def test_the_view_says_who_may_not_and_what_is_missing_apart(session: Session, people) -> None:  # type: ignore[no-untyped-def]
    _case(session, people["pm"], cost=9_000_000)
    _fire(session, people["pm"], "submit_obc", _version(session))
    view = workflow.workflow_view(session, actor=people["officer"], code="wm-1", limits=LIMITS)
    assert view.review is not None
    assert (view.review.gate, view.review.cost, view.review.above_limit) == (
        "obc",
        9_000_000,
        True,
    )
    assert not view.review.endorsed and view.review.submitted.actor == "pm"  # type: ignore[union-attr]
    approve = view.event("approve_obc")
    assert approve is not None and not approve.criteria_met
    assert any("delegated limit" in r for r in approve.forbidden)
    assert approve.unmet_criteria == []
    assert approve.unmet == approve.forbidden
    with pytest.raises(NotPermitted):
        _fire(session, people["officer"], "approve_obc", _version(session), rationale="ok")
    member_view = workflow.workflow_view(
        session, actor=people["member"], code="wm-1", limits=LIMITS
    )
    assert [e.event for e in member_view.events] == ["endorse_obc"]
