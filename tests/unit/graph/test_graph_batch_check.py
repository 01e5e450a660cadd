"""edge_problems: a batch of edges (a seed file) checked in order, as (index, field, message)."""

from cpmo.graph.check import edge_problems

E = "programme:ttp-ms-foundation"
C = "programme:ttp-cyber"
I = "programme:ttp-its"  # noqa: E741
H = "programme:ttp-hub"
L = "programme:ttp-lonely"


def test_a_clean_batch_has_no_problems_and_leaves_the_graph_alone(portfolio):
    before = set(portfolio.edges)
    assert (
        edge_problems(portfolio, [(H, L, "enables"), (L, "benefit:undelivered", "delivers")]) == []
    )
    assert set(portfolio.edges) == before


def test_edges_already_stored_are_accepted_so_a_batch_loads_twice(portfolio):
    assert edge_problems(portfolio, [(E, C, "enables"), (C, I, "enables")]) == []


def test_names_unknown_nodes_by_field(portfolio):
    problems = edge_problems(portfolio, [("programme:nope", "objective:gone", "contributes_to")])
    assert problems == [
        (0, "source_key", "no graph node 'programme:nope'"),
        (0, "target_key", "no graph node 'objective:gone'"),
    ]


def test_refuses_an_edge_kind_the_node_kinds_do_not_allow(portfolio):
    [(index, field, message)] = edge_problems(portfolio, [(H, "benefit:undelivered", "enables")])
    assert (index, field) == (0, "kind")
    assert "programme -enables-> benefit is not an allowed edge" in message


def test_a_cycle_closed_within_the_batch_names_the_cycle(portfolio):
    problems = edge_problems(portfolio, [(L, H, "enables"), (I, L, "enables")])
    assert problems == [
        (
            1,
            "target_key",
            f"would close the cycle {I} → {L} → {H} → {I}",
        )
    ]


def test_the_second_record_of_a_repeated_pair_is_refused(portfolio):
    problems = edge_problems(portfolio, [(H, L, "enables"), (H, L, "enables")])
    assert problems == [(1, "target_key", "repeats record 1")]
