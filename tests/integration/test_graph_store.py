"""The stored graph: built in a constant number of queries, cached per version, checked."""

import os
import threading
from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cpmo.db import make_engine, make_sessionmaker, transaction
from cpmo.errors import CycleDetected, DuplicateKey, NotFound, RuleViolation
from cpmo.graph import edits, service, store, version
from cpmo.graph.models import GraphEdge, GraphNode
from cpmo.migrate import upgrade
from cpmo.models import Objective, Programme
from cpmo.portfolios import service as portfolios
from cpmo.portfolios.inputs import ProgrammeCreate
from cpmo.seeding import load_seeds
from cpmo.users import service as users
from tests.conftest import TEST_AUDIT_KEYRING
from tests.support.querycount import count_statements

CYBER, ITS, CRM = "programme:ttp-cyber", "programme:ttp-its", "programme:ttp-crm"


def _edge(session: Session, source: str, target: str, kind: str = "enables") -> GraphEdge:
    return edits.create_edge(
        session, actor="tester", source_key=source, target_key=target, kind=kind
    )


def _add_programme_chain(session: Session, size: int) -> None:
    """size extra programme nodes, each enabling the next."""
    for i in range(size):
        session.add(GraphNode(key=f"programme:extra-{i}", kind="programme", label=f"Extra {i}"))
    session.add_all(
        GraphEdge(
            source_key=f"programme:extra-{i}", target_key=f"programme:extra-{i + 1}", kind="enables"
        )
        for i in range(size - 1)
    )
    session.flush()


def test_builds_the_graph_in_a_constant_number_of_queries(seeded: Session, engine: Engine) -> None:
    store.clear_cache()
    with count_statements(engine) as small:
        store.get_graph(seeded)
    _add_programme_chain(seeded, 200)
    store.clear_cache()
    with count_statements(engine) as large:
        graph = store.get_graph(seeded)
    assert graph.has_edge("programme:extra-0", "programme:extra-1")
    assert large.count == small.count <= 8


def test_a_cached_graph_costs_one_query_and_is_frozen(seeded: Session, engine: Engine) -> None:
    first = store.get_graph(seeded)
    with count_statements(engine) as log:
        again = store.get_graph(seeded)
    assert again is first and log.count == 1
    with pytest.raises(Exception, match="Frozen"):
        again.add_edge(CRM, CYBER)


def test_a_change_bumps_the_version_and_the_next_read_rebuilds(seeded: Session) -> None:
    before, stamp = version.read(seeded)
    old = store.get_graph(seeded)
    _edge(seeded, "programme:ttp-edrm", "programme:ttp-electronic-patient-records")
    after, new_stamp = version.read(seeded)
    assert after > before and new_stamp != stamp
    graph = store.get_graph(seeded)
    assert graph is not old
    assert graph.has_edge("programme:ttp-edrm", "programme:ttp-electronic-patient-records")


def test_registering_a_programme_makes_it_a_node(seeded: Session) -> None:
    store.get_graph(seeded)
    cpmo, _ = users.create(seeded, username="officer", role="cpmo")
    portfolios.create_programme(
        seeded,
        actor=cpmo,
        programme_in=ProgrammeCreate(code="new-one", name="New", portfolio="goj-change"),
    )
    assert store.get_graph(seeded).nodes["programme:new-one"]["label"] == "New"


def test_new_planned_dates_change_the_critical_path(seeded: Session) -> None:
    assert "programme:ttp-crm" in service.get_critical_path(seeded).missing_durations
    crm = seeded.exec(select(Programme).where(Programme.code == "ttp-crm")).one()
    crm.planned_start, crm.planned_end = date(2020, 1, 1), date(2029, 12, 31)
    seeded.add(crm)
    path = service.get_critical_path(seeded)
    assert CRM in path.path and CRM not in path.missing_durations
    assert path.total_duration_days >= (date(2029, 12, 31) - date(2020, 1, 1)).days


def test_an_edit_the_graph_does_not_show_keeps_the_cached_graph(seeded: Session) -> None:
    graph = store.get_graph(seeded)
    cyber = seeded.exec(select(Programme).where(Programme.code == "ttp-cyber")).one()
    cyber.rag = "amber"
    seeded.add(cyber)
    seeded.flush()
    assert store.get_graph(seeded) is graph


def test_a_rolled_back_change_never_leaves_a_stale_graph_behind(seeded: Session) -> None:
    edrm, epr = "programme:ttp-edrm", "programme:ttp-electronic-patient-records"
    nested = seeded.begin_nested()
    _edge(seeded, edrm, epr)
    assert store.get_graph(seeded).has_edge(edrm, epr)
    nested.rollback()
    assert not store.get_graph(seeded).has_edge(edrm, epr)
    _edge(seeded, "programme:ttp-crm", epr)  # the same version number again, a new stamp
    graph = store.get_graph(seeded)
    assert graph.has_edge("programme:ttp-crm", epr) and not graph.has_edge(edrm, epr)


def test_another_process_sees_a_committed_change(fresh_database_url: str) -> None:
    upgrade(fresh_database_url)
    one, two = make_engine(fresh_database_url), make_engine(fresh_database_url)
    try:
        with transaction(make_sessionmaker(one, audit_keyring=TEST_AUDIT_KEYRING)) as session:
            load_seeds(session)
        with transaction(make_sessionmaker(one, audit_keyring=TEST_AUDIT_KEYRING)) as session:
            assert not store.get_graph(session).has_edge(CRM, "programme:ttp-edrm")
        with transaction(make_sessionmaker(two, audit_keyring=TEST_AUDIT_KEYRING)) as session:
            _edge(session, CRM, "programme:ttp-edrm")
        with transaction(make_sessionmaker(one, audit_keyring=TEST_AUDIT_KEYRING)) as session:
            assert store.get_graph(session).has_edge(CRM, "programme:ttp-edrm")
    finally:
        one.dispose()
        two.dispose()


