"""The keyed audit chain: pure verification rules."""

from dataclasses import dataclass, replace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cpmo.workflows.audit import (
    GENESIS_HASH,
    AuditKeyring,
    Head,
    entry_hash,
    head_mac,
    key_id_of,
    verify_chain,
)

KEYRING = AuditKeyring.from_secrets("the-real-key")


@dataclass
class Entry:
    sequence: int
    programme_code: str
    event: str
    from_stage: str
    to_stage: str
    actor: str
    role: str
    created_at: Any
    rationale: str | None
    business_case_version: int | None
    details: dict[str, Any]
    prev_hash: str
    hash: str
    key_id: str | None


def _fields(sequence: int, actor: str = "officer") -> dict[str, Any]:
    return {
        "sequence": sequence,
        "programme_code": "p",
        "event": "pause",
        "from_stage": "proposed",
        "to_stage": "on_hold",
        "actor": actor,
        "role": "cpmo",
        "created_at": None,
        "rationale": None,
        "business_case_version": None,
        "details": {"n": sequence},
    }


def chain(
    n: int, keyring: AuditKeyring | None = KEYRING, start: int = 1, prev: str = GENESIS_HASH
) -> list[Entry]:
    entries = []
    for sequence in range(start, start + n):
        fields = _fields(sequence)
        key = keyring.current if keyring else None
        key_id = keyring.current_id if keyring else None
        digest = entry_hash(fields, prev, key=key, key_id=key_id)
        entries.append(Entry(**fields, prev_hash=prev, hash=digest, key_id=key_id))
        prev = digest
    return entries


def head_of(entries: list[Entry], keyring: AuditKeyring = KEYRING, legacy_until: int = 0) -> Head:
    last = entries[-1]
    mac = head_mac(
        keyring.current, sequence=last.sequence, head_hash=last.hash, legacy_until=legacy_until
    )
    return Head(last.sequence, last.hash, legacy_until, keyring.current_id, mac)


def rehash_with_plain_sha256(entries: list[Entry]) -> list[Entry]:
    """What someone with database access but without the key can do."""
    prev, out = GENESIS_HASH, []
    for e in entries:
        fields = {name: getattr(e, name) for name in _fields(0)}
        digest = entry_hash(fields, prev, key=None, key_id=None)
        out.append(replace(e, prev_hash=prev, hash=digest, key_id=None))
        prev = digest
    return out


def test_a_keyed_chain_with_its_signed_head_verifies() -> None:
    entries = chain(5)
    result = verify_chain(entries, KEYRING, head_of(entries))
    assert result.ok and result.entries == 5 and result.unkeyed == 0


def test_an_edit_recomputed_without_the_key_is_detected() -> None:
    entries = chain(4)
    entries[1].actor = "mallory"
    forged = rehash_with_plain_sha256(entries)
    last = forged[-1]
    result = verify_chain(forged, KEYRING, Head(last.sequence, last.hash))
    assert not result.ok
    assert result.first_break.sequence == 1
    assert "carries no key" in result.first_break.reason


def test_an_edit_rehashed_with_a_guessed_key_is_detected() -> None:
    entries = chain(4)
    entries[2].actor = "mallory"
    guessed = AuditKeyring.from_secrets("a-guess")
    prev = entries[1].hash
    for e in entries[2:]:
        fields = {name: getattr(e, name) for name in _fields(0)}
        e.prev_hash = prev
        e.hash = entry_hash(fields, prev, key=guessed.current, key_id=KEYRING.current_id)
        prev = e.hash
    result = verify_chain(entries, KEYRING)
    assert not result.ok and result.first_break.sequence == 3
    assert "altered" in result.first_break.reason


def test_an_entry_signed_with_an_unknown_key_names_the_key() -> None:
    entries = chain(2, AuditKeyring.from_secrets("other-installation"))
    result = verify_chain(entries, KEYRING)
    assert not result.ok and "CPMO_AUDIT_PREVIOUS_KEYS" in result.first_break.reason


def test_after_rotation_old_entries_verify_with_the_previous_key() -> None:
    old = AuditKeyring.from_secrets("old-key")
    entries = chain(3, old)
    entries += chain(2, KEYRING, start=4, prev=entries[-1].hash)
    rotated = AuditKeyring.from_secrets("the-real-key", ["old-key"])
    assert verify_chain(entries, rotated, head_of(entries, rotated)).ok
    assert not verify_chain(entries, KEYRING).ok
    assert key_id_of(b"old-key") != key_id_of(b"the-real-key")


def test_entries_from_before_the_key_verify_only_up_to_the_signed_boundary() -> None:
    legacy = chain(3, None)
    keyed = chain(2, KEYRING, start=4, prev=legacy[-1].hash)
    entries = legacy + keyed
    result = verify_chain(entries, KEYRING, head_of(entries, legacy_until=3))
    assert result.ok and result.unkeyed == 3
    # moving the boundary needs the key: an unsigned head is refused
    last = entries[-1]
    unsigned = Head(last.sequence, last.hash, 3)
    assert "no signature" in verify_chain(entries, KEYRING, unsigned).first_break.reason
    # a boundary raised in the head row breaks the head's signature
    tampered = replace(head_of(entries, legacy_until=3), legacy_until=5)
    assert "head was altered" in verify_chain(entries, KEYRING, tampered).first_break.reason


def test_a_truncated_chain_is_caught_by_the_signed_head_or_an_outside_anchor() -> None:
    entries = chain(6)
    anchor = (6, entries[-1].hash)
    kept = entries[:4]
    # head row left as it was: it names entries that are gone
    result = verify_chain(kept, KEYRING, head_of(entries))
    assert not result.ok and "removed" in result.first_break.reason
    # head row moved back (a copy of an older signed head): only the anchor tells
    assert verify_chain(kept, KEYRING, head_of(kept)).ok
    result = verify_chain(kept, KEYRING, head_of(kept), expect=anchor)
    assert not result.ok and "ends at 4" in result.first_break.reason


def test_an_anchor_catches_a_rewrite_by_someone_holding_the_key() -> None:
    entries = chain(5)
    anchor = (3, entries[2].hash)
    entries[1].actor = "mallory"
    rewritten = chain(0)  # recompute the whole chain with the real key
    prev = GENESIS_HASH
    for e in entries:
        fields = {name: getattr(e, name) for name in _fields(0)}
        e.prev_hash = prev
        e.hash = entry_hash(fields, prev, key=KEYRING.current, key_id=KEYRING.current_id)
        prev = e.hash
        rewritten.append(e)
    assert verify_chain(rewritten, KEYRING, head_of(rewritten)).ok
    result = verify_chain(rewritten, KEYRING, head_of(rewritten), expect=anchor)
    assert not result.ok and result.first_break.sequence == 3
    assert "rewritten" in result.first_break.reason


@given(st.integers(min_value=1, max_value=12), st.data())
def test_changing_any_field_of_any_entry_breaks_the_chain(n: int, data: st.DataObject) -> None:
    entries = chain(n)
    victim = data.draw(st.integers(min_value=0, max_value=n - 1))
    name = data.draw(st.sampled_from(["actor", "role", "event", "rationale", "details"]))
    setattr(entries[victim], name, {"x": 1} if name == "details" else "changed")
    result = verify_chain(entries, KEYRING, head_of(chain(n)))
    assert not result.ok and result.first_break.sequence == victim + 1
