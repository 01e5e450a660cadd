"""Walk a programme through all four gates, and prove every refusal."""

import pytest
from sqlmodel import Session

from cpmo.users import service as users
from tests.support.cases import complete_case
from tests.support.gates import Driver


@pytest.fixture
def driver(client, seeded: Session, auth) -> Driver:  # type: ignore[no-untyped-def]
    body = {
        "code": "gate-prog",
        "name": "Finance replacement",
        "portfolio": "goj-change",
        "parent": "ttp",
        "whole_life_cost_gbp": 2_000_000,
    }
    created = client.post("/api/v1/programmes", json=body, headers=auth("programme_manager"))
    assert created.status_code == 201
    return Driver(client, auth, "gate-prog")


def _to_fbc_review(d: Driver, fbc_cost: int = 2_100_000) -> None:
    d.case(complete_case("obc"))
    d.ok("submit_obc", "programme_manager")
    d.ok("approve_obc", "cpmo")
    d.case(complete_case("fbc", fbc_cost))
    d.ok("submit_fbc", "programme_manager")


def test_a_programme_walks_from_proposed_to_closed_through_all_four_gates(driver: Driver):
    d, client, auth = driver, driver.client, driver.auth
    assert d.case(complete_case("obc"))["missing"] == []
    assert d.ok("submit_obc", "programme_manager")["stage"] == "obc_review"
    assert (
        d.ok("approve_obc", "cpmo", conditions=["Confirm the SRO's appointment"])["stage"]
        == "fbc_development"
    )
    d.case(complete_case("fbc", 2_150_000))
    assert d.ok("submit_fbc", "programme_manager")["stage"] == "fbc_review"

    condition = client.get("/api/v1/programmes/gate-prog/conditions", headers=auth("cpmo")).json[0]
    refused = d.fire("approve_fbc", "cpmo")
    assert refused.status_code == 422
    assert any("Confirm the SRO" in reason for reason in refused.json["unmet"])
    discharged = client.post(
        f"/api/v1/programmes/gate-prog/conditions/{condition['id']}/discharge",
        json={"note": "SRO appointed on 1 May"},
        headers=auth("programme_manager"),
    )
    assert discharged.json["status"] == "discharged"
    accepted = client.post(
        f"/api/v1/programmes/gate-prog/conditions/{condition['id']}/accept", headers=auth("cpmo")
    )
    assert accepted.json["status"] == "accepted"
    assert d.ok("approve_fbc", "cpmo")["stage"] == "supplier_selection"

    lots = client.get("/api/v1/programmes/gate-prog/lots", headers=auth("cpmo")).json
    assert [lot["name"] for lot in lots] == ["Integration", "Software"]
    for lot, value in zip(lots, (600_000, 1_400_000), strict=True):
        response = client.put(
            f"/api/v1/programmes/gate-prog/lots/{lot['name']}",
            json={"supplier": f"{lot['name']} Ltd", "contract_value_gbp": value},
            headers=auth("programme_manager"),
        )
        assert response.status_code == 200
    d.ok("submit_supplier_selection", "programme_manager")
    assert d.ok("approve_supplier_selection", "cpmo")["stage"] == "delivery"

    milestones = client.get("/api/v1/programmes/gate-prog/milestones", headers=auth("cpmo")).json
    assert [m["title"] for m in milestones] == ["Go live", "Legacy switched off"]
    for milestone in milestones:
        client.patch(
            f"/api/v1/programmes/gate-prog/milestones/{milestone['id']}",
            json={"completed_on": "2022-10-01"},
            headers=auth("programme_manager"),
        )
    plan = {
        "benefits": [
            {
                "title": "Licence savings",
                "owner": "Head of Finance",
                "measure": "annual licence spend",
                "baseline": "£900k",
                "target": "£600k",
                "date": "2023-12-31",
                "value_gbp": 300_000,
            }
        ]
    }
    assert (
        client.put(
            "/api/v1/programmes/gate-prog/benefits-plan",
            json=plan,
            headers=auth("programme_manager"),
        ).status_code
        == 200
    )
    d.ok("submit_delivery", "programme_manager")
    assert d.ok("approve_delivery", "cpmo")["stage"] == "benefits_realisation"
    # the plan's valued benefit is one of the programme's benefits: closing accounts for it
    refused = d.fire("close", "cpmo")
    assert refused.status_code == 422 and "Licence savings" in refused.json["unmet"][0]
    benefits = client.get("/api/v1/programmes/gate-prog/benefits", headers=auth("oversight")).json[
        "benefits"
    ]
    [licences] = [b for b in benefits if b["title"] == "Licence savings"]
    realised = client.put(
        f"/api/v1/benefits/{licences['code']}/years",
        json={"actual": {"2023": 280_000}},
        headers=auth("programme_manager"),
    )
    assert realised.status_code == 200, realised.json
    assert d.ok("close", "cpmo")["stage"] == "closed"

    workflow = client.get("/api/v1/programmes/gate-prog/workflow", headers=auth("oversight")).json
    assert [h["event"] for h in workflow["history"]] == [
        "register_programme",
        "submit_obc",
        "approve_obc",
        "submit_fbc",
        "discharge_condition",  # a condition's changes are audited too
        "accept_condition",
        "approve_fbc",
        "record_lot",  # suppliers, milestones and the plan are audited as they are recorded
        "record_lot",
        "submit_supplier_selection",
        "approve_supplier_selection",
        "complete_milestone",
        "complete_milestone",
        "record_benefits_plan",
        "submit_delivery",
        "approve_delivery",
        "record_benefit",
        "close",
    ]
    assert workflow["history"][2]["conditions"] == ["Confirm the SRO's appointment"]
    assert workflow["history"][1]["business_case_version"] == 1
    verified = client.get("/api/v1/audit/verify", headers=auth("oversight")).json
    assert verified["ok"] and verified["entries"] == 18


