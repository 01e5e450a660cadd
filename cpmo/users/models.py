"""People who use cpmo and their API tokens."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from cpmo.db import UTCDateTime, utcnow


class User(SQLModel, table=True):
    __tablename__ = "app_user"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=80, unique=True, index=True)
    role: str = Field(max_length=40)
    display_name: str | None = Field(default=None, max_length=200)
    password_hash: str | None = Field(default=None, max_length=300)
    active: bool = Field(default=True)
    # set when an administrator gives the password: the user changes it at first sign-in
    must_change_password: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ApiToken(SQLModel, table=True):
    """A bearer token, stored only as its SHA-256 hash; ``prefix`` identifies it in listings."""

    __tablename__ = "api_token"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    prefix: str = Field(max_length=12)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class WebSession(SQLModel, table=True):
    """A signed-in page session. The cookie carries a random id; only its SHA-256 hash is
    stored. Ended by sign-out, password or role change, disablement or token revocation;
    expires after the idle timeout or the absolute lifetime (see cpmo.users.sessions)."""

    __tablename__ = "web_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_seen_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    end_reason: str | None = Field(default=None, max_length=40)


class SignInAttempt(SQLModel, table=True):
    """A sign-in attempt that has not succeeded (in flight, or failed), for the throttle.

    Kept in the database so every worker and host counts the same attempts; rows older than
    the throttle's window are deleted as new attempts arrive."""

    __tablename__ = "sign_in_attempt"

    id: int | None = Field(default=None, primary_key=True)
    account: str = Field(max_length=80, index=True)
    address: str = Field(max_length=64, index=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