def test_an_edge_of_the_wrong_kind_is_refused(seeded: Session) -> None:
    with pytest.raises(
        RuleViolation, match="programme -supports-> objective is not an allowed edge"
    ):
        _edge(seeded, CYBER, "objective:obj-coo-1", "supports")


def test_an_edge_to_an_unknown_node_names_the_field(seeded: Session) -> None:
    with pytest.raises(RuleViolation) as refused:
        _edge(seeded, CYBER, "programme:nowhere")
    assert refused.value.extra["errors"] == {"target_key": ["no graph node 'programme:nowhere'"]}


def test_an_edge_that_would_close_a_cycle_is_refused_with_the_cycle(seeded: Session) -> None:
    with pytest.raises(CycleDetected) as refused:
        _edge(seeded, CRM, CYBER)
    assert refused.value.extra["cycle"] == [CRM, CYBER, CRM]
    stored = select(GraphEdge).where(GraphEdge.source_key == CRM, GraphEdge.target_key == CYBER)
    assert seeded.exec(stored).first() is None


def test_a_longer_cycle_is_reported_along_its_path(seeded: Session) -> None:
    with pytest.raises(CycleDetected) as refused:
        _edge(seeded, "programme:efficiencies-programme", CYBER)
    cycle = refused.value.extra["cycle"]
    assert cycle[0] == cycle[-1] == "programme:efficiencies-programme"
    assert cycle[1] == CYBER and len(cycle) == 4  # cyber → ttp (or its …) → efficiencies


def test_a_second_edge_between_the_same_nodes_is_a_duplicate(seeded: Session) -> None:
    with pytest.raises(DuplicateKey, match="already exists"):
        _edge(seeded, CYBER, ITS)


def test_a_node_key_already_in_use_is_a_duplicate(seeded: Session) -> None:
    with pytest.raises(DuplicateKey):
        edits.create_node(seeded, actor=None, key=CYBER, kind="programme", label="Again")


def test_a_node_attribute_for_another_kind_is_refused(session: Session) -> None:
    with pytest.raises(RuleViolation) as refused:
        edits.create_node(
            session, actor=None, key="programme:p", kind="programme", label="P", value_gbp=5
        )
    assert refused.value.extra["errors"] == {"value_gbp": ["only a benefit node has value_gbp"]}


def test_deleting_an_unknown_edge_is_not_found(session: Session) -> None:
    with pytest.raises(NotFound):
        edits.delete_edge(session, edge_id=10**12)


def test_a_programme_registered_under_a_sketched_nodes_key_takes_it_over(session: Session) -> None:
    load_seeds(session)
    edits.create_node(session, actor=None, key="programme:later", kind="programme", label="Sketch")
    _edge(session, "programme:later", CRM)
    cpmo, _ = users.create(session, username="officer", role="cpmo")
    portfolios.create_programme(
        session,
        actor=cpmo,
        programme_in=ProgrammeCreate(code="later", name="Real", portfolio="goj-change"),
    )
    graph = store.get_graph(session)
    assert graph.nodes["programme:later"]["label"] == "Real"
    assert graph.nodes["programme:later"]["origin"] == "programme"
    assert graph.has_edge("programme:later", CRM)


def test_an_edge_whose_node_has_gone_is_left_out(seeded: Session) -> None:
    objective = seeded.exec(select(Objective).where(Objective.code == "obj-coo-13")).one()
    seeded.delete(objective)
    seeded.flush()
    graph = store.get_graph(seeded)
    assert "objective:obj-coo-13" not in graph and ITS in graph


@pytest.mark.skipif(
    not os.environ.get("CPMO_TEST_DATABASE_URL"), reason="needs PostgreSQL's row locks"
)
def test_two_writers_cannot_together_close_a_cycle(fresh_database_url: str) -> None:
    """The second writer waits for the first, then sees its edge and is refused."""
    upgrade(fresh_database_url)
    engine = make_engine(fresh_database_url)
    factory = make_sessionmaker(engine, audit_keyring=TEST_AUDIT_KEYRING)
    try:
        with transaction(factory) as session:
            load_seeds(session)
        outcome: dict[str, BaseException] = {}

        def reverse() -> None:
            try:
                with transaction(factory) as session:
                    _edge(session, "programme:ttp-edrm", CRM)
            except BaseException as exc:
                outcome["error"] = exc

        with transaction(factory) as first:
            _edge(first, CRM, "programme:ttp-edrm")
            second = threading.Thread(target=reverse)
            second.start()
            second.join(timeout=0.5)
            assert second.is_alive(), "the second writer must wait for the graph lock"
        second.join(timeout=10)
        assert isinstance(outcome.get("error"), CycleDetected)
        with factory() as session:
            graph = store.load_graph(session)
        assert graph.has_edge(CRM, "programme:ttp-edrm")
        assert not graph.has_edge("programme:ttp-edrm", CRM)
    finally:
        engine.dispose()


def test_a_change_to_what_a_benefit_is_part_of_or_its_rate_reaches_the_graph(
    seeded: Session,
) -> None:
    from cpmo.models import Benefit

    key = "benefit:ben-efficiencies-2021-20m"
    assert store.get_graph(seeded).nodes[key]["part_of"] == "ben-efficiencies-100m"
    part = seeded.exec(select(Benefit).where(Benefit.code == "ben-efficiencies-2021-20m")).one()
    part.part_of_id, part.per_year = None, True
    seeded.add(part)
    seeded.flush()
    node = store.get_graph(seeded).nodes[key]
    assert node["part_of"] is None and node["per_year"] is True
