"""A workshop worked by hand, run through the API: weights, scores, ranks, ties, spread,
lower-is-better normalisation, visibility before and after closing, and refusals."""

import pytest

from cpmo.users import service as users
from tests.support.workshops import (
    BASE,
    HAND_CANDIDATES,
    HAND_CRITERIA,
    HAND_RANKS,
    HAND_TOTALS,
    hand_scores,
)

HAND = f"{BASE}/hand"


@pytest.fixture
def scorer2(session, tokens):  # type: ignore[no-untyped-def]
    _, token = users.create(session, username="scorer2", role="scorer")
    session.commit()
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def scoring(client, auth, scorer2):  # type: ignore[no-untyped-def]
    """The hand-worked workshop, set up over HTTP and open for scoring by two scorer users."""
    body = {
        "code": "hand",
        "name": "Hand-worked",
        "budgets": {"2020": 100, "2021": 80},
        "criteria": HAND_CRITERIA,
        "candidates": HAND_CANDIDATES,
        "scorers": [{"username": "scorer"}, {"username": "scorer2"}],
    }
    created = client.post(BASE, json=body, headers=auth("facilitator"))
    assert created.status_code == 201, created.json
    moved = client.post(f"{HAND}/status", json={"status": "scoring"}, headers=auth("facilitator"))
    assert moved.status_code == 200, moved.json
    return scorer2


def _put(client, headers, scores):  # type: ignore[no-untyped-def]
    return client.put(f"{HAND}/scores", json={"scores": scores}, headers=headers)


def _score_all(client, auth, scorer2) -> None:  # type: ignore[no-untyped-def]
    assert _put(client, auth("scorer"), hand_scores("scorer")).json == {"written": 8}
    assert _put(client, scorer2, hand_scores("scorer2")).json == {"written": 8}


def test_direct_weights_are_normalised_to_sum_one(client, auth, scoring) -> None:
    body = client.get(HAND, headers=auth("scorer")).json
    weights = {c["key"]: c["weight"] for c in body["criteria"]}
    assert weights == pytest.approx({"quality": 0.75, "cost": 0.25})
    assert {c["key"]: c["entered_weight"] for c in body["criteria"]} == {"quality": 3, "cost": 1}
    assert body["status"] == "scoring" and body["next_status"] == "closed"


def test_ranks_tie_as_one_two_two_four_with_hand_worked_totals(client, auth, scoring) -> None:
    _score_all(client, auth, scoring)
    body = client.get(f"{HAND}/ranking", headers=auth("facilitator")).json
    ranked = {c["candidate"]: c for c in body["candidates"]}
    assert [c["candidate"] for c in body["candidates"]] == ["a", "b", "c", "d"]
    assert {k: c["rank"] for k, c in ranked.items()} == HAND_RANKS
    assert {k: c["total"] for k, c in ranked.items()} == pytest.approx(HAND_TOTALS)


def test_lower_is_better_criteria_score_the_cheapest_highest(client, auth, scoring) -> None:
    _score_all(client, auth, scoring)
    body = client.get(f"{HAND}/ranking", headers=auth("facilitator")).json
    cost = {
        c["candidate"]: {b["criterion"]: b for b in c["breakdown"]}["cost"]
        for c in body["candidates"]
    }
    assert {k: v["normalised_mean"] for k, v in cost.items()} == pytest.approx(
        {"a": 100, "b": 50, "c": 50, "d": 0}
    )
    assert cost["a"]["contribution"] == pytest.approx(25.0)


def test_spread_between_scorers_flags_wide_disagreement(client, auth, scoring) -> None:
    _score_all(client, auth, scoring)
    body = client.get(f"{HAND}/ranking", headers=auth("facilitator")).json
    ranked = {c["candidate"]: c for c in body["candidates"]}
    quality = {k: {b["criterion"]: b for b in c["breakdown"]}["quality"] for k, c in ranked.items()}
    assert quality["d"]["spread"] == pytest.approx(60) and ranked["d"]["disagreement"] is True
    assert quality["c"]["spread"] == pytest.approx(40) and ranked["c"]["disagreement"] is False
    assert quality["b"]["spread"] == 0 and quality["b"]["scores"] == 2
    assert body["disagreement_threshold"] == 40


