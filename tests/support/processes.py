"""Code that runs in separate OS processes (multiprocessing, ``spawn``): each builds its own
app, engine and connection pool, as a gunicorn worker or another host would."""

import os
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
        from cpmo import create_app

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
        from cpmo import create_app

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
