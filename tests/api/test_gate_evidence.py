"""Decisions rest on the evidence that was submitted: drafts carry a revision, submission
freezes the case and the cost, governed fields are fixed under review and every change to them
is audited, and nobody who wrote, submitted or manages a case decides on it (issue 14, items
1–3)."""

from typing import Any

import pytest
from sqlalchemy import update
from sqlmodel import Session, select

from cpmo.business_cases.digest import content_digest
from cpmo.business_cases.models import BusinessCase
from cpmo.users import service as users
from cpmo.workflows import audit_store
from cpmo.workflows.models import AuditEntry
from tests.support.cases import complete_case
from tests.support.gates import Driver

CODE = "evidence"
URL = f"/api/v1/programmes/{CODE}"


@pytest.fixture
def extra_tokens(session: Session, tokens: dict[str, str]) -> dict[str, str]:
    """A second CPMO officer and a second oversight member."""
    out = dict(tokens)
    for username, role in (("cpmo2", "cpmo"), ("oversight2", "oversight")):
        _, out[username] = users.create(session, username=username, role=role)
    session.commit()
    return out


@pytest.fixture
def who(extra_tokens: dict[str, str]):  # type: ignore[no-untyped-def]
    def headers(username: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {extra_tokens[username]}"}

    return headers


def _register(client: Any, who: Any, *, cost: int, manager: str | None = None) -> Driver:
    body: dict[str, Any] = {
        "code": CODE,
        "name": "Evidence programme",
        "portfolio": "goj-change",
        "whole_life_cost_gbp": cost,
    }
    registrar = "programme_manager"
    if manager is not None:
        body["manager"], registrar = manager, "cpmo2"
    created = client.post("/api/v1/programmes", json=body, headers=who(registrar))
    assert created.status_code == 201, created.json
    return Driver(client, who, CODE)


@pytest.fixture
def pm_programme(client, seeded, who) -> Driver:  # type: ignore[no-untyped-def]
    """A £2m programme managed by the programme manager."""
    return _register(client, who, cost=2_000_000)


def _case_body(cost: int = 2_000_000) -> dict[str, Any]:
    body = complete_case("obc", cost)
    body.pop("kind")
    return body


# --- 1. drafts carry a revision; submission freezes the content and records its digest ------


def test_a_draft_edit_names_its_revision_and_a_stale_edit_is_refused(pm_programme, who) -> None:
    d = pm_programme
    assert d.case(complete_case("obc"))["revision"] == 1
    first = d.client.put(
        f"{URL}/business-cases/obc/1",
        json={**_case_body(), "revision": 1},
        headers=who("programme_manager"),
    )
    assert first.status_code == 200 and first.json["revision"] == 2
    stale = d.client.put(
        f"{URL}/business-cases/obc/1",
        json={"strategic": {"case_for_change": "overwrites the other edit"}, "revision": 1},
        headers=who("programme_manager"),
    )
    assert stale.status_code == 409
    assert stale.json["current_version"] == 2
    assert "since you opened it. Reload the page" in stale.json["detail"]
    unnamed = d.client.put(
        f"{URL}/business-cases/obc/1", json=_case_body(), headers=who("programme_manager")
    )
    assert unnamed.status_code == 422 and "revision" in unnamed.json["errors"]


def test_a_submission_records_the_cases_digest_and_verify_catches_a_later_change(
    pm_programme, session: Session
) -> None:
    d = pm_programme
    d.case(complete_case("obc"))
    d.ok("submit_obc", "programme_manager")
    entry = session.exec(select(AuditEntry).where(AuditEntry.event == "submit_obc")).one()
    case = session.exec(select(BusinessCase).where(BusinessCase.kind == "obc")).one()
    assert case.status == "submitted"
    assert entry.details["case_sha256"] == content_digest(case.content) == case.content_sha256
    assert entry.details["whole_life_cost_gbp"] == 2_000_000
    assert audit_store.verify(session).ok

    # someone with database access drops the management case from the submitted version
    changed = {k: v for k, v in case.content.items() if k != "management"}
    session.execute(
        update(BusinessCase)
        .where(BusinessCase.id == case.id)
        .values(content=changed)
        .execution_options(synchronize_session=False)
    )
    session.expire_all()
    result = audit_store.verify(session)
    assert not result.ok and result.first_break.sequence == entry.sequence
    assert "no longer matches the digest recorded at submission" in result.first_break.reason


def test_a_submitted_version_refuses_edits_even_from_its_last_revision(pm_programme, who) -> None:
    d = pm_programme
    d.case(complete_case("obc"))
    d.ok("submit_obc", "programme_manager")
    late = d.client.put(
        f"{URL}/business-cases/obc/1",
        json={**_case_body(), "revision": 1},
        headers=who("cpmo"),
    )
    assert late.status_code == 409 and "was submitted and cannot change" in late.json["detail"]


# --- 2. the delegated limit is judged on the cost frozen at submission -----------------------


def test_lowering_the_cost_under_review_does_not_slip_the_delegated_limit(
    client, seeded, who
) -> None:
    d = _register(client, who, cost=20_000_000)
    d.case(complete_case("obc", 20_000_000))
    d.ok("submit_obc", "programme_manager")

    by_manager = client.patch(
        URL,
        json={"whole_life_cost_gbp": 1, "version": d.version()},
        headers=who("programme_manager"),
    )
    assert by_manager.status_code == 403
    assert "under review" in by_manager.json["detail"]

    no_reason = client.patch(
        URL, json={"whole_life_cost_gbp": 1, "version": d.version()}, headers=who("cpmo")
    )
    assert no_reason.status_code == 422 and "rationale" in no_reason.json["errors"]
    with_reason = client.patch(
        URL,
        json={"whole_life_cost_gbp": 1, "version": d.version(), "rationale": "Typing error"},
        headers=who("cpmo"),
    )
    assert with_reason.status_code == 200

    refused = d.fire("approve_obc", "cpmo2")
    assert refused.status_code == 403
    assert any("£20,000,000 is above the delegated limit" in r for r in refused.json["reasons"])
    d.ok("endorse_obc", "oversight")
    assert d.ok("approve_obc", "cpmo2")["stage"] == "fbc_development"


def test_every_change_to_a_governed_field_is_an_audited_event(pm_programme, who) -> None:
    d = pm_programme
    changed = d.client.patch(
        URL,
        json={
            "rag": "amber",
            "rag_reason": "Supplier late",
            "planned_end": "2027-03-31",
            "whole_life_cost_gbp": 2_500_000,
            "version": d.version(),
            "rationale": "Re-baselined after discovery",
        },
        headers=who("programme_manager"),
    )
    assert changed.status_code == 200, changed.json
    reassigned = d.client.patch(
        URL, json={"manager": "cpmo2", "version": d.version()}, headers=who("cpmo")
    )
    assert reassigned.status_code == 200
    history = d.client.get(f"{URL}/workflow", headers=who("cpmo")).json["history"]
    edits = [e for e in history if e["event"] == "update_programme"]
    assert [e["actor"] for e in edits] == ["programme_manager", "cpmo"]
    assert edits[0]["rationale"] == "Re-baselined after discovery"
    assert edits[0]["changes"] == {
        "rag": ["unrated", "amber"],
        "rag_reason": [None, "Supplier late"],
        "planned_end": [None, "2027-03-31"],
        "whole_life_cost_gbp": [2_000_000, 2_500_000],
    }
    assert edits[1]["changes"] == {"manager": ["programme_manager", "cpmo2"]}
    # a change that changes nothing governed writes no entry
    d.client.patch(URL, json={"name": "Renamed", "version": d.version()}, headers=who("cpmo"))
    history = d.client.get(f"{URL}/workflow", headers=who("cpmo")).json["history"]
    assert len([e for e in history if e["event"] == "update_programme"]) == 2


# --- 3. separation of duties covers authors, editors, submitters and the manager -------------


def test_a_cpmo_officer_who_manages_the_programme_may_not_decide_its_gates(
    client, seeded, who
) -> None:
    d = _register(client, who, cost=2_000_000, manager="cpmo")
    d.case(complete_case("obc"), role="cpmo2")
    d.ok("submit_obc", "cpmo2")
    for event in ("approve_obc", "return_obc"):
        refused = d.fire(event, "cpmo")
        assert refused.status_code == 403, event
        assert any("you manage this programme" in r for r in refused.json["reasons"])


def test_an_officer_who_edited_the_case_may_not_approve_or_return_it(pm_programme, who) -> None:
    d = pm_programme
    d.case(complete_case("obc"))
    edited = d.client.put(
        f"{URL}/business-cases/obc/1", json={**_case_body(), "revision": 1}, headers=who("cpmo")
    )
    assert edited.status_code == 200
    d.ok("submit_obc", "programme_manager")
    for event in ("approve_obc", "return_obc"):
        refused = d.fire(event, "cpmo")
        assert refused.status_code == 403, event
        assert any(
            "you wrote or edited a version of this OBC" in r for r in refused.json["reasons"]
        )
    events = d.client.get(f"{URL}/workflow", headers=who("cpmo")).json["available_events"]
    approve = next(e for e in events if e["event"] == "approve_obc")
    assert not approve["criteria_met"]
    assert d.ok("approve_obc", "cpmo2")["stage"] == "fbc_development"


def test_an_officer_who_wrote_an_earlier_version_may_not_approve_a_later_one(
    pm_programme, who
) -> None:
    d = pm_programme
    d.case(complete_case("obc"), role="cpmo")  # version 1, by the officer
    d.ok("submit_obc", "programme_manager")
    d.ok("return_obc", "cpmo2")
    d.case(complete_case("obc"))  # version 2, by the manager
    d.ok("submit_obc", "programme_manager")
    assert d.fire("approve_obc", "cpmo").status_code == 403
    assert d.ok("approve_obc", "cpmo2")["stage"] == "fbc_development"


def test_the_submitter_may_not_return_the_submission(client, seeded, who) -> None:
    d = _register(client, who, cost=2_000_000)
    d.case(complete_case("obc"))
    d.ok("submit_obc", "programme_manager")
    # the manager is not a CPMO officer, so the check that matters is by a CPMO submitter
    d.ok("return_obc", "cpmo2")
    d.case(complete_case("obc"), role="cpmo")
    d.ok("submit_obc", "cpmo")
    refused = d.fire("return_obc", "cpmo")
    assert refused.status_code == 403
    assert any("a submission they made themselves" in r for r in refused.json["reasons"])
