"""API fixtures: seeded data and one user (with token) per role."""

from collections.abc import Callable

import pytest
from sqlmodel import Session

from cpmo.users import service as users
from cpmo.vocabulary import ROLES


@pytest.fixture
def tokens(session: Session) -> dict[str, str]:
    """role → a token of a user with that role (usernames are the role names)."""
    out = {}
    for role in ROLES:
        _, token = users.create(session, username=role, role=role)
        out[role] = token
    session.commit()
    return out


@pytest.fixture
def auth(tokens: dict[str, str]) -> Callable[[str], dict[str, str]]:
    def headers(role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {tokens[role]}"}

    return headers