def test_wrong_roles_are_refused_with_403(driver: Driver) -> None:
    driver.case(complete_case("obc"))
    assert driver.fire("submit_obc", "scorer").status_code == 403
    assert driver.fire("submit_obc", "oversight").status_code == 403
    driver.ok("submit_obc", "programme_manager")
    assert driver.fire("approve_obc", "programme_manager").status_code == 403
    assert driver.fire("approve_obc", "oversight").status_code == 403
    assert driver.stage() == "obc_review"


def test_a_programme_manager_may_not_submit_someone_elses_programme(driver, session) -> None:
    users.create(session, username="other-pm", role="programme_manager")
    session.commit()
    _, token = users.create(session, username="pm3", role="programme_manager")
    session.commit()
    driver.case(complete_case("obc"))
    headers = {"Authorization": f"Bearer {token}"}
    response = driver.client.post(
        "/api/v1/programmes/gate-prog/events",
        headers=headers,
        json={"event": "submit_obc", "version": driver.version()},
    )
    assert response.status_code == 403


def test_nobody_approves_their_own_submission(driver: Driver, session: Session) -> None:
    _, token = users.create(session, username="cpmo-two", role="cpmo")
    session.commit()
    driver.case(complete_case("obc"), role="cpmo")
    driver.ok("submit_obc", "cpmo")
    refused = driver.fire("approve_obc", "cpmo")
    assert refused.status_code == 403 and "themselves" in refused.json["detail"]
    other = driver.client.post(
        "/api/v1/programmes/gate-prog/events",
        json={"event": "approve_obc", "version": driver.version(), "rationale": "Sound case"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert other.status_code == 200


def test_a_gate_cannot_be_skipped(driver: Driver) -> None:
    for event in ("approve_obc", "submit_fbc", "approve_fbc", "submit_delivery", "close"):
        response = driver.fire(event, "cpmo")
        assert response.status_code == 409, event
    assert driver.stage() == "proposed"


def test_a_stale_version_is_409_and_changes_nothing(driver: Driver) -> None:
    driver.case(complete_case("obc"))
    old = driver.version()
    driver.client.patch(
        "/api/v1/programmes/gate-prog",
        json={"rag": "amber"},
        headers=driver.auth("programme_manager"),
    )
    response = driver.fire("submit_obc", "programme_manager", version=old)
    assert response.status_code == 409
    assert response.json["current_version"] == old + 1
    assert driver.stage() == "proposed"


def test_an_incomplete_case_is_refused_with_every_missing_item(driver: Driver) -> None:
    body = complete_case("obc")
    del body["commercial"]
    body["economic"]["options"] = body["economic"]["options"][1:]
    body["financial"]["profile"] = {"2021": 1}
    assert len(driver.case(body)["missing"]) == 4
    response = driver.fire("submit_obc", "programme_manager")
    assert response.status_code == 422
    unmet = " | ".join(response.json["unmet"])
    for expected in (
        "at least 3 options",
        "business-as-usual or do-minimum",
        "commercial case is missing",
        "profile sums to £1",
    ):
        assert expected in unmet


def test_there_must_be_a_draft_to_submit(driver: Driver) -> None:
    response = driver.fire("submit_obc", "programme_manager")
    assert response.status_code == 422 and "no OBC draft" in response.json["unmet"][0]


def test_above_the_delegated_limit_approval_needs_an_oversight_endorsement(driver: Driver):
    driver.case(complete_case("obc", cost=7_500_000))
    driver.ok("submit_obc", "programme_manager")
    refused = driver.fire("approve_obc", "cpmo")
    assert refused.status_code == 403 and "must endorse the OBC first" in refused.json["detail"]
    assert driver.ok("endorse_obc", "oversight")["stage"] == "obc_review"
    assert driver.fire("endorse_obc", "oversight").status_code == 422
    assert driver.ok("approve_obc", "cpmo")["stage"] == "fbc_development"


def test_fbc_cost_growth_beyond_tolerance_needs_an_explicit_rationale(driver: Driver) -> None:
    _to_fbc_review(driver, fbc_cost=2_300_000)
    refused = driver.fire("approve_fbc", "cpmo")
    assert refused.status_code == 422
    assert "15% above the approved OBC" in refused.json["unmet"][0]
    accepted = driver.fire(
        "approve_fbc", "cpmo", accept_cost_growth="Scope added at ministers' request"
    )
    assert accepted.status_code == 200


def test_growth_within_tolerance_needs_no_rationale(driver: Driver) -> None:
    _to_fbc_review(driver, fbc_cost=2_200_000)
    assert driver.fire("approve_fbc", "cpmo").status_code == 200


def test_supplier_selection_needs_a_supplier_for_every_lot(driver: Driver) -> None:
    _to_fbc_review(driver)
    driver.ok("approve_fbc", "cpmo")
    driver.client.put(
        "/api/v1/programmes/gate-prog/lots/Software",
        json={"supplier": "Soft Ltd", "contract_value_gbp": 1_000_000},
        headers=driver.auth("programme_manager"),
    )
    refused = driver.fire("submit_supplier_selection", "programme_manager")
    assert refused.status_code == 422
    assert "lot 'Integration' has no selected supplier" in refused.json["unmet"]
    driver.client.put(
        "/api/v1/programmes/gate-prog/lots/Integration",
        json={"supplier": "Int Ltd", "contract_value_gbp": 1_500_000},
        headers=driver.auth("programme_manager"),
    )
    over = driver.fire("submit_supplier_selection", "programme_manager")
    assert over.status_code == 422 and "above the FBC's whole-life cost" in over.json["unmet"][0]


def test_a_submitted_case_is_immutable_and_a_return_needs_a_new_version(driver: Driver):
    driver.case(complete_case("obc"))
    driver.ok("submit_obc", "programme_manager")
    edit = driver.client.put(
        "/api/v1/programmes/gate-prog/business-cases/obc/1",
        json={"strategic": {"case_for_change": "changed"}, "revision": 1},
        headers=driver.auth("programme_manager"),
    )
    assert edit.status_code == 409
    assert driver.ok("return_obc", "cpmo")["stage"] == "proposed"
    again = driver.fire("submit_obc", "programme_manager")
    assert again.status_code == 422
    assert driver.case(complete_case("obc"))["version"] == 2
    assert driver.ok("submit_obc", "programme_manager")["stage"] == "obc_review"


def test_approvals_returns_and_stops_need_a_rationale(driver: Driver) -> None:
    driver.case(complete_case("obc"))
    driver.ok("submit_obc", "programme_manager")
    response = driver.fire("return_obc", "cpmo", rationale="  ")
    assert response.status_code == 422 and "rationale" in response.json["errors"]


def test_pause_and_resume_return_to_the_stage_left(driver: Driver) -> None:
    driver.case(complete_case("obc"))
    driver.ok("submit_obc", "programme_manager")
    assert driver.ok("pause", "cpmo")["stage"] == "on_hold"
    assert driver.fire("approve_obc", "cpmo").status_code == 409
    assert driver.ok("resume", "cpmo")["stage"] == "obc_review"
    assert driver.ok("stop", "cpmo")["stage"] == "stopped"
    assert driver.fire("resume", "cpmo").status_code == 409


def test_the_workflow_lists_the_callers_events_with_unmet_criteria(driver: Driver) -> None:
    pm = driver.client.get(
        "/api/v1/programmes/gate-prog/workflow", headers=driver.auth("programme_manager")
    ).json
    assert [e["event"] for e in pm["available_events"]] == ["submit_obc"]
    assert pm["available_events"][0]["criteria_met"] is False
    cpmo = driver.client.get(
        "/api/v1/programmes/gate-prog/workflow", headers=driver.auth("cpmo")
    ).json
    assert {e["event"] for e in cpmo["available_events"]} == {"pause", "stop", "submit_obc"}
    oversight = driver.client.get(
        "/api/v1/programmes/gate-prog/workflow", headers=driver.auth("oversight")
    ).json
    assert oversight["available_events"] == []
