"""The keyed audit chain against a real database and the `cpmo audit` commands: a rewrite by
someone with database access but not the key is caught, a truncation is caught by an anchor
kept outside the database, and the key lives in the instance folder, not the database (issue
14, item 7)."""

import hashlib
import json
import stat
from pathlib import Path

from sqlalchemy import text
from sqlmodel import Session, select

from cpmo.app import create_app
from cpmo.cli import main
from cpmo.config import GovernanceLimits
from cpmo.db import transaction
from cpmo.migrate import upgrade
from cpmo.models import AuditEntry, Programme
from cpmo.seeding import load_seeds
from cpmo.users import service as users
from cpmo.workflows import audit_store
from cpmo.workflows import service as workflow
from cpmo.workflows.audit import GENESIS_HASH, HASHED_FIELDS
from tests.conftest import app_config

LIMITS = GovernanceLimits(delegated_limit_gbp=5_000_000, cost_tolerance=0.1)


def _pause_and_resume(session: Session, times: int) -> None:
    load_seeds(session)
    officer, _ = users.create(session, username="officer", role="cpmo")
    code = "ttp-cyber"
    for _ in range(times):
        for event in ("pause", "resume"):
            version = session.exec(select(Programme.version).where(Programme.code == code)).one()
            workflow.fire_event(
                session,
                actor=officer,
                code=code,
                event=event,
                version=version,
                limits=LIMITS,
                rationale=f"{event} for the test",
            )


def _plain_rehash(session: Session) -> None:
    """What an attacker with database access does: edit a row, then recompute every hash
    and the head the way an unkeyed chain computes them."""
    session.execute(text("UPDATE audit_entry SET rationale = 'Rubber-stamped' WHERE sequence = 2"))
    prev = GENESIS_HASH
    for entry in session.exec(select(AuditEntry).order_by(AuditEntry.sequence)).all():
        session.refresh(entry)
        payload = {
            name: (
                getattr(entry, name).isoformat(timespec="microseconds")
                if name == "created_at"
                else getattr(entry, name)
            )
            for name in HASHED_FIELDS
        }
        payload["prev_hash"] = prev
        for key_id in (None, getattr(entry, "key_id", None)):  # no key either way
            body = dict(payload, **({"key_id": key_id} if key_id else {}))
            encoded = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            digest = hashlib.sha256(encoded.encode()).hexdigest()
        session.execute(
            text("UPDATE audit_entry SET prev_hash = :p, hash = :h WHERE id = :i").bindparams(
                p=prev, h=digest, i=entry.id
            )
        )
        prev = digest
    session.execute(text("UPDATE audit_head SET hash = :h").bindparams(h=prev))


def test_a_rewrite_recomputed_without_the_key_is_caught(
    fresh_database_url: str, tmp_path: Path
) -> None:
    upgrade(fresh_database_url)
    app = create_app(app_config(tmp_path, fresh_database_url))
    factory = app.extensions["cpmo.sessionmaker"]
    with transaction(factory) as session:
        _pause_and_resume(session, 2)
    runner = app.test_cli_runner()
    assert "4 entries verified" in runner.invoke(main, ["audit", "verify"]).output
    with transaction(factory) as session:
        _plain_rehash(session)
    result = runner.invoke(main, ["audit", "verify"])
    assert result.exit_code == 1, result.output
    assert "BROKEN at entry 1" in result.output
    app.extensions["cpmo.engine"].dispose()


def test_audit_head_anchors_the_chain_and_verify_expect_catches_truncation(
    fresh_database_url: str, tmp_path: Path
) -> None:
    upgrade(fresh_database_url)
    app = create_app(app_config(tmp_path, fresh_database_url))
    factory = app.extensions["cpmo.sessionmaker"]
    with transaction(factory) as session:
        _pause_and_resume(session, 2)
    runner = app.test_cli_runner()
    anchor = runner.invoke(main, ["audit", "head"]).output.strip()
    sequence, digest = anchor.split(":")
    assert sequence == "4" and len(digest) == 64
    with transaction(factory) as session:
        _pause_and_resume_more(session)
    ok = runner.invoke(main, ["audit", "verify", "--expect", anchor])
    assert ok.exit_code == 0 and "6 entries verified" in ok.output and "matches" in ok.output

    # remove the last three entries and put back the head as it was at entry 3 (signed: it
    # was copied from an earlier state of the database)
    with transaction(factory) as session:
        head_at_3 = session.execute(
            text("SELECT hash FROM audit_entry WHERE sequence = 3")
        ).scalar_one()
    with transaction(factory) as session:
        session.execute(text("DELETE FROM audit_entry WHERE sequence > 3"))
        session.execute(
            text("UPDATE audit_head SET sequence = 3, hash = :h").bindparams(h=head_at_3)
        )
    without_anchor = runner.invoke(main, ["audit", "verify"])
    assert without_anchor.exit_code == 1  # the head's signature no longer matches
    truncated = runner.invoke(main, ["audit", "verify", "--expect", anchor])
    assert truncated.exit_code == 1
    assert "the anchor names entry 4 but the chain ends at 3" in truncated.output
    bad = runner.invoke(main, ["audit", "verify", "--expect", "four:abc"])
    assert bad.exit_code == 2 and "SEQUENCE:HASH" in bad.output
    app.extensions["cpmo.engine"].dispose()


def _pause_and_resume_more(session: Session) -> None:
    officer = users.get_or_raise(session, username="officer")
    for event in ("pause", "resume"):
        version = session.exec(select(Programme.version).where(Programme.code == "ttp-cyber")).one()
        workflow.fire_event(
            session,
            actor=officer,
            code="ttp-cyber",
            event=event,
            version=version,
            limits=LIMITS,
            rationale="again",
        )


def test_the_key_is_generated_into_the_instance_folder_with_mode_600_and_rotates(
    fresh_database_url: str, tmp_path: Path
) -> None:
    upgrade(fresh_database_url)
    config = app_config(tmp_path, fresh_database_url)
    config.pop("CPMO_AUDIT_KEY")
    app = create_app(config)
    key_file = Path(app.instance_path) / "audit_key"
    assert key_file.exists() and stat.S_IMODE(key_file.stat().st_mode) == 0o600
    with transaction(app.extensions["cpmo.sessionmaker"]) as session:
        _pause_and_resume(session, 1)
        assert "audit" not in " ".join(
            str(v) for v in session.execute(text("SELECT * FROM audit_head")).one()
        )
    old_key = key_file.read_text().strip()
    app.extensions["cpmo.engine"].dispose()

    rotated = create_app(
        {**config, "CPMO_AUDIT_KEY": "a-new-key", "CPMO_AUDIT_PREVIOUS_KEYS": old_key}
    )
    with transaction(rotated.extensions["cpmo.sessionmaker"]) as session:
        _pause_and_resume_more(session)
        result = audit_store.verify(session)
        assert result.ok and result.entries == 4
        keys = session.exec(select(AuditEntry.key_id).order_by(AuditEntry.sequence)).all()
        assert keys[0] == keys[1] != keys[2] == keys[3]
    rotated.extensions["cpmo.engine"].dispose()

    forgotten = create_app({**config, "CPMO_AUDIT_KEY": "a-new-key"})
    with forgotten.extensions["cpmo.sessionmaker"]() as session:
        result = audit_store.verify(session)
        assert not result.ok and "CPMO_AUDIT_PREVIOUS_KEYS" in result.first_break.reason
    forgotten.extensions["cpmo.engine"].dispose()
