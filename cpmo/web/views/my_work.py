"""My work: what needs the signed-in person now, the page they land on after signing in."""

from typing import Any

from flask import g, render_template

from cpmo.app import governance_limits, request_session
from cpmo.db import utcnow
from cpmo.vocabulary import Role
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp
from cpmo.web.reads.my_work import MyWork
from cpmo.web.reads.my_work import my_work as read_my_work

# what each role reads when nothing needs them
EMPTY = {
    Role.PROGRAMME_MANAGER: "Nothing needs you now: no business case to write or submit, "
    "no return to answer, no condition to discharge and no overdue milestone in the "
    "programmes you manage.",
    Role.CPMO: "Nothing needs you now: no submission awaits a decision and no discharged "
    "condition awaits acceptance.",
    Role.OVERSIGHT: "Nothing needs you now: no submission awaits the oversight group's "
    "endorsement.",
    Role.FACILITATOR: "Nothing needs you now: no workshop is being set up or scored.",
    Role.SCORER: "Nothing needs you now: you have no scores left to give in any workshop "
    "open for scoring.",
    Role.ADMIN: "Nothing in the portfolio needs you.",
}


def current_work() -> MyWork:
    """The signed-in person's work, read once per request (the page and its navigation
    count share it)."""
    if "my_work" not in g:
        g.my_work = read_my_work(
            request_session(), actor=acting_user(), limits=governance_limits(), now=utcnow()
        )
    return g.my_work  # type: ignore[no-any-return]


@bp.route("/my-work", methods=["GET"])
def my_work() -> Any:
    """A task list of what needs the person now, each with its status and where to do it."""
    work = current_work()
    return render_template("web/my_work.html", work=work, empty=EMPTY.get(work.role, ""))
