"""Errors of the business case form, pointed at the fields they are about: the FiveCases
schema's messages, and the gate criteria's unmet items, in the order of the page."""

import re
from typing import Any

from marshmallow import ValidationError

from cpmo.api.schemas.business_cases import FiveCases, to_content
from cpmo.web.case_form import ROW_NOUNS, ROWS, SCALARS, CaseForm
from cpmo.web.messages import plain

# the order of the form's parts on the page (error summaries follow it)
PAGE_ORDER = (
    "strategic-case_for_change",
    "strategic-objectives",
    "economic-options",
    "economic-preferred_option",
    "commercial-procurement_route",
    "commercial-lots",
    "financial-whole_life_cost",
    "financial-funding_source",
    "financial-profile",
    "management-senior_responsible_owner",
    "management-milestones",
    "management-risks",
    "management-benefits",
)


def validate(form: CaseForm) -> tuple[dict[str, Any] | None, dict[str, list[str]]]:
    """The stored content for this form, or errors by field id (in the form's order)."""
    try:
        loaded = FiveCases().load(form.data)
    except ValidationError as exc:
        return None, _field_errors(form, exc.normalized_messages())
    return to_content(loaded), {}


def _field_errors(form: CaseForm, messages: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}

    def walk(value: Any, path: list[str]) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, [*path, str(key)])
            return
        for message in value if isinstance(value, list) else [value]:
            if isinstance(message, (dict, list)):
                walk(message, path)
            else:
                fid = _field_id(form, path)
                label = form.labels.get(fid, fid)
                found.setdefault(fid, []).append(plain(str(message), label))

    walk(messages, [])
    return dict(sorted(found.items(), key=lambda kv: _position(kv[0])))


def _position(fid: str) -> tuple[int, int, int]:
    """Where a field is on the page: part, row, column."""
    for index, part in enumerate(PAGE_ORDER):
        if fid == part or fid.startswith(part + "-"):
            rest = fid[len(part) + 1 :].split("-", 1)
            row = (
                int(rest[0]) if rest[0].isascii() and rest[0].isdigit() and len(rest[0]) < 6 else 0
            )
            section, _, name = part.partition("-")
            columns = [c for c, _, _ in ROWS.get((section, name), ())]
            column = columns.index(rest[1]) if len(rest) > 1 and rest[1] in columns else 0
            return index, row, column
    return len(PAGE_ORDER), 0, 0


def _field_id(form: CaseForm, path: list[str]) -> str:
    """A schema error path → the id of the field it is about."""
    if len(path) >= 3 and path[1] == "profile":
        years = [form.values.get(f"financial-profile-{i}-year") for i in range(99)]
        row = years.index(path[2]) if path[2] in years else 0
        column = "year" if path[-1] == "key" else "amount"
        return f"financial-profile-{row}-{column}"
    return "-".join(path)


UNMET_PATH = re.compile(r"^(?:[A-Z]+ incomplete: )?([a-z_]+(?:\.[a-z_0-9]+)*): ")


def unmet_links(form: CaseForm, unmet: list[str]) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Gate criteria not met → errors keyed so that the summary links to the right field
    (a whole list, such as 'economic.options', links to its first row)."""
    errors: dict[str, list[str]] = {}
    hrefs: dict[str, str] = {}
    for index, reason in enumerate(unmet):
        key = f"unmet-{index}"
        errors[key] = [readable(reason)]
        match = UNMET_PATH.match(reason)
        if match:
            fid = match.group(1).replace(".", "-")
            if fid not in form.values and f"{fid}-0-{_first_column(fid)}" in _all_ids(form):
                fid = f"{fid}-0-{_first_column(fid)}"
            hrefs[key] = fid if fid in _all_ids(form) else match.group(1).split(".")[0]
        else:
            hrefs[key] = "strategic"
    return errors, hrefs


def _first_column(list_id: str) -> str:
    section, _, name = list_id.partition("-")
    columns = ROWS.get((section, name))
    return columns[0][0] if columns else ""


def _all_ids(form: CaseForm) -> set[str]:
    """Every field id the page renders (including blank rows)."""
    ids = {f"{s}-{n}" for s, scalars in SCALARS.items() for n, _, _ in scalars}
    for (section, name), columns in ROWS.items():
        for row in range(form.row_count(section, name)):
            ids |= {f"{section}-{name}-{row}-{col}" for col, _, _ in columns}
    return ids


REASON = re.compile(
    r"^(?:(?P<gate>[A-Z]+) incomplete: )?(?P<path>[a-z_]+(?:\.[a-z_0-9]+)*): (?P<text>.+)$"
)
CASE_NAMES = {
    "strategic": "the strategic case",
    "economic": "the economic case",
    "commercial": "the commercial case",
    "financial": "the financial case",
    "management": "the management case",
}


def _path_label(path: str) -> str:
    """What a case path names, as the form labels it ("financial.funding_source" → "Funding
    source (the financial case)")."""
    section, _, rest = path.partition(".")
    name = rest.split(".")[0]
    labels = {n: label for n, _, label in SCALARS.get(section, ())}
    noun = ROW_NOUNS.get(name)
    where = CASE_NAMES.get(section, section.replace("_", " "))
    if name in labels:
        return f"{labels[name]} ({where})"
    if noun:
        return f"{noun}s ({where})"
    return where[:1].upper() + where[1:]


def readable(reason: str) -> str:
    """A gate reason or a .docx note without its schema path, naming what the form calls it:
    "OBC incomplete: economic.preferred_option: the preferred option is missing" → "The OBC
    is not complete: the preferred option is missing"."""
    match = REASON.match(reason)
    if match is None:
        return reason
    text = match["text"]
    if len(text.split()) < 3:  # "not found", "no profile": say what was not found
        text = f"{_path_label(match['path'])}: {text}"
    if match["gate"]:
        return f"The {match['gate']} is not complete: {text}"
    return text[:1].upper() + text[1:]
