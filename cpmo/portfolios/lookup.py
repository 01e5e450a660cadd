"""Finding one row by its code, for the services of every domain package."""

from typing import Any

from sqlmodel import Session

from cpmo.errors import NotFound
from cpmo.validation import is_code


def one_by_code(
    session: Session,
    query: Any,
    *,
    code: str,
    what: str,
    missing: type[NotFound] = NotFound,
) -> Any:
    """The first row of ``query`` (a select already filtered on ``code``); ``missing`` with
    "No {what} with code {code!r}." when there is none or ``code`` is not a code at all (then
    the database is not asked)."""
    found = session.exec(query).first() if is_code(code) else None
    if found is None:
        raise missing(f"No {what} with code {code!r}.")
    return found
