import pytest

from cpmo.errors import NotFound
from cpmo.graph import EdgeRecord, NodeRecord, build_graph
from cpmo.graph.upstream import Upstream, upstream


def programmes(*edges: tuple[str, str]):
    """Programmes a, b, c … joined by enables edges, plus a benefit b1 delivered by d."""
    keys = sorted({k for edge in edges for k in edge} | {"d"})
    nodes = [NodeRecord(f"programme:{k}", "programme", k.upper()) for k in keys]
    nodes.append(NodeRecord("benefit:b1", "benefit", "B1"))
    records = [
        EdgeRecord(i, f"programme:{s}", f"programme:{t}", "enables")
        for i, (s, t) in enumerate(edges)
    ]
    records.append(EdgeRecord(99, "programme:d", "benefit:b1", "delivers"))
    return build_graph(nodes, records)


def test_lists_direct_enablers_before_transitive_ones_with_their_path(portfolio):
    assert upstream(portfolio, "programme:ttp-its") == [
        Upstream("programme:ttp-cyber", True, ["programme:ttp-cyber", "programme:ttp-its"]),
        Upstream("programme:ttp-hub", True, ["programme:ttp-hub", "programme:ttp-its"]),
        Upstream(
            "programme:ttp-ms-foundation",
            True,
            ["programme:ttp-ms-foundation", "programme:ttp-its"],
        ),
    ]


def test_a_programme_needed_only_through_another_is_transitive():
    graph = programmes(("a", "b"), ("b", "c"), ("x", "c"))
    found = {u.key: u for u in upstream(graph, "programme:c")}
    assert found["programme:b"].direct and found["programme:x"].direct
    assert not found["programme:a"].direct
    assert found["programme:a"].path == ["programme:a", "programme:b", "programme:c"]
    assert [u.key for u in upstream(graph, "programme:c")] == [
        "programme:b",
        "programme:x",
        "programme:a",
    ]


def test_a_programme_with_nothing_upstream_has_an_empty_list(portfolio):
    assert upstream(portfolio, "programme:ttp-ms-foundation") == []


def test_only_enables_edges_count_as_upstream():
    graph = programmes(("a", "b"))
    assert upstream(graph, "benefit:b1") == []


def test_upstream_of_an_unknown_key_is_not_found(portfolio):
    with pytest.raises(NotFound):
        upstream(portfolio, "programme:nope")
