"""Reading the delivery forms: a lot's supplier and contract value, a milestone's completion
date, the benefits realisation plan and a risk's rescoring. Typed text → values for the
delivery services, or errors naming each field as the form labels it (GOV.UK guidance)."""

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from marshmallow import ValidationError

from cpmo.api.schemas.workflow import LotUpdate, PlannedBenefit
from cpmo.web.money_forms import Parsed, pounds

PARTS = ("day", "month", "year")
DIGITS = re.compile(r"^\d{1,4}$")
MAX_SUPPLIER = 300
MAX_RATIONALE = 5_000
MAX_PLAN_ROWS = 200
RATINGS = ("1", "2", "3", "4", "5")
BENEFIT_TEXT = (  # field, label, longest
    ("title", "Benefit", 300),
    ("owner", "Benefit owner", 300),
    ("measure", "How it is measured", 2000),
    ("baseline", "Baseline", 500),
    ("target", "Target", 500),
)


def _text(form: Mapping[str, str], name: str) -> str:
    return (form.get(name) or "").strip()


def date_field(parsed: Parsed, form: Mapping[str, str], field_id: str, label: str) -> date | None:
    """A GOV.UK date input → a date; errors filed under the part at fault (the day unless
    another part is), as the date_input macro expects."""
    parts = {p: _text(form, f"{field_id}-{p}") for p in PARTS}
    for p in PARTS:
        parsed.values[f"{field_id}-{p}"] = parts[p]
    missing = [p for p in PARTS if not parts[p]]
    if len(missing) == len(PARTS):
        parsed.fail(f"{field_id}-day", f"Enter the {label[:1].lower() + label[1:]}")
        return None
    if missing:
        parsed.fail(f"{field_id}-{missing[0]}", f"{label} must include a {' and '.join(missing)}")
        return None
    if not all(DIGITS.match(parts[p]) for p in PARTS):
        parsed.fail(f"{field_id}-day", f"{label} must be a real date")
        return None
    if len(parts["year"]) != 4:
        parsed.fail(f"{field_id}-year", f"{label} must include a year with four digits")
        return None
    try:
        return date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    except ValueError:
        parsed.fail(f"{field_id}-day", f"{label} must be a real date")
        return None


def lot(form: Mapping[str, str], lot_id: int) -> Parsed:
    """A lot's selected supplier and contract value (whole pounds)."""
    parsed = Parsed()
    supplier_id, value_id = f"lot-{lot_id}-supplier", f"lot-{lot_id}-value"
    supplier = parsed.values[supplier_id] = _text(form, supplier_id)
    parsed.values[value_id] = _text(form, value_id)
    if not supplier:
        parsed.fail(supplier_id, "Enter the supplier")
    elif len(supplier) > MAX_SUPPLIER:
        parsed.fail(supplier_id, f"Supplier must be {MAX_SUPPLIER} characters or fewer")
    value = pounds(parsed, value_id, "Contract value", parsed.values[value_id])
    if parsed.errors or value is None:
        return parsed
    try:
        LotUpdate().load({"supplier": supplier, "contract_value_gbp": value})
    except ValidationError:
        parsed.fail(value_id, "Check the supplier and contract value and try again")
        return parsed
    parsed.data = {"supplier": supplier, "contract_value_gbp": value}
    return parsed


def milestone(form: Mapping[str, str], milestone_id: int) -> Parsed:
    """The date a milestone was completed (the service refuses a date after today)."""
    parsed = Parsed()
    done = date_field(parsed, form, f"milestone-{milestone_id}-completed", "Date completed")
    if done is not None:
        parsed.data = {"completed_on": done}
    return parsed


def plan_row_numbers(form: Mapping[str, str]) -> list[int]:
    """The row numbers of the benefits plan form present in the submitted form."""
    found = {int(m.group(1)) for key in form if (m := re.match(r"^benefit-(\d{1,3})-", key))}
    return sorted(found)[:MAX_PLAN_ROWS]


