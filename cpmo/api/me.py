"""Who am I, and the administrator's user management."""

from marshmallow import fields

from cpmo import request_session
from cpmo.api.auth import current_user
from cpmo.api.blueprints import documents, make_blueprint
from cpmo.api.schemas.common import OneOf, StrictSchema, Text
from cpmo.users import service as users
from cpmo.users.models import User
from cpmo.vocabulary import ROLES

me_blp = make_blueprint("me", "/me", "The caller's own identity")
users_blp = make_blueprint("users", "/users", "Users and tokens (administrators)")


class UserRead(StrictSchema):
    username = fields.String(required=True)
    role = fields.String(required=True)
    display_name = fields.String(allow_none=True)
    active = fields.Boolean()
    live_tokens = fields.Integer()


class UserCreate(StrictSchema):
    username = Text(required=True, min_length=1, max_length=80)
    role = OneOf(ROLES, required=True)
    display_name = Text(max_length=200, allow_none=True)


class UserCreated(UserRead):
    token = fields.String(required=True, metadata={"description": "shown only once"})


def _user_dict(user: User, live_tokens: int | None = None) -> dict[str, object]:
    data = {
        "username": user.username,
        "role": user.role,
        "display_name": user.display_name,
        "active": user.active,
    }
    if live_tokens is not None:
        data["live_tokens"] = live_tokens
    return data


@me_blp.route("", methods=["GET"])
@me_blp.response(200, UserRead)
@documents(me_blp)
def whoami() -> dict[str, object]:
    """The user the token belongs to."""
    return _user_dict(current_user())


@users_blp.route("", methods=["GET"])
@users_blp.response(200, UserRead(many=True))
@documents(users_blp)
def list_users() -> list[dict[str, object]]:
    """Every user with their count of live tokens (tokens themselves are never shown)."""
    return [
        _user_dict(user, sum(t.revoked_at is None for t in tokens))
        for user, tokens in users.list_users(request_session())
    ]


@users_blp.route("", methods=["POST"])
@users_blp.arguments(UserCreate)
@users_blp.response(201, UserCreated)
@documents(users_blp, 409, 422)
def create_user(data: dict[str, str]) -> dict[str, object]:
    """Create a user; the response carries their first API token, shown only this once."""
    session = request_session()
    user, token = users.create(session, **data)
    session.commit()
    return {**_user_dict(user, 1), "token": token}
