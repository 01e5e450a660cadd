"""`cpmo users …`: users, roles and API tokens."""

import json
import sys

import click
from flask.cli import AppGroup, with_appcontext

from cpmo.cli.common import in_transaction, session_factory
from cpmo.db import transaction
from cpmo.vocabulary import ROLES


@click.group(cls=AppGroup)
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

    user, token = in_transaction(
        lambda session: service.create(
            session, username=name, role=role, password=password, display_name=display_name
        )
    )
    click.echo(f"Created user {user.username} with role {user.role}. API token:")
    click.echo(token)


@users.command("token")
@click.argument("name")
@with_appcontext
def users_token(name: str) -> None:
    """Issue another API token for NAME (printed as the last line)."""
    from cpmo.users import service

    token = in_transaction(
        lambda session: service.issue_token(
            session, user=service.get_or_raise(session, username=name)
        )
    )
    click.echo(f"New API token for {name}:")
    click.echo(token)


@users.command("revoke")
@click.argument("name")
@with_appcontext
def users_revoke(name: str) -> None:
    """Revoke every API token of NAME."""
    from cpmo.users import service

    count = in_transaction(lambda session: service.revoke_tokens(session, username=name))
    click.echo(f"Revoked {count} token(s) of {name}.")


@users.command("disable")
@click.argument("name")
@with_appcontext
def users_disable(name: str) -> None:
    """Stop NAME signing in or using API tokens; their page sessions end at once."""
    from cpmo.users import service

    in_transaction(
        lambda session: service.disable(session, username=name, actor="cli", actor_role="admin")
    )
    click.echo(f"Disabled {name}: sessions ended, tokens refused until `cpmo users enable`.")


@users.command("enable")
@click.argument("name")
@with_appcontext
def users_enable(name: str) -> None:
    """Let a disabled user sign in and use their live API tokens again."""
    from cpmo.users import service

    in_transaction(
        lambda session: service.enable(session, username=name, actor="cli", actor_role="admin")
    )
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
    in_transaction(
        lambda session: service.change_password(
            session, username=name, password=password, actor="cli", actor_role="admin"
        )
    )
    click.echo(f"Password of {name} changed; their page sessions have ended.")


@users.command("role")
@click.argument("name")
@click.argument("role", type=click.Choice(ROLES))
@with_appcontext
def users_role(name: str, role: str) -> None:
    """Give NAME another ROLE; their page sessions end."""
    from cpmo.users import service

    in_transaction(
        lambda session: service.change_role(
            session, username=name, new_role=role, actor="cli", actor_role="admin"
        )
    )
    click.echo(f"{name} is now {role}; their page sessions have ended.")


@users.command("list")
@click.option("--json", "as_json", is_flag=True)
@with_appcontext
def users_list(as_json: bool) -> None:
    """List users and their tokens (prefix and state only; tokens are never shown)."""
    from cpmo.users import service, sessions

    with transaction(session_factory()) as session:
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
