"""Server-rendered pages (Jinja2, GOV.UK Design System), driven by the same services as the
API: sign-in, dashboard, programme, business case form, approval queue.

``init_app`` registers the blueprint, Flask-Login, CSRF protection (pages only: the API
authenticates with bearer tokens, not cookies), secure cookie settings and HTML error pages.
"""

import secrets
from datetime import timedelta

from flask import Flask, g, request
from werkzeug.wrappers import Response

from cpmo.api.auth import API_PREFIX
from cpmo.api.headers import strict_transport
from cpmo.money import money, short_money
from cpmo.vocabulary import (
    case_kind_label,
    case_status_label,
    gate_label,
    long_date,
    rag_label,
    role_label,
    stage_label,
)
from cpmo.web import labels
from cpmo.web.case_errors import readable


def secure_cookies(app: Flask) -> bool:
    """CPMO_SECURE_COOKIES when set; otherwise on, except when testing or debugging."""
    configured = app.config["CPMO_SETTINGS"].secure_cookies
    if configured is not None:
        return bool(configured)
    return not (app.testing or app.debug)


def _configure(app: Flask) -> None:
    secure = secure_cookies(app)
    max_hours = app.config["CPMO_SETTINGS"].sessions.max_hours
    app.config.update(
        # the cookie's signature is not accepted beyond a session's absolute lifetime (the
        # session itself lives in the database: cpmo.users.sessions)
        PERMANENT_SESSION_LIFETIME=timedelta(hours=max_hours),
        SESSION_COOKIE_NAME="cpmo_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=secure,
        # CSRF is checked by the pages' own guard (cpmo.web.auth.guard), never on the API.
        WTF_CSRF_CHECK_DEFAULT=False,
        # a token lives as long as the signed-in session: long forms are not lost to a timer
        WTF_CSRF_TIME_LIMIT=None,
    )


def _security_headers(response: Response) -> Response:
    """Every response outside the API (pages, assets, error pages, redirects)."""
    if request.path.startswith(API_PREFIX):
        return response  # cpmo.api.headers
    nonce = g.get("csp_nonce")  # set only when a template was rendered: never an empty nonce
    scripts = f"'self' 'nonce-{nonce}'" if nonce else "'self'"
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        f"script-src {scripts}; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'self'",
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if request.endpoint != "web.static":
        response.headers.setdefault("Cache-Control", "no-store")
    strict_transport(response)
    return response


def _template_globals() -> dict[str, object]:
    from flask_login import current_user

    from cpmo.web.navigation import navigation
    from cpmo.web.policy import may_open

    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return {
        "csp_nonce": g.csp_nonce,
        "navigation": navigation(request.endpoint, current_user),
        "service_name": "Portfolio governance",
        "may_open": lambda endpoint: may_open(endpoint, getattr(current_user, "role", None)),
    }


def init_app(app: Flask) -> None:
    """Register the pages on ``app`` (after the API, whose error dispatch defers to these)."""
    from cpmo.web import auth, errors, views  # noqa: F401  (views register their routes)
    from cpmo.web.blueprint import bp

    _configure(app)
    auth.login_manager.init_app(app)
    auth.csrf.init_app(app)
    app.register_blueprint(bp)
    app.extensions["cpmo.page_errors"] = errors.page_http_error
    app.after_request(_security_headers)
    app.context_processor(_template_globals)
    app.jinja_env.filters.update(
        stage=stage_label,
        rag=rag_label,
        gate=gate_label,
        case_kind=case_kind_label,
        case_status=case_status_label,
        role=role_label,
        event=labels.event_label,
        money=money,
        short_money=short_money,
        percent=labels.percent,
        benefit_type=labels.benefit_type,
        outturn_source=labels.outturn_source,
        condition_status=labels.condition_status,
        plan_status=labels.plan_status,
        kpi_direction=labels.kpi_direction,
        figure=labels.figure,
        with_unit=labels.with_unit,
        condition_due=labels.condition_due,
        risk_status=labels.risk_status,
        long_date=long_date,
        date_time=labels.date_time,
        first_upper=labels.first_upper,
        readable=readable,
        stage_option=lambda s: (s, stage_label(s)),
        rag_option=lambda r: (r, rag_label(r)),
        same_option=lambda v: (v, v),
    )
    app.jinja_env.globals.update(
        stage_tags=labels.STAGE_TAGS,
        rag_tags=labels.RAG_TAGS,
        condition_tags={k: v[1] for k, v in labels.CONDITION_STATUSES.items()},
        risk_tags={k: v[1] for k, v in labels.RISK_STATUSES.items()},
        plan_status_tags={k: v[1] for k, v in labels.PLAN_STATUSES.items()},
    )
