"""Time the graph analyses on a random portfolio DAG of 10,000 nodes and 50,000 edges.

Run: .venv/bin/python benchmarks/bench_graph.py [--seed N] [--enablers]. Prints one line per figure.
"""

import argparse
import random
import statistics
import time
from collections.abc import Callable

from cpmo.graph import (
    EdgeRecord,
    NodeRecord,
    build_graph,
    critical_path,
    delivery_order,
    enablers,
    impact,
    orphans,
)

MIX = {"programme": 4_000, "benefit": 4_000, "objective": 1_800, "priority": 50, "kpi": 150}
EDGE_MIX = [  # (edge kind, source kind, target kind, count); counts sum to 50,000
    ("enables", "programme", "programme", 20_000),
    ("delivers", "programme", "benefit", 10_000),
    ("contributes_to", "benefit", "objective", 8_000),
    ("contributes_to", "programme", "objective", 6_000),
    ("supports", "objective", "priority", 5_000),
    ("measures", "kpi", "benefit", 1_000),
]


def random_portfolio(rng: random.Random) -> tuple[list[NodeRecord], list[EdgeRecord]]:
    """Nodes of the MIX and distinct random edges; enables only from lower to higher index."""
    keys = {kind: [f"{kind}:{kind[:3]}-{i}" for i in range(n)] for kind, n in MIX.items()}
    nodes = []
    for kind, names in keys.items():
        for name in names:
            attrs: dict[str, object] = {}
            if kind == "benefit":
                attrs["value_gbp"] = rng.choice([None, rng.randrange(10_000, 5_000_000)])
            if kind == "programme":
                attrs["duration_days"] = rng.randrange(30, 900)
            nodes.append(NodeRecord(name, kind, name.split(":")[1], attrs))
    edges: list[EdgeRecord] = []
    for edge_kind, source_kind, target_kind, count in EDGE_MIX:
        sources, targets, seen = keys[source_kind], keys[target_kind], set()
        while len(seen) < count:
            s, t = rng.randrange(len(sources)), rng.randrange(len(targets))
            if source_kind == target_kind:
                if s == t:
                    continue
                s, t = min(s, t), max(s, t)
            if (s, t) not in seen:
                seen.add((s, t))
                edges.append(EdgeRecord(len(edges), sources[s], targets[t], edge_kind))
    return nodes, edges


def timed(action: Callable[[], object]) -> float:
    """Milliseconds one call of action takes."""
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    """Build the random graph and print one line per timing."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--enablers", action="store_true", help="also time enablers (slow)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    nodes, edges = random_portfolio(rng)
    graph = None

    def build() -> None:
        nonlocal graph
        graph = build_graph(nodes, edges)

    build_ms = timed(build)
    assert graph is not None
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
    print(f"build_graph: {build_ms:.1f} ms")
    keys = rng.sample(sorted(graph), args.samples)
    times = [timed(lambda k=k: impact(graph, k)) for k in keys]
    print(
        f"impact (median of {len(times)} random nodes): {statistics.median(times):.1f} ms"
        f" (max {max(times):.1f} ms)"
    )
    programmes = rng.sample(sorted(k for k in graph if k.startswith("programme:")), args.samples)
    times = [timed(lambda k=k: impact(graph, k)) for k in programmes]
    print(
        f"impact (median of {len(times)} random programmes): {statistics.median(times):.1f} ms"
        f" (max {max(times):.1f} ms)"
    )
    widest = max(programmes, key=lambda k: len(impact(graph, k).affected))
    times = [timed(lambda: impact(graph, widest)) for _ in range(args.samples)]
    reach = len(impact(graph, widest).affected)
    print(f"impact (widest sampled programme, {reach} reached): {statistics.median(times):.1f} ms")
    print(f"delivery_order: {timed(lambda: delivery_order(graph)):.1f} ms")
    print(f"critical_path: {timed(lambda: critical_path(graph)):.1f} ms")
    print(f"orphans: {timed(lambda: orphans(graph)):.1f} ms")
    if args.enablers:
        print(f"enablers (all programmes): {timed(lambda: enablers(graph)):.0f} ms")


if __name__ == "__main__":
    main()
