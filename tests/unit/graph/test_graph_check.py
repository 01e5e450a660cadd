import pytest

from cpmo.errors import CycleDetected, DuplicateKey, NotFound, RuleViolation
from cpmo.graph import (
    EdgeRecord,
    NodeRecord,
    add_edge,
    add_node,
    check_edge,
    check_node,
    cycle_if_added,
)

ITS, CYBER, FOUNDATION = "programme:ttp-its", "programme:ttp-cyber", "programme:ttp-ms-foundation"


def test_refuses_an_edge_that_closes_a_cycle_with_the_cycle_path(portfolio):
    with pytest.raises(CycleDetected) as refused:
        check_edge(portfolio, source=ITS, target=FOUNDATION, kind="enables")
    assert refused.value.extra["cycle"] == [ITS, FOUNDATION, ITS]
    assert "programme:ttp-its → programme:ttp-ms-foundation" in refused.value.detail


def test_cycle_path_follows_the_shortest_route_back(portfolio):
    assert cycle_if_added(portfolio, ITS, CYBER) == [ITS, CYBER, ITS]
    assert cycle_if_added(portfolio, CYBER, "programme:ttp-lonely") is None


def test_refuses_a_programme_that_enables_itself(portfolio):
    with pytest.raises(CycleDetected) as refused:
        check_edge(portfolio, source=CYBER, target=CYBER, kind="enables")
    assert refused.value.extra["cycle"] == [CYBER, CYBER]


def test_refuses_a_duplicate_edge(portfolio):
    with pytest.raises(DuplicateKey):
        check_edge(portfolio, source=FOUNDATION, target=CYBER, kind="enables")


def test_refuses_an_edge_from_an_unknown_node(portfolio):
    with pytest.raises(NotFound):
        check_edge(portfolio, source="programme:nope", target=CYBER, kind="enables")


def test_refuses_a_kind_that_does_not_fit_the_nodes(portfolio):
    with pytest.raises(RuleViolation):
        check_edge(portfolio, source=CYBER, target="objective:obj-unserved", kind="delivers")


def test_adds_an_accepted_edge_and_leaves_the_graph_alone_on_refusal(portfolio):
    add_edge(portfolio, EdgeRecord(99, "programme:ttp-lonely", ITS, "enables"))
    assert portfolio.edges["programme:ttp-lonely", ITS] == {"kind": "enables", "id": 99}
    before = portfolio.number_of_edges()
    with pytest.raises(CycleDetected):
        add_edge(portfolio, EdgeRecord(100, ITS, "programme:ttp-lonely", "enables"))
    assert portfolio.number_of_edges() == before


def test_adds_a_new_node_and_refuses_its_key_twice(portfolio):
    node = NodeRecord("benefit:new", "benefit", "New", {"value_gbp": 1})
    add_node(portfolio, node)
    assert portfolio.nodes["benefit:new"]["value_gbp"] == 1
    with pytest.raises(DuplicateKey):
        check_node(portfolio, node)


def test_refuses_a_malformed_new_node(portfolio):
    with pytest.raises(RuleViolation):
        check_node(portfolio, NodeRecord("benefit:x", "benefit", "X", {"value_gbp": "lots"}))
