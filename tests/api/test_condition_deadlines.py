"""Conditions due before the next gate is submitted: set at approval, refused at submission."""

import pytest
from sqlmodel import Session

from tests.support.cases import complete_case
from tests.support.gates import Driver


@pytest.fixture
def driver(client, seeded: Session, auth) -> Driver:  # type: ignore[no-untyped-def]
    body = {"code": "due-prog", "name": "Due dates", "portfolio": "goj-change", "parent": "ttp"}
    created = client.post("/api/v1/programmes", json=body, headers=auth("programme_manager"))
    assert created.status_code == 201
    return Driver(client, auth, "due-prog")


def test_an_open_before_fbc_condition_refuses_the_fbc_submission_until_discharged(
    driver: Driver,
) -> None:
    d, client, auth = driver, driver.client, driver.auth
    d.case(complete_case("obc"))
    d.ok("submit_obc", "programme_manager")
    d.ok(
        "approve_obc",
        "cpmo",
        conditions=["Agree the benefits baseline"],
        conditions_before_submission=["Appoint a data protection officer"],
    )
    listed = client.get("/api/v1/programmes/due-prog/conditions", headers=auth("cpmo")).json
    due = {c["text"]: c["before_submitting"] for c in listed}
    assert due == {"Agree the benefits baseline": None, "Appoint a data protection officer": "fbc"}
    d.case(complete_case("fbc"))

    refused = d.fire("submit_fbc", "programme_manager")
    assert refused.status_code == 422
    assert any("Appoint a data protection officer" in r for r in refused.json["unmet"])
    assert not any("benefits baseline" in r for r in refused.json["unmet"])
    workflow = client.get("/api/v1/programmes/due-prog/workflow", headers=auth("programme_manager"))
    submit = next(e for e in workflow.json["available_events"] if e["event"] == "submit_fbc")
    assert submit["criteria_met"] is False

    condition = next(c for c in listed if c["before_submitting"] == "fbc")
    discharged = client.post(
        f"/api/v1/programmes/due-prog/conditions/{condition['id']}/discharge",
        json={"note": "Appointed on 1 May"},
        headers=auth("programme_manager"),
    )
    assert discharged.status_code == 200
    assert d.ok("submit_fbc", "programme_manager")["stage"] == "fbc_review"


def test_conditions_before_submission_are_only_for_approvals_with_a_gate_ahead(
    driver: Driver,
) -> None:
    driver.case(complete_case("obc"))
    response = driver.fire(
        "submit_obc", "programme_manager", conditions_before_submission=["Too early"]
    )
    assert response.status_code == 422
