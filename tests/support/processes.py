"""Code that runs in separate OS processes (multiprocessing, ``spawn``): each builds its own
app, engine and connection pool, as a gunicorn worker or another host would."""

import os
import time
import traceback
from typing import Any


def approve_in_own_process(
    config: dict[str, Any],
    code: str,
    token: str,
    version: int,
    barrier: Any,
    results: Any,
) -> None:
    """Fire approve_obc on ``code`` decided on ``version``, together with the other processes
    (all wait at ``barrier`` with a warm connection first); put (pid, status, body) on
    ``results``."""
    try:
        from cpmo.app import create_app

        app = create_app(config)
        client = app.test_client()
        headers = {"Authorization": f"Bearer {token}"}
        warm = client.get(f"/api/v1/programmes/{code}", headers=headers)  # token, pool, caches
        assert warm.status_code == 200, warm.get_data(as_text=True)
        barrier.wait(timeout=120)
        response = client.post(
            f"/api/v1/programmes/{code}/events",
            json={"event": "approve_obc", "version": version, "rationale": "Value for money"},
            headers=headers,
        )
        results.put((os.getpid(), response.status_code, response.mimetype, response.get_json()))
        app.extensions["cpmo.engine"].dispose()
    except BaseException:
        results.put((os.getpid(), -1, "", {"error": traceback.format_exc()}))
        barrier.abort()


def score_until_refused(
    config: dict[str, Any],
    path: str,
    token: str,
    batches: list[list[tuple[str, str]]],
    barrier: Any,
    results: Any,
    limit: int = 500,
) -> None:
    """PUT batches of (candidate, criterion) scores to ``path`` (a workshop's scores) over and
    over, round r giving every cell the value 1 + r % 5, until one is refused (or ``limit``
    requests); put (pid, [(request number, value, status)]) on ``results``."""
    try:
        from cpmo.app import create_app

        app = create_app(config)
        client = app.test_client()
        headers = {"Authorization": f"Bearer {token}"}
        assert client.get(path, headers=headers).status_code == 200  # token, pool, caches
        barrier.wait(timeout=120)
        answers = []
        for number in range(limit):
            batch = batches[number % len(batches)]
            value = 1 + (number // len(batches)) % 5
            body = {"scores": [{"candidate": c, "criterion": k, "value": value} for c, k in batch]}
            response = client.put(path, json=body, headers=headers)
            answers.append((number, value, response.status_code))
            if response.status_code != 200:
                break
        results.put((os.getpid(), answers))
        app.extensions["cpmo.engine"].dispose()
    except BaseException:
        results.put((os.getpid(), [(0, traceback.format_exc(), -1)]))
        barrier.abort()


def close_after(
    config: dict[str, Any],
    code: str,
    token: str,
    delay: float,
    barrier: Any,
    results: Any,
) -> None:
    """Close workshop ``code`` ``delay`` seconds after the barrier; then read every score at
    once; put (pid, status, returned_at, [(scorer, candidate, criterion, value)])."""

    try:
        from cpmo.app import create_app

        app = create_app(config)
        client = app.test_client()
        headers = {"Authorization": f"Bearer {token}"}
        base = f"/api/v1/workshops/{code}"
        assert client.get(base, headers=headers).status_code == 200
        barrier.wait(timeout=120)
        time.sleep(delay)
        response = client.post(f"{base}/status", json={"status": "closed"}, headers=headers)
        returned = time.time()
        scores = client.get(f"{base}/scores", headers=headers).get_json()
        seen = sorted((s["scorer"], s["candidate"], s["criterion"], s["value"]) for s in scores)
        results.put((os.getpid(), response.status_code, returned, seen))
        app.extensions["cpmo.engine"].dispose()
    except BaseException:
        results.put((os.getpid(), -1, 0.0, traceback.format_exc()))
        barrier.abort()


def send_in_own_process(
    config: dict[str, Any],
    method: str,
    path: str,
    body: dict[str, Any],
    token: str,
    barrier: Any,
    results: Any,
) -> None:
    """Send one JSON request together with the other processes (each waits at ``barrier``
    with a warm app and connection first); put (pid, path, status, body) on ``results``."""
    try:
        from cpmo.app import create_app

        app = create_app(config)
        client = app.test_client()
        headers = {"Authorization": f"Bearer {token}"}
        warm = client.get("/api/v1/me", headers=headers)
        assert warm.status_code == 200, warm.get_data(as_text=True)
        barrier.wait(timeout=120)
        response = client.open(path, method=method, json=body, headers=headers)
        results.put((os.getpid(), path, response.status_code, response.get_json()))
        app.extensions["cpmo.engine"].dispose()
    except BaseException:
        results.put((os.getpid(), path, -1, {"error": traceback.format_exc()}))
        barrier.abort()
