from sqlmodel import Session

from cpmo.users import service as users


def test_health_needs_no_token(client) -> None:
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json["status"] == "ok"


def test_no_token_gets_401_problem_json_with_a_bearer_challenge(client) -> None:
    response = client.get("/api/v1/portfolios")
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert {"status", "title", "detail"} <= set(response.json)


def test_a_malformed_or_unknown_token_gets_401(client, tokens) -> None:
    for header in ("Bearer", "Bearer nonsense", "Basic dXNlcjpwYXNz", tokens["cpmo"]):
        response = client.get("/api/v1/portfolios", headers={"Authorization": header})
        assert response.status_code == 401, header


def test_a_revoked_token_stops_working(client, session: Session, tokens, auth) -> None:
    assert client.get("/api/v1/me", headers=auth("oversight")).status_code == 200
    users.revoke_tokens(session, username="oversight")
    session.commit()
    assert client.get("/api/v1/me", headers=auth("oversight")).status_code == 401


def test_a_scorer_on_a_cpmo_only_endpoint_gets_403(client, seeded, auth) -> None:
    body = {"code": "new-prog", "name": "New", "portfolio": "goj-change"}
    response = client.post("/api/v1/programmes", json=body, headers=auth("scorer"))
    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"
    assert "scorer" in response.json["detail"]


def test_whoami_names_the_tokens_user(client, auth) -> None:
    response = client.get("/api/v1/me", headers=auth("facilitator"))
    assert response.json["username"] == "facilitator"
    assert response.json["role"] == "facilitator"


def test_admins_create_users_and_see_token_counts_never_tokens(client, auth) -> None:
    created = client.post(
        "/api/v1/users",
        json={"username": "newpm", "role": "programme_manager"},
        headers=auth("admin"),
    )
    assert created.status_code == 201
    token = created.json["token"]
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).json["username"]
        == "newpm"
    )
    listing = client.get("/api/v1/users", headers=auth("admin"))
    assert token not in listing.get_data(as_text=True)
    assert {
        "username": "newpm",
        "role": "programme_manager",
        "display_name": None,
        "active": True,
        "must_change_password": False,
        "live_tokens": 1,
        "last_sign_in_at": None,
    } in listing.json
