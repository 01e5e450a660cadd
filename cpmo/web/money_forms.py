"""Reading the Money and Benefits forms: typed text → values for the finance services, or
errors naming each field as the form labels it (GOV.UK error-message guidance).

The API's schemas bound every value (whole pounds, years 1900 to 2999, text lengths); the
checks here come first only so that each message can name the field a person typed into.
"""

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from marshmallow import ValidationError

from cpmo.api.schemas.common import MAX_MONEY_GBP
from cpmo.api.schemas.finance import (
    ActualsCreate,
    BenefitYearsPut,
    ForecastPut,
    NotRealisedPut,
)
from cpmo.money import money

Errors = dict[str, list[str]]
NUMBER = re.compile(r"^-?\d{1,16}$")
MAX_RATIONALE = 5_000
FORECAST_ROWS = 3  # blank rows offered beyond the years already forecast
MAX_FORECAST_ROWS = 100


@dataclass
class Parsed:
    """A form's typed values (to show again), what they stand for, and any errors."""

    values: dict[str, str] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)
    errors: Errors = field(default_factory=dict)

    def fail(self, field_id: str, message: str) -> None:
        self.errors.setdefault(field_id, []).append(message)


def _text(form: Mapping[str, str], name: str) -> str:
    return (form.get(name) or "").strip()


def _pounds(
    parsed: Parsed, field_id: str, label: str, text: str, *, negative: bool = False
) -> int | None:
    """Whole pounds from "1,250,000" or "£1,250,000"; None (with an error) otherwise."""
    lower = label[:1].lower() + label[1:]
    cleaned = text.replace(",", "").replace("£", "").replace(" ", "").replace("\u2212", "-")
    if not text:
        parsed.fail(field_id, f"Enter the {lower}")
        return None
    if not NUMBER.match(cleaned):
        parsed.fail(field_id, f"Enter the {lower} as a whole number of pounds, like 250,000")
        return None
    amount = int(cleaned)
    if amount < 0 and not negative:
        parsed.fail(field_id, f"The {lower} must be £0 or more")
        return None
    if abs(amount) > MAX_MONEY_GBP:
        parsed.fail(field_id, f"The {lower} must be {money(MAX_MONEY_GBP)} or less")
        return None
    return amount


pounds = _pounds  # the delivery forms read contract values the same way


def _year(parsed: Parsed, field_id: str, label: str, text: str) -> int | None:
    lower = label[:1].lower() + label[1:]
    if not text:
        parsed.fail(field_id, f"Enter the {lower}")
        return None
    if not (text.isascii() and text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2999):
        parsed.fail(field_id, f"The {lower} must be a year from 1900 to 2999, like 2021")
        return None
    return int(text)


def _rationale(parsed: Parsed, field_id: str, form: Mapping[str, str], what: str) -> str:
    text = _text(form, field_id)
    parsed.values[field_id] = text
    if not text:
        parsed.fail(field_id, f"Enter {what}")
    elif len(text) > MAX_RATIONALE:
        parsed.fail(field_id, f"The rationale must be {MAX_RATIONALE:,} characters or fewer")
    return text


def _schema_check(parsed: Parsed, schema: Any, payload: dict[str, Any], field_id: str) -> None:
    """The API's own schema as the last word; its refusal is put against ``field_id``."""
    if parsed.errors:
        return
    try:
        schema.load(payload)
    except ValidationError:
        parsed.fail(field_id, "Check the figures you entered and try again")


