"""`cpmo import …`: published registers (UK GMPP annual data)."""

import time
from pathlib import Path

import click
from flask.cli import with_appcontext

from cpmo.cli.common import refuse, release, session_factory
from cpmo.db import transaction
from cpmo.errors import DomainError, InvalidInput


@click.group("import")
def import_group() -> None:
    """Import published registers (UK GMPP annual data)."""


@import_group.command("gmpp")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--year", default=None, help="Financial year, e.g. 2021-22 (default: from FILE).")
@with_appcontext
def import_gmpp(file: Path, year: str | None) -> None:
    """Load a GMPP annual CSV as portfolio gmpp-<year>; all or nothing, idempotent."""
    from cpmo.imports.gmpp.service import import_gmpp as load

    started = time.perf_counter()
    try:
        with transaction(session_factory()) as session:
            result = load(
                session, data=file.read_bytes(), filename=file.name, year=year, actor="cli"
            )
    except InvalidInput as exc:
        click.echo("GMPP file refused; nothing was imported.", err=True)
        refuse(exc)
    except DomainError as exc:
        refuse(exc)
    release()
    seconds = time.perf_counter() - started
    click.echo(
        f"Imported {result.projects} projects into {result.portfolio} in {seconds:.2f} s: "
        f"{result.created} created, {result.updated} updated, {result.unchanged} unchanged, "
        f"{result.removed} removed."
    )
    for note in result.notes:
        click.echo(f"  note: {note}")
