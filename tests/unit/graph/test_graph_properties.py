"""Property tests: whatever edges are offered, the checker keeps the graph a DAG and the
analyses agree with networkx's own algorithms."""

import xml.etree.ElementTree as ET
from contextlib import suppress
from itertools import pairwise

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from cpmo.errors import CycleDetected, DuplicateKey
from cpmo.graph import (
    EdgeRecord,
    Enabler,
    NodeRecord,
    add_edge,
    build_graph,
    critical_path,
    delivery_order,
    edge_kind_for,
    enablers,
    impact,
    kind_of,
    nodes_of_kind,
    orphans,
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


@st.composite
def mixed_graphs(draw):
    """Programmes, benefits (some valued) and objectives joined by random accepted edges."""
    counts = {"programme": draw(st.integers(1, 8)), "benefit": draw(st.integers(0, 6))}
    counts["objective"] = draw(st.integers(0, 4))
    nodes = [
        NodeRecord(f"{kind}:{kind[0]}{i}", kind, f"{kind} {i}", {"value_gbp": value})
        for kind, n in counts.items()
        for i in range(n)
        for value in [draw(st.none() | st.integers(0, 10**12)) if kind == "benefit" else None]
    ]
    graph = build_graph(nodes, [])
    for _ in range(draw(st.integers(0, 30))):
        source, target = draw(st.sampled_from(nodes)).key, draw(st.sampled_from(nodes)).key
        kind = edge_kind_for(kind_of(graph, source), kind_of(graph, target))
        if kind is not None:
            with suppress(CycleDetected, DuplicateKey):
                add_edge(graph, EdgeRecord(None, source, target, kind))
    return graph


@BOUNDED
@given(mixed_graphs())
def test_enablers_agree_with_counting_each_programmes_descendants(graph):
    expected = []
    for key in nodes_of_kind(graph, "programme"):
        reached = nx.descendants(graph, key)
        benefits = [n for n in reached if n.startswith("benefit:")]
        value = sum(graph.nodes[b]["value_gbp"] or 0 for b in benefits)
        programmes = sum(1 for n in reached if n.startswith("programme:"))
        expected.append(Enabler(key, len(benefits), value, programmes))
    expected.sort(key=lambda e: (-e.benefit_value_gbp, -e.benefits, e.key))
    assert enablers(graph) == expected


@BOUNDED
@given(mixed_graphs())
def test_impact_value_and_unserved_objectives_follow_reachability(graph):
    programmes = nodes_of_kind(graph, "programme")
    for key in graph:
        reached = nx.descendants(graph, key)
        report = impact(graph, key)
        assert report.affected == sorted(reached)
        assert report.benefit_value_at_risk == sum(
            graph.nodes[n]["value_gbp"] or 0 for n in reached if n.startswith("benefit:")
        )
    assert orphans(graph).objectives == [
        o
        for o in nodes_of_kind(graph, "objective")
        if not any(nx.has_path(graph, p, o) for p in programmes)
    ]
