"""Disabling, enabling, password resets and role changes: services and the `cpmo users`
commands, each audited as user:<username> in the one chain."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlmodel import Session

from cpmo.cli import main
from cpmo.db import make_engine, make_sessionmaker
from cpmo.errors import InvalidInput, NotFound
from cpmo.users import service, sessions
from cpmo.workflows import audit_store

PASSWORD = "correct horse battery"


def test_a_disabled_users_tokens_and_password_stop_working_until_enabled(
    session: Session,
) -> None:
    user, token = service.create(
        session, username="pm", role="programme_manager", password=PASSWORD
    )
    sessions.start(session, user=user)
    disabled = service.disable(session, username="pm", actor="root", actor_role="admin")
    assert disabled.active is False
    assert service.authenticate(session, token=token) is None
    assert service.check_password(session, username="pm", password=PASSWORD) is None
    assert sessions.end_for_user(session, user_id=user.id, reason="again") == 0  # already ended
    service.enable(session, username="pm", actor="root", actor_role="admin")
    assert service.authenticate(session, token=token) == user
    entries = audit_store.entries_for(session, programme_code="user:pm")
    assert [(e.event, e.from_stage, e.to_stage, e.actor, e.role) for e in entries] == [
        ("disable_user", "active", "disabled", "root", "admin"),
        ("enable_user", "disabled", "active", "root", "admin"),
    ]
    assert entries[0].details == {"sessions_ended": 1}
    assert audit_store.verify(session).ok


def test_a_password_reset_is_audited_without_the_password(session: Session) -> None:
    service.create(session, username="pm", role="programme_manager", password=PASSWORD)
    service.change_password(
        session, username="pm", password="another long password", actor="root", actor_role="admin"
    )
    assert service.check_password(session, username="pm", password=PASSWORD) is None
    assert service.check_password(session, username="pm", password="another long password")
    (entry,) = audit_store.entries_for(session, programme_code="user:pm")
    assert entry.event == "change_password"
    assert "another long password" not in str(entry.details) and "scrypt" not in str(entry.details)
    with pytest.raises(InvalidInput, match="at least 10"):
        service.change_password(
            session, username="pm", password="short", actor="root", actor_role="admin"
        )


def test_a_role_change_is_audited_old_to_new(session: Session) -> None:
    service.create(session, username="pm", role="programme_manager")
    assert (
        service.change_role(
            session, username="pm", new_role="cpmo", actor="root", actor_role="admin"
        ).role
        == "cpmo"
    )
    (entry,) = audit_store.entries_for(session, programme_code="user:pm")
    assert (entry.event, entry.from_stage, entry.to_stage) == (
        "change_role",
        "programme_manager",
        "cpmo",
    )
    with pytest.raises(InvalidInput, match="unknown role"):
        service.change_role(
            session, username="pm", new_role="king", actor="root", actor_role="admin"
        )


def test_unknown_users_are_not_found(session: Session) -> None:
    with pytest.raises(NotFound):
        service.disable(session, username="nobody", actor="root", actor_role="admin")


# --- the command line -----------------------------------------------------------------------


@pytest.fixture
def cli(fresh_database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CPMO_DATABASE_URL", fresh_database_url)
    monkeypatch.setenv("CPMO_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("CPMO_SECRET_KEY", "cli-test")
    runner = CliRunner()

    def run(*args: str, ok: bool = True, input: str | None = None):  # type: ignore[no-untyped-def]
        result = runner.invoke(main, list(args), catch_exceptions=False, input=input)
        if ok:
            assert result.exit_code == 0, result.output
        return result

    run("db", "upgrade")
    run("users", "add", "alice", "--role", "cpmo", "--password", PASSWORD)
    return run


def _check(url: str, username: str, password: str) -> bool:
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine)() as session:
            return service.check_password(session, username=username, password=password) is not None
    finally:
        engine.dispose()


def test_cli_disable_and_enable(cli, fresh_database_url: str) -> None:
    assert "Disabled alice" in cli("users", "disable", "alice").output
    assert not _check(fresh_database_url, "alice", PASSWORD)
    listing = cli("users", "list", "--json").output
    assert '"active": false' in listing
    assert "Enabled alice" in cli("users", "enable", "alice").output
    assert _check(fresh_database_url, "alice", PASSWORD)
    unknown = cli("users", "disable", "nobody", ok=False)
    assert unknown.exit_code == 1 and "no user called 'nobody'" in unknown.output


def test_cli_password_from_stdin_is_never_echoed(cli, fresh_database_url: str) -> None:
    result = cli("users", "password", "alice", "--password-stdin", input="a new long password\n")
    assert "a new long password" not in result.output
    assert _check(fresh_database_url, "alice", "a new long password")
    short = cli("users", "password", "alice", "--password-stdin", input="short\n", ok=False)
    assert short.exit_code == 1 and "at least 10 characters" in short.output


def test_cli_password_prompts_twice_without_echo(cli, fresh_database_url: str) -> None:
    result = cli("users", "password", "alice", input="prompted password\nprompted password\n")
    assert "prompted password" not in result.output
    assert _check(fresh_database_url, "alice", "prompted password")


def test_cli_role_change(cli) -> None:
    assert "alice is now oversight" in cli("users", "role", "alice", "oversight").output
    assert cli("users", "role", "alice", "king", ok=False).exit_code == 2


def test_cli_changes_are_audited(cli, fresh_database_url: str) -> None:
    cli("users", "disable", "alice")
    cli("users", "password", "alice", "--password-stdin", input="a new long password\n")
    engine = make_engine(fresh_database_url)
    try:
        with make_sessionmaker(engine)() as session:
            entries = audit_store.entries_for(session, programme_code="user:alice")
            assert [(e.event, e.actor) for e in entries] == [
                ("disable_user", "cli"),
                ("change_password", "cli"),
            ]
    finally:
        engine.dispose()
