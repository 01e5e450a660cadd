"""Time the oversight report for 200 generated programmes, and the GMPP import per year.

Run: .venv/bin/python -m cpmo_tools.bench.bench_reports [--programmes N] [--repeat R] [--seed S]
     [--database-url URL] [--gmpp-dir DIR]
Prints one line per figure. The database is a temporary SQLite file unless --database-url
names an empty, migratable one. GMPP files come from <repo>/../shared/data/gmpp when present,
else from the small excerpts in tests/data/gmpp. Target: the PDF in under 10 s.
"""

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from cpmo.db import make_engine, make_sessionmaker, transaction
from cpmo.graph.models import GraphEdge
from cpmo.imports.gmpp.service import import_gmpp
from cpmo.migrate import upgrade
from cpmo.models import Benefit, Condition, GatePlan, Milestone, Portfolio, Programme, Risk
from cpmo.reports.assembly import assemble
from cpmo.reports.service import render
from cpmo.vocabulary import RAGS
from cpmo.workflows.audit import AuditKeyring
from cpmo.workflows.gates import GATE_FACING

# the source checkout this package sits in (its tests/data hold the input files)
REPO = Path(__file__).resolve().parents[2]
STAGES = ["proposed", "fbc_development", "supplier_selection", "delivery", "obc_review"]


def generate(session, rng: random.Random, size: int) -> None:  # type: ignore[no-untyped-def]
    """A portfolio 'bench' of ``size`` programmes with milestones, gates, edges, benefits."""
    portfolio = Portfolio(code="bench", name="Benchmark portfolio", organisation="Bench")
    session.add(portfolio)
    session.flush()
    programmes = []
    for i in range(size):
        start = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 700))
        programmes.append(
            Programme(
                code=f"bench-{i:03d}",
                name=f"Programme {i}",
                portfolio_id=portfolio.id,
                stage=rng.choice(STAGES),
                rag=rng.choice(RAGS),
                whole_life_cost_gbp=rng.randrange(1, 400) * 250_000,
                planned_start=start,
                planned_end=start + timedelta(days=rng.randrange(200, 1500)),
            )
        )
    session.add_all(programmes)
    session.flush()
    for p in programmes:
        gate = GATE_FACING.get(p.stage)
        if gate:
            due = date(2026, 1, 1) + timedelta(days=rng.randrange(-300, 300))
            session.add(GatePlan(programme_id=p.id, gate=gate, planned_date=due))
        for m in range(3):
            due = date(2025, 6, 1) + timedelta(days=rng.randrange(0, 700))
            done = due if rng.random() < 0.4 else None
            session.add(
                Milestone(
                    code=f"{p.code}-m{m}",
                    programme_id=p.id,
                    title=f"M{m}",
                    due_date=due,
                    completed_on=done,
                )
            )
        if rng.random() < 0.2:
            session.add(
                Condition(
                    programme_id=p.id,
                    gate="obc",
                    text="Condition",
                    set_by="bench",
                    audit_sequence=1,
                )
            )
        session.add(
            Benefit(
                code=f"{p.code}-b",
                title=f"Benefit of {p.code}",
                value_gbp=rng.randrange(1, 100) * 100_000,
                programme_id=p.id,
            )
        )
        session.add(
            Risk(
                code=f"{p.code}-r",
                programme_id=p.id,
                title="Risk",
                likelihood=rng.randrange(1, 6),
                impact=rng.randrange(1, 6),
            )
        )
    session.flush()
    pairs = {tuple(sorted(rng.sample(range(size), 2))) for _ in range(size * 2)}
    session.add_all(
        GraphEdge(
            source_key=f"programme:bench-{a:03d}",
            target_key=f"programme:bench-{b:03d}",
            kind="enables",
        )
        for a, b in pairs
    )
    session.add_all(
        GraphEdge(
            source_key=f"programme:{p.code}", target_key=f"benefit:{p.code}-b", kind="delivers"
        )
        for p in programmes
    )
    session.flush()


