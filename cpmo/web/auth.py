"""Signing in and out of the pages: passwords (scrypt, see cpmo.users.service), server-side
sessions (cpmo.users.sessions: the cookie carries only a random session id), the sign-in
throttle (cpmo.users.throttle), and the guard that runs before every page: CSRF, sign-in,
role."""

import logging
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from cpmo.app import max_attachment_bytes, request_session
from cpmo.config import SessionSettings
from cpmo.db import transaction
from cpmo.documents.files import too_large
from cpmo.users import service as users
from cpmo.users import sessions, throttle
from cpmo.users.models import User, WebSession
from cpmo.web.blueprint import bp
from cpmo.web.forms import SignIn, form_errors
from cpmo.web.policy import DOCUMENT_UPLOADS, PUBLIC_PAGES, may_open

login_manager = LoginManager()
login_manager.login_view = "web.sign_in"
login_manager.login_message = "Sign in to see that page."
login_manager.login_message_category = "info"
csrf = CSRFProtect()
log = logging.getLogger(__name__)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# the pages someone who must change their password may still open
WHILE_MUST_CHANGE = frozenset({"web.change_password", "web.sign_out"})
# what a form with a document adds to the document itself (boundaries, CSRF token, a note)
FORM_OVERHEAD = 64 * 1024
FAILED = "Enter a correct username and password"


class PageUser(UserMixin):
    """The signed-in person and the server-side session they hold. Flask-Login keeps the
    session id (never the user id) in the cookie."""

    def __init__(self, user: User, token: str, web: WebSession | None = None) -> None:
        self.user = user
        self.username = user.username
        self.role = user.role
        self.token = token
        self.web = web

    def get_id(self) -> str:
        return self.token


def _settings() -> SessionSettings:
    return current_app.config["CPMO_SETTINGS"].sessions  # type: ignore[no-any-return]


def _lifetime() -> sessions.Lifetime:
    policy = _settings()
    return sessions.Lifetime(
        idle=timedelta(minutes=policy.idle_minutes), absolute=timedelta(hours=policy.max_hours)
    )


@login_manager.user_loader
def _load_user(token: str) -> PageUser | None:
    found = sessions.resume(request_session(), token=token, lifetime=_lifetime())
    if found is None:
        return None
    web, user = found
    return PageUser(user, token, web)


def _touch(page_user: PageUser) -> None:
    """Note that the session was seen (at most once a minute), in its own short transaction:
    the request's own transaction only read so far, so it is ended first (on SQLite a read
    transaction held open would block the write)."""
    web = page_user.web
    if web is None or web.id is None or not sessions.due_for_touch(web):
        return
    request_session().commit()
    try:
        with transaction(current_app.extensions["cpmo.sessionmaker"]) as writing:
            sessions.touch(writing, session_id=web.id)
    except OperationalError as exc:  # bookkeeping only: a busy or read-only database still reads
        log.warning("could not record that a session was seen: %s", exc)


def acting_user() -> User:
    """The signed-in user's row, for service calls."""
    return current_user.user  # type: ignore[no-any-return]


def _safe_next(target: str | None) -> str:
    """Only a plain path on this site is followed after signing in: never another host, a
    scheme, a backslash (browsers read "/\\host" as "//host") or a control character."""
    home = url_for("web.my_work")
    if not target or len(target) > 2000:
        return home
    if any(ord(c) < 0x20 or ord(c) == 0x7F or c == "\\" for c in target):
        return home
    if not target.startswith("/") or target.startswith("//"):
        return home
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or "%5c" in target.lower():
        return home
    return target


@bp.before_request
def guard() -> Any:
    """Every page: CSRF on unsafe methods, then sign-in, then the role table. A page that
    takes a document reads a body up to the attachment limit, only for whoever may open it."""
    if request.endpoint in DOCUMENT_UPLOADS and may_open(
        request.endpoint, getattr(current_user, "role", None)
    ):
        request.max_content_length = max_attachment_bytes() + FORM_OVERHEAD
    if request.method not in SAFE_METHODS:
        try:
            csrf.protect()
        except RequestEntityTooLarge:
            abort(413, description=_too_big())
    if request.endpoint in PUBLIC_PAGES:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    _touch(current_user)  # type: ignore[arg-type]
    if current_user.user.must_change_password and request.endpoint not in WHILE_MUST_CHANGE:
        return redirect(url_for("web.change_password"))
    if not may_open(request.endpoint, current_user.role):
        abort(403)
    return None


def _too_big() -> str:
    """What a page says of a body over its cap (werkzeug's own words are not for people)."""
    if request.endpoint in DOCUMENT_UPLOADS:
        return f"{too_large(max_attachment_bytes()).detail}. Go back and choose a smaller file."
    return "The file is too big to be sent. Go back and choose a smaller file."


def _limits() -> throttle.Limits:
    policy = _settings()
    return throttle.Limits(
        account=policy.account_limit,
        address=policy.address_limit,
        window=timedelta(minutes=policy.window_minutes),
    )


def _refused(refusal: throttle.Refusal, username: str) -> Any:
    minutes = max(1, -(-refusal.retry_after // 60))
    wait = "1 minute" if minutes == 1 else f"{minutes} minutes"
    message = (
        f"You have tried to sign in too many times. Wait {wait}, then try again. "
        "If you have forgotten your password, ask your administrator to reset it."
    )
    page = render_template(
        "web/sign_in.html", values={"username": username}, errors={"username": [message]}
    )
    return page, 429, {"Retry-After": str(refusal.retry_after)}


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in() -> Any:
    if request.method == "GET":
        if current_user.is_authenticated:
            return redirect(url_for("web.my_work"))
        return render_template("web/sign_in.html", values={}, errors={})
    data, errors = form_errors(SignIn(), request.form)
    typed = request.form.get("username", "")[:80]
    if errors:
        return render_template("web/sign_in.html", values={"username": typed}, errors=errors), 401
    db = request_session()
    attempt, refusal = throttle.begin(
        db, username=data["username"], address=request.remote_addr, limits=_limits()
    )
    if refusal is not None:
        return _refused(refusal, typed)
    user = users.check_password(db, username=data["username"], password=data["password"])
    if user is None:
        db.commit()  # the failed attempt stays counted
        errors = {"username": [FAILED]}
        return render_template("web/sign_in.html", values={"username": typed}, errors=errors), 401
    throttle.succeeded(db, attempt_id=attempt, username=data["username"])
    restart_session(user)
    db.commit()
    if user.must_change_password:
        return redirect(url_for("web.change_password"))
    return redirect(_safe_next(request.args.get("next")))


def restart_session(user: User) -> None:
    """Start a new server-side session for ``user`` and sign them in to it (the caller
    commits); whatever the cookie held before is dropped."""
    token = sessions.start(request_session(), user=user)
    session.clear()
    login_user(PageUser(user, token))


@bp.route("/sign-out", methods=["POST"])
def sign_out() -> Response:
    if current_user.is_authenticated:
        db = request_session()
        sessions.end(db, token=current_user.token, reason="signed out")
        db.commit()
    logout_user()
    session.clear()
    flash("You have signed out.", "success")
    return redirect(url_for("web.sign_in"))
