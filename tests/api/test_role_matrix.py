"""Every API endpoint × every role: the declared policy is what the API enforces.

A new endpoint must add an example request here, or this test fails: that is deliberate.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlmodel import Session

from cpmo.api.policy import POLICY, PUBLIC_ENDPOINTS
from cpmo.portfolios import service as portfolios
from cpmo.users import service as users
from cpmo.vocabulary import ROLES


@dataclass(frozen=True)
class Call:
    path: str
    json: Any = None


# endpoint → (role → a request that succeeds for a role the policy allows)
EXAMPLES: dict[str, Callable[[str], Call]] = {
    "me.whoami": lambda role: Call("/api/v1/me"),
    "users.list_users": lambda role: Call("/api/v1/users"),
    "users.create_user": lambda role: Call(
        "/api/v1/users", {"username": f"matrix-{role}", "role": "scorer"}
    ),
    "portfolios.list_portfolios": lambda role: Call("/api/v1/portfolios"),
    "portfolios.get_portfolio": lambda role: Call("/api/v1/portfolios/goj-change"),
    "portfolios.portfolio_status": lambda role: Call("/api/v1/portfolios/goj-change/status"),
    "programmes.list_programmes": lambda role: Call("/api/v1/programmes?portfolio=goj-change"),
    "programmes.get_programme": lambda role: Call("/api/v1/programmes/ttp-cyber"),
    "programmes.create_programme": lambda role: Call(
        "/api/v1/programmes", {"code": f"matrix-{role}", "name": "M", "portfolio": "goj-change"}
    ),
    "programmes.update_programme": lambda role: Call(
        "/api/v1/programmes/matrix-owned", {"description": f"edited by {role}"}
    ),
}


def api_routes(app) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(endpoint, method) for every API route that needs a token."""
    out = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1") or rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        out += [(rule.endpoint, m) for m in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return sorted(out)


@pytest.fixture
def owned_programme(seeded: Session) -> None:
    pm = users.get_or_raise(seeded, username="programme_manager")
    portfolios.create_programme(
        seeded, actor=pm, data={"code": "matrix-owned", "name": "Owned", "portfolio": "goj-change"}
    )
    seeded.commit()


def test_every_api_route_is_declared_in_the_policy_and_has_an_example(app) -> None:
    routes = {endpoint for endpoint, _ in api_routes(app)}
    assert routes == set(POLICY), "policy table and routes differ"
    assert routes == set(EXAMPLES), "add an example request for each new endpoint"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_2xx_where_allowed_and_403_elsewhere(
    app, client, tokens, owned_programme, role: str
) -> None:
    headers = {"Authorization": f"Bearer {tokens[role]}"}
    for endpoint, method in api_routes(app):
        call = EXAMPLES[endpoint](role)
        response = client.open(call.path, method=method, json=call.json, headers=headers)
        if role in POLICY[endpoint]:
            assert 200 <= response.status_code < 300, (endpoint, method, response.json)
        else:
            assert response.status_code == 403, (endpoint, method, response.status_code)
            assert response.mimetype == "application/problem+json"


def test_oversight_is_read_only(app) -> None:
    writes = [e for e, m in api_routes(app) if m != "GET"]
    assert all("oversight" not in POLICY[e] for e in writes if "endorse" not in e)
