"""Production serving: cpmo under gunicorn, embedded (no separate gunicorn command line).

The master process only reads and checks the settings; each worker builds its own app (and so
its own engine and connection pool) after the fork, so no database connection is ever shared
between processes. Workers are gunicorn's threaded workers (``gthread``).
"""

from dataclasses import dataclass
from typing import Any

from gunicorn.app.base import BaseApplication


@dataclass(frozen=True)
class ServeOptions:
    host: str
    port: int
    workers: int
    threads: int
    timeout: int = 60


def gunicorn_options(options: ServeOptions) -> dict[str, Any]:
    """gunicorn settings for ``options``: threaded workers, graceful restarts, access log to
    stdout, error log to stderr."""
    host = f"[{options.host}]" if ":" in options.host else options.host  # IPv6 literal
    return {
        "bind": f"{host}:{options.port}",
        "workers": options.workers,
        "worker_class": "gthread",
        "threads": options.threads,
        "timeout": options.timeout,
        "graceful_timeout": options.timeout,
        "keepalive": 5,
        "preload_app": False,  # the app (and its engine) is created in each worker
        "accesslog": "-",
        "errorlog": "-",
        "proc_name": "cpmo",
        # gunicorn >= 25 opens a control socket in $HOME by default; cpmo does not use it
        "control_socket_disable": True,
    }


class CpmoApplication(BaseApplication):  # type: ignore[misc]
    """gunicorn's application interface around :func:`cpmo.app.create_app`."""

    def __init__(self, options: dict[str, Any], app_config: dict[str, Any] | None = None) -> None:
        self.options = options
        self.app_config = app_config or {}
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key in self.cfg.settings:  # settings newer than the installed gunicorn are skipped
                self.cfg.set(key, value)

    def load(self) -> Any:
        # runs in the worker, after the fork
        from cpmo.app import create_app

        return create_app(self.app_config)


def serve(options: ServeOptions) -> None:
    """Run the gunicorn master until it is stopped (SIGTERM: graceful stop; SIGINT: quick).

    The caller checks the settings first (and so creates the instance folder's secret key
    once, before several workers could race to create it).
    """
    CpmoApplication(gunicorn_options(options), worker_app_config(options)).run()


def worker_app_config(options: ServeOptions) -> dict[str, Any]:
    """The settings each worker's app is built with on top of the environment: workers size
    their connection pools from the thread count they serve with (handed over explicitly,
    never by writing the process environment)."""
    return {"CPMO_THREADS": options.threads, "CPMO_WORKERS": options.workers}