def benefits_plan(form: Mapping[str, str]) -> Parsed:
    """The plan's benefits: rows of benefit, owner, measure, baseline, target, date and an
    optional value (blank rows ignored); at least one."""
    parsed = Parsed()
    benefits: list[dict[str, Any]] = []
    for row in plan_row_numbers(form):
        prefix, number = f"benefit-{row}", row + 1
        texts = {name: _text(form, f"{prefix}-{name}") for name, _, _ in BENEFIT_TEXT}
        value_text = _text(form, f"{prefix}-value")
        for name, text in texts.items():
            parsed.values[f"{prefix}-{name}"] = text
        parsed.values[f"{prefix}-value"] = value_text
        date_parts = [_text(form, f"{prefix}-date-{p}") for p in PARTS]
        for p, text in zip(PARTS, date_parts, strict=True):
            parsed.values[f"{prefix}-date-{p}"] = text
        if not any(texts.values()) and not value_text and not any(date_parts):
            continue
        before = len(parsed.errors)
        for name, label, longest in BENEFIT_TEXT:
            text = texts[name]
            if not text and name != "baseline":
                parsed.fail(f"{prefix}-{name}", f"Enter the {label.lower()} in row {number}")
            elif len(text) > longest:
                message = f"{label} in row {number} must be {longest:,} characters or fewer"
                parsed.fail(f"{prefix}-{name}", message)
        when = date_field(parsed, form, f"{prefix}-date", f"Target date in row {number}")
        value = None
        if value_text:
            value = pounds(parsed, f"{prefix}-value", f"Value in row {number}", value_text)
        if len(parsed.errors) == before and when is not None:
            benefits.append({**texts, "date": when, "value_gbp": value})
    if not benefits and not parsed.errors:
        parsed.fail("benefit-0-title", "Enter at least one benefit")
    if parsed.errors:
        return parsed
    try:
        PlannedBenefit(many=True).load(PlannedBenefit(many=True).dump(benefits))
    except ValidationError:
        parsed.fail("benefit-0-title", "Check the benefits you entered and try again")
        return parsed
    parsed.data = {"benefits": PlannedBenefit(many=True).dump(benefits)}
    return parsed


def plan_values(benefits: list[dict[str, Any]]) -> dict[str, str]:
    """The stored plan as the form's typed values (dates split into day, month and year)."""
    values: dict[str, str] = {}
    for row, benefit in enumerate(benefits):
        prefix = f"benefit-{row}"
        for name, _, _ in BENEFIT_TEXT:
            values[f"{prefix}-{name}"] = str(benefit.get(name) or "")
        value = benefit.get("value_gbp")
        values[f"{prefix}-value"] = "" if value is None else f"{value:,}"
        when = str(benefit.get("date") or "")
        if re.match(r"^\d{4}-\d{2}-\d{2}$", when):
            year, month, day = when.split("-")
            values[f"{prefix}-date-day"] = str(int(day))
            values[f"{prefix}-date-month"] = str(int(month))
            values[f"{prefix}-date-year"] = year
    return values


def rescore(form: Mapping[str, str]) -> Parsed:
    """A risk's new likelihood and impact (1 to 5) and why it is rescored."""
    parsed = Parsed()
    for name in ("likelihood", "impact", "rationale"):
        parsed.values[name] = _text(form, name)
    for name in ("likelihood", "impact"):
        if parsed.values[name] not in RATINGS:
            parsed.fail(name, f"Select the {name}, from 1 (lowest) to 5 (highest)")
    rationale = parsed.values["rationale"]
    if not rationale:
        parsed.fail("rationale", "Enter why the risk is rescored")
    elif len(rationale) > MAX_RATIONALE:
        longest = f"{MAX_RATIONALE:,} characters or fewer"
        parsed.fail("rationale", f"Why it is rescored must be {longest}")
    if not parsed.errors:
        parsed.data = {
            "likelihood": int(parsed.values["likelihood"]),
            "impact": int(parsed.values["impact"]),
            "rationale": rationale,
        }
    return parsed
