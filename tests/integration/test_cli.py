"""The `cpmo` command, end to end against a fresh database."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from cpmo.cli import main


@pytest.fixture
def cli(fresh_database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CPMO_DATABASE_URL", fresh_database_url)
    monkeypatch.setenv("CPMO_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("CPMO_SECRET_KEY", "cli-test")
    runner = CliRunner()

    def run(*args: str, ok: bool = True):  # type: ignore[no-untyped-def]
        result = runner.invoke(main, list(args), catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, result.output
        return result

    run("db", "upgrade")
    return run


def test_users_add_prints_the_token_as_the_last_line(cli) -> None:
    result = cli("users", "add", "alice", "--role", "cpmo")
    token = result.output.strip().splitlines()[-1]
    assert len(token) >= 43 and " " not in token
    listing = cli("users", "list").output
    assert "alice" in listing and "live tokens: 1" in listing and token not in listing


def test_a_second_token_and_revocation(cli) -> None:
    cli("users", "add", "bob", "--role", "oversight")
    cli("users", "token", "bob")
    assert "Revoked 2 token(s)" in cli("users", "revoke", "bob").output
    assert "live tokens: 0" in cli("users", "list").output


def test_bad_user_input_is_a_clear_error_not_a_traceback(cli) -> None:
    cli("users", "add", "carol", "--role", "scorer")
    duplicate = cli("users", "add", "carol", "--role", "scorer", ok=False)
    assert duplicate.exit_code == 1 and "already exists" in duplicate.output
    bad_role = cli("users", "add", "dave", "--role", "minister", ok=False)
    assert bad_role.exit_code == 2 and "minister" in bad_role.output
    unknown = cli("users", "revoke", "nobody", ok=False)
    assert unknown.exit_code == 1 and "no user called 'nobody'" in unknown.output


def test_seed_is_idempotent_and_reports_counts(cli) -> None:
    first = cli("seed").output
    assert "programmes 14" in first
    assert cli("seed").output == first
    assert "programmes 14" in cli("seed", "--reset").output


def test_a_broken_seed_folder_is_rejected_naming_file_record_and_field(cli, tmp_path) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "departments.yaml").write_text(
        "kind: departments\nrecords:\n- code: x\n  source: doc\n"
    )
    result = cli("seed", "--dir", str(folder), ok=False)
    assert result.exit_code == 1
    assert "departments.yaml: record 1 (x): name: Missing data for required field." in (
        result.output
    )
    assert "nothing was loaded" in result.output


def test_audit_verify_on_an_empty_chain(cli) -> None:
    assert "0 entries verified" in cli("audit", "verify").output


def test_serve_answers_http_on_the_requested_port(cli, fresh_database_url, tmp_path) -> None:
    """`cpmo serve` really serves (Flask ignores app.run() inside its own CLI)."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "CPMO_DATABASE_URL": fresh_database_url,
        "CPMO_INSTANCE_PATH": str(tmp_path / "instance"),
        "CPMO_SECRET_KEY": "s",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "cpmo.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline, body = time.monotonic() + 30, b""
        while time.monotonic() < deadline and not body:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health") as reply:
                    body = reply.read()
            except OSError:
                time.sleep(0.2)
        assert b'"status":"ok"' in body
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_takes_workers_and_threads_only_with_production(cli) -> None:
    result = cli("serve", "--workers", "3", ok=False)
    assert result.exit_code == 2 and "--production" in result.output


def test_serve_production_refuses_a_bad_pool_setting_before_starting(cli, monkeypatch) -> None:
    monkeypatch.setenv("CPMO_DB_POOL_SIZE", "none")
    result = cli("serve", "--production", ok=False)
    assert result.exit_code == 2
    assert "CPMO_DB_POOL_SIZE must be a whole number" in result.output


def test_serve_production_hands_gunicorn_its_options_and_builds_no_app_in_the_master(
    cli, monkeypatch
) -> None:
    import cpmo.cli
    import cpmo.serving

    started = []
    monkeypatch.setattr(cpmo.cli, "create_app", lambda: pytest.fail("app built in the master"))
    monkeypatch.setattr(cpmo.serving, "serve", started.append)
    monkeypatch.setenv("CPMO_THREADS", "3")
    result = cli("serve", "--production", "--workers", "5", "--port", "8123")
    assert "5 workers x 3 threads" in result.output
    (options,) = started
    assert (options.workers, options.threads, options.port) == (5, 3, 8123)
    gunicorn = cpmo.serving.gunicorn_options(options)
    assert gunicorn["worker_class"] == "gthread" and gunicorn["preload_app"] is False
    assert gunicorn["accesslog"] == "-" and gunicorn["graceful_timeout"] == 60


def test_a_bad_setting_is_named_without_a_traceback(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CPMO_DB_POOL_SIZE", "lots")
    result = cli("users", "list", ok=False)
    assert result.exit_code == 1
    assert "CPMO_DB_POOL_SIZE must be a whole number, got 'lots'" in result.output
    assert "Traceback" not in result.output
