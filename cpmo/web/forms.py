"""Reading page forms: form fields → values, validated with marshmallow (the API's schemas
where one exists), errors as field → messages in words a person can act on."""

from collections.abc import Mapping
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from cpmo.api.schemas.workflow import EventCreate

REQUIRED = "Missing data for required field."


class SignIn(Schema):
    username = fields.String(
        required=True,
        validate=validate.Length(max=80),
        error_messages={"required": "Enter your username"},
    )
    password = fields.String(
        required=True,
        validate=validate.Length(max=1000),
        error_messages={"required": "Enter your password"},
    )


def form_errors(
    schema: Schema, form: Mapping[str, str]
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Load the schema's fields from a submitted form (blank counts as missing)."""
    raw = {name: form.get(name, "") for name in schema.fields}
    present = {name: value for name, value in raw.items() if value.strip()}
    try:
        return schema.load(present), {}
    except ValidationError as exc:
        return {}, {k: list(v) for k, v in exc.normalized_messages().items()}


def lines(text: str | None) -> list[str]:
    """Non-blank lines of a textarea, stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


DECISION_MESSAGES = {
    "rationale": "Enter the rationale for this decision",
    "version": "The page was out of date: reload the programme and decide again",
}


def small_int(raw: str | None, default: int | None = None) -> int | None:
    """A whole number typed into a form or a query string, or ``default`` when it is not one
    of at most nine ASCII digits (so no text, however long or exotic, reaches ``int`` badly)."""
    text = (raw or "").strip()
    if text.isascii() and text.isdigit() and len(text) <= 9:
        return int(text)
    return default


def decision_request(event: str, form: Mapping[str, str]) -> tuple[dict[str, Any], dict]:
    """The decision form → fire_event keyword arguments (validated with the API's schema)."""
    version = form.get("version", "").strip()
    payload: dict[str, Any] = {
        "event": event,
        "version": small_int(version, version),  # type: ignore[dict-item]
    }
    for name in ("rationale", "accept_cost_growth"):
        if form.get(name, "").strip():
            payload[name] = form[name]
    for name in ("conditions", "conditions_before_submission"):
        if lines(form.get(name)):
            payload[name] = lines(form.get(name))
    try:
        data = EventCreate().load(payload)
    except ValidationError as exc:
        messages = exc.normalized_messages()
        errors = {
            name: [DECISION_MESSAGES.get(name, _first(msgs))] for name, msgs in messages.items()
        }
        return {}, errors
    data.pop("event")
    return data, {}


def _first(messages: Any) -> str:
    """The first message of a marshmallow message structure (lists, or dicts by index)."""
    if isinstance(messages, dict):
        index, inner = next(iter(messages.items()))
        return f"line {int(index) + 1}: {_first(inner)}"
    if isinstance(messages, list) and messages:
        return _first(messages[0]) if not isinstance(messages[0], str) else messages[0]
    return str(messages)
