from cpmo.graph import EdgeRecord, NodeRecord, build_graph, critical_path, delivery_order


def programmes(*specs, edges=()):
    """A graph of programmes given as (key, duration_days or None) and enables pairs."""
    nodes = [
        NodeRecord(f"programme:{k}", "programme", k, {} if d is None else {"duration_days": d})
        for k, d in specs
    ]
    records = [
        EdgeRecord(i, f"programme:{s}", f"programme:{t}", "enables")
        for i, (s, t) in enumerate(edges)
    ]
    return build_graph(nodes, records)


def test_orders_programmes_in_generations_that_can_run_in_parallel(portfolio):
    assert delivery_order(portfolio) == [
        ["programme:ttp-hub", "programme:ttp-lonely", "programme:ttp-ms-foundation"],
        ["programme:ttp-cyber"],
        ["programme:ttp-its"],
    ]


def test_programmes_without_enables_edges_start_in_the_first_generation():
    assert delivery_order(programmes(("b", 1), ("a", 1))) == [["programme:a", "programme:b"]]


def test_delivery_order_of_a_graph_without_programmes_is_empty():
    assert delivery_order(build_graph([], [])) == []


def test_critical_path_follows_the_longest_chain_by_duration(portfolio):
    result = critical_path(portfolio)
    assert result.path == [
        "programme:ttp-ms-foundation",
        "programme:ttp-cyber",
        "programme:ttp-its",
    ]
    assert result.total_duration_days == 365 + 200 + 545
    assert result.missing_durations == ["programme:ttp-hub"]


def test_a_long_single_programme_beats_a_short_chain():
    graph = programmes(("big", 100), ("x", 1), ("y", 5), edges=[("x", "y")])
    result = critical_path(graph)
    assert result.path == ["programme:big"]
    assert result.total_duration_days == 100


def test_a_chain_of_programmes_without_durations_still_has_a_path():
    graph = programmes(("a", None), ("b", None), edges=[("a", "b")])
    result = critical_path(graph)
    assert result.path == ["programme:a", "programme:b"]
    assert result.total_duration_days == 0
    assert result.missing_durations == ["programme:a", "programme:b"]


def test_equal_chains_are_broken_by_key():
    graph = programmes(("a", 2), ("b", 2), ("c", 1), edges=[("a", "c"), ("b", "c")])
    assert critical_path(graph).path == ["programme:a", "programme:c"]


def test_critical_path_of_no_programmes_is_empty():
    result = critical_path(build_graph([], []))
    assert (result.path, result.total_duration_days, result.missing_durations) == ([], 0, [])