def test_scorers_see_only_their_own_scores_until_the_workshop_closes(client, auth, scoring) -> None:
    _score_all(client, auth, scoring)
    mine = client.get(f"{HAND}/scores", headers=auth("scorer")).json
    assert len(mine) == 8 and {s["scorer"] for s in mine} == {"scorer"}
    theirs = client.get(f"{HAND}/scores", headers=scoring).json
    assert {s["scorer"] for s in theirs} == {"scorer2"}
    assert len(client.get(f"{HAND}/scores", headers=auth("facilitator")).json) == 16
    assert client.get(f"{HAND}/scores", headers=auth("programme_manager")).status_code == 403
    assert client.get(f"{HAND}/ranking", headers=auth("scorer")).status_code == 403
    closed = client.post(f"{HAND}/status", json={"status": "closed"}, headers=auth("facilitator"))
    assert closed.status_code == 200 and closed.json["closed_at"]
    assert len(client.get(f"{HAND}/scores", headers=auth("scorer")).json) == 16
    assert len(client.get(f"{HAND}/scores", headers=auth("oversight")).json) == 16
    ranking = client.get(f"{HAND}/ranking", headers=auth("programme_manager"))
    assert ranking.status_code == 200 and ranking.json["candidates"][0]["candidate"] == "a"


def test_a_score_outside_the_scale_is_refused_and_nothing_is_written(client, auth, scoring) -> None:
    bad = [*hand_scores("scorer")[:2], {"candidate": "a", "criterion": "cost", "value": 6}]
    response = _put(client, auth("scorer"), bad)
    assert response.status_code == 422
    assert response.json["criterion"] == "cost" and response.json["value"] == 6
    assert "outside the scale" in response.json["detail"]
    assert client.get(f"{HAND}/scores", headers=auth("scorer")).json == []


def test_only_listed_scorers_score_and_only_while_scoring(client, auth, scoring, session) -> None:
    users.create(session, username="outsider", role="scorer")
    _, token = users.create(session, username="outsider2", role="scorer")
    session.commit()
    outsider = {"Authorization": f"Bearer {token}"}
    assert _put(client, outsider, hand_scores("scorer")).status_code == 403
    assert _put(client, auth("facilitator"), hand_scores("scorer")).status_code == 403
    client.post(f"{HAND}/status", json={"status": "closed"}, headers=auth("facilitator"))
    late = _put(client, auth("scorer"), hand_scores("scorer"))
    assert late.status_code == 409 and "only while it is scoring" in late.json["detail"]


def test_the_state_machine_moves_forward_one_step_at_a_time(client, auth, scoring) -> None:
    again = client.post(f"{HAND}/status", json={"status": "scoring"}, headers=auth("cpmo"))
    assert again.status_code == 409 and again.json["workshop_status"] == "scoring"
    edit = client.put(f"{HAND}/criteria", json={"criteria": HAND_CRITERIA}, headers=auth("cpmo"))
    assert edit.status_code == 409 and "only while it is draft" in edit.json["detail"]
    add = client.post(f"{HAND}/candidates", json={"key": "e", "name": "E"}, headers=auth("cpmo"))
    assert add.status_code == 409


def test_opening_scoring_needs_criteria_candidates_and_scorers(client, auth) -> None:
    client.post(BASE, json={"code": "empty", "name": "Empty"}, headers=auth("facilitator"))
    response = client.post(
        f"{BASE}/empty/status", json={"status": "scoring"}, headers=auth("facilitator")
    )
    assert response.status_code == 422
    assert response.json["unmet"] == [
        "the workshop has no criteria",
        "the workshop has no candidates",
        "the workshop has no scorers",
    ]


def test_workshops_are_listed_in_brief(client, auth, scoring) -> None:
    listed = client.get(BASE, headers=auth("oversight")).json
    assert listed == [
        {
            "code": "hand",
            "name": "Hand-worked",
            "status": "scoring",
            "portfolio": None,
            "closed_at": None,
            "illustrative": False,
        }
    ]
