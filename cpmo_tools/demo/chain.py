"""Number and hash the generated events after the audit chain's current head.

All programmes' events go into one chain in time order, exactly as ``audit_store.append``
would have written them one by one: same fields, same canonical hash, each pointing at the
hash of the entry before it, keyed with the session's audit key.
"""

from dataclasses import dataclass
from typing import Any

from cpmo.workflows.audit import AuditKeyring, entry_hash
from cpmo_tools.demo.history import Story


@dataclass(frozen=True)
class Chained:
    rows: list[dict[str, Any]]
    sequences: dict[int, int]  # id() of an in-memory entry → its sequence number
    head: tuple[int, str]  # the new head: last sequence and its hash


def chain(stories: list[Story], head: tuple[int, str], keyring: AuditKeyring) -> Chained:
    """Audit rows for every story's entries, oldest first, continuing from ``head``, signed
    with the keyring's current key."""
    ordered = sorted(
        (
            (e.created_at, p, e.sequence, e, s.plan.code)
            for p, s in enumerate(stories)
            for e in s.entries
        ),
        key=lambda item: item[:3],
    )
    sequence, prev = head
    rows, sequences = [], {}
    for _, _, _, entry, code in ordered:
        sequence += 1
        fields = {
            "sequence": sequence,
            "programme_code": code,
            "event": entry.event,
            "from_stage": entry.from_stage,
            "to_stage": entry.to_stage,
            "actor": entry.actor,
            "role": entry.role,
            "created_at": entry.created_at,
            "rationale": entry.rationale,
            "business_case_version": entry.business_case_version,
            "details": entry.details,
        }
        digest = entry_hash(fields, prev, key=keyring.current, key_id=keyring.current_id)
        rows.append({**fields, "prev_hash": prev, "hash": digest, "key_id": keyring.current_id})
        sequences[id(entry)] = sequence
        prev = digest
    return Chained(rows, sequences, (sequence, prev))
