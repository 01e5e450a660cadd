"""A gunicorn worker killed (SIGKILL) in the middle of requests loses no acknowledged write,
leaves nothing half-written, and is replaced while the service keeps answering."""

import os
import signal
import threading
import time
from http.client import HTTPException
from pathlib import Path

from sqlmodel import select

from cpmo.db import make_engine, make_sessionmaker
from cpmo.models import Programme
from tests.conftest import TEST_AUDIT_KEYRING
from tests.support.reliability import (
    Prepared,
    audit_chain_verifies,
    prepare_database,
    programme_state,
)
from tests.support.served import ProductionServer, request

CLIENTS = 4  # against 2 workers x 2 threads: every worker thread is busy most of the time


class Traffic:
    """Client threads, each pausing and resuming its own programme (a stage change and an
    audit entry per event) and now and then registering a new programme."""

    def __init__(self, port: int, prepared: Prepared, codes: tuple[str, ...]) -> None:
        self.port, self.prepared, self.codes = port, prepared, codes
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.events: list[tuple[str, str, int]] = []  # acknowledged (code, event, new version)
        self.created: list[str] = []  # acknowledged new programmes
        self.unanswered = 0  # requests that got no answer (their worker died)
        self.unexpected: list[tuple[int, bytes]] = []
        self.threads = [threading.Thread(target=self._client, args=(code,)) for code in codes]

    @property
    def acknowledged(self) -> int:
        with self.lock:
            return len(self.events) + len(self.created)

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            if thread.ident is not None:  # started
                thread.join(timeout=60)

    def _send(self, method: str, path: str, who: str, body: object = None):  # type: ignore[no-untyped-def]
        try:
            return request(self.port, method, path, body, headers=self.prepared.auth(who))
        except (OSError, HTTPException):  # reset, refused, timed out or cut mid-body:
            # the outcome is unknown
            with self.lock:
                self.unanswered += 1
            return None

    def _client(self, code: str) -> None:
        stage, version, turn = "", None, 0
        while not self.stop.is_set():
            turn += 1
            if version is None:  # after an unknown outcome, look again before deciding
                reply = self._send("GET", f"/api/v1/programmes/{code}", "officer1")
                if reply is None or reply.status != 200:
                    continue
                stage, version = reply.json()["stage"], reply.json()["version"]
            event = "resume" if stage == "on_hold" else "pause"
            reply = self._send(
                "POST",
                f"/api/v1/programmes/{code}/events",
                "officer1",
                {"event": event, "version": version},
            )
            if reply is not None and reply.status == 200:
                body = reply.json()
                stage, version = body["stage"], body["version"]
                with self.lock:
                    self.events.append((code, event, version))
            else:
                version = None
                if reply is not None:
                    with self.lock:
                        self.unexpected.append((reply.status, reply.body))
            if turn % 4 == 0:
                new = f"{code}-n{turn}"
                reply = self._send(
                    "POST",
                    "/api/v1/programmes",
                    "pm",
                    {"code": new, "name": f"New {turn}", "portfolio": "goj-change"},
                )
                if reply is not None and reply.status == 201:
                    with self.lock:
                        self.created.append(new)
                elif reply is not None:
                    with self.lock:
                        self.unexpected.append((reply.status, reply.body))


def _wait_for(condition, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def test_killing_a_worker_mid_request_loses_no_acknowledged_write(
    fresh_database_url: str, tmp_path: Path
) -> None:
    codes = tuple(f"steady-{n}" for n in range(1, CLIENTS + 1))
    prepared = prepare_database(fresh_database_url, proposed=codes)
    start_versions = {code: programme_state(fresh_database_url, code)[1] for code in codes}
    server = ProductionServer(fresh_database_url, tmp_path / "served", workers=2, threads=2)
    traffic = Traffic(server.port, prepared, codes)
    killed: list[int] = []
    try:
        server.wait_until_ready(workers=2)
        traffic.start()
        _wait_for(lambda: traffic.acknowledged >= 12, 60, "writes to flow")
        # normally the first kill catches requests in flight; kill again if it did not
        for _ in range(3):
            lost_before = traffic.unanswered
            victim = sorted(server.workers())[0]
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)
            _wait_for(lambda: len(server.workers() - set(killed)) == 2, 60, "a replacement worker")
            more = traffic.acknowledged + 12
            _wait_for(lambda n=more: traffic.acknowledged >= n, 60, "writes to resume")
            if traffic.unanswered > lost_before:
                break
        traffic.finish()

        assert traffic.unanswered >= 1, "no request was in flight when a worker was killed"
        assert not traffic.unexpected, traffic.unexpected[:3]
        assert request(server.port, "GET", "/api/v1/health").status == 200
        live = server.workers()
        assert len(live) == 2 and not live & set(killed), (live, killed)
    finally:
        traffic.finish()
        server.stop()

    # every acknowledged event is there, in order, with its audit entry; nothing half-done
    for code in codes:
        stage, version, entries = programme_state(fresh_database_url, code)
        done = [e.event for e in entries]
        assert len(done) == version - start_versions[code], (code, version, done)
        assert done == ["pause", "resume"] * (len(done) // 2) + ["pause"] * (len(done) % 2)
        assert stage == ("on_hold" if len(done) % 2 else "proposed")
        assert all(e.to_stage == ("on_hold" if e.event == "pause" else "proposed") for e in entries)
        for acked_code, event, new_version in traffic.events:
            if acked_code == code:
                assert done[new_version - start_versions[code] - 1] == event
    engine = make_engine(fresh_database_url)
    with make_sessionmaker(engine, audit_keyring=TEST_AUDIT_KEYRING)() as session:
        stored = set(session.exec(select(Programme.code)))
    engine.dispose()
    assert set(traffic.created) <= stored
    ok, entries = audit_chain_verifies(fresh_database_url)
    assert ok and entries >= len(traffic.events)
