"""Endorsement in the workflow service: a rationale is required and recorded, an endorsed
submission is not offered for endorsement again, and a case's status follows its gate."""

import pytest
from sqlmodel import Session

from cpmo.business_cases import service as cases
from cpmo.config import GovernanceLimits
from cpmo.errors import GateCriteriaUnmet, RuleViolation
from cpmo.portfolios import service as portfolios
from cpmo.portfolios.inputs import ProgrammeCreate
from cpmo.portfolios.models import Portfolio
from cpmo.users import service as users
from cpmo.workflows import service as workflow
from cpmo.workflows.case_status import case_statuses
from tests.support.cases import complete_case

LIMITS = GovernanceLimits(delegated_limit_gbp=5_000_000, cost_tolerance=0.1)


@pytest.fixture
def people(session: Session) -> dict[str, object]:
    session.add(Portfolio(code="en", name="Endorsements"))
    pm, _ = users.create(session, username="pm", role="programme_manager")
    officer, _ = users.create(session, username="officer", role="cpmo")
    member, _ = users.create(session, username="member", role="oversight")
    portfolios.create_programme(
        session, actor=pm, programme_in=ProgrammeCreate(code="en-1", name="Big", portfolio="en")
    )
    return {"pm": pm, "officer": officer, "member": member}


def _version(session: Session) -> int:
    return portfolios.get_programme_or_raise(session, code="en-1").version


def _fire(session: Session, actor: object, event: str, **extra: object):  # type: ignore[no-untyped-def]
    return workflow.fire_event(
        session,
        actor=actor,  # type: ignore[arg-type]
        code="en-1",
        event=event,
        version=_version(session),
        limits=LIMITS,
        **extra,  # type: ignore[arg-type]
    )


def _submitted(session: Session, pm: object, cost: int = 9_000_000) -> None:
    body = complete_case("obc", cost=cost)
    body.pop("kind")
    cases.create_version(session, actor=pm, code="en-1", kind="obc", content=body)  # type: ignore[arg-type]
    _fire(session, pm, "submit_obc")


def _statuses(session: Session, actor: object) -> dict[tuple[str, int], object]:
    view = workflow.workflow_view(session, actor=actor, code="en-1", limits=LIMITS)  # type: ignore[arg-type]
    return {(s.kind, s.number): s for s in case_statuses(view.record)}


def test_an_endorsement_without_a_rationale_is_refused_and_nothing_changes(
    session: Session, people
) -> None:  # type: ignore[no-untyped-def]
    _submitted(session, people["pm"])
    version = _version(session)
    for blank in (None, "", "   "):
        with pytest.raises(RuleViolation) as caught:
            _fire(session, people["member"], "endorse_obc", rationale=blank)
        assert "rationale" in caught.value.extra["errors"]
    assert _version(session) == version


def test_an_endorsement_records_its_rationale_in_the_audit_entry(session: Session, people) -> None:  # type: ignore[no-untyped-def]
    _submitted(session, people["pm"])
    result = _fire(session, people["member"], "endorse_obc", rationale="Ministers agree.")
    assert result.entry.rationale == "Ministers agree."
    assert result.entry.details["rationale"] == "Ministers agree."
    assert result.entry.actor == "member"


def test_an_endorsed_submission_is_not_offered_for_endorsement_again(
    session: Session, people
) -> None:  # type: ignore[no-untyped-def]
    _submitted(session, people["pm"])
    before = workflow.workflow_view(session, actor=people["member"], code="en-1", limits=LIMITS)
    assert [e.event for e in before.events] == ["endorse_obc"]
    _fire(session, people["member"], "endorse_obc", rationale="Agreed.")
    after = workflow.workflow_view(session, actor=people["member"], code="en-1", limits=LIMITS)
    assert after.events == []
    with pytest.raises(GateCriteriaUnmet):
        _fire(session, people["member"], "endorse_obc", rationale="Again.")


def test_a_case_status_follows_its_gate(session: Session, people) -> None:  # type: ignore[no-untyped-def]
    body = complete_case("obc", cost=2_000_000)
    body.pop("kind")
    cases.create_version(session, actor=people["pm"], code="en-1", kind="obc", content=body)  # type: ignore[arg-type]
    assert _statuses(session, people["officer"])[("obc", 1)].status == "draft"  # type: ignore[attr-defined]
    _fire(session, people["pm"], "submit_obc")
    assert _statuses(session, people["officer"])[("obc", 1)].status == "submitted"  # type: ignore[attr-defined]
    _fire(session, people["officer"], "return_obc", rationale="Needs options.")
    returned = _statuses(session, people["officer"])[("obc", 1)]
    assert returned.status == "returned"  # type: ignore[attr-defined]
    assert returned.decision.actor == "officer"  # type: ignore[attr-defined]
    assert returned.decision.rationale == "Needs options."  # type: ignore[attr-defined]
    cases.create_version(session, actor=people["pm"], code="en-1", kind="obc", content=body)  # type: ignore[arg-type]
    _fire(session, people["pm"], "submit_obc")
    _fire(session, people["officer"], "approve_obc", rationale="Good.", conditions=["Hire an SRO"])
    statuses = _statuses(session, people["officer"])
    assert statuses[("obc", 1)].status == "returned"  # type: ignore[attr-defined]
    assert statuses[("obc", 2)].status == "approved_with_conditions"  # type: ignore[attr-defined]
    assert statuses[("obc", 2)].decision.rationale == "Good."  # type: ignore[attr-defined]


def test_within_the_limit_no_endorsement_is_offered_or_accepted(session: Session, people) -> None:  # type: ignore[no-untyped-def]
    _submitted(session, people["pm"], cost=2_000_000)
    view = workflow.workflow_view(session, actor=people["member"], code="en-1", limits=LIMITS)
    assert view.events == []
    with pytest.raises(GateCriteriaUnmet) as caught:
        _fire(session, people["member"], "endorse_obc", rationale="Agreed.")
    assert "within the delegated limit" in caught.value.extra["unmet"][0]


def test_a_case_under_review_when_the_programme_stops_is_withdrawn(
    session: Session, people
) -> None:  # type: ignore[no-untyped-def]
    _submitted(session, people["pm"], cost=9_000_000)
    _fire(session, people["member"], "endorse_obc", rationale="Agreed.")
    endorsed = _statuses(session, people["officer"])[("obc", 1)]
    assert endorsed.status == "submitted"  # type: ignore[attr-defined]
    assert endorsed.endorsement.rationale == "Agreed."  # type: ignore[attr-defined]
    _fire(session, people["officer"], "stop", rationale="Funding withdrawn.")
    stopped = _statuses(session, people["officer"])[("obc", 1)]
    assert stopped.status == "withdrawn"  # type: ignore[attr-defined]
    assert stopped.decision.rationale == "Funding withdrawn."  # type: ignore[attr-defined]
