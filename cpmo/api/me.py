"""Who am I, and the administrator's user management."""

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from cpmo.api.auth import current_user
from cpmo.api.blueprints import make_blueprint
from cpmo.api.schemas.common import OneOf, StrictSchema, Text
from cpmo.app import request_session
from cpmo.errors import RuleViolation
from cpmo.users import service as users
from cpmo.users import sessions
from cpmo.users.models import User
from cpmo.vocabulary import ROLES

me_blp = make_blueprint("me", "/me", "The caller's own identity")
users_blp = make_blueprint("users", "/users", "Users and tokens (administrators)")


class UserRead(StrictSchema):
    username = fields.String(required=True)
    role = fields.String(required=True)
    display_name = fields.String(allow_none=True)
    active = fields.Boolean()
    must_change_password = fields.Boolean(
        metadata={
            "description": "the password was given by an administrator and must be "
            "changed at the next sign-in to the pages"
        }
    )
    live_tokens = fields.Integer()
    last_sign_in_at = fields.DateTime(
        allow_none=True, metadata={"description": "when the user last signed in to the pages"}
    )


PASSWORD = fields.String(
    required=True,
    validate=validate.Length(max=1000),
    metadata={"description": "at least 10 characters; never stored or shown"},
)


class UserCreate(StrictSchema):
    username = Text(required=True, min_length=1, max_length=80)
    role = OneOf(ROLES, required=True)
    display_name = Text(max_length=200, allow_none=True)
    password = fields.String(
        validate=validate.Length(max=1000),
        metadata={
            "description": "an initial password for the pages: at least 10 characters; never "
            "stored or shown. Without one the user can use only the API token."
        },
    )
    must_change_password = fields.Boolean(
        metadata={
            "description": "whether the user must change the password at first sign-in "
            "(default true when a password is given; needs a password)"
        }
    )

    @validates_schema
    def _needs_password(self, data: dict[str, Any], **_: Any) -> None:
        if data.get("must_change_password") and "password" not in data:
            raise ValidationError("needs a password", "must_change_password")


class PasswordChange(StrictSchema):
    password = PASSWORD


class RoleChange(StrictSchema):
    role = OneOf(ROLES, required=True)


class UserCreated(UserRead):
    token = fields.String(required=True, metadata={"description": "shown only once"})


def _user_dict(user: User, live_tokens: int | None = None) -> dict[str, object]:
    data = {
        "username": user.username,
        "role": user.role,
        "display_name": user.display_name,
        "active": user.active,
        "must_change_password": user.must_change_password,
    }
    if live_tokens is not None:
        data["live_tokens"] = live_tokens
    return data


@me_blp.get("", schema=UserRead)
def whoami() -> dict[str, object]:
    """The user the token belongs to."""
    return _user_dict(current_user())


@users_blp.get("", schema=UserRead(many=True))
def list_users() -> list[dict[str, object]]:
    """Every user with their count of live tokens (tokens themselves are never shown)."""
    session = request_session()
    signed_in = sessions.last_sign_ins(session)
    return [
        {
            **_user_dict(user, sum(t.revoked_at is None for t in tokens)),
            "last_sign_in_at": signed_in.get(user.id or 0),
        }
        for user, tokens in users.list_users(session)
    ]


@users_blp.post("", body=UserCreate, status=201, schema=UserCreated, errors=(409, 422))
def create_user(data: dict[str, Any]) -> dict[str, object]:
    """Create a user, optionally with an initial password for the pages (which they must
    change at first sign-in unless `must_change_password` is false); the response carries
    their first API token, shown only this once. Audited as create_user."""
    session = request_session()
    data.setdefault("must_change_password", "password" in data)
    user, token = users.create(session, **data)
    users.created(session, user=user, **_admin())
    return {**_user_dict(user, 1), "token": token}


def _admin() -> dict[str, str]:
    admin = current_user()
    return {"actor": admin.username, "actor_role": admin.role}


def _not_yourself(username: str, doing: str) -> None:
    if username == current_user().username:
        raise RuleViolation(
            f"You cannot {doing} your own account: ask another administrator "
            "(or use the `cpmo users` command)."
        )


@users_blp.post("/<username>/disable", schema=UserRead, errors=(404, 422))
def disable_user(username: str) -> dict[str, object]:
    """Stop the user signing in or using their tokens; their page sessions end at once.
    Tokens are kept (not revoked) and work again after `enable`. Audited as user:<username>."""
    _not_yourself(username, "disable")
    session = request_session()
    user = users.disable(session, username=username, **_admin())
    return _user_dict(user)


@users_blp.post("/<username>/enable", schema=UserRead, errors=(404,))
def enable_user(username: str) -> dict[str, object]:
    """Let a disabled user sign in and use their live tokens again. Audited."""
    session = request_session()
    user = users.enable(session, username=username, **_admin())
    return _user_dict(user)


@users_blp.post("/<username>/password", body=PasswordChange, schema=UserRead, errors=(404, 422))
def change_password(data: dict[str, str], username: str) -> dict[str, object]:
    """Set a new password; the user's page sessions end. Audited (never the password)."""
    session = request_session()
    user = users.change_password(session, username=username, password=data["password"], **_admin())
    return _user_dict(user)


@users_blp.post("/<username>/role", body=RoleChange, schema=UserRead, errors=(404, 422))
def change_role(data: dict[str, str], username: str) -> dict[str, object]:
    """Give the user another role; their page sessions end. Audited old → new."""
    _not_yourself(username, "change the role of")
    session = request_session()
    user = users.change_role(session, username=username, new_role=data["role"], **_admin())
    return _user_dict(user)
