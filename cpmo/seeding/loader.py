"""Validate every seed file, then upsert all records in one transaction.

A bad file fails with file, record and field named, before anything is written; a reference
to an unknown code fails the same way and the caller's transaction rolls everything back.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from marshmallow import ValidationError
from sqlalchemy import delete
from sqlmodel import Session, SQLModel, select

from cpmo.db import metadata
from cpmo.errors import InvalidInput
from cpmo.graph import version
from cpmo.plans.seeds import load_plan_seeds, read_plan_seeds
from cpmo.seeding.kinds import SEED_KINDS, SeedKind

SEEDS_DIR = Path(__file__).resolve().parent.parent.parent / "seeds"
KEEP_ON_RESET = {"app_user", "api_token", "audit_entry", "audit_head", "graph_state"}


class SeedError(InvalidInput):
    """One or more seed records are invalid; ``problems`` lists each as text."""

    title = "Invalid seed data"

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problem(s) in seed data:\n" + "\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class ParsedFile:
    kind: SeedKind
    records: list[dict[str, Any]]


def _label(index: int, raw: Any) -> str:
    code = raw.get("code") or _ends(raw) if isinstance(raw, dict) else None
    return f"record {index + 1}" + (f" ({code})" if code else "")


def _ends(raw: dict[str, Any]) -> str | None:
    """'source → target' for a graph edge record."""
    if "source_key" in raw and "target_key" in raw:
        return f"{raw['source_key']} → {raw['target_key']}"
    return None


def _flatten(messages: Any, prefix: str = "") -> list[tuple[str, str]]:
    if isinstance(messages, dict):
        out: list[tuple[str, str]] = []
        for key, value in messages.items():
            out += _flatten(value, f"{prefix}{key}" if not prefix else f"{prefix}.{key}")
        return out
    if isinstance(messages, list):
        return [(prefix or "record", str(m)) for m in messages]
    return [(prefix or "record", str(messages))]


def parse_file(path: Path, kind: SeedKind, problems: list[str]) -> ParsedFile | None:
    """Read and validate one file; append each problem (file, record, field) to ``problems``."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        problems.append(f"{path.name}: not valid YAML: {exc}")
        return None
    if not isinstance(document, dict) or document.get("kind") != kind.kind:
        problems.append(f"{path.name}: must be a mapping with kind: {kind.kind} and records: [...]")
        return None
    raw_records = document.get("records")
    if not isinstance(raw_records, list):
        problems.append(f"{path.name}: 'records' must be a list")
        return None
    records: list[dict[str, Any]] = []
    for index, raw in enumerate(raw_records):
        try:
            records.append(kind.schema().load(raw if isinstance(raw, dict) else {"": raw}))
        except ValidationError as exc:
            for field_name, message in _flatten(exc.messages):
                problems.append(f"{path.name}: {_label(index, raw)}: {field_name}: {message}")
    return ParsedFile(kind, records)


def read_seed_dir(directory: Path) -> list[ParsedFile]:
    """Parse every known seed file present in ``directory``; raise SeedError on any problem."""
    if not directory.is_dir():
        raise SeedError([f"{directory}: seed folder not found"])
    problems: list[str] = []
    parsed = [
        result
        for kind in SEED_KINDS
        if (directory / kind.file).exists()
        and (result := parse_file(directory / kind.file, kind, problems)) is not None
    ]
    if problems:
        raise SeedError(problems)
    return parsed


class _CodeIndex:
    """code → id for referenced tables, loaded once per table and kept current."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.maps: dict[type[SQLModel], dict[str, int]] = {}

    def get(self, model: type[SQLModel], code: str) -> int | None:
        if model not in self.maps:
            rows = self.session.exec(select(model.code, model.id)).all()  # type: ignore[attr-defined]
            self.maps[model] = dict(rows)
        return self.maps[model].get(code)

    def remember(self, model: type[SQLModel], code: str, row_id: int) -> None:
        if model in self.maps:
            self.maps[model][code] = row_id


def _upsert_kind(
    session: Session, parsed: ParsedFile, codes: _CodeIndex, problems: list[str]
) -> int:
    kind = parsed.kind
    existing = {
        tuple(getattr(row, k) for k in kind.key): row for row in session.exec(select(kind.model))
    }
    for index, record in enumerate(parsed.records):
        values = dict(record)
        unresolved = False
        for seed_field, (target, attribute) in kind.refs.items():
            code = values.pop(seed_field, None)
            values[attribute] = None
            if code is None:
                continue
            values[attribute] = codes.get(target, code)
            if values[attribute] is None:
                unresolved = True
                problems.append(
                    f"{kind.file}: {_label(index, record)}: {seed_field}: unknown code {code!r}"
                )
        if unresolved:
            continue
        key = tuple(values[k] for k in kind.key)
        row = existing.get(key)
        if row is None:
            row = kind.model(**values)
            session.add(row)
            existing[key] = row
        else:
            for name, value in values.items():
                if name not in kind.insert_only and getattr(row, name) != value:
                    setattr(row, name, value)
        if "code" in values:
            session.flush()
            codes.remember(kind.model, values["code"], row.id)  # type: ignore[attr-defined]
    session.flush()
    return len(parsed.records)


def load_seeds(session: Session, directory: Path = SEEDS_DIR) -> dict[str, int]:
    """Upsert every seed record; return the record count per kind. Raises SeedError."""
    parsed_files = read_seed_dir(directory)
    plans, plan_problems = read_plan_seeds(directory)
    if plan_problems:
        raise SeedError(plan_problems)
    codes = _CodeIndex(session)
    problems: list[str] = []
    counts: dict[str, int] = {}
    for parsed in parsed_files:
        refused = parsed.kind.check(session, parsed.records) if parsed.kind.check else []
        problems += [
            f"{parsed.kind.file}: {_label(i, parsed.records[i])}: {field_name}: {message}"
            for i, field_name, message in refused
        ]
        if not refused:
            counts[parsed.kind.kind] = _upsert_kind(session, parsed, codes, problems)
    if problems:
        raise SeedError(problems)
    plan_counts, plan_problems = load_plan_seeds(session, plans)
    if plan_problems:
        raise SeedError(plan_problems)
    return counts | plan_counts


def reset_seeded_data(session: Session) -> None:
    """Delete every domain row (users and tokens are kept), children before parents."""
    for table in reversed(metadata.sorted_tables):
        if table.name not in KEEP_ON_RESET:
            if table.name == "programme":
                session.execute(table.update().values(parent_id=None))
            if table.name == "organisation_unit":
                session.execute(table.update().values(parent_id=None))
            if table.name == "plan_action":
                session.execute(table.update().values(parent_id=None))
            session.execute(delete(table))
    version.bump(session)  # bulk deletes bypass the listener that bumps the graph version
    session.flush()
