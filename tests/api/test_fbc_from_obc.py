"""The API starts an FBC from the approved OBC and lists what an FBC changed from it."""

from typing import Any

import pytest

from tests.support.cases import complete_case
from tests.support.gates import Driver

BASE = "/api/v1/programmes/api-fbc/business-cases"


@pytest.fixture
def driver(client, seeded, auth) -> Driver:  # type: ignore[no-untyped-def]
    body = {"code": "api-fbc", "name": "API FBC", "portfolio": "goj-change"}
    response = client.post("/api/v1/programmes", json=body, headers=auth("programme_manager"))
    assert response.status_code == 201
    return Driver(client, auth, "api-fbc")


@pytest.fixture
def approved(driver: Driver) -> Driver:
    """api-fbc with OBC version 1 approved (FBC development)."""
    driver.case(complete_case("obc"))
    driver.ok("submit_obc", "programme_manager")
    driver.ok("approve_obc", "cpmo")
    return driver


def _start(driver: Driver, role: str = "programme_manager") -> Any:
    return driver.client.post(f"{BASE}/fbc/from-obc", headers=driver.auth(role))


def test_an_fbc_started_from_the_approved_obc_holds_every_field_of_it(approved) -> None:
    response = _start(approved)
    assert response.status_code == 201, response.json
    fbc = response.json
    obc = approved.client.get(f"{BASE}/obc/1", headers=approved.auth("cpmo")).json
    assert (fbc["kind"], fbc["version"], fbc["status"]) == ("fbc", 1, "draft")
    for section in ("strategic", "economic", "commercial", "financial", "management"):
        assert fbc[section] == obc[section], section
    history = approved.client.get(
        "/api/v1/programmes/api-fbc/workflow", headers=approved.auth("cpmo")
    ).json["history"]
    started = [h for h in history if h["event"] == "start_fbc_from_obc"]
    assert len(started) == 1 and started[0]["business_case_version"] == 1


def test_without_an_approved_obc_the_start_is_refused_with_the_reason(driver) -> None:
    driver.case(complete_case("obc"))
    driver.ok("submit_obc", "programme_manager")
    response = _start(driver)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert "no approved OBC" in response.json["detail"]


def test_a_second_start_while_a_draft_exists_is_a_conflict(approved) -> None:
    assert _start(approved).status_code == 201
    response = _start(approved)
    assert response.status_code == 409 and "already a draft" in response.json["detail"]


def test_oversight_may_not_start_an_fbc(approved) -> None:
    assert _start(approved, "oversight").status_code == 403


def test_the_changes_list_what_the_fbc_changed(approved) -> None:
    fbc = _start(approved).json
    assert (
        approved.client.get(f"{BASE}/fbc/1/changes", headers=approved.auth("cpmo")).json["changes"]
        == []
    )
    body = {k: fbc[k] for k in ("strategic", "economic", "commercial", "financial", "management")}
    body["financial"]["whole_life_cost"] = 2_200_000
    body["financial"]["profile"]["2022"] = 1_200_000
    body["management"]["milestones"][0]["due"] = "2022-05-31"
    body["revision"] = fbc["revision"]
    put = approved.client.put(
        f"{BASE}/fbc/1", json=body, headers=approved.auth("programme_manager")
    )
    assert put.status_code == 200, put.json
    answer = approved.client.get(f"{BASE}/fbc/1/changes", headers=approved.auth("oversight"))
    assert answer.status_code == 200
    assert (answer.json["obc_version"], answer.json["fbc_version"]) == (1, 1)
    assert [(c["field"], c["item"], c["before"], c["after"]) for c in answer.json["changes"]] == [
        ("whole_life_cost", None, "£2,000,000", "£2,200,000"),
        ("profile", "2022", "£1,000,000", "£1,200,000"),
        ("milestones.due", "Go live", "31 March 2022", "31 May 2022"),
    ]


def test_the_changes_of_an_unknown_fbc_or_without_an_approved_obc(driver, approved) -> None:
    missing = driver.client.get(f"{BASE}/fbc/9/changes", headers=driver.auth("cpmo"))
    assert missing.status_code == 404


def test_the_changes_need_an_approved_obc(driver) -> None:
    body = complete_case("fbc")
    driver.case(body)
    response = driver.client.get(f"{BASE}/fbc/1/changes", headers=driver.auth("cpmo"))
    assert response.status_code == 422 and "no approved OBC" in response.json["detail"]
