"""The `cpmo` command: database, seed data, users, and the development server."""

import json
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from cpmo import cli_bench, cli_demo, cli_reports
from cpmo.app import create_app
from cpmo.db import transaction
from cpmo.errors import DomainError
from cpmo.vocabulary import ROLES


def _app() -> Flask:
    from cpmo.config import ConfigError

    try:
        return create_app()
    except ConfigError as exc:  # a bad CPMO_* setting: say which, without a traceback
        raise click.ClickException(str(exc)) from exc


@click.group(cls=FlaskGroup, create_app=_app, load_dotenv=False, add_default_commands=False)
def main() -> None:
    """cpmo: portfolio and programme governance for a Corporate Portfolio Management Office."""


def _session_factory():  # type: ignore[no-untyped-def]
    return current_app.extensions["cpmo.sessionmaker"]


def _fail(exc: DomainError) -> None:
    click.echo(f"Error: {exc.detail}", err=True)
    sys.exit(1)


# --- database ---------------------------------------------------------------------------


@main.group()
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


# --- seed data --------------------------------------------------------------------------


@main.command()
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
        with transaction(_session_factory()) as session:
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


# --- users ------------------------------------------------------------------------------


@main.group()
def users() -> None:
    """Users, roles and API tokens."""


@users.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option("--display-name", default=None)
@click.option("--password", default=None, help="Also allow signing in to the pages.")
@with_appcontext
def users_add(name: str, role: str, display_name: str | None, password: str | None) -> None:
    """Create a user; the API token is printed as the last line."""
    from cpmo.users import service

    try:
        with transaction(_session_factory()) as session:
            user, token = service.create(
                session, username=name, role=role, password=password, display_name=display_name
            )
    except DomainError as exc:
        _fail(exc)
    click.echo(f"Created user {user.username} with role {user.role}. API token:")
    click.echo(token)


@users.command("token")
@click.argument("name")
@with_appcontext
def users_token(name: str) -> None:
    """Issue another API token for NAME (printed as the last line)."""
    from cpmo.users import service

    try:
        with transaction(_session_factory()) as session:
            token = service.issue_token(session, user=service.get_or_raise(session, username=name))
    except DomainError as exc:
        _fail(exc)
    click.echo(f"New API token for {name}:")
    click.echo(token)


@users.command("revoke")
@click.argument("name")
@with_appcontext
def users_revoke(name: str) -> None:
    """Revoke every API token of NAME."""
    from cpmo.users import service

    try:
        with transaction(_session_factory()) as session:
            count = service.revoke_tokens(session, username=name)
    except DomainError as exc:
        _fail(exc)
    click.echo(f"Revoked {count} token(s) of {name}.")


@users.command("disable")
@click.argument("name")
@with_appcontext
def users_disable(name: str) -> None:
    """Stop NAME signing in or using API tokens; their page sessions end at once."""
    from cpmo.users import service

    try:
        with transaction(_session_factory()) as session:
            service.disable(session, username=name, actor="cli", actor_role="admin")
    except DomainError as exc:
        _fail(exc)
    click.echo(f"Disabled {name}: sessions ended, tokens refused until `cpmo users enable`.")


@users.command("enable")
@click.argument("name")
@with_appcontext
def users_enable(name: str) -> None:
    """Let a disabled user sign in and use their live API tokens again."""
    from cpmo.users import service

    try:
        with transaction(_session_factory()) as session:
            service.enable(session, username=name, actor="cli", actor_role="admin")
    except DomainError as exc:
        _fail(exc)
    click.echo(f"Enabled {name}.")


@users.command("password")
@click.argument("name")
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the new password from the first line of standard input (no prompt).",
)
@with_appcontext
def users_password(name: str, password_stdin: bool) -> None:
    """Set a new password for NAME (asked for twice, never shown); their sessions end."""
    from cpmo.users import service

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("New password", hide_input=True, confirmation_prompt=True, err=True)
    try:
        with transaction(_session_factory()) as session:
            service.change_password(
                session, username=name, password=password, actor="cli", actor_role="admin"
            )
    except DomainError as exc:
        _fail(exc)
    click.echo(f"Password of {name} changed; their page sessions have ended.")


@users.command("role")
@click.argument("name")
@click.argument("role", type=click.Choice(ROLES))
@with_appcontext
def users_role(name: str, role: str) -> None:
    """Give NAME another ROLE; their page sessions end."""
    from cpmo.users import service

    try:
        with transaction(_session_factory()) as session:
            service.change_role(
                session, username=name, new_role=role, actor="cli", actor_role="admin"
            )
    except DomainError as exc:
        _fail(exc)
    click.echo(f"{name} is now {role}; their page sessions have ended.")


