"""The Flask application: its factory, its database wiring and the per-request session."""

import os
import weakref
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, g

from cpmo.config import load_settings
from cpmo.db import make_engine, make_sessionmaker, pool_options, writing_session


def _settings_env(config: Mapping[str, Any]) -> dict[str, str]:
    """The process environment with CPMO_* overrides from ``config`` on top."""
    env = dict(os.environ)
    env.update({k: str(v) for k, v in config.items() if k.startswith("CPMO_") and v is not None})
    return env


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build a cpmo Flask app. ``config`` overrides settings (tests pass their own)."""
    config = dict(config or {})
    session_factory = config.pop("SESSIONMAKER", None)
    instance_path = config.pop("INSTANCE_PATH", None) or os.environ.get("CPMO_INSTANCE_PATH")
    app = Flask(
        __name__,
        instance_path=str(Path(instance_path).resolve()) if instance_path else None,
        instance_relative_config=True,
    )
    settings = load_settings(Path(app.instance_path), _settings_env(config))
    app.config.from_mapping(
        SECRET_KEY=settings.secret_key,
        CPMO_DATABASE_URL=settings.database_url,
        CPMO_DELEGATED_LIMIT_GBP=settings.delegated_limit_gbp,
        CPMO_COST_TOLERANCE=settings.cost_tolerance,
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
    """One engine per app (unless a test hands in its own session factory)."""
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
    app.extensions["cpmo.sessionmaker"] = factory

    @app.teardown_request
    def _close_session(_exc: BaseException | None) -> None:
        session = g.pop("cpmo_session", None)
        if session is not None:
            session.rollback()
            session.close()


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
