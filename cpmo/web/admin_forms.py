"""The user administration forms and the change-password form: fields → values, validated
with marshmallow, every message naming the field as the form labels it."""

from collections.abc import Mapping
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates

from cpmo.users.service import PASSWORD_MIN, USERNAME_MAX
from cpmo.vocabulary import ROLE_LABELS, ROLES
from cpmo.web.forms import form_errors

PASSWORD_MAX = 1000
ROLE_MISSING = "Select a role"


def _password(label: str, missing: str) -> fields.String:
    """A password field: at least PASSWORD_MIN characters, at most PASSWORD_MAX."""
    return fields.String(
        required=True,
        validate=validate.Length(
            min=PASSWORD_MIN,
            max=PASSWORD_MAX,
            error=f"{label} must be between {PASSWORD_MIN} and {PASSWORD_MAX:,} characters",
        ),
        error_messages={"required": missing},
    )


def _role() -> fields.String:
    return fields.String(
        required=True,
        validate=validate.OneOf(ROLES, error=ROLE_MISSING),
        error_messages={"required": ROLE_MISSING},
    )


class NewUser(Schema):
    username = fields.String(
        required=True,
        validate=validate.Length(
            max=USERNAME_MAX, error=f"Username must be {USERNAME_MAX} characters or fewer"
        ),
        error_messages={"required": "Enter a username"},
    )
    display_name = fields.String(
        validate=validate.Length(max=200, error="Display name must be 200 characters or fewer")
    )
    role = _role()
    password = _password("Initial password", "Enter an initial password")

    @validates("username")
    def _no_spaces(self, value: str, **_: Any) -> None:
        if any(c.isspace() for c in value.strip()):
            raise ValidationError("Username must not contain spaces")


class RoleForm(Schema):
    role = _role()


class ResetForm(Schema):
    password = _password("New initial password", "Enter a new initial password")


class OwnPassword(Schema):
    current_password = fields.String(
        required=True,
        validate=validate.Length(max=PASSWORD_MAX, error="Enter your current password correctly"),
        error_messages={"required": "Enter your current password"},
    )
    password = _password("New password", "Enter a new password")
    confirm = fields.String(
        required=True,
        validate=validate.Length(max=PASSWORD_MAX),
        error_messages={"required": "Confirm your new password"},
    )


def read(schema: Schema, form: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The form's values (text fields stripped, passwords as typed) and its errors."""
    data, errors = form_errors(schema, form)
    if "username" in data:
        data["username"] = data["username"].strip()
    if "display_name" in data:
        data["display_name"] = data["display_name"].strip() or None
    return data, errors


ROLE_OPTIONS = [(role, ROLE_LABELS[role]) for role in ROLES]
