"""`cpmo demo-data`: a synthetic portfolio at scale, for benchmarks and load tests."""

import json
import os
import time
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from cpmo.cli.common import fail
from cpmo.errors import DomainError


def _write_tokens(path: Path, tokens: dict[str, str]) -> None:
    """The role → token JSON, readable by its owner only (tokens are credentials)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(tokens, handle, indent=2, sort_keys=True)
        handle.write("\n")


@click.command("demo-data")
@click.option("--programmes", required=True, type=click.IntRange(1, 1_000_000))
@click.option("--seed", default=1, show_default=True, type=int)
@click.option(
    "--portfolio",
    default="demo",
    show_default=True,
    help="Code of the new portfolio: a lowercase slug (codes are lowercase throughout cpmo).",
)
@click.option(
    "--database-url", default=None, help="Database to fill (default: the configured one)."
)
@click.option(
    "--tokens",
    "tokens_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the demo users' API tokens here as JSON (role → token).",
)
@with_appcontext
def demo_data(
    programmes: int, seed: int, portfolio: str, database_url: str | None, tokens_file: Path | None
) -> None:
    """Migrate the database and add a synthetic demo portfolio of PROGRAMMES programmes, with
    histories, business cases, audit trail, graph and a closed workshop; users demo-<role>."""
    from cpmo.app import audit_keyring, governance_limits
    from cpmo_tools.demo import generate

    config = current_app.config
    limits = governance_limits()
    started = time.perf_counter()
    try:
        summary = generate(
            database_url or config["CPMO_DATABASE_URL"],
            programmes=programmes,
            seed=seed,
            portfolio=portfolio,
            limits=limits,
            audit_keyring=audit_keyring(config["CPMO_SETTINGS"]),
        )
    except DomainError as exc:
        fail(exc)
    if tokens_file is not None:
        _write_tokens(tokens_file, summary.tokens)
    click.echo(f"{summary.line()} ({time.perf_counter() - started:.1f} s)")
