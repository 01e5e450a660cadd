import pytest

from cpmo.errors import CycleDetected, DuplicateKey, NotFound, RuleViolation
from cpmo.graph import EdgeRecord, NodeRecord, build_graph, kind_of

A = NodeRecord("programme:a", "programme", "A", {"duration_days": 3})
B = NodeRecord("programme:b", "programme", "B")
GOAL = NodeRecord("objective:goal", "objective", "Goal")


def test_keeps_kind_label_and_attributes_on_nodes_and_edges():
    graph = build_graph([A, B], [EdgeRecord(7, "programme:a", "programme:b", "enables")])
    assert graph.nodes["programme:a"] == {"kind": "programme", "label": "A", "duration_days": 3}
    assert graph.edges["programme:a", "programme:b"] == {"kind": "enables", "id": 7}


def test_record_kind_and_label_win_over_same_named_attributes():
    node = NodeRecord("programme:a", "programme", "A", {"kind": "benefit", "label": "Z"})
    assert build_graph([node], []).nodes["programme:a"]["kind"] == "programme"


def test_refuses_an_edge_to_an_unknown_node():
    with pytest.raises(NotFound):
        build_graph([A], [EdgeRecord(1, "programme:a", "programme:zz", "enables")])


def test_refuses_a_pairing_outside_the_rules():
    with pytest.raises(RuleViolation):
        build_graph([A, GOAL], [EdgeRecord(1, "programme:a", "objective:goal", "enables")])


def test_refuses_an_unknown_node_kind():
    with pytest.raises(RuleViolation):
        build_graph([NodeRecord("thing:x", "thing", "X")], [])


def test_refuses_a_node_key_given_twice():
    with pytest.raises(DuplicateKey):
        build_graph([A, A], [])


def test_refuses_an_edge_given_twice():
    edge = EdgeRecord(1, "programme:a", "programme:b", "enables")
    with pytest.raises(DuplicateKey):
        build_graph([A, B], [edge, edge])


def test_refuses_stored_edges_that_form_a_cycle_and_names_it():
    edges = [
        EdgeRecord(1, "programme:a", "programme:b", "enables"),
        EdgeRecord(2, "programme:b", "programme:a", "enables"),
    ]
    with pytest.raises(CycleDetected) as refused:
        build_graph([A, B], edges)
    cycle = refused.value.extra["cycle"]
    assert cycle[0] == cycle[-1]
    assert set(cycle) == {"programme:a", "programme:b"}


def test_kind_of_an_unknown_key_is_not_found():
    with pytest.raises(NotFound):
        kind_of(build_graph([A], []), "programme:missing")
