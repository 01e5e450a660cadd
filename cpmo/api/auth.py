"""Bearer-token authentication and the role check, run before every API view."""

from flask import g, request
from werkzeug.wrappers import Response

from cpmo.api.bodies import json_body_problem
from cpmo.api.policy import allowed_roles, is_public
from cpmo.api.problems import problem
from cpmo.app import request_session
from cpmo.users import service as users
from cpmo.users.models import User

API_PREFIX = "/api/v1"
JSON_TYPES = ("application/json",)
BODY_METHODS = {"POST", "PUT", "PATCH"}


def current_user() -> User:
    """The authenticated user of this request (set by :func:`authenticate_request`)."""
    return g.cpmo_user


def _bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def _unauthorised(detail: str) -> Response:
    return problem(401, detail, headers={"WWW-Authenticate": 'Bearer realm="cpmo"'})


def _content_type_refusal() -> Response | None:
    if request.method not in BODY_METHODS:
        return None
    mimetype = request.mimetype or ""
    if not mimetype and not request.content_length:
        return None
    if mimetype in JSON_TYPES or mimetype.endswith("+json") or mimetype == "multipart/form-data":
        return None
    return problem(
        415, f"Send the body as application/json (got {mimetype or 'no content type'!r})."
    )


def authenticate_request() -> Response | None:
    """401 without a valid token, 403 when the role may not use the endpoint."""
    if not request.path.startswith(API_PREFIX) or request.endpoint is None:
        return None
    if is_public(request.endpoint) or request.method == "OPTIONS":
        return None
    token = _bearer_token()
    if token is None:
        return _unauthorised("Send an API token as 'Authorization: Bearer <token>'.")
    user = users.authenticate(request_session(), token=token)
    if user is None:
        return _unauthorised("The API token is not valid or has been revoked.")
    g.cpmo_user = user
    roles = allowed_roles(request.endpoint)
    if roles is None or user.role not in roles:
        return problem(403, f"The {user.role} role may not use this endpoint.")
    return _content_type_refusal()


def refuse_unsafe_json() -> Response | None:
    """400 for a JSON body nested too deep or with an absurdly long number, before any parser
    sees it (after authentication: permission first, then size, then parsing)."""
    if not request.path.startswith(API_PREFIX) or request.method not in BODY_METHODS:
        return None
    if not request.is_json:
        return None
    reason = json_body_problem(request.get_data(cache=True))
    return problem(400, reason) if reason else None
