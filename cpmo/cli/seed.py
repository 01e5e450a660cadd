"""`cpmo seed`: the seed documents' data, loaded idempotently."""

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from cpmo.cli.common import session_factory
from cpmo.db import transaction


@click.command()
@click.option("--reset", is_flag=True, help="Delete all domain data first (users are kept).")
@click.option(
    "--dir",
    "directory",
    type=click.Path(path_type=Path),
    default=None,
    help="Seed folder (default: the repository's seeds/).",
)
@with_appcontext
def seed(reset: bool, directory: Path | None) -> None:
    """Load the seed documents' data; running it twice leaves the same data."""
    from cpmo.seeding import SEEDS_DIR, SeedError, load_seeds, reset_seeded_data

    try:
        with transaction(session_factory()) as session:
            if reset:
                reset_seeded_data(session)
            counts = load_seeds(session, directory or SEEDS_DIR)
    except SeedError as exc:
        click.echo("Seed data rejected; nothing was loaded.", err=True)
        for problem in exc.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    total = sum(counts.values())
    click.echo(f"Seeded {total} records: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
