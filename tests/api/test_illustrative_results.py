"""Prioritisation results say when they are drawn from illustrative records (issue 16 item 5).

The seeded TTP workshop's weights, scores and yearly cost splits are illustrative (a
judgement, not the documents' word); a workshop built from records nobody marked so is not.
"""

from sqlmodel import Session, select

from cpmo.workshops.models import WorkshopScore
from tests.support.workshops import BASE, HAND_SCORES, build_workshop

TTP = f"{BASE}/ttp-prioritisation"
RESULTS = ("ranking", "sensitivity?samples=50&seed=1", "selection", "frontier")


def _close_ttp(client, auth) -> None:  # type: ignore[no-untyped-def]
    closed = client.post(f"{TTP}/status", json={"status": "closed"}, headers=auth("facilitator"))
    assert closed.status_code == 200, closed.json


def test_the_seeded_workshops_results_are_marked_illustrative(client, auth, seeded) -> None:
    _close_ttp(client, auth)
    for path in RESULTS:
        body = client.get(f"{TTP}/{path}", headers=auth("oversight")).json
        assert body["illustrative"] is True, path
    scores = client.get("/api/v1/prioritisation/scores?portfolio=goj-change", headers=auth("cpmo"))
    assert scores.json["illustrative"] is True


def test_scenarios_compared_from_an_illustrative_workshop_say_so(client, auth, seeded) -> None:
    _close_ttp(client, auth)
    for name in ("as planned", "again"):
        saved = client.post(f"{TTP}/scenarios", json={"name": name}, headers=auth("cpmo"))
        assert saved.status_code == 201, saved.json
    compared = client.get(
        f"{TTP}/scenarios/compare?name=as planned&name=again", headers=auth("oversight")
    )
    assert compared.status_code == 200 and compared.json["illustrative"] is True


def test_results_from_records_nobody_marked_are_not_illustrative(
    client, auth, session: Session, tokens
) -> None:
    build_workshop(session, code="plain", status="closed", scores=HAND_SCORES)
    for path in RESULTS:
        body = client.get(f"{BASE}/plain/{path}", headers=auth("oversight")).json
        assert body["illustrative"] is False, path
    assert (
        client.get("/api/v1/prioritisation/scores", headers=auth("cpmo")).json["illustrative"]
        is False
    )


def test_one_illustrative_score_marks_the_results(client, auth, session: Session, tokens) -> None:
    build_workshop(session, code="plain", status="closed", scores=HAND_SCORES)
    score = session.exec(select(WorkshopScore)).first()
    score.illustrative = True
    session.add(score)
    session.commit()
    body = client.get(f"{BASE}/plain/ranking", headers=auth("oversight")).json
    assert body["illustrative"] is True
