"""`cpmo serve`: the development server, or gunicorn with --production."""

from pathlib import Path

import click
from flask import Flask, current_app


# no app context here: with --production the app is built in each worker, never the master
@click.command()
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
    from sqlalchemy.engine import make_url

    from cpmo.config import ConfigError, instance_path_setting, load_settings
    from cpmo.serving import ServeOptions
    from cpmo.serving import serve as run_gunicorn

    if debug:
        raise click.UsageError("--debug is for the development server, not --production.")
    instance_path = instance_path_setting() or Path(Flask("cpmo").instance_path)
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
