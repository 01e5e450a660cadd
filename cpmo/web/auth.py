"""Signing in and out of the pages: passwords (scrypt, see cpmo.users.service), Flask-Login
sessions, and the guard that runs before every page: CSRF, sign-in, role."""

import hashlib
from typing import Any
from urllib.parse import urlsplit

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFProtect
from werkzeug.wrappers import Response

from cpmo import request_session
from cpmo.users import service as users
from cpmo.users.models import User
from cpmo.web.blueprint import bp
from cpmo.web.forms import SignIn, form_errors
from cpmo.web.policy import PUBLIC_PAGES, may_open

login_manager = LoginManager()
login_manager.login_view = "web.sign_in"
login_manager.login_message = "Sign in to see that page."
login_manager.login_message_category = "info"
csrf = CSRFProtect()
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class PageUser(UserMixin):
    """The signed-in person. The session id includes a fingerprint of the password hash, so
    changing a password signs out every other session of that user."""

    def __init__(self, user: User) -> None:
        self.user = user
        self.username = user.username
        self.role = user.role

    def get_id(self) -> str:
        return f"{self.user.id}:{_fingerprint(self.user)}"


def _fingerprint(user: User) -> str:
    return hashlib.sha256((user.password_hash or "").encode()).hexdigest()[:16]


@login_manager.user_loader
def _load_user(session_id: str) -> PageUser | None:
    user_id, _, fingerprint = session_id.partition(":")
    if not user_id.isdigit():
        return None
    user = request_session().get(User, int(user_id))
    if user is None or not user.active or not user.password_hash:
        return None
    return PageUser(user) if _fingerprint(user) == fingerprint else None


def acting_user() -> User:
    """The signed-in user's row, for service calls."""
    return current_user.user  # type: ignore[no-any-return]


def _safe_next(target: str | None) -> str:
    """Only a path on this site (never another host) is followed after signing in."""
    if not target:
        return url_for("web.dashboard")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("web.dashboard")
    return target


@bp.before_request
def guard() -> Any:
    """Every page: CSRF on unsafe methods, then sign-in, then the role table."""
    if request.method not in SAFE_METHODS:
        csrf.protect()
    if request.endpoint in PUBLIC_PAGES:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not may_open(request.endpoint, current_user.role):
        abort(403)
    return None


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in() -> Any:
    if request.method == "GET":
        if current_user.is_authenticated:
            return redirect(url_for("web.dashboard"))
        return render_template("web/sign_in.html", values={}, errors={})
    data, errors = form_errors(SignIn(), request.form)
    user = None
    if not errors:
        user = users.check_password(
            request_session(), username=data["username"], password=data["password"]
        )
        if user is None:
            errors = {"username": ["Enter a correct username and password"]}
    if user is None:
        values = {"username": request.form.get("username", "")}
        return render_template("web/sign_in.html", values=values, errors=errors), 401
    next_page = _safe_next(request.args.get("next"))
    session.clear()
    login_user(PageUser(user))
    return redirect(next_page)


@bp.route("/sign-out", methods=["POST"])
def sign_out() -> Response:
    logout_user()
    session.clear()
    flash("You have signed out.", "success")
    return redirect(url_for("web.sign_in"))
