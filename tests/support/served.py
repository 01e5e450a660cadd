"""`cpmo serve --production` as a subprocess on a free loopback port, with small HTTP and
process helpers (the standard library only: http.client and /proc)."""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.conftest import TEST_AUDIT_KEY


def free_port() -> int:
    """A loopback port nobody listens on right now."""
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


class Reply:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    def json(self) -> Any:
        return json.loads(self.body)


def request(
    port: int,
    method: str,
    path: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
    timeout: float = 20,
) -> Reply:
    """One request on its own connection (so a dead worker takes only that request with it)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        payload = None if body is None else json.dumps(body).encode()
        sent = {"Connection": "close", **(headers or {})}
        if payload is not None:
            sent["Content-Type"] = "application/json"
        connection.request(method, path, body=payload, headers=sent)
        response = connection.getresponse()
        return Reply(response.status, dict(response.getheaders()), response.read())
    finally:
        connection.close()


class ProductionServer:
    """The gunicorn master (and its workers), stopped gracefully at the end."""

    def __init__(self, database_url: str, folder: Path, *, workers: int, threads: int) -> None:
        self.port = free_port()
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.stdout = (folder / "access.log").open("wb")
        self.stderr = (folder / "server.log").open("wb")
        env = {
            **os.environ,
            "CPMO_DATABASE_URL": database_url,
            "CPMO_INSTANCE_PATH": str(folder / "instance"),
            "CPMO_SECRET_KEY": "reliability-tests",
            "CPMO_AUDIT_KEY": TEST_AUDIT_KEY,
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "cpmo.cli",
                "serve",
                "--production",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--port",
                str(self.port),
                "--timeout",
                "20",
            ],
            env=env,
            stdout=self.stdout,
            stderr=self.stderr,
        )

    def wait_until_ready(self, workers: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log()
            try:
                if request(self.port, "GET", "/api/v1/health", timeout=5).status == 200 and (
                    len(self.workers()) == workers
                ):
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"the server did not start:\n{self.log()}")

    def workers(self) -> set[int]:
        return children_of(self.process.pid)

    def log(self) -> str:
        self.stderr.flush()
        return (self.folder / "server.log").read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.stdout.close()
        self.stderr.close()
