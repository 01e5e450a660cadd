"""The `cpmo` command: database, seed data, users, audit, reports, imports, demo data,
benchmarks and the server, one module per command group (shared helpers in ``common``)."""

import click
from flask import Flask
from flask.cli import FlaskGroup

from cpmo.app import create_app
from cpmo.cli import audit, bench, db, demo_data, imports, report, seed, serve, users


def _app() -> Flask:
    from cpmo.config import ConfigError

    try:
        return create_app()
    except ConfigError as exc:  # a bad CPMO_* setting: say which, without a traceback
        raise click.ClickException(str(exc)) from exc


@click.group(cls=FlaskGroup, create_app=_app, load_dotenv=False, add_default_commands=False)
def main() -> None:
    """cpmo: portfolio and programme governance for a Corporate Portfolio Management Office."""


for command in (
    db.db,
    seed.seed,
    users.users,
    audit.audit,
    report.report,
    imports.import_group,
    demo_data.demo_data,
    bench.bench,
    serve.serve,
):
    main.add_command(command)
