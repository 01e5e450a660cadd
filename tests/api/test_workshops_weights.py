"""Weighting by AHP pairwise comparison through the API: eigenvector weights, the consistency
ratio, and the refusal of inconsistent judgements unless the facilitator accepts them."""

import pytest

from tests.support.workshops import BASE

CRITERIA = [{"key": k, "name": k.title()} for k in ("value", "risk", "reach")]


@pytest.fixture
def draft(client, auth):  # type: ignore[no-untyped-def]
    body = {"code": "ahp", "name": "AHP", "criteria": CRITERIA}
    assert client.post(BASE, json=body, headers=auth("facilitator")).status_code == 201
    return f"{BASE}/ahp"


def _ahp(client, auth, url, judgements, **extra):  # type: ignore[no-untyped-def]
    body = {
        "method": "ahp",
        "judgements": [{"a": a, "b": b, "value": v} for a, b, v in judgements],
        **extra,
    }
    return client.put(f"{url}/weights", json=body, headers=auth("facilitator"))


def test_consistent_judgements_give_the_eigenvector_weights(client, auth, draft) -> None:
    # value is twice risk and four times reach; risk twice reach: weights 4/7, 2/7, 1/7
    response = _ahp(
        client, auth, draft, [("value", "risk", 2), ("value", "reach", 4), ("risk", "reach", 2)]
    )
    assert response.status_code == 200, response.json
    weights = {c["key"]: c["weight"] for c in response.json["criteria"]}
    assert weights == pytest.approx({"value": 4 / 7, "risk": 2 / 7, "reach": 1 / 7})
    assert response.json["weighting"] == "ahp"
    assert response.json["consistency_ratio"] == pytest.approx(0, abs=1e-9)
    assert len(response.json["judgements"]) == 3


def test_a_judgement_may_be_stated_either_way_round(client, auth, draft) -> None:
    response = _ahp(
        client,
        auth,
        draft,
        [("risk", "value", 0.5), ("reach", "value", 0.25), ("risk", "reach", 2)],
    )
    weights = {c["key"]: c["weight"] for c in response.json["criteria"]}
    assert weights == pytest.approx({"value": 4 / 7, "risk": 2 / 7, "reach": 1 / 7})


def test_inconsistent_judgements_are_refused_with_the_cr_and_the_pair(client, auth, draft) -> None:
    circular = [("value", "risk", 9), ("risk", "reach", 9), ("value", "reach", 1 / 9)]
    response = _ahp(client, auth, draft, circular)
    assert response.status_code == 422
    assert response.json["cr"] >= 0.10 and response.json["threshold"] == 0.10
    assert len(response.json["most_inconsistent"]) == 2
    assert set(response.json["most_inconsistent"]) <= {"value", "risk", "reach"}
    assert "CR" in response.json["detail"]
    unchanged = client.get(draft, headers=auth("facilitator")).json
    assert unchanged["weighting"] == "direct"


def test_the_facilitator_may_accept_inconsistent_judgements(client, auth, draft) -> None:
    circular = [("value", "risk", 9), ("risk", "reach", 9), ("value", "reach", 1 / 9)]
    response = _ahp(client, auth, draft, circular, accept_inconsistent=True)
    assert response.status_code == 200
    assert response.json["accept_inconsistent"] is True
    assert response.json["consistency_ratio"] >= 0.10
    assert sum(c["weight"] for c in response.json["criteria"]) == pytest.approx(1)


def test_every_pair_needs_a_judgement(client, auth, draft) -> None:
    response = _ahp(client, auth, draft, [("value", "risk", 2)])
    assert response.status_code == 422
    assert ["value", "reach"] in response.json["missing"]


def test_direct_weights_must_name_every_criterion(client, auth, draft) -> None:
    response = client.put(
        f"{draft}/weights",
        json={"method": "direct", "weights": {"value": 1, "risk": 1}},
        headers=auth("facilitator"),
    )
    assert response.status_code == 422 and response.json["errors"]["reach"]
    zero = client.put(
        f"{draft}/weights",
        json={"method": "direct", "weights": {"value": 0, "risk": 0, "reach": 0}},
        headers=auth("facilitator"),
    )
    assert zero.status_code == 422
    ok = client.put(
        f"{draft}/weights",
        json={"method": "direct", "weights": {"value": 2, "risk": 1, "reach": 1}},
        headers=auth("facilitator"),
    )
    assert {c["key"]: c["weight"] for c in ok.json["criteria"]} == pytest.approx(
        {"value": 0.5, "risk": 0.25, "reach": 0.25}
    )
