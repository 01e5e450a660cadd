"""`cpmo audit …`: the tamper-evident audit trail (its head and its verification)."""

import sys

import click
from flask.cli import AppGroup, with_appcontext

from cpmo.cli.common import session_factory


@click.group(cls=AppGroup)
def audit() -> None:
    """The tamper-evident audit trail."""


def _anchor(value: str | None) -> tuple[int, str] | None:
    """Parse ``SEQ:HEAD`` as printed by ``cpmo audit head``."""
    if value is None:
        return None
    sequence, _, digest = value.strip().partition(":")
    if (
        not sequence.isdigit()
        or len(digest) != 64
        or any(c not in "0123456789abcdef" for c in digest)
    ):
        raise click.BadParameter(
            "give the anchor as printed by `cpmo audit head`: SEQUENCE:HASH "
            "(a whole number, a colon, 64 hexadecimal characters)",
            param_hint="--expect",
        )
    return int(sequence), digest


@audit.command("head")
@with_appcontext
def audit_head() -> None:
    """Print the chain's current SEQ:HEAD, to keep outside the database (minutes, a board
    pack, a notary) and check later with `cpmo audit verify --expect SEQ:HEAD`."""
    from cpmo.workflows import audit_store

    with session_factory()() as session:
        head = audit_store.head(session)
    click.echo(f"{head.sequence}:{head.hash}")


@audit.command("verify")
@click.option(
    "--expect",
    metavar="SEQ:HEAD",
    help="An anchor printed earlier by `cpmo audit head`: prove nothing up to it was "
    "rewritten or removed.",
)
@with_appcontext
def audit_verify(expect: str | None) -> None:
    """Recompute the keyed chain and the submitted cases' digests; name the first broken
    entry (exit 1 if any)."""
    from cpmo.workflows import audit_store

    anchor = _anchor(expect)
    with session_factory()() as session:
        result = audit_store.verify(session, expect=anchor)
    if result.ok:
        click.echo(f"Audit chain intact: {result.entries} entries verified.")
        if anchor is not None:
            click.echo(f"Anchor {anchor[0]}:{anchor[1][:12]}… matches: nothing up to it changed.")
        if result.unkeyed:
            click.echo(
                f"{result.unkeyed} entries predate the audit key and are protected by their "
                "hashes only: anchor the chain with `cpmo audit head`."
            )
        return
    broken = result.first_break
    assert broken is not None
    click.echo(f"Audit chain BROKEN at entry {broken.sequence}: {broken.reason}", err=True)
    sys.exit(1)
