"""The demo users, one per role (``demo-<role>``), each with a fresh API token.

Created through the users service, without passwords (scrypt hashing is slow, and the demo
users sign in with their tokens). A second demo portfolio reuses them with new tokens.
"""

from sqlmodel import Session

from cpmo.errors import InvalidInput
from cpmo.users import service
from cpmo.vocabulary import ROLES


def username(role: str) -> str:
    return f"demo-{role}"


def demo_users(session: Session) -> tuple[dict[str, int], dict[str, str]]:
    """Each role's demo user id and a new API token for it (role → value)."""
    ids: dict[str, int] = {}
    tokens: dict[str, str] = {}
    for role in ROLES:
        name = username(role)
        user = service.get(session, username=name)
        if user is None:
            label = f"Demo {role.replace('_', ' ')}"
            user, token = service.create(session, username=name, role=role, display_name=label)
        elif user.role != role or not user.active:
            raise InvalidInput(
                f"user {name!r} exists but is not an active {role}; rename it or fix its role",
                errors={"users": [f"{name} must be an active {role}"]},
            )
        else:
            token = service.issue_token(session, user=user)
        ids[role], tokens[role] = int(user.id or 0), token
    return ids, tokens
