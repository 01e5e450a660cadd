"""The signed-in person's own account: changing their password. Someone whose password was
given by an administrator is sent here after signing in and can open no other page (see
cpmo.web.auth.guard) until they have chosen their own."""

from typing import Any

from flask import flash, redirect, render_template, request, url_for

from cpmo.app import request_session, transactional
from cpmo.errors import InvalidInput
from cpmo.users import service as users
from cpmo.web import admin_forms
from cpmo.web.auth import acting_user, restart_session
from cpmo.web.blueprint import bp

MISMATCH = "The new passwords do not match: type the same new password in both boxes"
REFUSED = {
    "current_password": "Your current password is not correct",
    "password": "New password must be different from your current password",
}


def _page(errors: dict[str, list[str]], status: int = 200) -> Any:
    must_change = acting_user().must_change_password
    page = render_template("web/change_password.html", errors=errors, must_change=must_change)
    return page, status


@bp.route("/account/password", methods=["GET", "POST"])
@transactional
def change_password() -> Any:
    """Choose a new password (all the person's other sessions end; this one starts afresh)."""
    if request.method == "GET":
        return _page({})
    data, errors = admin_forms.read(admin_forms.OwnPassword(), request.form)
    if not errors and data["confirm"] != data["password"]:
        errors = {"confirm": [MISMATCH]}
    if errors:
        return _page(errors, 422)
    db = request_session()
    try:
        user = users.change_own_password(
            db, user=acting_user(), current=data["current_password"], new=data["password"]
        )
    except InvalidInput as exc:
        field = next(iter(exc.extra.get("errors") or {"_": []}))
        return _page({field: [REFUSED.get(field, exc.detail)]}, 422)
    restart_session(user)
    flash("Your password has been changed.", "success")
    return redirect(url_for("web.dashboard"))
