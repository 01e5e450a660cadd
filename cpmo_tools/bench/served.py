"""cpmo under gunicorn on loopback (`cpmo serve --production`), and clients that drive it."""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cpmo_tools.bench.portfolios import BENCH_AUDIT_KEY


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def children_of(pid: int) -> set[int]:
    """Live (not zombie) child processes of ``pid``, from /proc."""
    found = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if int(ppid) == pid and state not in ("Z", "X"):
            found.add(int(entry))
    return found


@dataclass
class Server:
    """A running gunicorn master on 127.0.0.1:port."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path

    def workers(self) -> set[int]:
        """Process ids of the master's live worker processes."""
        return children_of(self.process.pid)

    def peak_rss_mb(self) -> dict[int, float]:
        """Each worker's peak resident memory (VmHWM) in MB."""
        peaks = {}
        for pid in self.workers():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peaks[pid] = int(line.split()[1]) / 1024
            except OSError:
                continue
        return peaks


@contextmanager
def serve(url: str, *, workers: int = 2, threads: int = 4) -> Iterator[Server]:
    """Start `cpmo serve --production` against ``url``; stop it (SIGTERM, then SIGKILL) after."""
    port = free_port()
    folder = tempfile.TemporaryDirectory(prefix="cpmo-bench-serve-")
    log = Path(folder.name) / "server.log"
    env = {
        **os.environ,
        "CPMO_DATABASE_URL": url,
        "CPMO_INSTANCE_PATH": folder.name,
        "CPMO_SECURE_COOKIES": "0",
        "CPMO_AUDIT_KEY": BENCH_AUDIT_KEY,
    }
    command = [sys.executable, "-m", "cpmo.cli", "serve", "--production", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", str(workers), "--threads", str(threads)]
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(process, port, log)
    try:
        _wait_until_healthy(server)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        folder.cleanup()


def _wait_until_healthy(server: Server, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"server exited: {server.log.read_text()[-2000:]}")
        try:
            status, _ = request(server.port, "GET", "/api/v1/health")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server not healthy after {timeout} s: {server.log.read_text()[-2000:]}")


def request(
    port: int,
    method: str,
    path: str,
    body: Any = None,
    token: str | None = None,
    connection: http.client.HTTPConnection | None = None,
) -> tuple[int, Any]:
    """One request; the JSON answer (or None)."""
    conn = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    payload = None
    if body is not None:
        payload = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    try:
        conn.request(method, path, body=payload, headers=headers)
        response = conn.getresponse()
        data = response.read()
    finally:
        if connection is None:
            conn.close()
    kind = response.getheader("Content-Type", "")
    return response.status, json.loads(data) if data and "json" in kind else None


@dataclass
class Throughput:
    """Completed requests per second from ``clients`` threads for ``seconds``."""

    requests: int = 0
    errors: int = 0
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def hammer(port: int, path: str, token: str | None, *, clients: int, seconds: float) -> Throughput:
    """GET ``path`` as fast as ``clients`` keep-alive connections can for ``seconds``."""
    result = Throughput()
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        done, errors, latencies = 0, 0, []
        try:
            while time.monotonic() < stop:
                start = time.perf_counter()
                try:
                    status, _ = request(port, "GET", path, token=token, connection=conn)
                except (OSError, http.client.HTTPException):
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    errors += 1
                    continue
                latencies.append(time.perf_counter() - start)
                done += 1
                errors += status != 200
        finally:
            conn.close()
        with lock:
            result.requests += done
            result.errors += errors
            result.latencies.extend(latencies)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    return result
