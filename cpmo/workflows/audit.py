"""The audit chain: each entry holds the hash of the one before it, so any later edit shows.

Pure functions here; :mod:`cpmo.workflows.audit_store` appends and reads entries.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cpmo.workflows.models import GENESIS_HASH

HASHED_FIELDS = (
    "sequence",
    "programme_code",
    "event",
    "from_stage",
    "to_stage",
    "actor",
    "role",
    "created_at",
    "rationale",
    "business_case_version",
    "details",
)


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    return value


def entry_hash(fields: dict[str, Any], prev_hash: str) -> str:
    """SHA-256 over the entry's fields and the previous entry's hash, canonically encoded."""
    payload = {name: _canonical(fields.get(name)) for name in HASHED_FIELDS}
    payload["prev_hash"] = prev_hash
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    sequence: int
    reason: str


@dataclass(frozen=True)
class Verification:
    ok: bool
    entries: int
    first_break: ChainBreak | None = None


def verify_chain(entries: Iterable[Any], head: tuple[int, str] | None = None) -> Verification:
    """Recompute the chain in sequence order; report the first entry that does not fit."""
    prev_hash, expected_sequence, count = GENESIS_HASH, 1, 0
    for entry in entries:
        count += 1
        fields = {name: getattr(entry, name) for name in HASHED_FIELDS}
        if entry.sequence != expected_sequence:
            return Verification(
                False,
                count,
                ChainBreak(
                    entry.sequence, f"expected sequence {expected_sequence}: an entry is missing"
                ),
            )
        if entry.prev_hash != prev_hash:
            return Verification(
                False,
                count,
                ChainBreak(entry.sequence, "does not point at the previous entry's hash"),
            )
        if entry_hash(fields, prev_hash) != entry.hash:
            return Verification(
                False,
                count,
                ChainBreak(entry.sequence, "its contents do not match its hash: it was altered"),
            )
        prev_hash, expected_sequence = entry.hash, expected_sequence + 1
    if head is not None and head != (expected_sequence - 1, prev_hash):
        return Verification(
            False,
            count,
            ChainBreak(
                expected_sequence, f"the chain head says entry {head[0]}: entries were removed"
            ),
        )
    return Verification(True, count)
