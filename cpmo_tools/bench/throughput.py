"""Health against status through a real WSGI server, and a worker's peak memory at scale."""

from collections.abc import Iterator

from cpmo_tools.bench.figures import Figure, percentile
from cpmo_tools.bench.portfolios import DemoPortfolios
from cpmo_tools.bench.served import hammer, request, serve

THROUGHPUT_SHARE_TARGET = 0.40
MEMORY_TARGET_MB = 300.0


def health_vs_status(portfolios: DemoPortfolios, size: int, seconds: float) -> Iterator[Figure]:
    """Requests per second of /health and of status at ``size`` programmes, and their ratio."""
    code, token = portfolios.get(size)
    with serve(portfolios.url, workers=2, threads=4) as server:
        rates = {}
        for name, path, bearer in (
            ("health", "/api/v1/health", None),
            ("status", f"/api/v1/portfolios/{code}/status", token),
        ):
            hammer(server.port, path, bearer, clients=4, seconds=min(1.0, seconds))  # warm up
            run = hammer(server.port, path, bearer, clients=8, seconds=seconds)
            rates[name] = run.per_second
            yield Figure(
                name=f"{name}_throughput",
                n=size if name == "status" else None,
                value=run.per_second,
                unit="requests/s",
                median_s=percentile(run.latencies, 0.5),
                p95_s=percentile(run.latencies, 0.95),
                samples=run.requests,
                detail={"errors": run.errors, "clients": 8, "workers": 2, "threads": 4},
            )
    share = rates["status"] / rates["health"]
    yield Figure(
        name="health_vs_status",
        n=size,
        value=share,
        unit="status/health",
        target=">= 0.40",
        met=share >= THROUGHPUT_SHARE_TARGET,
    )


def worker_memory(portfolios: DemoPortfolios, size: int, requests: int) -> Figure:
    """Peak resident memory of a worker after serving status at ``size`` programmes."""
    code, token = portfolios.get(size)
    with serve(portfolios.url, workers=1, threads=4) as server:
        for _ in range(requests):
            status, _ = request(
                server.port, "GET", f"/api/v1/portfolios/{code}/status", token=token
            )
            if status != 200:
                raise RuntimeError(f"status answered {status}")
        peak = max(server.peak_rss_mb().values())
    return Figure(
        name="worker_peak_rss",
        n=size,
        value=peak,
        unit="MB",
        target="< 300 MB",
        met=peak < MEMORY_TARGET_MB,
        detail={"requests": requests},
    )
