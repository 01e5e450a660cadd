"""`cpmo report …`: oversight reports, status exports and snapshots."""

import time
from datetime import date
from pathlib import Path

import click
from flask.cli import with_appcontext

from cpmo.app import governance_limits
from cpmo.cli.common import refuse, release, session_factory
from cpmo.db import transaction
from cpmo.errors import DomainError

FORMATS = ("pdf", "html", "json", "xlsx", "csv")


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
        with session_factory()() as session:
            rendered = render(
                session, code=portfolio, fmt=fmt, as_of=_day(as_of), limits=governance_limits()
            )
    except DomainError as exc:
        refuse(exc)
    release()
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
        with transaction(session_factory()) as session:
            snap = take_snapshot(
                session,
                code=portfolio,
                actor="cli",
                as_of=_day(as_of),
                label=label,
                limits=governance_limits(),
            )
            count = snap.data.get("programme_count", 0)
    except DomainError as exc:
        refuse(exc)
    release()
    click.echo(f"Snapshot of {portfolio} as of {snap.as_of} stored ({count} programmes).")


@report.command("snapshots")
@click.option("--portfolio", required=True)
@with_appcontext
def report_snapshots(portfolio: str) -> None:
    """List the portfolio's snapshots, newest first."""
    from cpmo.reports.snapshots import list_snapshots

    try:
        with session_factory()() as session:
            found = list_snapshots(session, code=portfolio)
    except DomainError as exc:
        refuse(exc)
    release()
    for snap in found:
        click.echo(f"{snap.as_of}  {snap.label or '':<40} taken {snap.taken_at:%Y-%m-%d %H:%M}")
