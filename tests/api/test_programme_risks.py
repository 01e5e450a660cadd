"""Programme risks over the API: listed scored and escalated as plan risks are; rescored by
the programme's manager or a CPMO officer with a rationale, kept in the history and the audit
chain; and a milestone's completion date may not be in the future."""

from datetime import date, timedelta
from typing import Any

import pytest
from sqlmodel import Session, select

from cpmo.models import Milestone, Programme, Risk
from cpmo.workflows import audit_store

BASE = "/api/v1/programmes/risk-prog"


@pytest.fixture
def risky(client: Any, seeded: Session, auth: Any) -> Session:
    body = {"code": "risk-prog", "name": "Risky programme", "portfolio": "goj-change"}
    created = client.post("/api/v1/programmes", json=body, headers=auth("programme_manager"))
    assert created.status_code == 201
    owned = seeded.exec(select(Programme).where(Programme.code == "risk-prog")).one()
    seeded.add_all(
        [
            Risk(code="rp-low", programme_id=owned.id, title="Low", likelihood=1, impact=2),
            Risk(code="rp-high", programme_id=owned.id, title="High", likelihood=4, impact=4),
            Risk(code="rp-new", programme_id=owned.id, title="Unassessed", owner="SRO"),
            Milestone(code="rp-m1", programme_id=owned.id, title="Go live"),
        ]
    )
    seeded.commit()
    return seeded


def _rescore(client: Any, auth: Any, role: str, **body: Any) -> Any:
    return client.patch(f"{BASE}/risks/rp-low", json=body, headers=auth(role))


def test_risks_are_listed_highest_score_first_with_status(client, auth, risky) -> None:
    risks = client.get(f"{BASE}/risks", headers=auth("oversight")).json
    assert [(r["code"], r["score"], r["status"]) for r in risks] == [
        ("rp-high", 16, "escalated"),
        ("rp-low", 2, "within_tolerance"),
        ("rp-new", None, "not_assessed"),
    ]
    assert risks[0]["tolerance"] == 12


def test_rescoring_needs_a_rationale_and_writes_nothing_without(client, auth, risky) -> None:
    before = len(audit_store.entries_for(risky, programme_code="risk-prog"))
    refused = _rescore(client, auth, "programme_manager", likelihood=3, impact=5)
    assert refused.status_code == 422
    assert "rationale" in refused.json["detail"]
    risky.expire_all()
    assert risky.exec(select(Risk).where(Risk.code == "rp-low")).one().likelihood == 1
    assert len(audit_store.entries_for(risky, programme_code="risk-prog")) == before


def test_rescoring_with_a_rationale_is_kept_in_the_history_and_audited(client, auth, risky):
    done = _rescore(client, auth, "programme_manager", likelihood=3, impact=5, rationale="Late")
    assert done.status_code == 200, done.json
    assert (done.json["score"], done.json["status"]) == (15, "escalated")
    history = client.get(f"{BASE}/risks/rp-low/history", headers=auth("oversight")).json
    assert len(history) == 1
    step = history[0]
    assert (step["old_score"], step["new_score"], step["rationale"]) == (2, 15, "Late")
    assert step["changed_by"] == "programme_manager"
    entry = audit_store.entries_for(risky, programme_code="risk-prog")[-1]
    assert (entry.event, entry.sequence) == ("rescore_risk", step["audit_sequence"])
    assert entry.details["risk"] == "rp-low"
    assert client.get("/api/v1/audit/verify", headers=auth("cpmo")).json["ok"] is True


def test_only_the_manager_or_cpmo_rescore(client, auth, risky) -> None:
    cpmo = _rescore(client, auth, "cpmo", likelihood=2, impact=2, rationale="Reviewed")
    assert cpmo.status_code == 200
    assert _rescore(client, auth, "oversight", likelihood=2, impact=3).status_code == 403


def test_bad_ratings_and_unknown_risks_are_refused(client, auth, risky) -> None:
    bad = _rescore(client, auth, "cpmo", likelihood=6, impact=2, rationale="x")
    assert bad.status_code == 422
    missing = client.patch(
        f"{BASE}/risks/nope", json={"likelihood": 1, "impact": 1}, headers=auth("cpmo")
    )
    assert missing.status_code == 404


def test_a_milestone_may_not_be_completed_in_the_future(client, auth, risky) -> None:
    milestone = risky.exec(select(Milestone).where(Milestone.code == "rp-m1")).one()
    path = f"{BASE}/milestones/{milestone.id}"
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    refused = client.patch(path, json={"completed_on": tomorrow}, headers=auth("cpmo"))
    assert refused.status_code == 422
    today = client.patch(
        path, json={"completed_on": date.today().isoformat()}, headers=auth("cpmo")
    )
    assert today.status_code == 200
