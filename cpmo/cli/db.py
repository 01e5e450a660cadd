"""`cpmo db …`: database migrations."""

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext


@click.group(cls=AppGroup)
def db() -> None:
    """Database migrations."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True)
@with_appcontext
def db_upgrade(revision: str) -> None:
    """Migrate the configured database up to REVISION."""
    from cpmo.migrate import upgrade

    upgrade(current_app.config["CPMO_DATABASE_URL"], revision)
    click.echo(f"Database at {revision}.")


@db.command("downgrade")
@click.argument("revision")
@with_appcontext
def db_downgrade(revision: str) -> None:
    """Migrate the configured database down to REVISION ('base' empties it)."""
    from cpmo.migrate import downgrade

    downgrade(current_app.config["CPMO_DATABASE_URL"], revision)
    click.echo(f"Database at {revision}.")
