"""The programme form (register, edit) and the delivery-confidence form: submitted fields →
the API schema's input, errors named as the form labels the fields (ARCHITECTURE.md §5b).

Dates come from GOV.UK date inputs (``<field>-day``, ``-month``, ``-year``); money is whole
pounds, typed with or without "£" and commas.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from marshmallow import Schema, ValidationError

from cpmo.api.schemas.common import MAX_MONEY_GBP
from cpmo.api.schemas.programmes import ProgrammeCreate, ProgrammeUpdate
from cpmo.money import money
from cpmo.portfolios.read_models import ProgrammeView
from cpmo.portfolios.service import RESERVED_CODES
from cpmo.vocabulary import RAG_LABELS
from cpmo.web.date_form import PARTS, read_date
from cpmo.web.messages import plain

LABELS = {
    "code": "Code",
    "name": "Name",
    "portfolio": "Portfolio",
    "parent": "Parent programme",
    "department": "Department",
    "manager": "Programme manager",
    "senior_responsible_owner": "Senior responsible owner",
    "description": "Description",
    "whole_life_cost_gbp": "Whole-life cost",
    "planned_start": "Planned start date",
    "planned_end": "Planned end date",
    "rationale": "Reason for the change",
    "rag": "Delivery confidence",
    "rag_reason": "Commentary",
    "version": "Version",
}
TEXTS = ("name", "senior_responsible_owner", "description")
CHOICES = ("parent", "department", "manager")
DATES = ("planned_start", "planned_end")
# the delivery confidence a person sets (unrated is where a programme starts, not a rating)
CONFIDENCE = [(rag, label) for rag, label in RAG_LABELS.items() if rag != "unrated"]
MONEY = re.compile(r"^-?[0-9]{1,20}$")
DIGITS_ANY = re.compile(r"^[0-9]{1,9}$")


@dataclass
class ProgrammeForm:
    """What the form shows (text by field id), the input it stands for, and its errors (field
    id → messages; the id is the one the summary links to)."""

    values: dict[str, str] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    # the part of a date input an error is about (day, month or year), by date field
    errors_of_date: dict[str, str] = field(default_factory=dict)

    def error(self, name: str, message: str) -> None:
        """File ``message`` about field ``name`` under the id the summary links to."""
        self.errors.setdefault(anchor(name, self.errors_of_date.get(name)), []).append(message)


def anchor(name: str, part: str | None = None) -> str:
    """The id an error about ``name`` links to (a date's first wrong part, or its day)."""
    if name in DATES:
        return f"{name}-{part or 'day'}"
    return name


def _cost(text: str) -> int | str:
    cleaned = text.replace(",", "").replace("£", "").replace(" ", "")
    return int(cleaned) if MONEY.match(cleaned) else text


def _date(form: ProgrammeForm, name: str, raw: Mapping[str, str]) -> date | None:
    """A GOV.UK date input → a date (None when all three are blank); errors as GOV.UK says."""
    read = read_date(raw, name, LABELS[name])
    form.values.update(read.values)
    if read.error:
        if read.part:
            form.errors_of_date[name] = read.part
        form.error(name, read.error)
    return read.value


MESSAGES: dict[tuple[str, str], str] = {
    ("code", "must be a lowercase code like 'ttp-cyber'"): (
        "Code must use only lowercase letters, numbers, full stops, hyphens and underscores, "
        "like ttp-cyber"
    ),
    ("whole_life_cost_gbp", "Not a valid integer."): (
        "Enter the whole-life cost as a whole number of pounds, like 2500000"
    ),
    ("name", "Length must be between 1 and 300."): "Name must be 300 characters or fewer",
    ("planned_end", "must not be before planned_start"): (
        "Planned end date must be the same as or after the planned start date"
    ),
}


def _message(name: str, message: str) -> str:
    if (name, message) in MESSAGES:
        return MESSAGES[(name, message)]
    if name == "whole_life_cost_gbp" and message.startswith("Must be greater"):
        if "less than" not in message:
            return "Whole-life cost must be £0 or more"
        return f"Whole-life cost must be £0 or more and {money(MAX_MONEY_GBP)} or less"
    if name == "whole_life_cost_gbp" and message.startswith("Must be less"):
        return f"Whole-life cost must be {money(MAX_MONEY_GBP)} or less"
    if name == "version":
        return "The page was out of date: reload it and make your changes again"
    if name in CHOICES and message.startswith("must be a lowercase code"):
        return f"Choose the {LABELS[name].lower()} from the list"
    return plain(message, LABELS.get(name, "This field"))


def _load(form: ProgrammeForm, schema: Schema, payload: dict[str, Any]) -> None:
    try:
        form.data = schema.load(payload)
    except ValidationError as exc:
        for name, messages in exc.normalized_messages().items():
            for message in messages if isinstance(messages, list) else [str(messages)]:
                form.error(name, _message(name, str(message)))


def _cost_messages(value: int | str) -> str | None:
    """Checked here as well as by the schema, so a huge number is refused in pounds."""
    if isinstance(value, int) and value < 0:
        return "Whole-life cost must be £0 or more"
    if isinstance(value, int) and value > MAX_MONEY_GBP:
        return f"Whole-life cost must be {money(MAX_MONEY_GBP)} or less"
    return None


def programme_from_form(raw: Mapping[str, str], *, creating: bool, manages: bool) -> ProgrammeForm:
    """The submitted register or edit form → a ProgrammeForm whose ``data`` is the API
    schema's load (ready for ``inputs.ProgrammeCreate`` or ``ProgrammeUpdate``).

    Every shown field is sent: a blank one clears what it held. ``manages`` says whether the
    form shows the programme manager (only CPMO officers assign one)."""
    form = ProgrammeForm()
    payload: dict[str, Any] = {}
    names = ["code", "portfolio"] if creating else ["version", "rationale"]
    names += [*TEXTS, "parent", "department", "whole_life_cost_gbp"]
    if manages:
        names.append("manager")
    for name in names:
        text = raw.get(name, "").strip()
        form.values[name] = text
        if name in ("code", "portfolio", "name"):
            if text:
                payload[name] = text
            elif name == "name" and not creating:  # a blank name is refused, not kept
                form.error(name, "Enter the name")
        elif name == "version":
            payload[name] = int(text) if DIGITS_ANY.match(text) else text
        elif name == "whole_life_cost_gbp":
            payload[name] = _cost(text) if text else None
        elif name == "rationale":
            if text:
                payload[name] = text
        else:
            payload[name] = text or None
    for name in DATES:
        payload[name] = _date(form, name, raw)
    if creating and form.values.get("code") in RESERVED_CODES:
        form.error("code", "Code cannot be “new”: choose another code")
    cost_problem = _cost_messages(payload.get("whole_life_cost_gbp"))
    if cost_problem:
        form.error("whole_life_cost_gbp", cost_problem)
        payload.pop("whole_life_cost_gbp")
    for name in DATES:
        if anchor(name, form.errors_of_date.get(name)) in form.errors:
            payload.pop(name)
    _load(form, ProgrammeCreate() if creating else ProgrammeUpdate(), payload)
    if form.errors:
        form.data = {}
    return form


def programme_to_form(view: ProgrammeView) -> ProgrammeForm:
    """A stored programme → what the edit form shows."""
    form = ProgrammeForm()
    for name in (*TEXTS, "code", "portfolio", "parent", "department", "manager"):
        value = getattr(view, name)
        form.values[name] = "" if value is None else str(value)
    cost = view.whole_life_cost_gbp
    form.values["whole_life_cost_gbp"] = "" if cost is None else str(cost)
    form.values["version"] = str(view.version)
    for name in DATES:
        value = getattr(view, name)
        for p in PARTS:
            form.values[f"{name}-{p}"] = str(getattr(value, p)) if value else ""
    return form


def confidence_from_form(raw: Mapping[str, str]) -> ProgrammeForm:
    """The delivery-confidence form → rag, rag_reason and version (commentary required)."""
    form = ProgrammeForm()
    for name in ("rag", "rag_reason", "version"):
        form.values[name] = raw.get(name, "").strip()
    rag, reason, version = form.values["rag"], form.values["rag_reason"], form.values["version"]
    if rag not in dict(CONFIDENCE):
        form.error("rag", "Select the delivery confidence")
    if not reason:
        form.error("rag_reason", "Enter the commentary")
    if form.errors:
        return form
    payload = {
        "rag": rag,
        "rag_reason": reason,
        "rationale": reason,
        "version": int(version) if DIGITS_ANY.match(version) else version,
    }
    _load(form, ProgrammeUpdate(), payload)
    return form
