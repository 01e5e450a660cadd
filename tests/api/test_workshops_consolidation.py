"""Consolidating duplicate proposals: the trail of what was merged, combined costs and sponsors."""

import pytest

from tests.support.workshops import BASE

URL = f"{BASE}/intake"
PROPOSALS = [
    {"key": "hcs-records", "name": "HCS records", "sponsors": ["HCS"], "costs": {"2020": 100}},
    {
        "key": "hcs-scanning",
        "name": "HCS scanning",
        "sponsors": ["CYPES", "HCS"],
        "costs": {"2020": 50, "2021": 20},
    },
    {"key": "edrm", "name": "EDRM", "sponsors": ["COO"], "costs": {"2021": 30}},
    {"key": "payroll", "name": "Payroll", "sponsors": ["T&E"], "costs": {"2020": 5}},
]


@pytest.fixture
def intake(client, auth):  # type: ignore[no-untyped-def]
    body = {"code": "intake", "name": "Intake", "candidates": PROPOSALS}
    assert client.post(BASE, json=body, headers=auth("facilitator")).status_code == 201


def _merge(client, auth, **body):  # type: ignore[no-untyped-def]
    return client.post(f"{URL}/candidates/merge", json=body, headers=auth("facilitator"))


def test_merging_into_a_new_candidate_combines_costs_and_sponsors(client, auth, intake) -> None:
    response = _merge(
        client,
        auth,
        candidates=["hcs-records", "hcs-scanning"],
        into="health-records",
        name="Health records",
        note="same need, two departments",
    )
    assert response.status_code == 200, response.json
    body = response.json
    rows = {c["key"]: c for c in body["candidates"]}
    merged = rows["health-records"]
    assert merged["costs"] == {"2020": 150, "2021": 20} and merged["total_cost"] == 170
    assert merged["sponsors"] == ["HCS", "CYPES"] and merged["consolidated"] is True
    assert merged["merged_from"] == ["hcs-records", "hcs-scanning"]
    assert rows["hcs-records"]["merged_into"] == "health-records"
    assert rows["hcs-scanning"]["merge_note"] == "same need, two departments"
    assert body["counts"] == {"proposals": 4, "active": 3, "merged": 2}


def test_merging_into_an_existing_candidate_keeps_it_and_adds_the_rest(
    client, auth, intake
) -> None:
    body = _merge(client, auth, candidates=["hcs-records", "hcs-scanning"], into="edrm").json
    rows = {c["key"]: c for c in body["candidates"]}
    assert rows["edrm"]["costs"] == {"2020": 150, "2021": 50}
    assert rows["edrm"]["sponsors"] == ["COO", "HCS", "CYPES"]
    assert rows["edrm"]["consolidated"] is False and body["counts"]["active"] == 2


def test_a_trail_survives_a_second_merge(client, auth, intake) -> None:
    _merge(client, auth, candidates=["hcs-records", "hcs-scanning"], into="health", name="Health")
    body = _merge(client, auth, candidates=["health", "payroll"], into="edrm").json
    rows = {c["key"]: c for c in body["candidates"]}
    assert rows["edrm"]["merged_from"] == ["health", "payroll"]
    assert rows["health"]["merged_from"] == ["hcs-records", "hcs-scanning"]
    assert rows["edrm"]["costs"] == {"2020": 155, "2021": 50}
    assert body["counts"] == {"proposals": 4, "active": 1, "merged": 4}


def test_merges_are_refused_when_they_make_no_sense(client, auth, intake) -> None:
    new_without_name = _merge(client, auth, candidates=["edrm"], into="fresh")
    assert new_without_name.status_code == 422 and new_without_name.json["errors"]["name"]
    assert _merge(client, auth, candidates=["nope"], into="edrm").status_code == 404
    assert _merge(client, auth, candidates=["edrm"], into="edrm").status_code == 422
    _merge(client, auth, candidates=["payroll"], into="edrm")
    twice = _merge(client, auth, candidates=["payroll"], into="hcs-records")
    assert twice.status_code == 422 and "Already merged" in twice.json["detail"]
    gone = client.delete(f"{URL}/candidates/payroll", headers=auth("facilitator"))
    assert gone.status_code == 409


def test_merged_candidates_are_not_scored_or_ranked(client, auth, intake) -> None:
    _merge(client, auth, candidates=["payroll"], into="edrm")
    headers = auth("facilitator")
    client.put(f"{URL}/criteria", json={"criteria": [{"key": "v", "name": "V"}]}, headers=headers)
    client.put(f"{URL}/scorers", json={"scorers": [{"username": "scorer"}]}, headers=headers)
    assert (
        client.post(f"{URL}/status", json={"status": "scoring"}, headers=headers).status_code == 200
    )
    refused = client.put(
        f"{URL}/scores",
        json={"scores": [{"candidate": "payroll", "criterion": "v", "value": 3}]},
        headers=auth("scorer"),
    )
    assert refused.status_code == 422 and refused.json["candidate"] == "payroll"
    ranked = client.get(f"{URL}/ranking", headers=headers).json["candidates"]
    assert {c["candidate"] for c in ranked} == {"hcs-records", "hcs-scanning", "edrm"}
    assert all(c["missing"] == ["v"] for c in ranked)


def test_merging_is_for_the_draft_only(client, auth, session, tokens) -> None:
    from tests.support.workshops import build_workshop

    build_workshop(session, code="hand", status="scoring")
    response = client.post(
        f"{BASE}/hand/candidates/merge",
        json={"candidates": ["a"], "into": "b"},
        headers=auth("cpmo"),
    )
    assert response.status_code == 409 and "draft" in response.json["detail"]
