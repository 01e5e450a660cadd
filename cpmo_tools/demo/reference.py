"""What the demo borrows from the seed files: departments, CSP priorities, workshop criteria.

Read and validated by the seed loader's own parser, so the demo portfolio speaks the same
organisation's language as `cpmo seed` without copying its data.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cpmo.seeding.kinds import SEED_KINDS
from cpmo.seeding.loader import SEEDS_DIR, SeedError, parse_file

WANTED = ("departments", "csp_priorities", "workshop_criteria")


@dataclass(frozen=True)
class Reference:
    departments: list[dict[str, Any]]
    priorities: list[dict[str, Any]]
    criteria: list[dict[str, Any]]


def _records(directory: Path, kind_name: str) -> list[dict[str, Any]]:
    kind = next(k for k in SEED_KINDS if k.kind == kind_name)
    problems: list[str] = []
    parsed = parse_file(directory / kind.file, kind, problems)
    if problems or parsed is None:
        raise SeedError(problems or [f"{kind.file}: unreadable"])
    return parsed.records


def read_reference(directory: Path = SEEDS_DIR) -> Reference:
    """The seed departments, priorities and the first workshop's criteria (in position order)."""
    if not directory.is_dir():
        raise SeedError([f"{directory}: seed folder not found (the demo borrows from it)"])
    departments, priorities, criteria = (_records(directory, k) for k in WANTED)
    first = criteria[0]["workshop"] if criteria else None
    ordered = sorted(
        (c for c in criteria if c["workshop"] == first), key=lambda c: (c["position"], c["key"])
    )
    if not departments or not priorities or not ordered:
        raise SeedError([f"{directory}: departments, priorities and criteria are needed"])
    return Reference(departments, priorities, ordered)
