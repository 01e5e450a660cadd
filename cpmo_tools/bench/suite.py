"""Every benchmark, in order, at full or quick sizes: what `cpmo bench` runs."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from cpmo_tools.bench import (
    bench_graph,
    bench_prioritisation,
    bench_reports,
    bench_search,
    bench_uploads,
)
from cpmo_tools.bench.figures import Figure, Printer
from cpmo_tools.bench.load import run_load
from cpmo_tools.bench.portfolios import DemoPortfolios
from cpmo_tools.bench.status import event_figure, status_figures
from cpmo_tools.bench.throughput import health_vs_status, worker_memory

GROUPS = (
    "status",
    "event",
    "health_vs_status",
    "memory",
    "graph",
    "prioritisation",
    "reports",
    "uploads",
    "search",
    "load",
)


@dataclass(frozen=True)
class Plan:
    """Sizes and durations of one run."""

    status_sizes: tuple[int, ...]
    status_repeat: int
    event_size: int
    event_samples: int
    throughput_seconds: float
    memory_size: int
    graph_samples: int
    prioritisation_repeats: int
    selection_seeds: tuple[int, ...]
    report_repeat: int
    load_size: int
    load_seconds: float


FULL = Plan(
    status_sizes=(100, 1_000, 10_000),
    status_repeat=30,
    event_size=10_000,
    event_samples=60,
    throughput_seconds=10.0,
    memory_size=10_000,
    graph_samples=50,
    prioritisation_repeats=5,
    selection_seeds=bench_prioritisation.SELECTION_SEEDS,
    report_repeat=3,
    load_size=1_000,
    load_seconds=60.0,
)
QUICK = Plan(
    status_sizes=(100, 1_000),
    status_repeat=10,
    event_size=1_000,
    event_samples=20,
    throughput_seconds=3.0,
    memory_size=1_000,
    graph_samples=10,
    prioritisation_repeats=2,
    selection_seeds=bench_prioritisation.SELECTION_SEEDS[:3],
    report_repeat=1,
    load_size=100,
    load_seconds=10.0,
)


def run(
    printer: Printer,
    *,
    quick: bool,
    database_url: str | None = None,
    only: Iterable[str] = (),
    plan: Plan | None = None,
) -> list[Figure]:
    """Run the chosen groups (all but load by default in quick mode), printing as it goes."""
    plan = plan or (QUICK if quick else FULL)
    chosen = list(only) or [g for g in GROUPS if not (quick and g == "load")]
    unknown = sorted(set(chosen) - set(GROUPS))
    if unknown:
        raise ValueError(f"unknown benchmark group(s) {', '.join(unknown)}; choose from {GROUPS}")
    portfolios = DemoPortfolios(database_url, note=printer.note)
    try:
        for group in GROUPS:
            if group in chosen:
                printer.note(f"{group} …")
                for figure in _group(group, plan, portfolios):
                    printer(figure)
        for size, seconds in sorted(portfolios.generation_s.items()):
            printer(Figure(name="demo_data", n=size, median_s=seconds, samples=1))
    finally:
        portfolios.close()
    return printer.figures


def _group(name: str, plan: Plan, portfolios: DemoPortfolios) -> Iterator[Figure]:
    runners: dict[str, Callable[[], Iterator[Figure]]] = {
        "status": lambda: status_figures(portfolios, list(plan.status_sizes), plan.status_repeat),
        "event": lambda: iter([event_figure(portfolios, plan.event_size, plan.event_samples)]),
        "health_vs_status": lambda: health_vs_status(portfolios, 10, plan.throughput_seconds),
        "memory": lambda: iter([worker_memory(portfolios, plan.memory_size, 20)]),
        "graph": lambda: bench_graph.figures(samples=plan.graph_samples),
        "prioritisation": lambda: bench_prioritisation.figures(
            repeats=plan.prioritisation_repeats, seeds=plan.selection_seeds
        ),
        "reports": lambda: bench_reports.figures(repeat=plan.report_repeat),
        "uploads": bench_uploads.figures,
        # its own temporary SQLite database (PostgreSQL: python -m cpmo_tools.bench.bench_search)
        "search": lambda: bench_search.figures(
            samples=max(10, plan.graph_samples // 2), size=plan.status_sizes[-1]
        ),
        "load": lambda: run_load(
            portfolios, plan.load_size, seconds=plan.load_seconds, readers=4, writers=2
        ),
    }
    yield from runners[name]()
