"""gunicorn workers get their serving options as explicit settings: the process environment
is never written."""

import os
from pathlib import Path

import pytest

from cpmo.serving import CpmoApplication, ServeOptions, gunicorn_options, worker_app_config


def test_a_worker_sizes_its_pool_from_the_threads_it_serves_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CPMO_DATABASE_URL", f"sqlite:///{tmp_path / 'serve.sqlite3'}")
    monkeypatch.setenv("CPMO_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("CPMO_SECRET_KEY", "serving-test")
    monkeypatch.setenv("CPMO_THREADS", "2")
    monkeypatch.delenv("CPMO_DB_POOL_SIZE", raising=False)
    before = dict(os.environ)
    options = ServeOptions(host="127.0.0.1", port=8124, workers=3, threads=7)
    app = CpmoApplication(gunicorn_options(options), worker_app_config(options)).load()
    try:
        settings = app.config["CPMO_SETTINGS"]
        assert (settings.workers, settings.threads, settings.pool.size) == (3, 7, 7)
        assert dict(os.environ) == before
    finally:
        app.extensions["cpmo.engine"].dispose()
