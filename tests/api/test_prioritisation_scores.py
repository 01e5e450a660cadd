"""The seeded TTP workshop through the API, and the portfolio's current scores once it closes."""

import pytest

SCORES = "/api/v1/prioritisation/scores"
TTP = "/api/v1/workshops/ttp-prioritisation"


def test_the_seeded_workshop_is_open_for_scoring_with_the_ten_ttp_programmes(
    client, auth, seeded, tokens
) -> None:
    body = client.get(TTP, headers=auth("oversight")).json
    assert body["status"] == "scoring" and body["portfolio"] == "goj-change"
    assert body["illustrative"] is True and "000_" in body["source"]
    assert len(body["candidates"]) == 10
    assert all(c["programme"] == c["key"] for c in body["candidates"])
    assert [c["key"] for c in body["criteria"]] == [
        "csp-alignment",
        "islander-benefit",
        "efficiency-savings",
        "security-resilience",
        "enabling-value",
        "cost",
    ]
    assert body["criteria"][-1]["direction"] == "lower_is_better"
    assert sum(c["weight"] for c in body["criteria"]) == pytest.approx(1)
    assert body["budgets"] == {
        "2020": 3_000_000,
        "2021": 5_000_000,
        "2022": 17_000_000,
        "2023": 17_000_000,
    }
    assert len(body["scorers"]) == 3 and all(s["username"] is None for s in body["scorers"])


def test_portfolio_scores_come_from_the_latest_closed_workshop(
    client, auth, seeded, tokens
) -> None:
    before = client.get(f"{SCORES}?portfolio=goj-change", headers=auth("programme_manager"))
    assert before.status_code == 200
    assert before.json["workshop"] is None and before.json["candidates"] == []
    closed = client.post(f"{TTP}/status", json={"status": "closed"}, headers=auth("facilitator"))
    assert closed.status_code == 200
    body = client.get(f"{SCORES}?portfolio=goj-change", headers=auth("oversight")).json
    assert body["workshop"] == "ttp-prioritisation" and body["closed_at"]
    ranks = {c["programme"]: c["rank"] for c in body["candidates"]}
    assert len(ranks) == 10
    assert ranks["ttp-cyber"] == 1 and ranks["ttp-ms-foundation"] == 2
    epr = next(c for c in body["candidates"] if c["programme"] == "ttp-electronic-patient-records")
    assert epr["disagreement"] is True
    assert client.get(SCORES, headers=auth("admin")).json["workshop"] == "ttp-prioritisation"
    assert client.get(f"{SCORES}?portfolio=nowhere", headers=auth("admin")).status_code == 404


def test_the_seeded_selection_fits_the_o13_14_allocation(client, auth, seeded, tokens) -> None:
    body = client.get(f"{TTP}/selection", headers=auth("cpmo")).json
    assert body["status"] == "optimal" and len(body["selected"]) == 10
    assert body["costs_by_year"] == body["budgets"]