def actuals(form: Mapping[str, str]) -> Parsed:
    """Spend for one month: month and year of the spend, and the amount (a refund may be
    negative, as the API allows)."""
    parsed = Parsed()
    for name in ("actuals-month", "actuals-year", "actuals-amount"):
        parsed.values[name] = _text(form, name)
    month_text = parsed.values["actuals-month"]
    if not month_text:
        parsed.fail("actuals-month", "The month of the spend must include a month")
    elif not (month_text.isascii() and month_text.isdigit() and 1 <= int(month_text) <= 12):
        parsed.fail("actuals-month", "The month of the spend must be a month from 1 to 12")
    year = _year(parsed, "actuals-year", "Year of the spend", parsed.values["actuals-year"])
    amount = _pounds(
        parsed, "actuals-amount", "Amount spent", parsed.values["actuals-amount"], negative=True
    )
    if parsed.errors or year is None or amount is None:
        return parsed
    month = date(year, int(month_text), 1)
    entry = {"month": month.isoformat()[:7], "amount_gbp": amount}
    _schema_check(parsed, ActualsCreate(), {"entries": [entry]}, "actuals-amount")
    parsed.data = {"month": month, "amount_gbp": amount}
    return parsed


def forecast_rows(form: Mapping[str, str]) -> list[str]:
    """The row numbers of the forecast table present in the submitted form."""
    found = {
        int(m.group(1))
        for key in form
        if (m := re.match(r"^forecast-(\d{1,3})-(year|amount)$", key))
    }
    return [str(n) for n in sorted(found)][:MAX_FORECAST_ROWS]


def forecast(form: Mapping[str, str]) -> Parsed:
    """The forecast profile: rows of year and amount (blank rows ignored), and a rationale."""
    parsed = Parsed()
    years: dict[int, int] = {}
    for row in forecast_rows(form):
        year_id, amount_id = f"forecast-{row}-year", f"forecast-{row}-amount"
        year_text, amount_text = _text(form, year_id), _text(form, amount_id)
        parsed.values[year_id], parsed.values[amount_id] = year_text, amount_text
        if not year_text and not amount_text:
            continue
        number = int(row) + 1
        year = _year(parsed, year_id, f"Year in row {number}", year_text)
        amount = _pounds(parsed, amount_id, f"Forecast in row {number}", amount_text)
        if year is not None and year in years:
            parsed.fail(year_id, f"Year in row {number} is given twice: give each year once")
        elif year is not None and amount is not None:
            years[year] = amount
    if not years and not parsed.errors:
        parsed.fail("forecast-0-year", "Enter the forecast for at least one year")
    rationale = _rationale(parsed, "forecast-rationale", form, "the reason for the forecast")
    payload = {"years": {str(y): a for y, a in years.items()}, "rationale": rationale}
    _schema_check(parsed, ForecastPut(), payload, "forecast-0-year")
    parsed.data = {"years": years, "rationale": rationale}
    return parsed


def _benefit(parsed: Parsed, field_id: str, form: Mapping[str, str], known: Collection[str]) -> str:
    code = _text(form, field_id)
    parsed.values[field_id] = code
    if code not in known:
        parsed.fail(field_id, "Choose the benefit from the list")
    return code


def benefit_years(form: Mapping[str, str], known: Collection[str]) -> Parsed:
    """A benefit's realised amount for one financial year."""
    parsed = Parsed()
    code = _benefit(parsed, "benefit-years-benefit", form, known)
    for name in ("benefit-years-year", "benefit-years-amount"):
        parsed.values[name] = _text(form, name)
    year_text = parsed.values["benefit-years-year"]
    year = _year(parsed, "benefit-years-year", "Financial year", year_text)
    amount = _pounds(
        parsed, "benefit-years-amount", "Amount realised", parsed.values["benefit-years-amount"]
    )
    if parsed.errors or year is None or amount is None:
        return parsed
    payload = {"actual": {str(year): amount}}
    _schema_check(parsed, BenefitYearsPut(), payload, "benefit-years-amount")
    parsed.data = {"code": code, "actual": {year: amount}}
    return parsed


def not_realised(form: Mapping[str, str], known: Collection[str]) -> Parsed:
    """Which benefit will not be realised, and why."""
    parsed = Parsed()
    code = _benefit(parsed, "not-realised-benefit", form, known)
    why = "why the benefit will not be realised"
    rationale = _rationale(parsed, "not-realised-rationale", form, why)
    _schema_check(parsed, NotRealisedPut(), {"rationale": rationale}, "not-realised-rationale")
    parsed.data = {"code": code, "rationale": rationale}
    return parsed
