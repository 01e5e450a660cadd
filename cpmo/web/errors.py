"""HTML error pages for the pages (the API keeps problem+json for /api/v1 paths)."""

import logging

from flask import g, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from cpmo import db_failures
from cpmo.errors import DomainError, status_of
from cpmo.web.blueprint import bp

log = logging.getLogger(__name__)
TITLES = {
    400: "Your request could not be understood",
    403: "You do not have permission to see this page",
    404: "Page not found",
    405: "That cannot be done on this page",
    409: "That could not be done",
    413: "The file is too big",
    422: "That could not be done",
    500: "Sorry, there is a problem with the service",
    503: "Sorry, the service is unavailable",
    507: "Sorry, the service cannot save anything just now",
}


def error_page(
    status: int, detail: str | None = None, reasons: list[str] | None = None
) -> Response:
    """The error page for ``status`` (a GOV.UK-style page, never a stack trace)."""
    body = render_template(
        "web/error.html",
        status=status,
        title=TITLES.get(status, "Sorry, there is a problem"),
        detail=detail,
        reasons=reasons or [],
    )
    response = Response(body, status=status, mimetype="text/html")
    return response


def page_http_error(error: HTTPException) -> Response:
    status = error.code or 500
    if isinstance(error, CSRFError):
        return error_page(
            400,
            "The form was not sent from this service, or the page had expired. Go back, "
            "reload the page and try again.",
        )
    detail = None if status >= 500 else error.description
    response = error_page(status, detail)
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def page_domain_error(error: DomainError) -> Response:
    reasons = error.extra.get("reasons") or error.extra.get("unmet") or []
    return error_page(status_of(error), error.detail, list(reasons))


def database_error_page(failure: db_failures.Failure, error: Exception) -> Response:
    """The page for a database that is unavailable, read-only, full or damaged."""
    from flask_login import AnonymousUserMixin

    log.error("database %s: %s", failure.kind.replace("_", " "), error)
    if "_login_user" not in g:  # the user could not be loaded: render without the database
        g._login_user = AnonymousUserMixin()
    response = error_page(failure.status, failure.detail)
    if failure.retry_after:
        response.headers["Retry-After"] = str(failure.retry_after)
    return response


def page_unexpected(error: Exception) -> Response:
    if isinstance(error, HTTPException):
        return page_http_error(error)
    failure = db_failures.classify(error)
    if failure is not None:
        return database_error_page(failure, error)
    log.exception("unexpected error on a page", exc_info=error)
    return error_page(500)


bp.register_error_handler(HTTPException, page_http_error)
bp.register_error_handler(DomainError, page_domain_error)
bp.register_error_handler(Exception, page_unexpected)
