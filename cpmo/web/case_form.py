"""The business case form: the Five Case Model as one HTML form, to and from the stored
content. Validation is the API's FiveCases schema; this module only maps names.

Field ids: ``<section>-<field>`` for single values and ``<section>-<list>-<row>-<field>``
for rows of a list (options, lots, profile years, milestones, risks, benefits). Blank rows
are dropped and the rest renumbered, so a row's number on the page is its index in the
stored list, and errors found by the schema or the gate criteria (``case_errors``) point at
the right field.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# kinds of value: text, lines (one item per line), int (whole number), bool (checkbox)
SCALARS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "strategic": (
        ("case_for_change", "text", "Case for change"),
        ("objectives", "lines", "Objectives it contributes to"),
    ),
    "economic": (("preferred_option", "text", "Preferred option"),),
    "commercial": (("procurement_route", "text", "Procurement route"),),
    "financial": (
        ("whole_life_cost", "int", "Whole-life cost"),
        ("funding_source", "text", "Funding source"),
    ),
    "management": (("senior_responsible_owner", "text", "Senior responsible owner"),),
}
ROWS: dict[tuple[str, str], tuple[tuple[str, str, str], ...]] = {
    ("economic", "options"): (
        ("name", "text", "name"),
        ("npv", "int", "net present value"),
        ("description", "text", "description"),
        ("do_minimum", "bool", "business as usual or do minimum"),
    ),
    ("commercial", "lots"): (("name", "text", "name"), ("description", "text", "description")),
    ("financial", "profile"): (("year", "text", "year"), ("amount", "int", "amount")),
    ("management", "milestones"): (("name", "text", "name"), ("due", "text", "due date")),
    ("management", "risks"): (
        ("title", "text", "title"),
        ("likelihood", "int", "likelihood"),
        ("impact", "int", "impact"),
        ("owner", "text", "owner"),
    ),
    ("management", "benefits"): (
        ("title", "text", "title"),
        ("value_gbp", "int", "value"),
        ("measure", "text", "measure"),
    ),
}
ROW_NOUNS = {
    "options": "Option",
    "lots": "Lot",
    "profile": "Year",
    "milestones": "Milestone",
    "risks": "Risk",
    "benefits": "Benefit",
}
MIN_ROWS = {"options": 3}
SPARE_ROWS = 2
WHOLE = re.compile(r"^-?\d+$")


@dataclass
class CaseForm:
    """What the form shows (raw text by field id), how many rows each list shows, and the
    content it stands for (ready for the FiveCases schema)."""

    values: dict[str, str] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    def row_count(self, section: str, name: str) -> int:
        used = self.rows.get(f"{section}-{name}", 0)
        return max(used + SPARE_ROWS, MIN_ROWS.get(name, 0))


def _number(text: str) -> int | str:
    cleaned = text.replace(",", "").replace("£", "").replace(" ", "")
    return int(cleaned) if WHOLE.match(cleaned) and len(cleaned) <= 20 else text


def _value(kind: str, text: str) -> Any:
    if kind == "int":
        return _number(text)
    if kind == "bool":
        return bool(text)
    if kind == "lines":
        return [line.strip() for line in text.splitlines() if line.strip()]
    return text


def _row_ids(form: Mapping[str, str], section: str, name: str) -> list[str]:
    """The row numbers present in the submitted form, in order."""
    pattern = re.compile(rf"^{section}-{name}-([0-9]{{1,4}})-")
    numbers = sorted({int(m.group(1)) for key in form if (m := pattern.match(key))})
    return [str(n) for n in numbers]


def from_form(form: Mapping[str, str]) -> CaseForm:
    """A submitted form → a CaseForm (blank rows dropped, the rest renumbered from 0)."""
    out = CaseForm()
    for section, scalars in SCALARS.items():
        part: dict[str, Any] = {}
        for name, kind, label in scalars:
            fid = f"{section}-{name}"
            text = form.get(fid, "").strip()
            out.values[fid], out.labels[fid] = text, label
            if text:
                part[name] = _value(kind, text)
        out.data[section] = part
    for (section, name), columns in ROWS.items():
        items: list[dict[str, Any]] = []
        for row in _row_ids(form, section, name):
            raw = {
                col: form.get(f"{section}-{name}-{row}-{col}", "").strip() for col, _, _ in columns
            }
            if not any(raw.values()):
                continue
            index = len(items)
            item: dict[str, Any] = {}
            for col, kind, label in columns:
                fid = f"{section}-{name}-{index}-{col}"
                out.values[fid] = raw[col]
                out.labels[fid] = f"{ROW_NOUNS[name]} {index + 1} {label}"
                if raw[col]:
                    item[col] = _value(kind, raw[col])
            items.append(item)
        out.rows[f"{section}-{name}"] = len(items)
        if items:
            out.data[section][name] = _profile(items) if name == "profile" else items
    out.data = {k: v for k, v in out.data.items() if v}
    return out


def _profile(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {str(i.get("year", "")): i.get("amount") for i in items}


def from_content(content: Mapping[str, Any]) -> CaseForm:
    """Stored (or imported) content → what the form shows."""
    flat: dict[str, str] = {}
    for section, scalars in SCALARS.items():
        part = content.get(section) or {}
        for name, kind, _ in scalars:
            value = part.get(name)
            if value is None:
                continue
            flat[f"{section}-{name}"] = "\n".join(value) if kind == "lines" else str(value)
    for (section, name), columns in ROWS.items():
        listed = (content.get(section) or {}).get(name) or []
        if name == "profile":
            listed = [{"year": y, "amount": a} for y, a in dict(listed).items()]
        for index, item in enumerate(listed):
            for col, kind, _ in columns:
                value = item.get(col)
                if value is None or value is False:
                    continue
                flat[f"{section}-{name}-{index}-{col}"] = "yes" if kind == "bool" else str(value)
    return from_form(flat)
