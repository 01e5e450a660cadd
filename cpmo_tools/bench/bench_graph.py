"""Time the graph analyses on a random portfolio DAG of 10,000 nodes and 50,000 edges.

Run: .venv/bin/python -m cpmo_tools.bench.bench_graph [--seed N] [--enablers]
[--db [--database-url U]].
Prints one line per figure. With --db the same graph is also stored in a database (a temporary
SQLite file unless --database-url names an empty, migratable one) and built from it, as the
API does: one query per table, then cached until the graph version changes.
"""

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlmodel import select

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
from cpmo.workflows.audit import AuditKeyring

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


def figures(samples: int = 50, seed: int = 2020):  # type: ignore[no-untyped-def]
    """`cpmo bench` figures: impact and delivery order on 10,000 nodes and 50,000 edges."""
    from cpmo_tools.bench.figures import timings

    rng = random.Random(seed)
    nodes, edges = random_portfolio(rng)
    graph = build_graph(nodes, edges)
    size = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
    programmes = rng.sample(sorted(k for k in graph if k.startswith("programme:")), samples)
    seconds = [timed(lambda k=k: impact(graph, k)) / 1000 for k in programmes]
    figure = timings("impact", seconds, n=len(nodes), detail={**size, "of": "random programmes"})
    figure.target, figure.met = "median < 50 ms", figure.median_s < 0.050  # type: ignore[operator]
    yield figure
    seconds = [timed(lambda: delivery_order(graph)) / 1000 for _ in range(max(3, samples // 10))]
    yield timings("order", seconds, n=len(nodes), detail=size)


def main() -> None:
    """Build the random graph and print one line per timing."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--enablers", action="store_true", help="also time enablers (slow)")
    parser.add_argument("--db", action="store_true", help="also build the graph from a database")
    parser.add_argument("--database-url", help="an empty database for --db (default: SQLite)")
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
    if args.db:
        with tempfile.TemporaryDirectory() as folder:
            url = args.database_url or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
            bench_database(url, nodes, edges, rng, args.samples)


def store_portfolio(session, nodes: list[NodeRecord], edges: list[EdgeRecord]) -> None:  # type: ignore[no-untyped-def]
    """Write the random portfolio into cpmo's tables: each kind in its own table, edges in
    graph_edge (bulk inserts: this times reading, not writing)."""
    from sqlalchemy import insert

    from cpmo.models import (
        Benefit,
        CspPriority,
        Department,
        GraphEdge,
        Kpi,
        Objective,
        Portfolio,
        Programme,
    )

    def code(node: NodeRecord) -> str:
        return node.key.split(":", 1)[1]

    session.add(Department(code="bench", name="Bench"))
    session.add(Portfolio(code="bench", name="Bench"))
    session.flush()
    dept = session.exec(select(Department.id)).one()
    folio = session.exec(select(Portfolio.id)).one()
    by_kind: dict[str, list[NodeRecord]] = {}
    for node in nodes:
        by_kind.setdefault(node.kind, []).append(node)
    rows = {
        Programme: [
            {"code": code(n), "name": n.label, "portfolio_id": folio} for n in by_kind["programme"]
        ],
        Benefit: [
            {"code": code(n), "title": n.label, "value_gbp": n.attrs.get("value_gbp")}
            for n in by_kind["benefit"]
        ],
        Objective: [
            {"code": code(n), "title": n.label, "department_id": dept} for n in by_kind["objective"]
        ],
        CspPriority: [{"code": code(n), "name": n.label} for n in by_kind["priority"]],
        Kpi: [{"code": code(n), "name": n.label} for n in by_kind["kpi"]],
    }
    for model, values in rows.items():
        session.execute(insert(model), values)
    session.execute(
        insert(GraphEdge),
        [{"source_key": e.source, "target_key": e.target, "kind": e.kind} for e in edges],
    )


def bench_database(
    url: str, nodes: list[NodeRecord], edges: list[EdgeRecord], rng: random.Random, samples: int
) -> None:
    """Store the graph in the database at url, then time building it and reading through it."""
    from cpmo.db import make_engine, make_sessionmaker, transaction
    from cpmo.graph import service, store, version
    from cpmo.migrate import upgrade

    upgrade(url)
    engine = make_engine(url)
    factory = make_sessionmaker(engine, audit_keyring=AuditKeyring.from_secrets("cpmo-bench"))
    try:
        start = time.perf_counter()
        with transaction(factory) as session:
            store_portfolio(session, nodes, edges)
            version.bump(session)
        print(f"database ({engine.dialect.name}): stored in {time.perf_counter() - start:.1f} s")
        with factory() as session:
            builds = []
            for _ in range(3):
                store.clear_cache()
                builds.append(timed(lambda: store.get_graph(session)))
            graph = store.get_graph(session)
            print(
                f"build from database ({graph.number_of_nodes()} nodes, "
                f"{graph.number_of_edges()} edges, 7 queries): median of 3 "
                f"{statistics.median(builds):.0f} ms"
            )
            hits = [timed(lambda: store.get_graph(session)) for _ in range(samples)]
            print(f"cached graph (version check, 1 query): {statistics.median(hits):.2f} ms")
            keys = rng.sample(sorted(k for k in graph if k.startswith("programme:")), samples)
            times = [timed(lambda k=k: service.get_impact(session, key=k)) for k in keys]
            print(
                f"service impact, cached graph (median of {samples} programmes): "
                f"{statistics.median(times):.1f} ms (max {max(times):.1f} ms)"
            )
            print(
                f"service order, cached graph: {timed(lambda: service.get_order(session)):.1f} ms"
            )
            store.clear_cache()
            cold = timed(lambda: service.get_impact(session, key=keys[0]))
            print(f"service impact after a change (rebuild + impact): {cold:.0f} ms")
    finally:
        engine.dispose()


if __name__ == "__main__":
    main()
