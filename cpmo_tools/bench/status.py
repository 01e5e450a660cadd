"""Portfolio status at growing sizes, and firing gate events, in-process on a demo portfolio."""

import statistics
from collections.abc import Callable, Iterator

from cpmo_tools.bench.figures import Figure, time_calls, timings
from cpmo_tools.bench.inprocess import app_under_test
from cpmo_tools.bench.portfolios import DemoPortfolios

STATUS_TARGET_S = 0.150
RATIO_TARGET = 12.0
EVENT_TARGET_S = 0.050


def status_figures(portfolios: DemoPortfolios, sizes: list[int], repeat: int) -> Iterator[Figure]:
    """status at each size: median, p95, statements per request (constant is the target)."""
    medians: dict[int, float] = {}
    counts: dict[int, int] = {}
    for size in sizes:
        code, token = portfolios.get(size)
        with app_under_test(portfolios.url, token) as subject:
            path = f"/api/v1/portfolios/{code}/status"
            subject.get(path)  # warm caches, as a running worker would be
            measured = [subject.timed_get(path) for _ in range(repeat)]
        seconds = [s for s, _ in measured]
        counts[size] = max(q for _, q in measured)
        medians[size] = statistics.median(seconds)
        figure = timings("status", seconds, n=size, queries=counts[size])
        if size == 1_000:
            figure.target, figure.met = "median < 150 ms", medians[size] < STATUS_TARGET_S
        yield figure
    constant = len(set(counts.values())) == 1
    yield Figure(
        name="status_statements_constant",
        value=float(constant),
        target="same statement count at every size",
        met=constant,
        detail={str(k): v for k, v in counts.items()},
    )
    ratios = [(b, a) for a in sizes for b in sizes if b == a * 10]
    for big, small in ratios:
        ratio = medians[big] / medians[small]
        yield Figure(
            name=f"status_ratio_{_short(big)}_{_short(small)}",
            value=ratio,
            target="<= 12" if (big, small) == (10_000, 1_000) else None,
            met=ratio <= RATIO_TARGET if (big, small) == (10_000, 1_000) else None,
        )


def event_figure(portfolios: DemoPortfolios, size: int, samples: int) -> Figure:
    """Firing a gate event (pause, then resume) on programmes of a portfolio of ``size``."""
    code, token = portfolios.get(size)
    seconds: list[float] = []
    with app_under_test(portfolios.url, token) as subject:
        listed = subject.get(f"/api/v1/programmes?portfolio={code}&stage=delivery&page_size=200")
        programmes = [p["code"] for p in listed["items"]][: max(1, samples // 2)]
        if not programmes:
            raise RuntimeError(f"portfolio {code} has no programme in delivery to pause")
        for programme in programmes:
            for event in ("pause", "resume"):
                seconds.extend(time_calls(_firing(subject, programme, event), 1))
    figure = timings("event", seconds, n=size)
    figure.target, figure.met = "median < 50 ms", statistics.median(seconds) < EVENT_TARGET_S
    figure.detail["events"] = "pause/resume with rationale, version check and audit entry"
    return figure


def _firing(subject, programme: str, event: str) -> Callable[[], object]:  # type: ignore[no-untyped-def]
    version = subject.get(f"/api/v1/programmes/{programme}/workflow")["version"]
    body = {"event": event, "version": version, "rationale": "Benchmark: portfolio review"}
    return lambda: subject.post(f"/api/v1/programmes/{programme}/events", body)


def _short(size: int) -> str:
    return f"{size // 1000}k" if size >= 1000 and size % 1000 == 0 else str(size)
