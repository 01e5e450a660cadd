import pytest


@pytest.fixture
def pm_programme(client, seeded, auth):  # type: ignore[no-untyped-def]
    body = {
        "code": "pm-prog",
        "name": "PM's programme",
        "portfolio": "goj-change",
        "parent": "ttp",
        "whole_life_cost_gbp": 2_000_000,
    }
    response = client.post("/api/v1/programmes", json=body, headers=auth("programme_manager"))
    assert response.status_code == 201, response.json
    return response.json


def test_a_programme_manager_who_registers_a_programme_manages_it(pm_programme) -> None:
    assert pm_programme["manager"] == "programme_manager"
    assert pm_programme["stage"] == "proposed" and pm_programme["version"] == 1
    assert pm_programme["parent"] == "ttp"


def test_a_programme_manager_edits_only_their_own_programmes(client, pm_programme, auth) -> None:
    mine = client.patch(
        "/api/v1/programmes/pm-prog", json={"rag": "amber"}, headers=auth("programme_manager")
    )
    assert mine.status_code == 200 and mine.json["rag"] == "amber"
    theirs = client.patch(
        "/api/v1/programmes/ttp-cyber", json={"rag": "green"}, headers=auth("programme_manager")
    )
    assert theirs.status_code == 403


def test_cpmo_edits_any_programme_and_reassigns_managers(client, pm_programme, auth) -> None:
    response = client.patch(
        "/api/v1/programmes/ttp-cyber",
        json={"manager": "programme_manager", "rag": "amber_green"},
        headers=auth("cpmo"),
    )
    assert response.status_code == 200
    assert response.json["manager"] == "programme_manager"
    refused = client.patch(
        "/api/v1/programmes/pm-prog", json={"manager": "cpmo"}, headers=auth("programme_manager")
    )
    assert refused.status_code == 403


def test_editing_bumps_the_version_and_a_stale_version_is_409(client, pm_programme, auth) -> None:
    headers = auth("programme_manager")
    first = client.patch(
        "/api/v1/programmes/pm-prog", json={"version": 1, "name": "Renamed"}, headers=headers
    )
    assert first.json["version"] == 2
    stale = client.patch(
        "/api/v1/programmes/pm-prog", json={"version": 1, "name": "Again"}, headers=headers
    )
    assert stale.status_code == 409
    assert client.get("/api/v1/programmes/pm-prog", headers=headers).json["name"] == "Renamed"


def test_the_stage_cannot_be_edited_directly(client, pm_programme, auth) -> None:
    response = client.patch(
        "/api/v1/programmes/pm-prog", json={"stage": "delivery"}, headers=auth("cpmo")
    )
    assert response.status_code == 422 and "stage" in response.json["errors"]


def test_a_circular_hierarchy_is_refused_with_its_path(client, pm_programme, auth) -> None:
    response = client.patch(
        "/api/v1/programmes/ttp", json={"parent": "pm-prog"}, headers=auth("cpmo")
    )
    assert response.status_code == 409
    assert response.json["cycle"] == ["ttp", "pm-prog", "ttp"]


def test_duplicates_and_unknown_references_are_refused(client, pm_programme, auth) -> None:
    headers = auth("cpmo")
    dup = client.post(
        "/api/v1/programmes",
        json={"code": "pm-prog", "name": "X", "portfolio": "goj-change"},
        headers=headers,
    )
    assert dup.status_code == 409
    unknown = client.post(
        "/api/v1/programmes",
        json={"code": "elsewhere", "name": "X", "portfolio": "nowhere"},
        headers=headers,
    )
    assert unknown.status_code == 422 and "portfolio" in unknown.json["errors"]


def test_a_programme_manager_cannot_register_for_someone_else(client, seeded, auth) -> None:
    body = {"code": "other", "name": "X", "portfolio": "goj-change", "manager": "cpmo"}
    response = client.post("/api/v1/programmes", json=body, headers=auth("programme_manager"))
    assert response.status_code == 403


def test_registering_a_programme_is_audited_with_what_was_given(pm_programme, seeded) -> None:
    from sqlmodel import select

    from cpmo.workflows.models import AuditEntry

    entries = seeded.exec(
        select(AuditEntry).where(AuditEntry.programme_code == pm_programme["code"])
    ).all()
    assert [(e.event, e.actor, e.to_stage) for e in entries] == [
        ("register_programme", "programme_manager", "proposed")
    ]
    assert entries[0].details["registered"]["name"] == pm_programme["name"]


def test_a_code_that_names_a_page_is_refused(client, seeded, auth) -> None:
    body = {"code": "new", "name": "Shadows the register page", "portfolio": "goj-change"}
    response = client.post("/api/v1/programmes", json=body, headers=auth("cpmo"))
    assert response.status_code == 422
    assert "names a page" in response.json["detail"]
