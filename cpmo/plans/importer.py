"""Read a plan file (YAML, JSON or XLSX) into a validated plan document, or say exactly what is
wrong: the list, the record (or spreadsheet row) with its number or code, and the field."""

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath
from typing import Any

import yaml
from marshmallow import ValidationError

from cpmo.errors import InvalidInput
from cpmo.plans.checks import Problem, cross_check
from cpmo.plans.schemas import LISTS, PlanFile
from cpmo.plans.xlsx import WorkbookError, read_workbook

FORMATS = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".xlsx": "xlsx"}
LABEL_FIELDS = ("number", "code", "letter", "kpi", "function", "from")


@dataclass
class PlanDocument:
    data: dict[str, Any]
    name: str
    rows: dict[str, list[int]] | None = None
    raw: dict[str, Any] = field(default_factory=dict)


class PlanFileError(InvalidInput):
    """A plan file that cannot be loaded; ``lines`` says what and where, one problem each."""

    title = "Invalid plan file"

    def __init__(self, name: str, problems: list[Problem], document: PlanDocument | None = None):
        self.lines = [describe(p, document) for p in problems]
        errors: dict[str, list[str]] = {}
        for p in problems:
            errors.setdefault(_key(p, document), []).append(p.message)
        shown = "; ".join(self.lines[:25]) + ("; …" if len(self.lines) > 25 else "")
        super().__init__(f"{len(problems)} problem(s) in {name}: {shown}", errors=errors)
        self.problems = problems
        self.document = document


def where(p: Problem, document: PlanDocument | None) -> str:
    """Where a problem is: 'actions row 5 (5.3)', 'actions record 2 (5.3)' or its section."""
    if p.index is None:
        return p.section
    rows = document.rows if document else None
    place = f"row {rows[p.section][p.index]}" if rows else f"record {p.index + 1}"
    raw = document.raw.get(p.section) if document else None
    record = raw[p.index] if isinstance(raw, list) and p.index < len(raw) else None
    labels = [record.get(f) for f in LABEL_FIELDS] if isinstance(record, dict) else []
    label = next((str(v)[:40] for v in labels if isinstance(v, str | int)), None)
    return f"{p.section} {place}" + (f" ({label})" if label else "")


def describe(p: Problem, document: PlanDocument | None = None) -> str:
    """'actions row 5 (5.3): end: Longer than maximum length 300.'"""
    return ": ".join(part for part in (where(p, document), p.field, p.message) if part)


def _key(p: Problem, document: PlanDocument | None) -> str:
    if p.index is None:
        return ".".join(x for x in (p.section, p.field) if x) or "file"
    number = document.rows[p.section][p.index] if document and document.rows else p.index + 1
    return ".".join(x for x in (p.section, str(number), p.field) if x)


def _problems(messages: Any) -> list[Problem]:
    out = []
    for section, value in (messages if isinstance(messages, dict) else {"file": messages}).items():
        if section in LISTS and isinstance(value, dict):
            for index, record in value.items():
                fields = record.items() if isinstance(record, dict) else [("", record)]
                for name, msgs in fields:
                    name = "" if name == "_schema" else name.split(".")[0]
                    out += [Problem(section, int(index), name, str(m)) for m in _flat(msgs)]
        elif section == "plan" and isinstance(value, dict):
            out += [Problem("plan", None, k, str(m)) for k, v in value.items() for m in _flat(v)]
        else:
            out += [Problem(str(section), None, "", str(m)) for m in _flat(value)]
    return out


def _flat(messages: Any) -> list[str]:
    if isinstance(messages, dict):
        return [m for value in messages.values() for m in _flat(value)]
    if isinstance(messages, list):
        return [m for value in messages for m in _flat(value)]
    return [str(messages)]


class _NoAliases(yaml.SafeLoader):
    """YAML without anchors and aliases (which can make a small file expand enormously)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError("aliases (*name) are not allowed in a plan file")
        return super().compose_node(parent, index)


def _texts(value: Any) -> Any:
    """Dates YAML read as dates become ISO text again (fields hold dates as stated text)."""
    if isinstance(value, dict):
        return {k: _texts(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_texts(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


def _parse(content: bytes, fmt: str) -> tuple[Any, dict[str, list[int]] | None, list[Problem]]:
    if fmt == "xlsx":
        return read_workbook(content)
    text = content.decode("utf-8")
    loaded = json.loads(text) if fmt == "json" else yaml.load(text, Loader=_NoAliases)
    return _texts(loaded), None, []


def read_plan(content: bytes, *, name: str, fmt: str | None = None) -> PlanDocument:
    """The validated plan document in ``content``; PlanFileError names every problem."""
    fmt = fmt or FORMATS.get(PurePath(name).suffix.lower())
    if fmt not in FORMATS.values():
        raise PlanFileError(name, [Problem("file", None, "", "send a .yaml, .json or .xlsx file")])
    try:
        raw, rows, problems = _parse(content, fmt)
    except (UnicodeDecodeError, ValueError, yaml.YAMLError, WorkbookError, RecursionError) as exc:
        raise PlanFileError(name, [Problem("file", None, "", f"not valid {fmt}: {exc}")]) from exc
    if not isinstance(raw, dict):
        raise PlanFileError(
            name, [Problem("file", None, "", "must be a mapping with kind: business_plan")]
        )
    document = PlanDocument({}, name, rows, raw)
    try:
        document.data = PlanFile().load(raw)
    except ValidationError as exc:
        problems += _problems(exc.messages)
    if not problems:
        problems = cross_check(document.data)
    if problems:
        raise PlanFileError(name, problems, document)
    return document
