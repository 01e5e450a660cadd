"""Plans have owners: the responsible officer's account and editors set by the CPMO. Only they
(and CPMO officers) post progress, KPI actuals and risks; rescoring a risk needs a rationale
and keeps its history; all of it is audited as plan:<code>."""

import pytest
from sqlmodel import Session

from cpmo.users import service as users
from cpmo.workflows import audit_store

HR = "kcc-hr-2013-14"
PLAN = f"/api/v1/plans/{HR}"
WRITES = [
    ("post", f"{PLAN}/actions/5.3/progress", {"status": "on_track", "note": "n"}, 201),
    ("post", f"{PLAN}/priorities/2/milestones/A/progress", {"status": "done", "note": "n"}, 201),
    (
        "post",
        "/api/v1/kpis/kcc-hr-pi-kent-manager/actuals",
        {"period": "2013-14 Q4", "value": 1},
        201,
    ),
    ("post", "/api/v1/risks", {"plan": HR, "code": "new-risk", "title": "R", "likelihood": 2}, 201),
    ("patch", "/api/v1/risks/kcc-hr-risk-1", {"impact": 2, "rationale": "Reassessed"}, 200),
]


@pytest.fixture
def people(session: Session, seeded, tokens):  # type: ignore[no-untyped-def]
    """`programme_manager` (from tokens) plus a second programme manager `pm2`."""
    _, token = users.create(session, username="pm2", role="programme_manager")
    session.commit()
    return {"pm2": {"Authorization": f"Bearer {token}"}}


def _send(client, method, path, body, headers):  # type: ignore[no-untyped-def]
    return getattr(client, method)(path, json=body, headers=headers)


@pytest.mark.parametrize(("method", "path", "body", "status"), WRITES)
def test_a_programme_manager_who_does_not_own_the_plan_cannot_write_to_it(
    client, auth, people, method, path, body, status
) -> None:
    response = _send(client, method, path, body, auth("programme_manager"))
    assert response.status_code == 403, response.json
    assert "editor" in response.json["detail"]
    assert _send(client, method, path, body, auth("cpmo")).status_code == status


def test_the_cpmo_sets_a_plans_owner_and_editors_and_they_may_write(
    client, auth, people, session
) -> None:
    body = {"owner": "programme_manager", "editors": ["pm2"]}
    assert (
        client.put(f"{PLAN}/editors", json=body, headers=auth("programme_manager")).status_code
        == 403
    )
    response = client.put(f"{PLAN}/editors", json=body, headers=auth("cpmo"))
    assert response.status_code == 200, response.json
    assert response.json == {"plan": HR, "owner": "programme_manager", "editors": ["pm2"]}
    assert client.get(f"{PLAN}/editors", headers=auth("oversight")).json == response.json
    for n, headers in enumerate((auth("programme_manager"), people["pm2"])):
        for method, path, payload, status in WRITES:
            if path == "/api/v1/risks":
                payload = {**payload, "code": f"owned-risk-{n}"}
            assert _send(client, method, path, payload, headers).status_code == status, path
    entry = audit_store.entries_for(session, programme_code=f"plan:{HR}")[0]
    assert (entry.event, entry.actor) == ("set_editors", "cpmo")
    assert entry.details == {
        "owner": {"old": None, "new": "programme_manager"},
        "editors": {"old": [], "new": ["pm2"]},
    }
    # taking the rights away takes them away
    client.put(f"{PLAN}/editors", json={"owner": None, "editors": []}, headers=auth("cpmo"))
    method, path, payload, _ = WRITES[0]
    assert _send(client, method, path, payload, people["pm2"]).status_code == 403


@pytest.mark.parametrize(
    "body",
    [
        {"owner": "nobody", "editors": []},
        {"owner": None, "editors": ["oversight"]},  # not a programme manager
        {"owner": None, "editors": ["pm2", "pm2"]},
    ],
)
def test_owners_and_editors_are_active_programme_managers(client, auth, people, body) -> None:
    response = client.put(f"{PLAN}/editors", json=body, headers=auth("cpmo"))
    assert response.status_code == 422, response.json


def test_rescoring_a_risk_needs_a_rationale_and_keeps_its_history(
    client, auth, people, session
) -> None:
    path = "/api/v1/risks/kcc-hr-risk-1"
    cpmo = auth("cpmo")
    assert client.patch(path, json={"likelihood": 4, "impact": 5}, headers=cpmo).status_code == 422
    first = client.patch(
        path, json={"likelihood": 4, "impact": 5, "rationale": "Budget cut"}, headers=cpmo
    )
    assert first.status_code == 200 and first.json["score"] == 20
    client.put(f"{PLAN}/editors", json={"owner": "programme_manager", "editors": []}, headers=cpmo)
    lowered = client.patch(
        path,
        json={"likelihood": 1, "rationale": "Mitigation in place"},
        headers=auth("programme_manager"),
    )
    assert lowered.status_code == 200 and lowered.json["score"] == 5
    assert client.patch(path, json={"mitigation": "Training"}, headers=cpmo).status_code == 200
    history = client.get(f"{path}/history", headers=auth("oversight"))
    assert history.status_code == 200
    assert [
        (h["old_score"], h["new_score"], h["new_likelihood"], h["changed_by"], h["rationale"])
        for h in history.json
    ] == [
        (None, 20, 4, "cpmo", "Budget cut"),
        (20, 5, 1, "programme_manager", "Mitigation in place"),
    ]
    assert client.get("/api/v1/risks/no-such-risk/history", headers=cpmo).status_code == 404
    events = [
        (e.event, e.actor, e.details.get("risk"))
        for e in audit_store.entries_for(session, programme_code=f"plan:{HR}")
    ]
    assert events == [
        ("rescore_risk", "cpmo", "kcc-hr-risk-1"),
        ("set_editors", "cpmo", None),
        ("rescore_risk", "programme_manager", "kcc-hr-risk-1"),
    ]
