"""Upload endpoints: the permission check runs before a byte of the body is read, then the
body cap (CPMO_MAX_BODY_BYTES), then the file's own gate (cpmo.uploads) in the services."""

import functools
from collections.abc import Callable
from typing import Any

from flask import request

from cpmo.errors import InvalidInput

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


def uploaded_file(field: str, *, what: str) -> tuple[bytes, str]:
    """The bytes and name of the multipart field ``field``; InvalidInput (422) if absent."""
    upload = request.files.get(field)
    if upload is None or not upload.filename:
        message = f"Attach {what} as the multipart field {field!r}."
        raise InvalidInput(message, errors={field: [f"{what} is required"]})
    return upload.read(), upload.filename
