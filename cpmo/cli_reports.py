"""`cpmo report …` and `cpmo import …`: board packs, snapshots and register imports."""

import sys
import time
from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from cpmo.db import transaction
from cpmo.errors import DomainError, InvalidInput

FORMATS = ("pdf", "html", "json", "xlsx", "csv")


def _factory():  # type: ignore[no-untyped-def]
    return current_app.extensions["cpmo.sessionmaker"]


def _limits():  # type: ignore[no-untyped-def]
    from cpmo.reports.gather.facts import Limits

    return Limits(
        delegated_limit_gbp=current_app.config["CPMO_DELEGATED_LIMIT_GBP"],
        cost_tolerance=current_app.config["CPMO_COST_TOLERANCE"],
    )


def _release() -> None:
    """Close the command's database connections now, not whenever they are collected."""
    engine = current_app.extensions.get("cpmo.engine")
    if engine is not None:
        engine.dispose()


def _refuse(exc: DomainError) -> None:
    _release()
    click.echo(f"Error: {exc.detail}", err=True)
    for messages in (getattr(exc, "errors", None) or {}).values():
        for message in messages if isinstance(messages, list) else [messages]:
            click.echo(f"  {message}", err=True)
    sys.exit(1)


AS_OF = click.option(
    "--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="YYYY-MM-DD"
)


def _day(value: object) -> date | None:
    return value.date() if value is not None else None  # type: ignore[attr-defined]


@click.group("report")
def report() -> None:
    """Oversight reports, status exports and snapshots."""


@report.command("oversight")
@click.option("--portfolio", required=True, help="Portfolio code, e.g. goj-change.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="pdf", show_default=True)
@click.option("--output", required=True, type=click.Path(path_type=Path), help="File to write.")
@AS_OF
@with_appcontext
def report_oversight(portfolio: str, fmt: str, output: Path, as_of: object) -> None:
    """Write the oversight report (csv: the portfolio status) to OUTPUT."""
    from cpmo.reports.service import render

    started = time.perf_counter()
    try:
        with _factory()() as session:
            rendered = render(session, code=portfolio, fmt=fmt, as_of=_day(as_of), limits=_limits())
    except DomainError as exc:
        _refuse(exc)
    _release()
    output.write_bytes(rendered.data)
    seconds = time.perf_counter() - started
    click.echo(f"Wrote {output} ({len(rendered.data):,} bytes, {fmt}) in {seconds:.2f} s.")


@report.command("snapshot")
@click.option("--portfolio", required=True)
@click.option("--label", default=None, help="e.g. 'Oversight group, March meeting'.")
@AS_OF
@with_appcontext
def report_snapshot(portfolio: str, label: str | None, as_of: object) -> None:
    """Store the portfolio's status now, for the next report to compare with."""
    from cpmo.reports.snapshots import take_snapshot

    try:
        with transaction(_factory()) as session:
            snap = take_snapshot(
                session,
                code=portfolio,
                actor="cli",
                as_of=_day(as_of),
                label=label,
                limits=_limits(),
            )
            count = snap.data.get("programme_count", 0)
    except DomainError as exc:
        _refuse(exc)
    _release()
    click.echo(f"Snapshot of {portfolio} as of {snap.as_of} stored ({count} programmes).")


@report.command("snapshots")
@click.option("--portfolio", required=True)
@with_appcontext
def report_snapshots(portfolio: str) -> None:
    """List the portfolio's snapshots, newest first."""
    from cpmo.reports.snapshots import list_snapshots

    try:
        with _factory()() as session:
            found = list_snapshots(session, code=portfolio)
    except DomainError as exc:
        _refuse(exc)
    _release()
    for snap in found:
        click.echo(f"{snap.as_of}  {snap.label or '':<40} taken {snap.taken_at:%Y-%m-%d %H:%M}")


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
        with transaction(_factory()) as session:
            result = load(
                session, data=file.read_bytes(), filename=file.name, year=year, actor="cli"
            )
    except InvalidInput as exc:
        click.echo("GMPP file refused; nothing was imported.", err=True)
        _refuse(exc)
    except DomainError as exc:
        _refuse(exc)
    _release()
    seconds = time.perf_counter() - started
    click.echo(
        f"Imported {result.projects} projects into {result.portfolio} in {seconds:.2f} s: "
        f"{result.created} created, {result.updated} updated, {result.unchanged} unchanged, "
        f"{result.removed} removed."
    )
    for note in result.notes:
        click.echo(f"  note: {note}")
