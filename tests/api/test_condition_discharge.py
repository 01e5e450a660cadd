"""Discharging, accepting and returning conditions: one audit entry each, separation of
duties, and a second decision on the same condition refused."""

from collections.abc import Callable
from typing import Any

import pytest
from sqlmodel import Session

from cpmo.users import service as users
from cpmo.workflows.audit_store import entries_for
from tests.support.cases import complete_case
from tests.support.gates import Driver

CODE = "cond-prog"
BASE = f"/api/v1/programmes/{CODE}/conditions"


@pytest.fixture
def condition(client: Any, seeded: Session, auth: Callable[[str], dict[str, str]]) -> int:
    body = {"code": CODE, "name": "Conditions", "portfolio": "goj-change", "parent": "ttp"}
    assert (
        client.post("/api/v1/programmes", json=body, headers=auth("programme_manager")).status_code
        == 201
    )
    d = Driver(client, auth, CODE)
    d.case(complete_case("obc"))
    d.ok("submit_obc", "programme_manager")
    d.ok("approve_obc", "cpmo", conditions=["Confirm the SRO's appointment"])
    return int(client.get(BASE, headers=auth("cpmo")).json[0]["id"])


def _events(session: Session) -> list[str]:
    session.expire_all()
    return [e.event for e in entries_for(session, programme_code=CODE)]


def _discharge(client: Any, auth: Any, cid: int) -> Any:
    return client.post(
        f"{BASE}/{cid}/discharge",
        json={"note": "Appointed 1 May"},
        headers=auth("programme_manager"),
    )


def test_discharge_and_accept_each_write_one_audit_entry(client, auth, condition, session) -> None:
    before = _events(session)
    assert _discharge(client, auth, condition).status_code == 200
    assert _events(session)[len(before) :] == ["discharge_condition"]
    accepted = client.post(f"{BASE}/{condition}/accept", headers=auth("cpmo"))
    assert accepted.status_code == 200 and accepted.json["status"] == "accepted"
    assert _events(session)[len(before) :] == ["discharge_condition", "accept_condition"]
    again = client.post(f"{BASE}/{condition}/accept", headers=auth("cpmo"))
    assert again.status_code == 409
    assert len(_events(session)) == len(before) + 2


def test_whoever_discharged_may_not_accept_even_in_a_new_role(
    client, auth, condition, session
) -> None:
    assert _discharge(client, auth, condition).status_code == 200
    users.change_role(
        session, username="programme_manager", new_role="cpmo", actor="admin", actor_role="admin"
    )
    session.commit()
    before = _events(session)
    refused = client.post(f"{BASE}/{condition}/accept", headers=auth("programme_manager"))
    assert refused.status_code == 403
    assert "discharged" in refused.json["detail"]
    assert _events(session) == before


def test_a_cpmo_officer_returns_a_discharge_with_a_reason(client, auth, condition, session) -> None:
    _discharge(client, auth, condition)
    assert (
        client.post(f"{BASE}/{condition}/return", json={}, headers=auth("cpmo")).status_code == 422
    )
    forbidden = client.post(
        f"{BASE}/{condition}/return", json={"reason": "x"}, headers=auth("programme_manager")
    )
    assert forbidden.status_code == 403
    returned = client.post(
        f"{BASE}/{condition}/return", json={"reason": "No evidence attached"}, headers=auth("cpmo")
    )
    assert returned.status_code == 200
    assert returned.json["status"] == "open"
    assert returned.json["return_reason"] == "No evidence attached"
    assert returned.json["returned_by"] == "cpmo"
    assert _events(session)[-1] == "return_condition"
    assert (
        client.post(
            f"{BASE}/{condition}/return", json={"reason": "y"}, headers=auth("cpmo")
        ).status_code
        == 409
    )
    assert _discharge(client, auth, condition).status_code == 200  # discharged again
