"""A workshop's criteria, set while it is a draft (saving replaces them all)."""

import contextlib
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from marshmallow import ValidationError

from cpmo.api.schemas.workshops import CriteriaPut
from cpmo.app import request_session, transactional
from cpmo.errors import DomainError
from cpmo.validation import code_from_name
from cpmo.web.auth import acting_user
from cpmo.web.blueprint import bp
from cpmo.web.forms import small_int
from cpmo.web.messages import plain
from cpmo.workshops import service as workshops
from cpmo.workshops import setup
from cpmo.workshops.read_models import workshop_view

CRITERION_FIELDS = ("key", "name", "description", "weight", "scale_min", "scale_max", "direction")
SPARE_CRITERIA = 2
# as the form labels them (messages name the field the way the page does)
CRITERION_LABELS = {
    "key": "name",
    "name": "name",
    "description": "description",
    "weight": "weight",
    "scale_min": "lowest score",
    "scale_max": "highest score",
    "direction": "direction",
}


def _criteria_rows(form: Any) -> tuple[list[dict[str, Any]], dict[str, str]]:
    rows, values = [], {}
    indices = sorted(
        {
            n
            for k in form
            if k.startswith("criterion:")
            and (n := small_int(k.split(":")[1] if k.count(":") >= 1 else None)) is not None
        }
    )
    for i in indices:
        raw = {f: form.get(f"criterion:{i}:{f}", "").strip() for f in CRITERION_FIELDS}
        if not any(v for f, v in raw.items() if f not in ("direction", "key")):
            continue
        n = len(rows)
        values |= {f"criterion:{n}:{f}": v for f, v in raw.items()}
        row: dict[str, Any] = {f: v for f, v in raw.items() if v}
        for f in ("weight", "scale_min", "scale_max"):
            if f in row:
                with contextlib.suppress(ValueError):  # the schema names what is wrong
                    row[f] = float(row[f])
        rows.append(row)
    taken = {r["key"] for r in rows if "key" in r}
    for row in rows:  # a new criterion's key comes from its name (nobody invents a slug)
        if "key" not in row and row.get("name"):
            row["key"] = code_from_name(row["name"], taken)
            taken.add(row["key"])
    return rows, values


@bp.route("/workshops/<code>/criteria", methods=["GET", "POST"])
@transactional
def workshop_criteria(code: str) -> Any:
    session = request_session()
    w = workshop_view(session, workshop=workshops.get_or_raise(session, code=code))
    errors: dict[str, list[str]] = {}
    values = {
        f"criterion:{i}:{f}": (f"{c[f]:g}" if isinstance(c[f], float) else str(c[f] or ""))
        for i, c in enumerate(w["criteria"])
        for f in CRITERION_FIELDS
        if f != "weight"
    } | {f"criterion:{i}:weight": f"{c['entered_weight']:g}" for i, c in enumerate(w["criteria"])}
    count = len(w["criteria"])
    if request.method == "POST":
        rows, values = _criteria_rows(request.form)
        count = len(rows)
        try:
            data = CriteriaPut().load({"criteria": rows})
            setup.replace_criteria(
                session, actor=acting_user(), code=code, criteria=data["criteria"]
            )
        except ValidationError as exc:
            messages = exc.normalized_messages().get("criteria", {})
            if isinstance(messages, list):
                errors["criterion:0:name"] = ["Add at least one criterion"]
            else:
                for index, fields in messages.items():
                    for field, msgs in fields.items():
                        label = f"Criterion {int(index) + 1} {CRITERION_LABELS.get(field, field)}"
                        shown = "name" if field == "key" else field  # the key comes from the name
                        errors[f"criterion:{index}:{shown}"] = [plain(msgs[0], label)]
        except DomainError as exc:
            session.rollback()
            errors["criterion:0:name"] = [exc.detail]
        if not errors:
            flash("Criteria saved. Their scores, if any, were cleared.", "success")
            return redirect(url_for("web.workshop", code=code))
    return render_template(
        "web/workshop_criteria.html",
        w=w,
        values=values,
        rows=count + SPARE_CRITERIA,
        errors=errors,
    ), (422 if errors else 200)
