"""Property tests: whatever edges are offered, the checker keeps the graph a DAG and the
analyses agree with networkx's own algorithms."""

import xml.etree.ElementTree as ET
from itertools import pairwise

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from cpmo.errors import CycleDetected, DuplicateKey
from cpmo.graph import (
    EdgeRecord,
    NodeRecord,
    add_edge,
    build_graph,
    critical_path,
    delivery_order,
    impact,
    programme_subgraph,
    to_graphml,
    to_svg,
)

BOUNDED = settings(max_examples=100, deadline=None)


@st.composite
def offered_programme_graphs(draw):
    """N programmes with random durations, and a random sequence of offered enables edges."""
    n = draw(st.integers(min_value=1, max_value=12))
    days = draw(st.lists(st.none() | st.integers(0, 1000), min_size=n, max_size=n))
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=40))
    nodes = [
        NodeRecord(f"programme:p{i}", "programme", f"P{i}", {"duration_days": d} if d else {})
        for i, d in enumerate(days)
    ]
    offers = [
        EdgeRecord(i, f"programme:p{s}", f"programme:p{t}", "enables")
        for i, (s, t) in enumerate(pairs)
    ]
    return nodes, offers


def grown(nodes, offers):
    """The graph after offering every edge; refused offers are returned with their errors."""
    graph = build_graph(nodes, [])
    refused = []
    for edge in offers:
        try:
            add_edge(graph, edge)
        except (CycleDetected, DuplicateKey) as error:
            refused.append((edge, error))
    return graph, refused


@BOUNDED
@given(offered_programme_graphs())
def test_accepted_edges_never_make_a_cycle(case):
    graph, _ = grown(*case)
    assert nx.is_directed_acyclic_graph(graph)


@BOUNDED
@given(offered_programme_graphs())
def test_refuses_an_edge_only_when_it_would_really_close_the_reported_cycle(case):
    nodes, offers = case
    graph = build_graph(nodes, [])
    for edge in offers:
        try:
            add_edge(graph, edge)
        except DuplicateKey:
            assert graph.has_edge(edge.source, edge.target)
        except CycleDetected as error:
            cycle = error.extra["cycle"]
            assert cycle[0] == cycle[-1] == edge.source
            assert cycle[1] == edge.target
            assert all(graph.has_edge(u, v) for u, v in pairwise(cycle[1:]))
        else:
            assert nx.is_directed_acyclic_graph(graph)


@BOUNDED
@given(offered_programme_graphs())
def test_impact_is_exactly_what_networkx_finds_reachable(case):
    graph, _ = grown(*case)
    for key in graph:
        assert impact(graph, key).affected == sorted(nx.descendants(graph, key))
        assert impact(graph, key).programmes_affected == sorted(nx.descendants(graph, key))


@BOUNDED
@given(offered_programme_graphs())
def test_delivery_order_is_networkx_topological_generations(case):
    graph, _ = grown(*case)
    expected = [sorted(gen) for gen in nx.topological_generations(programme_subgraph(graph))]
    assert delivery_order(graph) == expected
    assert sorted(k for gen in delivery_order(graph) for k in gen) == sorted(graph)


@BOUNDED
@given(offered_programme_graphs())
def test_critical_path_length_is_the_longest_duration_weighted_path(case):
    graph, _ = grown(*case)
    days = {k: graph.nodes[k].get("duration_days") or 0 for k in graph}
    # Weight each edge by its target's duration; a virtual start node adds the first's duration.
    weighted = nx.DiGraph()
    weighted.add_weighted_edges_from((u, v, days[v]) for u, v in graph.edges)
    weighted.add_weighted_edges_from(("START", k, days[k]) for k in graph)
    result = critical_path(graph)
    assert result.total_duration_days == nx.dag_longest_path_length(weighted)
    assert result.total_duration_days == sum(days[k] for k in result.path)
    assert all(graph.has_edge(u, v) for u, v in pairwise(result.path))
    assert result.missing_durations == sorted(
        k for k in graph if graph.nodes[k].get("duration_days") is None
    )


@BOUNDED
@given(st.lists(st.text(max_size=40), min_size=1, max_size=5))
def test_any_labels_give_well_formed_svg_and_graphml(labels):
    nodes = [NodeRecord(f"benefit:b{i}", "benefit", label) for i, label in enumerate(labels)]
    graph = build_graph(nodes, [])
    ET.fromstring(to_svg(graph))
    assert set(nx.parse_graphml(to_graphml(graph))) == set(graph)
