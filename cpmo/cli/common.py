"""Helpers shared by the `cpmo` command groups: the app's session factory, refusals, limits."""

import sys
from collections.abc import Callable
from typing import NoReturn, TypeVar

import click
from flask import current_app
from sqlmodel import Session

from cpmo.db import transaction
from cpmo.errors import DomainError

T = TypeVar("T")


def session_factory():  # type: ignore[no-untyped-def]
    """The current app's sessionmaker (one transaction per command)."""
    return current_app.extensions["cpmo.sessionmaker"]


def fail(exc: DomainError) -> NoReturn:
    """Print a domain error's detail on stderr and exit 1."""
    click.echo(f"Error: {exc.detail}", err=True)
    sys.exit(1)


def in_transaction(work: Callable[[Session], T]) -> T:
    """Run ``work`` in one transaction and return what it returns; a domain error is printed
    (see :func:`fail`) and the command exits 1."""
    try:
        with transaction(session_factory()) as session:
            return work(session)
    except DomainError as exc:
        fail(exc)


def release() -> None:
    """Close the command's database connections now, not whenever they are collected."""
    engine = current_app.extensions.get("cpmo.engine")
    if engine is not None:
        engine.dispose()


def refuse(exc: DomainError) -> None:
    """Release the connections, print the error and its field messages on stderr, exit 1."""
    release()
    click.echo(f"Error: {exc.detail}", err=True)
    for messages in (getattr(exc, "errors", None) or {}).values():
        for message in messages if isinstance(messages, list) else [messages]:
            click.echo(f"  {message}", err=True)
    sys.exit(1)
