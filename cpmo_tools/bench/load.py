"""A bounded load test on loopback: readers and writers against gunicorn for a fixed time.

Readers fetch the portfolio status, the oversight report (JSON) and a workshop ranking;
writers put workshop scores and fire gate events (pause/resume). Every writer owns its own
scorer account or programmes, so the last acknowledged write of each is what the database
must hold afterwards: anything else is a lost write.
"""

import http.client
import random
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from cpmo_tools.bench.figures import Figure, percentile
from cpmo_tools.bench.portfolios import DemoPortfolios
from cpmo_tools.bench.served import request, serve

CRITERIA = [
    {"key": f"k{i}", "name": f"Criterion {i}", "weight": 1 + i, "scale_min": 0, "scale_max": 10}
    for i in range(3)
]
CANDIDATES = [{"key": f"c{i:02d}", "name": f"Candidate {i}"} for i in range(20)]


@dataclass
class Tally:
    """What the clients saw, per kind of request."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))
    failures: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, seconds: float, status: int) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            self.statuses[kind][status] += 1

    def failed(self, kind: str) -> None:
        with self.lock:
            self.failures[kind] += 1


class Client:
    """A keep-alive connection that reconnects after a failure."""

    def __init__(self, port: int, token: str, tally: Tally) -> None:
        self.port, self.token, self.tally = port, token, tally
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def call(self, kind: str, method: str, path: str, body: object = None) -> tuple[int, object]:
        start = time.perf_counter()
        try:
            status, data = request(self.port, method, path, body, self.token, self.conn)
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            self.tally.failed(kind)
            return 0, None
        self.tally.record(kind, time.perf_counter() - start, status)
        return status, data

    def close(self) -> None:
        self.conn.close()


def _setup(port: int, tokens: dict[str, str], scorers: int) -> tuple[str, dict[str, str]]:
    """A "load" workshop open for scoring by ``scorers`` new scorer accounts; their tokens."""
    accounts = {}
    for i in range(scorers):
        status, data = request(
            port,
            "POST",
            "/api/v1/users",
            {"username": f"load-scorer-{i}", "role": "scorer"},
            tokens["admin"],
        )
        if status != 201:
            raise RuntimeError(f"creating a scorer answered {status}: {data}")
        accounts[f"load-scorer-{i}"] = data["token"]  # type: ignore[index]
    body = {
        "code": "load",
        "name": "Load test workshop",
        "budgets": {"2027": 10_000_000},
        "criteria": CRITERIA,
        "candidates": CANDIDATES,
        "scorers": [{"username": name} for name in accounts],
    }
    for method, path, payload in (
        ("POST", "/api/v1/workshops", body),
        ("POST", "/api/v1/workshops/load/status", {"status": "scoring"}),
    ):
        status, data = request(port, method, path, payload, tokens["facilitator"])
        if status >= 300:
            raise RuntimeError(f"{method} {path} answered {status}: {data}")
    return "load", accounts


def run_load(
    portfolios: DemoPortfolios, size: int, *, seconds: float, readers: int, writers: int
) -> Iterator[Figure]:
    """Run the mix for ``seconds``; yield throughput, latency, errors and lost-write figures."""
    code, _ = portfolios.get(size)
    tokens = portfolios.tokens(size)
    tally = Tally()
    with serve(portfolios.url, workers=2, threads=4) as server:
        port = server.port
        workshop, scorer_tokens = _setup(port, tokens, writers)
        _, listed = request(port, "GET", "/api/v1/workshops", token=tokens["cpmo"])
        closed = [w["code"] for w in listed if w.get("status") == "closed"]  # type: ignore[union-attr]
        _, delivery = request(
            port,
            "GET",
            f"/api/v1/programmes?portfolio={code}&stage=delivery&page_size=200",
            token=tokens["cpmo"],
        )
        programmes = [p["code"] for p in delivery["items"]]  # type: ignore[index]
        owned = [programmes[i::writers] for i in range(writers)]
        last_scores: dict[tuple[str, str, str], float | None] = {}
        acked_events: Counter[str] = Counter()
        tried_events: Counter[str] = Counter()
        stop = time.monotonic() + seconds

        def reader(index: int) -> None:
            client = Client(port, tokens["oversight"], tally)
            paths = [
                ("status", f"/api/v1/portfolios/{code}/status"),
                ("report", f"/api/v1/reports/oversight?portfolio={code}"),
            ]
            if closed:
                paths.append(("ranking", f"/api/v1/workshops/{closed[0]}/ranking"))
            rng = random.Random(index)
            while time.monotonic() < stop:
                kind, path = rng.choice(paths)
                client.call(kind, "GET", path)
            client.close()

        def score_writer(index: int) -> None:
            name = f"load-scorer-{index}"
            client = Client(port, scorer_tokens[name], tally)
            rng = random.Random(1000 + index)
            while time.monotonic() < stop:
                batch = [
                    {"candidate": c["key"], "criterion": k["key"], "value": rng.randint(0, 10)}
                    for c in rng.sample(CANDIDATES, 5)
                    for k in CRITERIA
                ]
                status, _ = client.call(
                    "scores", "PUT", f"/api/v1/workshops/{workshop}/scores", {"scores": batch}
                )
                for item in batch:
                    cell = (name, item["candidate"], item["criterion"])
                    last_scores[cell] = float(item["value"]) if status == 200 else None
            client.close()

        def event_writer(index: int) -> None:
            client = Client(port, tokens["cpmo"], tally)
            mine = owned[index]
            while mine and time.monotonic() < stop:
                for programme in mine:
                    if time.monotonic() >= stop:
                        break
                    _, flow = client.call(
                        "workflow", "GET", f"/api/v1/programmes/{programme}/workflow"
                    )
                    if not isinstance(flow, dict):
                        continue
                    event = "resume" if flow["stage"] == "on_hold" else "pause"
                    body = {"event": event, "version": flow["version"], "rationale": "Load test"}
                    tried_events[programme] += 1
                    status, _ = client.call(
                        "event", "POST", f"/api/v1/programmes/{programme}/events", body
                    )
                    acked_events[programme] += status in (200, 201)
            client.close()

        started = time.perf_counter()
        threads = [threading.Thread(target=reader, args=(i,)) for i in range(readers)]
        threads += [threading.Thread(target=score_writer, args=(i,)) for i in range(writers)]
        threads += [threading.Thread(target=event_writer, args=(i,)) for i in range(writers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        lost = _lost_writes(port, tokens, workshop, last_scores, acked_events, tried_events)
        _, verified = request(port, "GET", "/api/v1/audit/verify", token=tokens["cpmo"])
    yield from _figures(tally, elapsed, size, lost, verified, readers, writers)


def _lost_writes(
    port: int,
    tokens: dict[str, str],
    workshop: str,
    last_scores: dict[tuple[str, str, str], float | None],
    acked: Counter[str],
    tried: Counter[str],
) -> dict[str, int]:
    """Acknowledged writes missing from the database, by kind."""
    _, rows = request(
        port, "GET", f"/api/v1/workshops/{workshop}/scores", token=tokens["facilitator"]
    )
    stored = {(r["scorer"], r["candidate"], r["criterion"]): r["value"] for r in rows}  # type: ignore[union-attr]
    lost_scores = sum(
        1 for cell, value in last_scores.items() if value is not None and stored.get(cell) != value
    )
    lost_events = 0
    for programme, count in acked.items():
        _, flow = request(
            port, "GET", f"/api/v1/programmes/{programme}/workflow", token=tokens["cpmo"]
        )
        recorded = sum(
            1
            for d in flow["history"]
            if d["rationale"] == "Load test"  # type: ignore[index]
        )
        lost_events += max(0, count - recorded)
        if recorded > tried[programme]:
            raise RuntimeError(f"{programme}: more decisions recorded than events sent")
    return {"scores": lost_scores, "events": lost_events}


def _figures(
    tally: Tally,
    elapsed: float,
    size: int,
    lost: dict[str, int],
    verified: object,
    readers: int,
    writers: int,
) -> Iterator[Figure]:
    total = sum(len(v) for v in tally.latencies.values())
    server_errors = sum(n for c in tally.statuses.values() for s, n in c.items() if s >= 500)
    for kind, latencies in sorted(tally.latencies.items()):
        statuses = dict(sorted(tally.statuses[kind].items()))
        yield Figure(
            name=f"load_{kind}",
            n=size,
            median_s=percentile(latencies, 0.5),
            p95_s=percentile(latencies, 0.95),
            samples=len(latencies),
            value=len(latencies) / elapsed,
            unit="requests/s",
            detail={"statuses": statuses, "no_answer": tally.failures[kind]},
        )
    no_answer = sum(tally.failures.values())
    chain_ok = isinstance(verified, dict) and bool(verified.get("ok"))
    yield Figure(
        name="load",
        n=size,
        value=total / elapsed,
        unit="requests/s",
        samples=total,
        target="zero 5xx, zero lost writes, audit chain intact",
        met=server_errors == 0 and not any(lost.values()) and chain_ok,
        detail={
            "seconds": round(elapsed, 1),
            "readers": readers,
            "writers": 2 * writers,
            "5xx": server_errors,
            "no_answer": no_answer,
            "lost_scores": lost["scores"],
            "lost_events": lost["events"],
            "audit_chain": "intact" if chain_ok else f"BROKEN {verified}",
        },
    )
