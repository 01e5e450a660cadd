"""`cpmo bench`: the benchmark harness (the cpmo_tools.bench package), one line per figure."""

import sys

import click


@click.command("bench")
@click.option("--quick", is_flag=True, help="Smaller sizes and shorter runs (under 3 minutes).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option(
    "--database-url",
    default=None,
    help="An empty database for the demo portfolios (default: a temporary SQLite file). "
    "The load test is meant for PostgreSQL.",
)
@click.option(
    "--only",
    default="",
    help="Comma-separated groups: status, event, health_vs_status, memory, graph, "
    "prioritisation, reports, uploads, search, load.",
)
def bench(quick: bool, as_json: bool, database_url: str | None, only: str) -> None:
    """Measure cpmo: status, events, throughput, graph, prioritisation, reports, uploads, search,
    load."""
    from cpmo.config import normalise_database_url
    from cpmo.errors import DomainError
    from cpmo_tools.bench.figures import Printer
    from cpmo_tools.bench.suite import run

    url = normalise_database_url(database_url) if database_url else None
    groups = [g.strip() for g in only.split(",") if g.strip()]
    try:
        figures = run(
            Printer(sys.stdout, as_json=as_json), quick=quick, database_url=url, only=groups
        )
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    except DomainError as exc:  # e.g. the database already holds a demo portfolio of that size
        raise click.ClickException(f"{exc.detail} (give an empty database)") from exc
    missed = [f.name for f in figures if f.met is False]
    if missed and not as_json:
        click.echo(f"# targets missed: {', '.join(missed)}")
