"""Workshop integrity: scores are written only by the scorer themself (the spreadsheet import
included), a scorer's account link is fixed once scoring opens, and status changes, weights,
scorer links and imports are audited in the one chain."""

import io

import pytest
from sqlmodel import Session, select

from cpmo.models import AuditEntry, WorkshopScore
from cpmo.users import service as users
from cpmo.workflows import audit_store
from tests.support.workshops import BASE, build_workshop

LINKED = [{"name": "Head of CPMO", "username": "scorer"}, {"name": "Director, HCS"}]


def _upload(client, headers, url: str, text: str):  # type: ignore[no-untyped-def]
    return client.post(
        url,
        data={"file": (io.BytesIO(text.encode()), "scores.csv")},
        headers=headers,
        content_type="multipart/form-data",
    )


def _scores(session: Session) -> dict[tuple[str, str, str], float]:
    session.expire_all()
    return {
        (s.scorer, s.candidate_key, s.criterion_key): s.value
        for s in session.exec(select(WorkshopScore))
    }


@pytest.fixture
def scoring(session: Session, tokens) -> str:  # type: ignore[no-untyped-def]
    """A workshop open for scoring: 'Head of CPMO' is the account `scorer`; the Director
    (a role title, no account) has scored a = 9 on quality."""
    build_workshop(
        session,
        code="w",
        status="scoring",
        scorers=LINKED,
        scores={"Director, HCS": {"a": (9, 2)}},
    )
    return f"{BASE}/w"


def test_a_facilitator_cannot_write_a_scorers_scores_through_the_import(
    client, auth, session, scoring
) -> None:
    before = _scores(session)
    sheet = 'scorer,candidate,criterion,value\n"Director, HCS",a,quality,1\n'
    for role in ("facilitator", "cpmo"):
        response = _upload(client, auth(role), f"{scoring}/import/scores", sheet)
        assert response.status_code == 403, (role, response.json)
        assert response.mimetype == "application/problem+json"
    assert _scores(session) == before


def test_a_scorer_imports_their_own_scores_and_nobody_elses(client, auth, session, scoring) -> None:
    others = (
        'scorer,candidate,criterion,value\nHead of CPMO,b,quality,6\n"Director, HCS",a,quality,1\n'
    )
    refused = _upload(client, auth("scorer"), f"{scoring}/import/scores", others)
    assert refused.status_code == 422, refused.json
    assert "only your own scores" in refused.json["errors"]["scores.csv row 3 column A"][0]
    assert _scores(session)[("Director, HCS", "a", "quality")] == 9
    own = "scorer,candidate,criterion,value\nHead of CPMO,b,quality,6\n"
    accepted = _upload(client, auth("scorer"), f"{scoring}/import/scores", own)
    assert accepted.status_code == 201, accepted.json
    no_column = "candidate,criterion,value\nc,cost,2\n"
    assert _upload(client, auth("scorer"), f"{scoring}/import/scores", no_column).status_code == 201
    scores = _scores(session)
    assert scores[("Head of CPMO", "b", "quality")] == 6
    assert scores[("Head of CPMO", "c", "cost")] == 2


def test_a_scorer_cannot_be_relinked_to_another_account_once_scoring_opens(
    client, auth, session, scoring
) -> None:
    users.create(session, username="eve", role="scorer")
    session.commit()
    for link in (
        [{"name": "Head of CPMO", "username": "eve"}, {"name": "Director, HCS"}],
        [{"name": "Head of CPMO"}, {"name": "Director, HCS"}],
        [
            {"name": "Head of CPMO", "username": "scorer"},
            {"name": "Director, HCS", "username": "eve"},
        ],
    ):
        response = client.put(
            f"{scoring}/scorers", json={"scorers": link}, headers=auth("facilitator")
        )
        assert response.status_code == 409, (link, response.json)
        assert "before scoring opens" in response.json["detail"]
    # a late joiner may still be added, with an identity of their own
    joined = client.put(
        f"{scoring}/scorers",
        json={"scorers": [*LINKED, {"name": "Late joiner", "username": "eve"}]},
        headers=auth("facilitator"),
    )
    assert joined.status_code == 200, joined.json


def test_status_weights_scorers_and_imports_are_audited_in_the_chain(
    client, auth, session, tokens
) -> None:
    build_workshop(session, code="w", scorers=LINKED)
    headers = auth("facilitator")
    assert (
        client.put(
            f"{BASE}/w/weights",
            json={"method": "direct", "weights": {"quality": 1, "cost": 1}},
            headers=headers,
        ).status_code
        == 200
    )
    assert (
        client.put(f"{BASE}/w/scorers", json={"scorers": LINKED}, headers=headers).status_code
        == 200
    )
    assert (
        client.post(f"{BASE}/w/status", json={"status": "scoring"}, headers=headers).status_code
        == 200
    )
    own = "candidate,criterion,value\na,quality,4\n"
    assert _upload(client, auth("scorer"), f"{BASE}/w/import/scores", own).status_code == 201
    assert (
        client.post(f"{BASE}/w/status", json={"status": "closed"}, headers=headers).status_code
        == 200
    )
    session.expire_all()
    entries = audit_store.entries_for(session, programme_code="workshop:w")
    assert [(e.event, e.from_stage, e.to_stage, e.actor) for e in entries] == [
        ("set_criteria", "draft", "draft", "cpmo"),  # created with criteria and scorers
        ("set_scorers", "draft", "draft", "cpmo"),
        ("set_weights", "draft", "draft", "facilitator"),
        ("set_scorers", "draft", "draft", "facilitator"),
        ("open_scoring", "draft", "scoring", "facilitator"),
        ("import_scores", "scoring", "scoring", "scorer"),
        ("close", "scoring", "closed", "facilitator"),
    ]
    assert entries[2].details["weights"] == {"quality": 0.5, "cost": 0.5}
    assert entries[5].details["rows"] == 1 and len(entries[5].details["sha256"]) == 64
    assert entries[6].details["scores"] == 1
    assert client.get("/api/v1/audit/verify", headers=auth("oversight")).json["ok"] is True
    assert session.exec(select(AuditEntry).where(AuditEntry.programme_code == "w")).all() == []
