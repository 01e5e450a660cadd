"""Integration tests use the shared rolled-back session factory without an app: track the
graph version on it as cpmo's own sessionmakers do (make_sessionmaker and init_db)."""

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from cpmo.graph.version import track


@pytest.fixture
def session_factory(session_factory: sessionmaker[Session]) -> Iterator[sessionmaker[Session]]:
    track(session_factory)
    yield session_factory
