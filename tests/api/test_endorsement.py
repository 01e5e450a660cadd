"""Endorsement over the API: a rationale is required (422, problem JSON) and kept in the
audit entry; once endorsed the event is no longer offered; a case read carries the status
that follows its gate."""

import pytest
from sqlmodel import Session

from tests.support.cases import complete_case
from tests.support.gates import Driver

URL = "/api/v1/programmes/endorse-prog"


@pytest.fixture
def driver(client, seeded: Session, auth) -> Driver:  # type: ignore[no-untyped-def]
    body = {
        "code": "endorse-prog",
        "name": "Ministerial platform",
        "portfolio": "goj-change",
        "parent": "ttp",
        "whole_life_cost_gbp": 2_000_000,
    }
    created = client.post("/api/v1/programmes", json=body, headers=auth("programme_manager"))
    assert created.status_code == 201
    d = Driver(client, auth, "endorse-prog")
    d.case(complete_case("obc", cost=8_000_000))
    d.ok("submit_obc", "programme_manager")
    return d


def _raw_endorse(d: Driver, **extra: object):  # type: ignore[no-untyped-def]
    body = {"event": "endorse_obc", "version": d.version(), **extra}
    return d.client.post(f"{URL}/events", json=body, headers=d.auth("oversight"))


def test_an_endorsement_without_a_rationale_is_a_422_problem(driver: Driver) -> None:
    for extra in ({}, {"rationale": ""}, {"rationale": "   "}):
        refused = _raw_endorse(driver, **extra)
        assert refused.status_code == 422, refused.json
        assert refused.mimetype == "application/problem+json"
        assert "rationale" in refused.json["errors"]
        assert refused.json["title"]
    assert driver.stage() == "obc_review"
    history = driver.client.get(f"{URL}/workflow", headers=driver.auth("cpmo")).json["history"]
    assert [h["event"] for h in history] == ["register_programme", "submit_obc"]


def test_an_endorsement_keeps_its_rationale_in_the_audit_entry(driver: Driver) -> None:
    assert _raw_endorse(driver, rationale="Ministers back it.").status_code == 200
    history = driver.client.get(f"{URL}/workflow", headers=driver.auth("cpmo")).json["history"]
    assert history[-1]["event"] == "endorse_obc"
    assert history[-1]["rationale"] == "Ministers back it."


def test_once_endorsed_the_endorsement_is_no_longer_offered(driver: Driver) -> None:
    def offered() -> list[str]:
        body = driver.client.get(f"{URL}/workflow", headers=driver.auth("oversight")).json
        return [e["event"] for e in body["available_events"]]

    assert offered() == ["endorse_obc"]
    assert _raw_endorse(driver, rationale="Agreed.").status_code == 200
    assert offered() == []
    again = _raw_endorse(driver, rationale="Again.")
    assert again.status_code == 422
    assert "already been endorsed" in " ".join(again.json["unmet"])


def test_a_case_read_carries_the_status_that_follows_its_gate(driver: Driver) -> None:
    def case() -> dict:  # type: ignore[type-arg]
        return driver.client.get(f"{URL}/business-cases/obc/1", headers=driver.auth("cpmo")).json

    assert case()["status"] == "submitted" and case()["gate_status"] == "submitted"
    assert _raw_endorse(driver, rationale="Agreed.").status_code == 200
    driver.ok("approve_obc", "cpmo", rationale="Value for money.", conditions=["Hire an SRO"])
    read = case()
    assert read["status"] == "submitted"  # the stored status is kept for existing clients
    assert read["gate_status"] == "approved_with_conditions"
    assert read["decision"]["event"] == "approve_obc"
    assert read["decision"]["actor"] == "cpmo"
    assert read["decision"]["rationale"] == "Value for money."
    listed = driver.client.get(f"{URL}/business-cases", headers=driver.auth("cpmo")).json
    assert [c["gate_status"] for c in listed] == ["approved_with_conditions"]
