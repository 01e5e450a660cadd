"""The graph-version listener is registered on cpmo's own sessionmakers (where they are made,
and in init_db), never on every SQLAlchemy session in the process."""

import gc
import importlib

from sqlalchemy import event
from sqlalchemy.orm import Session as PlainSession
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session, SQLModel

from cpmo.db import make_engine, make_sessionmaker
from cpmo.graph import version
from cpmo.graph.models import GraphEdge, GraphNode, GraphState


def _engine():  # type: ignore[no-untyped-def]
    engine = make_engine("sqlite://")
    tables = [t.__table__ for t in (GraphState, GraphNode, GraphEdge)]  # type: ignore[attr-defined]
    SQLModel.metadata.create_all(engine, tables=tables)
    return engine


def _add_node(factory, key: str) -> None:  # type: ignore[no-untyped-def]
    with factory() as session:
        session.add(GraphNode(key=key, kind="benefit", label=key))
        session.commit()


def _version(engine) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        return version.read(session)


def test_importing_the_graph_tables_registers_no_listener_on_plain_sessions() -> None:
    importlib.import_module("cpmo.graph.models")
    importlib.import_module("cpmo.graph.version")
    for cls in (PlainSession, Session):
        assert not event.contains(cls, "before_flush", version._bump_when_the_graph_changes)


def test_a_plain_session_leaves_the_version_alone() -> None:
    engine = _engine()
    try:
        _add_node(sessionmaker(bind=engine, class_=Session), "benefit:plain")
        assert _version(engine) == (0, "missing")
    finally:
        engine.dispose()


def test_a_cpmo_sessionmaker_bumps_the_version_once_per_change() -> None:
    engine = _engine()
    try:
        factory = make_sessionmaker(engine)
        version.track(factory)  # tracking twice still bumps once
        _add_node(factory, "benefit:one")
        assert _version(engine)[0] == 1
        _add_node(factory, "benefit:two")
        assert _version(engine)[0] == 2
    finally:
        engine.dispose()


def test_every_new_sessionmaker_is_tracked_once_even_where_an_old_ones_id_is_reused() -> None:
    for _ in range(10):  # SQLAlchemy's event registry is keyed by id(); ids are reused
        factory = sessionmaker(class_=Session)
        version.track(factory)
        version.track(factory)
        with factory() as session:
            assert len(session.dispatch.before_flush) == 1
        del factory
        gc.collect()
