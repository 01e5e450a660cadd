"""Reading the business plan forms (progress, KPI actual, risk rescoring): typed text → the
plans services' inputs, or errors naming each field as the form labels it (§5b).

Each form on a plan page has its own prefix (``action-5-3``, ``kpi-k1``, ``risk-r1``), so the
error summary links to the field of the form that was sent.
"""

import math
from collections.abc import Mapping
from datetime import date

from cpmo.plans import progress
from cpmo.plans.notes import ProgressNote
from cpmo.plans.periods import parse_period
from cpmo.plans.risks import SCALE
from cpmo.web.date_form import read_date
from cpmo.web.labels import PLAN_STATUSES
from cpmo.web.money_forms import Parsed

MAX_NOTE = 5_000
MAX_VALUE = 1e12
STATUS_LABELS = {code: label for code, (label, _tag) in PLAN_STATUSES.items()}
PERIOD_EXAMPLE = "like 2020, 2013-14, 2020 Q1, 2013-14 Q1 or Jun 2020"


def _text(form: Mapping[str, str], name: str) -> str:
    return (form.get(name) or "").strip()


def _whole(parsed: Parsed, field_id: str, label: str, lowest: int, highest: int) -> int | None:
    text = parsed.values[field_id]
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and len(text) <= 3):
        parsed.fail(field_id, f"{label} must be a whole number, like {highest // 2}")
        return None
    value = int(text)
    if not lowest <= value <= highest:
        parsed.fail(field_id, f"{label} must be between {lowest} and {highest}")
        return None
    return value


def progress_note(form: Mapping[str, str], prefix: str, today: date) -> Parsed:
    """A progress update: status, percent complete (optional), note, and its date (today
    when left blank)."""
    parsed = Parsed()
    for name in ("status", "percent", "note"):
        parsed.values[f"{prefix}-{name}"] = _text(form, f"{prefix}-{name}")
    status = parsed.values[f"{prefix}-status"]
    if status not in STATUS_LABELS:
        parsed.fail(f"{prefix}-status", "Choose the status of the work")
    percent = _whole(parsed, f"{prefix}-percent", "Percent complete", 0, 100)
    note = parsed.values[f"{prefix}-note"]
    if not note:
        parsed.fail(f"{prefix}-note", "Enter a note on the progress made")
    elif len(note) > MAX_NOTE:
        parsed.fail(f"{prefix}-note", f"The note must be {MAX_NOTE:,} characters or fewer")
    read = read_date(form, f"{prefix}-as-of", "Date of the update")
    parsed.values.update(read.values)
    as_of = read.value or today
    if read.error:
        parsed.fail(f"{prefix}-as-of-{read.part or 'day'}", read.error)
    elif as_of > today:
        parsed.fail(f"{prefix}-as-of-day", "Date of the update must be today or in the past")
    if status in STATUS_LABELS and f"{prefix}-percent" not in parsed.errors:
        try:
            progress.settle_percent(status, percent, 0)
        except ValueError:
            whole = 100 if status == "done" else 0
            parsed.fail(
                f"{prefix}-percent",
                f"Percent complete must be {whole} when the status is "
                f"{STATUS_LABELS[status].lower()}, or left blank",
            )
    if not parsed.errors:
        parsed.data = {"update": ProgressNote(status, note, as_of, percent)}
    return parsed


def kpi_actual(form: Mapping[str, str], prefix: str) -> Parsed:
    """A KPI's actual: the period it is for and the value."""
    parsed = Parsed()
    for name in ("period", "value"):
        parsed.values[f"{prefix}-{name}"] = _text(form, f"{prefix}-{name}")
    period = parsed.values[f"{prefix}-period"]
    if not period:
        parsed.fail(f"{prefix}-period", f"Enter the period, {PERIOD_EXAMPLE}")
    else:
        try:
            period = parse_period(period[:40]).label
        except ValueError:
            parsed.fail(f"{prefix}-period", f"Enter the period as a year, {PERIOD_EXAMPLE}")
    text = parsed.values[f"{prefix}-value"].replace(",", "")
    value = None
    if not text:
        parsed.fail(f"{prefix}-value", "Enter the actual value")
    else:
        try:
            value = float(text[:40])
        except ValueError:
            parsed.fail(f"{prefix}-value", "Enter the actual value as a number, like 92.5")
        else:
            if not math.isfinite(value) or abs(value) > MAX_VALUE:
                parsed.fail(f"{prefix}-value", "Enter the actual value as a number, like 92.5")
    if not parsed.errors:
        parsed.data = {"period": period, "value": value}
    return parsed


def risk_rescore(form: Mapping[str, str], prefix: str) -> Parsed:
    """A reassessment: likelihood and impact (1 to 5) and why."""
    parsed = Parsed()
    for name in ("likelihood", "impact", "rationale"):
        parsed.values[f"{prefix}-{name}"] = _text(form, f"{prefix}-{name}")
    top = SCALE[-1]
    scores = {
        name: _whole(parsed, f"{prefix}-{name}", label, SCALE[0], top)
        for name, label in (("likelihood", "Likelihood"), ("impact", "Impact"))
    }
    for name, label in (("likelihood", "likelihood"), ("impact", "impact")):
        if scores[name] is None and f"{prefix}-{name}" not in parsed.errors:
            parsed.fail(f"{prefix}-{name}", f"Enter the {label}, from 1 to {top}")
    rationale = parsed.values[f"{prefix}-rationale"]
    if len(rationale) > MAX_NOTE:
        parsed.fail(f"{prefix}-rationale", f"The reason must be {MAX_NOTE:,} characters or fewer")
    if not parsed.errors:
        parsed.data = {**scores, "rationale": rationale or None}
    return parsed
