"""User administration (administrators only): the list of users, creating one with an initial
password, and on a user's page changing their role, disabling or re-enabling them, resetting
their password and revoking their API tokens. The same services as the API and the CLI
(``cpmo.users.service``) decide and audit; each form posts, then redirects with a banner; a
refusal re-shows the page with the reason and writes nothing."""

from collections.abc import Callable
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from marshmallow import Schema

from cpmo.app import request_session, transactional
from cpmo.errors import DuplicateKey, RuleViolation
from cpmo.users import service as users
from cpmo.users import sessions
from cpmo.users.models import User
from cpmo.vocabulary import role_label
from cpmo.web import admin_forms
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp

TAKEN = "A user called {name} already exists: choose another username"


def _admin() -> dict[str, str]:
    admin = acting_user()
    return {"actor": admin.username, "actor_role": admin.role}


@bp.route("/admin/users")
def admin_users() -> Any:
    """Every user: role, whether they may sign in, last sign-in, must-change flag."""
    db = request_session()
    signed_in = sessions.last_sign_ins(db)
    rows = [(user, signed_in.get(user.id or 0)) for user, _ in users.list_users(db)]
    return render_template("web/admin_users.html", rows=rows)


def _create_page(values: dict[str, str], errors: dict[str, list[str]], status: int = 200) -> Any:
    page = render_template(
        "web/admin_user_new.html",
        values=values,
        errors=errors,
        roles=admin_forms.ROLE_OPTIONS,
    )
    return page, status


@bp.route("/admin/users/new", methods=["GET", "POST"])
@transactional
def admin_create_user() -> Any:
    """Create a user who signs in with an initial password and must change it."""
    if request.method == "GET":
        return _create_page({}, {})
    values = {name: request.form.get(name, "")[:200] for name in ("username", "display_name")}
    values["role"] = request.form.get("role", "")[:40]
    data, errors = admin_forms.read(admin_forms.NewUser(), request.form)
    if errors:
        return _create_page(values, errors, 422)
    db = request_session()
    try:
        user = users.register(db, **data, must_change_password=True)
    except DuplicateKey:
        return _create_page(values, {"username": [TAKEN.format(name=data["username"])]}, 422)
    users.created(db, user=user, **_admin())
    flash(
        f"{user.username} can now sign in as a {role_label(user.role).lower()} with the initial "
        "password. They must change it when they first sign in.",
        "success",
    )
    return redirect(url_for("web.admin_users"))


def _user_page(
    username: str,
    *,
    form: str | None = None,
    errors: dict[str, list[str]] | None = None,
    status: int = 200,
) -> Any:
    db = request_session()
    user = users.get(db, username=username)
    if user is None:
        abort(404)
    page = render_template(
        "web/admin_user.html",
        user=user,
        last_sign_in=sessions.last_sign_ins(db).get(user.id or 0),
        live_tokens=users.live_token_count(db, user=user),
        roles=admin_forms.ROLE_OPTIONS,
        form=form,
        errors=errors or {},
    )
    return page, status


@bp.route("/admin/users/<username>")
def admin_user(username: str) -> Any:
    """One user and the forms that change them."""
    return _user_page(username)


def _act(
    username: str,
    *,
    form: str,
    schema: Schema | None,
    write: Callable[[dict[str, Any]], User | int],
    done: Callable[[User | int], str],
) -> Any:
    """Validate the form, write, flash and redirect; or re-show the user's page with the
    reason (nothing written: the transaction is rolled back)."""
    db = request_session()
    if users.get(db, username=username) is None:
        abort(404)
    data: dict[str, Any] = {}
    if schema is not None:
        data, errors = admin_forms.read(schema, request.form)
        if errors:
            return _user_page(username, form=form, errors=errors, status=422)
    try:
        result = write(data)
    except RuleViolation as exc:
        db.rollback()
        return _user_page(username, form=form, errors={"_": [exc.detail]}, status=422)
    flash(done(result), "success")
    if acting_user().username == username and form != "enable":
        return redirect(url_for("web.sign_in"))  # their own session ended with the change
    return redirect(url_for("web.admin_user", username=username))


@bp.route("/admin/users/<username>/role", methods=["POST"])
@transactional
def admin_change_role(username: str) -> Any:
    """Give the user another role; their page sessions end."""
    return _act(
        username,
        form="role",
        schema=admin_forms.RoleForm(),
        write=lambda data: users.change_role(
            request_session(), username=username, new_role=data["role"], **_admin()
        ),
        done=lambda user: f"{username} is now a {role_label(user.role).lower()}.",  # type: ignore[union-attr]
    )


@bp.route("/admin/users/<username>/disable", methods=["POST"])
@transactional
def admin_disable_user(username: str) -> Any:
    """Stop the user signing in or using API tokens; their page sessions end at once."""
    return _act(
        username,
        form="disable",
        schema=None,
        write=lambda _: users.disable(request_session(), username=username, **_admin()),
        done=lambda _: f"{username} is disabled: they cannot sign in or use their API tokens.",
    )


@bp.route("/admin/users/<username>/enable", methods=["POST"])
@transactional
def admin_enable_user(username: str) -> Any:
    """Let a disabled user sign in and use their live API tokens again."""
    return _act(
        username,
        form="enable",
        schema=None,
        write=lambda _: users.enable(request_session(), username=username, **_admin()),
        done=lambda _: f"{username} is enabled: they can sign in again.",
    )


@bp.route("/admin/users/<username>/password", methods=["POST"])
@transactional
def admin_reset_password(username: str) -> Any:
    """Give the user a new initial password, to be changed at their next sign-in."""
    return _act(
        username,
        form="reset",
        schema=admin_forms.ResetForm(),
        write=lambda data: users.change_password(
            request_session(),
            username=username,
            password=data["password"],
            must_change=True,
            **_admin(),
        ),
        done=lambda _: (
            f"{username} has a new initial password and must change it when they next sign in."
        ),
    )


@bp.route("/admin/users/<username>/tokens/revoke", methods=["POST"])
@transactional
def admin_revoke_tokens(username: str) -> Any:
    """Revoke every API token the user holds (their page sessions end too)."""
    return _act(
        username,
        form="revoke",
        schema=None,
        write=lambda _: users.revoke_tokens(request_session(), username=username, **_admin()),
        done=lambda count: f"Revoked {count} API token{'' if count == 1 else 's'} of {username}.",
    )
