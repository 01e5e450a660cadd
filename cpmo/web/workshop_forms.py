"""Reading the workshop set-up forms: a workshop's name, portfolio and budgets by year, and a
candidate's name, sponsor, programme and costs by year. Typed text → service inputs, or errors
naming each field as the form labels it; the API's schemas have the last word."""

from collections.abc import Mapping
from typing import Any

from marshmallow import ValidationError

from cpmo.api.schemas.workshops import CandidateSpec, WorkshopCreate
from cpmo.web.forms import small_int
from cpmo.web.money_forms import Parsed, pounds

SPARE_YEARS = 2
MAX_YEAR_ROWS = 50


def _text(form: Mapping[str, str], name: str) -> str:
    return (form.get(name) or "").strip()


def year_rows(form: Mapping[str, str], prefix: str) -> int:
    """How many year rows the form carries (its highest index + 1)."""
    found = [
        n
        for k in form
        if k.startswith(f"{prefix}:") and (n := small_int(k.split(":")[1])) is not None
    ]
    return min(max(found, default=-1) + 1, MAX_YEAR_ROWS)


def read_years(parsed: Parsed, form: Mapping[str, str], prefix: str, what: str) -> dict[str, int]:
    """{year: pounds} from rows ``<prefix>:<i>:year`` and ``<prefix>:<i>:amount`` (blank rows
    are ignored); ``what`` is how the amount is labelled ("Budget", "Cost")."""
    out: dict[str, int] = {}
    for i in range(year_rows(form, prefix)):
        year_id, amount_id = f"{prefix}:{i}:year", f"{prefix}:{i}:amount"
        year, amount = _text(form, year_id), _text(form, amount_id)
        parsed.values |= {year_id: year, amount_id: amount}
        if not year and not amount:
            continue
        label = f"{what} {i + 1}"
        if not (year.isascii() and year.isdigit() and len(year) == 4 and 1900 <= int(year) <= 2199):
            parsed.fail(year_id, f"The year of {label.lower()} must be a year like 2027")
        elif year in out:
            parsed.fail(year_id, f"The year {year} is given twice: give each year once")
        value = pounds(parsed, amount_id, f"{label} amount", amount)
        if value is not None and year:
            out[year] = value
    return out


def _schema_last(parsed: Parsed, schema: Any, payload: dict[str, Any], field_id: str) -> None:
    if parsed.errors:
        return
    try:
        schema.load(payload)
    except ValidationError:
        parsed.fail(field_id, "Check this field: it is not in the form this page expects")


def read_workshop(form: Mapping[str, str], portfolios: Mapping[str, str]) -> Parsed:
    """The 'Create a workshop' form (the code is derived later, from the name)."""
    parsed = Parsed()
    name, description, portfolio = (_text(form, f) for f in ("name", "description", "portfolio"))
    parsed.values |= {"name": name, "description": description, "portfolio": portfolio}
    if not name:
        parsed.fail("name", "Enter the workshop name")
    elif len(name) > 300:
        parsed.fail("name", "The workshop name must be 300 characters or fewer")
    if portfolio and portfolio not in portfolios:
        parsed.fail("portfolio", "Choose the portfolio from the list")
    if len(description) > 10_000:
        parsed.fail("description", "The description must be 10,000 characters or fewer")
    budgets = read_years(parsed, form, "budget", "Budget")
    parsed.data = {
        "name": name,
        "description": description or None,
        "portfolio": portfolio or None,
        "budgets": budgets,
    }
    _schema_last(parsed, WorkshopCreate(), {"code": "x", **parsed.data}, "name")
    return parsed


def read_candidate(form: Mapping[str, str], programmes: Mapping[str, str]) -> Parsed:
    """The candidate form: name, sponsor, description, linked programme, costs by year."""
    parsed = Parsed()
    fields = ("name", "sponsor", "description", "programme")
    name, sponsor, description, programme = (_text(form, f) for f in fields)
    parsed.values |= dict(zip(fields, (name, sponsor, description, programme), strict=True))
    if not name:
        parsed.fail("name", "Enter the candidate name")
    elif len(name) > 300:
        parsed.fail("name", "The candidate name must be 300 characters or fewer")
    if len(sponsor) > 300:
        parsed.fail("sponsor", "The sponsor must be 300 characters or fewer")
    if len(description) > 10_000:
        parsed.fail("description", "The description must be 10,000 characters or fewer")
    if programme and programme not in programmes:
        parsed.fail("programme", "Choose the programme from the list")
    costs = read_years(parsed, form, "cost", "Cost")
    parsed.data = {
        "name": name,
        "description": description or None,
        "programme": programme or None,
        "sponsors": [s.strip() for s in sponsor.split(";") if s.strip()],
        "costs": costs,
    }
    _schema_last(parsed, CandidateSpec(), {"key": "x", **parsed.data}, "name")
    return parsed


def year_values(prefix: str, amounts: Mapping[str, int]) -> dict[str, str]:
    """Stored {year: pounds} as the form's rows show them."""
    values = {}
    for i, (year, amount) in enumerate(sorted(amounts.items())):
        values |= {f"{prefix}:{i}:year": year, f"{prefix}:{i}:amount": f"{amount:,}"}
    return values