@users.command("list")
@click.option("--json", "as_json", is_flag=True)
@with_appcontext
def users_list(as_json: bool) -> None:
    """List users and their tokens (prefix and state only; tokens are never shown)."""
    from cpmo.users import service, sessions

    with transaction(_session_factory()) as session:
        signed_in = sessions.last_sign_ins(session)
        rows = [
            {
                "username": user.username,
                "role": user.role,
                "active": user.active,
                "last_sign_in_at": (
                    signed_in[user.id].isoformat() if user.id in signed_in else None
                ),
                "tokens": [
                    {
                        "prefix": t.prefix,
                        "created_at": t.created_at.isoformat(),
                        "revoked": t.revoked_at is not None,
                    }
                    for t in tokens
                ],
            }
            for user, tokens in service.list_users(session)
        ]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        live = sum(not t["revoked"] for t in row["tokens"])
        state = "" if row["active"] else "  (disabled)"
        click.echo(f"{row['username']:<24} {row['role']:<18} live tokens: {live}{state}")


# --- audit ------------------------------------------------------------------------------


@main.group()
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

    with _session_factory()() as session:
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
    with _session_factory()() as session:
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


# --- reports and imports (cpmo/cli_reports.py) -------------------------------------------

main.add_command(cli_reports.report)
main.add_command(cli_reports.import_group)
main.add_command(cli_demo.demo_data)
main.add_command(cli_bench.bench)


# --- serving ----------------------------------------------------------------------------


# no app context here: with --production the app is built in each worker, never the master
@main.command(with_appcontext=False)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--debug", is_flag=True, help="Development server only: the interactive debugger.")
@click.option(
    "--production",
    is_flag=True,
    help="Serve with gunicorn: several worker processes, each with its own app and pool.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="With --production: worker processes [default: CPMO_WORKERS or 2].",
)
@click.option(
    "--threads",
    type=click.IntRange(min=1),
    default=None,
    help="With --production: threads per worker [default: CPMO_THREADS or 4].",
)
@click.option(
    "--timeout",
    type=click.IntRange(min=1),
    default=60,
    show_default=True,
    help="With --production: seconds before a silent worker is restarted, and the grace "
    "period for requests in flight when stopping.",
)
def serve(
    host: str,
    port: int,
    debug: bool,
    production: bool,
    workers: int | None,
    threads: int | None,
    timeout: int,
) -> None:
    """Serve cpmo: the development server, or gunicorn with --production."""
    if production:
        _serve_production(host, port, debug, workers, threads, timeout)
        return
    if workers is not None or threads is not None:
        raise click.UsageError("--workers and --threads need --production.")
    from flask.cli import ScriptInfo
    from werkzeug.serving import run_simple

    if current_app:
        app = current_app._get_current_object()  # type: ignore[attr-defined]
    else:
        app = click.get_current_context().ensure_object(ScriptInfo).load_app()
    click.echo(f"cpmo on http://{host}:{port}/ (database {app.config['CPMO_DATABASE_URL']})")
    run_simple(host, port, app, threaded=True, use_debugger=debug, use_reloader=False)


def _serve_production(
    host: str, port: int, debug: bool, workers: int | None, threads: int | None, timeout: int
) -> None:
    """gunicorn master: check the settings here, build the app in each worker after the fork."""
    import os

    from sqlalchemy.engine import make_url

    from cpmo.config import ConfigError, load_settings
    from cpmo.serving import ServeOptions
    from cpmo.serving import serve as run_gunicorn

    if debug:
        raise click.UsageError("--debug is for the development server, not --production.")
    instance = os.environ.get("CPMO_INSTANCE_PATH")
    instance_path = Path(instance).resolve() if instance else Path(Flask("cpmo").instance_path)
    try:
        settings = load_settings(instance_path)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    options = ServeOptions(
        host=host,
        port=port,
        workers=workers or settings.workers,
        threads=threads or settings.threads,
        timeout=timeout,
    )
    database = make_url(settings.database_url).render_as_string(hide_password=True)
    click.echo(
        f"cpmo (gunicorn, {options.workers} workers x {options.threads} threads) on "
        f"http://{host}:{port}/ (database {database})"
    )
    run_gunicorn(options)


if __name__ == "__main__":
    main()
