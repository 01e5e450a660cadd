"""RFC 9457 problem+json responses for every error the API can give."""

import logging
from http import HTTPStatus
from typing import Any

from flask import Response, json
from marshmallow import Schema, fields
from sqlalchemy.exc import DataError, IntegrityError
from werkzeug.exceptions import HTTPException

from cpmo import db_failures
from cpmo.errors import DomainError, status_of

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger(__name__)


class ProblemSchema(Schema):
    """application/problem+json (RFC 9457), with cpmo's extensions."""

    type = fields.String(metadata={"description": "URI reference for the problem type"})
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String()
    errors = fields.Dict(
        keys=fields.String(),
        metadata={"description": "field → messages, for validation errors"},
    )
    unmet = fields.List(
        fields.Raw(), metadata={"description": "unmet gate criteria, for gate refusals"}
    )
    # every extension a refusal can carry is documented here (the schema is closed:
    # additionalProperties is false); tests/api/test_client_caused_errors.py scans the source
    current_version = fields.Integer(
        metadata={"description": "for a stale version (409): the version to reload"}
    )
    reasons = fields.List(
        fields.String(), metadata={"description": "why the event is not permitted (403)"}
    )
    stage = fields.String(metadata={"description": "the stage the programme is in"})
    codes = fields.List(fields.String(), metadata={"description": "the codes already in use"})
    source = fields.String(metadata={"description": "an edge's source node"})
    target = fields.String(metadata={"description": "an edge's target node"})
    cycle = fields.List(
        fields.String(),
        metadata={"description": "for a refused edge: the cycle it would close (first = last)"},
    )
    allowed = fields.List(
        fields.String(), metadata={"description": "the allowed edge or node kinds"}
    )
    edge_id = fields.Integer(metadata={"description": "the edge that already joins the nodes"})
    key = fields.String(metadata={"description": "the node key concerned"})
    workshop_status = fields.String(metadata={"description": "the state the workshop is in"})
    cr = fields.Float(metadata={"description": "AHP consistency ratio"})
    threshold = fields.Float()
    most_inconsistent = fields.List(
        fields.String(), metadata={"description": "the pair to revisit"}
    )
    suggested_judgement = fields.Float()
    missing = fields.List(fields.Raw())
    pair = fields.List(fields.Integer())
    weights = fields.Dict()
    scorer = fields.String()
    candidate = fields.String()
    criterion = fields.String()
    value = fields.Float()
    scale_min = fields.Float()
    scale_max = fields.Float()
    reason = fields.String(metadata={"description": "why no selection is feasible"})
    candidates = fields.List(fields.String())
    year = fields.Raw(metadata={"description": "the budget year that cannot be met"})
    cost = fields.Integer()
    budget = fields.Integer()
    problems = fields.List(
        fields.Dict(), metadata={"description": "import problems: sheet, row, column, message"}
    )


def problem(
    status: int,
    detail: str | None = None,
    *,
    title: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response:
    """A problem+json response."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    body.update({k: v for k, v in extra.items() if v is not None})
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_JSON)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _flatten_messages(messages: Any) -> dict[str, list[str]]:
    """webargs' {location: {field: [msgs]}} → {field: [msgs]} (nested fields dotted)."""
    out: dict[str, list[str]] = {}

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                key = "body" if key == "_schema" else key  # marshmallow's whole-body errors
                walk(inner, f"{path}.{key}" if path else str(key))
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            out.setdefault(path or "body", []).extend(value)
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                walk(inner, f"{path}.{index}" if path else str(index))
        else:
            out.setdefault(path or "body", []).append(str(value))

    if isinstance(messages, dict):
        for location_messages in messages.values():
            walk(location_messages, "")
    else:
        walk(messages, "")
    return out


def handle_http_exception(error: HTTPException) -> Response:
    """Every HTTP error (including webargs validation aborts) as problem+json."""
    status = error.code or 500
    headers = dict(error.get_headers())
    headers.pop("Content-Type", None)
    data = getattr(error, "data", None) or {}
    headers.update(data.get("headers", {}) or {})
    errors = None
    if "messages" in data or "errors" in data:
        errors = _flatten_messages(data.get("errors") or data.get("messages"))
    detail = data.get("message") or error.description
    if errors:
        detail = "The request is not valid: " + "; ".join(
            f"{field}: {' '.join(msgs)}" for field, msgs in sorted(errors.items())
        )
    if status >= 500:
        detail = "An unexpected error occurred; it has been logged."
    return problem(status, detail, headers=headers, errors=errors)


def handle_domain_error(error: DomainError) -> Response:
    """A domain refusal, with its extras (``unmet``, ``cycle`` …) in the body."""
    status = status_of(error)
    extra = {k: v for k, v in error.extra.items() if v is not None}
    return problem(status, error.detail, title=error.title, **extra)


def handle_integrity_error(error: IntegrityError) -> Response:
    log.info("integrity error: %s", error)
    return problem(
        409,
        "The change conflicts with existing data (a duplicate or a reference that does not exist).",
        title="Conflict",
    )


def handle_data_error(error: DataError) -> Response:
    log.info("data error: %s", error)
    return problem(422, "A value could not be stored: it is out of range or malformed.")


def handle_operational_error(error: Exception) -> Response:
    """The database is unavailable, read-only, full, damaged or busy: 503 (507 when full),
    with Retry-After on a 503. Any other database error is a 500 (a fault of ours)."""
    failure = db_failures.classify(error)
    if failure is None:
        return handle_unexpected(error)
    log.error("database %s: %s", failure.kind.replace("_", " "), error)
    headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after else None
    return problem(failure.status, failure.detail, headers=headers)


def handle_unexpected(error: Exception) -> Response:
    if isinstance(error, HTTPException):
        return handle_http_exception(error)
    log.exception("unexpected error", exc_info=error)
    return problem(500, "An unexpected error occurred; it has been logged.")
