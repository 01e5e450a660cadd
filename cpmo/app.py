"""The Flask application: its factory, its database wiring and the per-request session."""

import functools
import weakref
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from flask import Flask, g

from cpmo.config import GovernanceLimits, instance_path_setting, load_settings
from cpmo.db import make_engine, make_sessionmaker, pool_options, writing_session


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build a cpmo Flask app. ``config`` overrides settings (tests pass their own)."""
    config = dict(config or {})
    session_factory = config.pop("SESSIONMAKER", None)
    given = config.pop("INSTANCE_PATH", None)
    instance_path = Path(given).resolve() if given else instance_path_setting()
    app = Flask(
        __name__,
        instance_path=str(instance_path) if instance_path else None,
        instance_relative_config=True,
    )
    settings = load_settings(Path(app.instance_path), overrides=config)
    app.config.from_mapping(
        SECRET_KEY=settings.secret_key,
        CPMO_DATABASE_URL=settings.database_url,
        MAX_CONTENT_LENGTH=settings.max_body_bytes,
        CPMO_REPORT_MAX_PROGRAMMES=settings.report_max_programmes,
        CPMO_SETTINGS=settings,
    )
    app.config.update({k: v for k, v in config.items() if not k.startswith("CPMO_")})
    init_db(app, session_factory)

    from cpmo.api import init_app as init_api

    init_api(app)
    from cpmo.web import init_app as init_web

    init_web(app)
    return app


def init_db(app: Flask, factory: Any = None) -> None:
    """One engine per app (unless a test hands in its own session factory); the app's
    sessions keep the graph version (:func:`cpmo.graph.version.track`)."""
    from cpmo.graph.version import track

    if factory is None:
        url = app.config["CPMO_DATABASE_URL"]
        engine = make_engine(url, **pool_options(url, app.config["CPMO_SETTINGS"].pool))
        settings = app.config["CPMO_SETTINGS"]
        factory = make_sessionmaker(
            engine,
            audit_keyring=audit_keyring(settings),
            password_hash_method=settings.password_hash_method,
        )
        app.extensions["cpmo.engine"] = engine
        weakref.finalize(app, engine.dispose)  # close pooled connections with the app
    track(factory)
    app.extensions["cpmo.sessionmaker"] = factory

    @app.teardown_request
    def _close_session(_exc: BaseException | None) -> None:
        session = g.pop("cpmo_session", None)
        if session is not None:
            session.rollback()
            session.close()


def governance_limits() -> GovernanceLimits:
    """The app's delegated limit and cost tolerance, read once with its settings."""
    from flask import current_app

    return current_app.config["CPMO_SETTINGS"].governance  # type: ignore[no-any-return]


def max_attachment_bytes() -> int:
    """The largest document the app keeps as an attachment (CPMO_MAX_ATTACHMENT_BYTES)."""
    from flask import current_app

    return current_app.config["CPMO_SETTINGS"].max_attachment_bytes  # type: ignore[no-any-return]


def audit_keyring(settings: Any) -> Any:
    """The audit keyring of ``settings`` (current key and older ones still trusted)."""
    from cpmo.workflows.audit import AuditKeyring

    return AuditKeyring.from_secrets(settings.audit_key, settings.audit_previous_keys)


def request_session() -> Any:
    """The session of the current request (one transaction per request)."""
    from flask import current_app, request

    if "cpmo_session" not in g:
        factory = current_app.extensions["cpmo.sessionmaker"]
        writes = request.method not in ("GET", "HEAD", "OPTIONS")
        g.cpmo_session = writing_session(factory) if writes else factory()
    return g.cpmo_session


P = ParamSpec("P")
R = TypeVar("R")


def transactional(view: Callable[P, R]) -> Callable[P, R]:
    """A writing view in one transaction: commit when it returns a success, roll back when it
    raises or answers with an error status (a page re-shown with its errors writes nothing)."""

    @functools.wraps(view)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        session = request_session()
        try:
            result = view(*args, **kwargs)
        except BaseException:
            session.rollback()
            raise
        if _status_of(result) < 400:
            session.commit()
        else:
            session.rollback()
        return result

    return run


def _status_of(result: Any) -> int:
    """The status a view's return value answers with (200 where the view leaves it to Flask)."""
    if isinstance(result, tuple) and len(result) > 1 and isinstance(result[1], int):
        return result[1]
    return int(getattr(result, "status_code", 200))
