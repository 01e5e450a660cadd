"""Benefits realisation: plan and actuals by year, realisation to date, and closing only
when every valued benefit is accounted for."""

from sqlmodel import Session, select

from cpmo.models import AuditEntry, Benefit, Programme
from tests.support.gates import Driver


def _realising(session: Session) -> Programme:
    """ttp-its, moved to benefits realisation, with one valued benefit of its own."""
    programme = session.exec(select(Programme).where(Programme.code == "ttp-its")).one()
    programme.stage = "benefits_realisation"
    session.add(
        Benefit(
            code="its-savings", title="Licence savings", value_gbp=900, programme_id=programme.id
        )
    )
    session.flush()
    return programme


def test_plan_and_actuals_by_year_give_realisation_to_date(client, seeded, auth) -> None:
    _realising(seeded)
    body = {"planned": {"2021": 300, "2022": 600}, "actual": {"2021": 150}}
    answer = client.put("/api/v1/benefits/its-savings/years", json=body, headers=auth("cpmo"))
    assert answer.status_code == 200, answer.json
    (benefit,) = [b for b in answer.json["benefits"] if b["code"] == "its-savings"]
    assert [(y["year"], y["planned_gbp"], y["actual_gbp"]) for y in benefit["years"]] == [
        (2021, 300, 150),
        (2022, 600, None),
    ]
    assert benefit["realisation"] == 150 / 900  # to the last year with a figure
    assert answer.json["totals"]["planned_by_year"] == {"2021": 300, "2022": 600}
    entry = seeded.exec(select(AuditEntry).where(AuditEntry.event == "record_benefit")).one()
    assert entry.details["years"]["2021"]["actual_gbp"] == {"old": None, "new": 150}


def test_a_programme_closes_only_when_each_valued_benefit_is_accounted_for(
    client, seeded, auth
) -> None:
    _realising(seeded)
    driver = Driver(client, auth, "ttp-its")
    refused = driver.fire("close", "cpmo")
    assert refused.status_code in (409, 422), refused.json
    assert "Licence savings" in str(refused.json)
    blank = client.put(
        "/api/v1/benefits/its-savings/not-realised", json={"rationale": "  "}, headers=auth("cpmo")
    )
    assert blank.status_code == 200  # a blank reason withdraws, it does not account for it
    assert driver.fire("close", "cpmo").status_code in (409, 422)
    reason = {"rationale": "The licences were renegotiated centrally in 2022."}
    client.put("/api/v1/benefits/its-savings/not-realised", json=reason, headers=auth("cpmo"))
    driver.ok("close", "cpmo")
    assert driver.stage() == "closed"


def test_an_actual_accounts_for_a_benefit_too(client, seeded, auth) -> None:
    _realising(seeded)
    body = {"actual": {"2023": 10}}
    client.put("/api/v1/benefits/its-savings/years", json=body, headers=auth("cpmo"))
    Driver(client, auth, "ttp-its").ok("close", "cpmo")


def test_benefit_writes_are_the_managers_or_the_cpmos_and_unknown_ones_are_404(
    client, seeded, auth
) -> None:
    _realising(seeded)
    body = {"planned": {"2021": 1}}
    assert (
        client.put(
            "/api/v1/benefits/its-savings/years", json=body, headers=auth("programme_manager")
        ).status_code
        == 403
    )
    assert (
        client.put("/api/v1/benefits/nope/years", json=body, headers=auth("cpmo")).status_code
        == 404
    )
    empty = client.put("/api/v1/benefits/its-savings/years", json={}, headers=auth("cpmo"))
    assert empty.status_code == 422 and "at least one year" in empty.json["detail"]