def timed(label: str, repeat: int, work) -> float:  # type: ignore[no-untyped-def]
    """Median seconds of ``repeat`` runs, printed."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        runs.append(time.perf_counter() - started)
    median = statistics.median(runs)
    size = f", {len(result):,} bytes" if isinstance(result, bytes) else ""
    print(f"{label}: median {median:.2f} s over {repeat} run(s) (min {min(runs):.2f}){size}")
    return median


def bench_reports(factory, size: int, repeat: int, seed: int) -> None:  # type: ignore[no-untyped-def]
    with transaction(factory) as session:
        generate(session, random.Random(seed), size)
    with factory() as session:
        assemble(session, code="bench")  # build the graph cache once, as a running app would
        timed(f"assemble {size} programmes", repeat, lambda: assemble(session, code="bench"))
        for fmt in ("json", "html", "xlsx", "pdf"):
            seconds = timed(
                f"{fmt.upper()} for {size} programmes",
                repeat,
                lambda fmt=fmt: render(session, code="bench", fmt=fmt).data,
            )
        print(f"PDF target under 10 s: {'met' if seconds < 10 else 'MISSED'} ({seconds:.2f} s)")


def bench_gmpp(factory, folder: Path) -> None:  # type: ignore[no-untyped-def]
    print(f"GMPP files from {folder}")
    for path in sorted(folder.glob("gmpp_*.csv")):
        data = path.read_bytes()
        for attempt in ("import", "re-import"):
            started = time.perf_counter()
            with transaction(factory) as session:
                result = import_gmpp(session, data=data, filename=path.name, actor="bench")
            seconds = time.perf_counter() - started
            print(
                f"GMPP {result.year} {attempt}: {result.projects} projects in {seconds:.2f} s "
                f"({result.created} created, {result.unchanged} unchanged)"
            )
    with factory() as session:
        year = sorted(folder.glob("gmpp_*.csv"))[-1].stem.replace("gmpp_", "").replace("_", "-")
        timed(
            f"PDF for GMPP {year}", 1, lambda: render(session, code=f"gmpp-{year}", fmt="pdf").data
        )


def figures(repeat: int = 3, size: int = 200, seed: int = 7):  # type: ignore[no-untyped-def]
    """`cpmo bench` figures: the oversight PDF for ``size`` programmes; GMPP import per year."""
    from cpmo_tools.bench.figures import time_calls, timings

    shared = REPO.parent / "shared" / "data" / "gmpp"
    folder = shared if shared.is_dir() else REPO / "tests/data/gmpp"
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.sqlite3"
        upgrade(url)
        engine = make_engine(url)
        factory = make_sessionmaker(engine, audit_keyring=AuditKeyring.from_secrets("cpmo-bench"))
        try:
            with transaction(factory) as session:
                generate(session, random.Random(seed), size)
            with factory() as session:
                assemble(session, code="bench")  # the graph cache, as a running app has it
                seconds = time_calls(lambda: render(session, code="bench", fmt="pdf"), repeat)
            figure = timings("report_pdf", seconds, n=size)
            figure.target, figure.met = "median < 10 s", figure.median_s < 10  # type: ignore[operator]
            yield figure
            for path in sorted(folder.glob("gmpp_*.csv")):
                data = path.read_bytes()
                start = time.perf_counter()
                with transaction(factory) as session:
                    result = import_gmpp(session, data=data, filename=path.name, actor="bench")
                yield timings(
                    "import_gmpp",
                    [time.perf_counter() - start],
                    n=result.projects,
                    detail={"year": result.year, "source": folder.name},
                )
        finally:
            engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--programmes", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--gmpp-dir", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
        upgrade(url)
        engine = make_engine(url)
        factory = make_sessionmaker(engine, audit_keyring=AuditKeyring.from_secrets("cpmo-bench"))
        bench_reports(factory, args.programmes, args.repeat, args.seed)
        shared = REPO.parent / "shared" / "data" / "gmpp"
        bench_gmpp(
            factory, args.gmpp_dir or (shared if shared.is_dir() else REPO / "tests/data/gmpp")
        )
        engine.dispose()


if __name__ == "__main__":
    main()
