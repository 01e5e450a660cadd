"""Upload endpoints: the permission check runs before a byte of the body is read, then the
body cap (CPMO_MAX_BODY_BYTES), then the file's own gate (cpmo.uploads) in the services."""

import functools
from collections.abc import Callable
from typing import Any

from flask import abort, request
from werkzeug.datastructures import FileStorage

from cpmo.api.problems import problem

MULTIPART = "multipart/form-data"


def checked_first(check: Callable[..., None]) -> Callable[[Any], Any]:
    """Run ``check(**view_args)`` before flask-smorest parses the form (and so the body).

    An endpoint declares it with ``check=`` (see ApiBlueprint), which puts it between the route
    and the form; ``check`` raises a domain error (NotFound, NotPermitted, Conflict) to refuse
    the request unread."""

    def decorate(func: Any) -> Any:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            check(**kwargs)
            return func(*args, **kwargs)

        return wrapper

    return decorate


def required_file(field: str, *, what: str, expected: str) -> FileStorage:
    """The file sent as the multipart field ``field``. Without one, the request is answered
    with a 422 problem: attach ``what`` as that field; ``expected`` is required."""
    upload = request.files.get(field)
    if upload is None or not upload.filename:
        abort(
            problem(
                422,
                f"Attach {what} as the multipart field {field!r}.",
                errors={field: [f"{expected} is required"]},
            )
        )
    return upload
