"""The audit chain: each entry holds a keyed hash (HMAC-SHA-256) of its fields and of the
entry before it, so any later edit shows, even to someone who can write to the database but
does not hold the key (which lives outside it).

Pure functions here; :mod:`cpmo.workflows.audit_store` appends and reads entries.
"""

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64  # the previous hash of a chain's first entry


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


class AuditKeyMissing(RuntimeError):
    """A session was asked to write or verify the audit chain without the audit key."""


def key_id_of(key: bytes) -> str:
    """A short public identifier of a key (it reveals nothing about the key itself)."""
    return "k" + hashlib.sha256(b"cpmo audit key id:" + key).hexdigest()[:15]


@dataclass(frozen=True)
class AuditKeyring:
    """The key new entries are signed with, and every older key still trusted to verify."""

    current: bytes
    previous: tuple[bytes, ...] = ()
    by_id: Mapping[str, bytes] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        keys = {key_id_of(k): k for k in (*self.previous, self.current)}
        object.__setattr__(self, "by_id", keys)

    @classmethod
    def from_secrets(cls, current: str, previous: Sequence[str] = ()) -> "AuditKeyring":
        return cls(current.encode(), tuple(p.encode() for p in previous if p))

    @property
    def current_id(self) -> str:
        return key_id_of(self.current)


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    return value


def _encode(payload: dict[str, Any]) -> bytes:
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def entry_hash(
    fields: dict[str, Any], prev_hash: str, *, key: bytes | None, key_id: str | None
) -> str:
    """HMAC-SHA-256 (keyed entries) or plain SHA-256 (entries written before the chain was
    keyed) over the entry's fields, its key id and the previous entry's hash."""
    payload = {name: _canonical(fields.get(name)) for name in HASHED_FIELDS}
    payload["prev_hash"] = prev_hash
    if key is None:
        return hashlib.sha256(_encode(payload)).hexdigest()
    payload["key_id"] = key_id
    return hmac.new(key, _encode(payload), hashlib.sha256).hexdigest()


def head_mac(key: bytes, *, sequence: int, head_hash: str, legacy_until: int) -> str:
    """The head row's own HMAC: without the key nobody can move the head or the point up to
    which unkeyed (pre-key) entries are accepted."""
    message = _encode({"sequence": sequence, "hash": head_hash, "legacy_until": legacy_until})
    return hmac.new(key, message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    sequence: int
    reason: str


@dataclass(frozen=True)
class Verification:
    ok: bool
    entries: int
    first_break: ChainBreak | None = None
    unkeyed: int = 0  # entries written before the chain was keyed


@dataclass(frozen=True)
class Head:
    """What the audit_head row holds."""

    sequence: int
    hash: str
    legacy_until: int = 0
    key_id: str | None = None
    mac: str | None = None


def _check_head(head: Head, keyring: AuditKeyring, keyed_seen: bool) -> str | None:
    if head.mac is None:
        if keyed_seen or head.sequence > head.legacy_until:
            return "the chain head carries no signature: it was replaced"
        return None
    key = keyring.by_id.get(head.key_id or "")
    if key is None:
        return f"the chain head is signed with key {head.key_id}, which this installation lacks"
    expected = head_mac(
        key, sequence=head.sequence, head_hash=head.hash, legacy_until=head.legacy_until
    )
    if not hmac.compare_digest(expected, head.mac):
        return "the chain head's signature does not match: the head was altered"
    return None


def verify_chain(
    entries: Iterable[Any],
    keyring: AuditKeyring,
    head: Head | None = None,
    expect: tuple[int, str] | None = None,
) -> Verification:
    """Recompute the chain in sequence order; report the first entry that does not fit.

    ``expect`` is an anchor kept outside the database (``SEQ:HEAD``): entry SEQ must still
    exist and still hash to HEAD, or the chain was rewritten or truncated up to there.
    """
    legacy_until = head.legacy_until if head else 0
    prev_hash, expected_sequence, count, unkeyed, keyed_seen = GENESIS_HASH, 1, 0, 0, False

    def broken(sequence: int, reason: str) -> Verification:
        return Verification(False, count, ChainBreak(sequence, reason), unkeyed)

    for entry in entries:
        count += 1
        fields = {name: getattr(entry, name) for name in HASHED_FIELDS}
        if entry.sequence != expected_sequence:
            return broken(
                entry.sequence, f"expected sequence {expected_sequence}: an entry is missing"
            )
        if entry.prev_hash != prev_hash:
            return broken(entry.sequence, "does not point at the previous entry's hash")
        if entry.key_id is None:
            if keyed_seen or entry.sequence > legacy_until:
                return broken(entry.sequence, "carries no key: it was written or rewritten by hand")
            key = None
            unkeyed += 1
        else:
            keyed_seen = True
            key = keyring.by_id.get(entry.key_id)
            if key is None:
                return broken(
                    entry.sequence,
                    f"signed with key {entry.key_id}, which this installation does not hold "
                    "(add the old key to CPMO_AUDIT_PREVIOUS_KEYS)",
                )
        digest = entry_hash(fields, prev_hash, key=key, key_id=entry.key_id)
        if not hmac.compare_digest(digest, entry.hash):
            return broken(entry.sequence, "its contents do not match its hash: it was altered")
        if expect is not None and entry.sequence == expect[0] and entry.hash != expect[1]:
            return broken(
                entry.sequence,
                "it is not the entry anchored outside the database: the chain was rewritten",
            )
        prev_hash, expected_sequence = entry.hash, expected_sequence + 1
    last = expected_sequence - 1
    if expect is not None and last < expect[0]:
        return broken(
            last + 1,
            f"the anchor names entry {expect[0]} but the chain ends at {last}: "
            "entries were removed",
        )
    if head is not None:
        if (head.sequence, head.hash) != (last, prev_hash):
            return broken(
                last + 1, f"the chain head says entry {head.sequence}: entries were removed"
            )
        reason = _check_head(head, keyring, keyed_seen)
        if reason:
            return broken(last, reason)
    return Verification(True, count, unkeyed=unkeyed)
