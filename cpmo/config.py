"""Settings from environment variables, with safe defaults.

Nothing here touches Flask: the app factory turns a :class:`Settings` into app config. This is
the only module that reads the process environment; nothing in cpmo writes to it.
"""

import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DELEGATED_LIMIT_GBP = 5_000_000
DEFAULT_COST_TOLERANCE = 0.10
DEFAULT_MAX_BODY_BYTES = 1_048_576
# the largest document kept as an attachment (its form's body may exceed the body cap)
DEFAULT_MAX_ATTACHMENT_BYTES = 10 * 1_048_576
# the largest portfolio whose HTML/PDF/XLSX pack a request builds (bigger ones: the CLI)
DEFAULT_REPORT_MAX_PROGRAMMES = 1_500
DEFAULT_WORKERS = 2
DEFAULT_THREADS = 4
DEFAULT_DB_MAX_OVERFLOW = 2
DEFAULT_DB_POOL_TIMEOUT = 10.0
DEFAULT_DB_POOL_RECYCLE = 1800
DEFAULT_SESSION_IDLE_MINUTES = 30
DEFAULT_SESSION_MAX_HOURS = 12
DEFAULT_SIGNIN_ACCOUNT_LIMIT = 10
DEFAULT_SIGNIN_ADDRESS_LIMIT = 50
DEFAULT_SIGNIN_WINDOW_MINUTES = 15
# werkzeug's strong default; only the test suite sets a cheap one (CPMO_PASSWORD_HASH_METHOD)
DEFAULT_PASSWORD_HASH_METHOD = "scrypt"
_PASSWORD_HASH_METHOD = re.compile(r"scrypt(:\d+:\d+:\d+)?|pbkdf2(:[a-z0-9_]+(:\d+)?)?")


class ConfigError(ValueError):
    """A setting in the environment cannot be used."""


@dataclass(frozen=True)
class PoolSettings:
    """The connection pool of one app process (applied on PostgreSQL only).

    Each serving thread holds at most one connection at a time, so ``size`` defaults to the
    thread count; a process opens at most ``size + max_overflow`` connections.
    """

    size: int = DEFAULT_THREADS
    max_overflow: int = DEFAULT_DB_MAX_OVERFLOW
    timeout: float = DEFAULT_DB_POOL_TIMEOUT
    recycle: int = DEFAULT_DB_POOL_RECYCLE


@dataclass(frozen=True)
class SessionSettings:
    """Page sessions (server-side) and the sign-in throttle.

    A session ends after ``idle_minutes`` without a request or ``max_hours`` after signing in,
    whichever comes first. Sign-in is refused (429) for an account after ``account_limit``
    failed attempts within ``window_minutes``, and for a client address after
    ``address_limit``.
    """

    idle_minutes: int = DEFAULT_SESSION_IDLE_MINUTES
    max_hours: int = DEFAULT_SESSION_MAX_HOURS
    account_limit: int = DEFAULT_SIGNIN_ACCOUNT_LIMIT
    address_limit: int = DEFAULT_SIGNIN_ADDRESS_LIMIT
    window_minutes: int = DEFAULT_SIGNIN_WINDOW_MINUTES


@dataclass(frozen=True)
class GovernanceLimits:
    """The delegated limit and the cost tolerance that gate rules, pages and reports apply."""

    delegated_limit_gbp: int = DEFAULT_DELEGATED_LIMIT_GBP
    cost_tolerance: float = DEFAULT_COST_TOLERANCE


@dataclass(frozen=True)
class Settings:
    """Everything cpmo reads from its environment."""

    database_url: str
    secret_key: str
    audit_key: str = ""
    audit_previous_keys: tuple[str, ...] = ()
    governance: GovernanceLimits = field(default_factory=GovernanceLimits)
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    max_attachment_bytes: int = DEFAULT_MAX_ATTACHMENT_BYTES
    report_max_programmes: int = DEFAULT_REPORT_MAX_PROGRAMMES
    workers: int = DEFAULT_WORKERS
    threads: int = DEFAULT_THREADS
    pool: PoolSettings = field(default_factory=PoolSettings)
    sessions: SessionSettings = field(default_factory=SessionSettings)
    hsts_seconds: int = 0
    # CPMO_SECURE_COOKIES when set (on/off); None: on, except when testing or debugging
    secure_cookies: bool | None = None
    password_hash_method: str = DEFAULT_PASSWORD_HASH_METHOD
    extra: dict[str, object] = field(default_factory=dict)


def _int_setting(env: dict[str, str], name: str, default: int, minimum: int = 0) -> int:
    raw = env.get(name, "").strip().replace(",", "").replace("_", "")
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from exc
    if value < 0:
        raise ConfigError(f"{name} must not be negative, got {value}")
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {value}")
    return value


def _number_setting(
    env: dict[str, str],
    name: str,
    default: float,
    *,
    low: float,
    high: float,
    low_open: bool = False,
    unit: str = "",
) -> float:
    """A decimal setting within [low, high] (or (low, high] with ``low_open``)."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    kind = f"a number{' of ' + unit if unit else ''}"
    try:
        value = float(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be {kind}, got {raw!r}") from exc
    if value < low or (low_open and value == low) or value > high:
        bound = "more than" if low_open else "at least"
        suffix = f" {unit}" if unit else ""
        raise ConfigError(f"{name} must be {bound} {low:g} and at most {high:g}{suffix}, got {raw}")
    return value


def _flag_setting(env: dict[str, str], name: str) -> bool | None:
    """A yes/no setting (1/true/yes/on, 0/false/no/off); None when unset or unrecognised."""
    raw = env.get(name, "").strip().lower()
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    return None


def instance_path_setting(env: Mapping[str, str] | None = None) -> Path | None:
    """CPMO_INSTANCE_PATH from ``env`` (default: the process environment), resolved; None
    when unset (Flask's default instance folder next to the code)."""
    raw = (os.environ if env is None else env).get("CPMO_INSTANCE_PATH")
    return Path(raw).resolve() if raw else None


def sqlite_url_for(instance_path: Path) -> str:
    """The embedded default database: a SQLite file in the instance folder."""
    return f"sqlite:///{instance_path / 'cpmo.sqlite3'}"


def normalise_database_url(url: str) -> str:
    """Use psycopg 3 explicitly for PostgreSQL URLs (SQLAlchemy 2.1 default is psycopg2)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _secret_key(
    env: dict[str, str],
    instance_path: Path,
    name: str = "CPMO_SECRET_KEY",
    file: str = "secret_key",
) -> str:
    """``name`` from the environment, else a random key generated once and kept in the
    instance folder (mode 600)."""
    if env.get(name):
        return env[name]
    key_file = instance_path / file
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def load_pool_settings(env: dict[str, str], threads: int) -> PoolSettings:
    """CPMO_DB_POOL_SIZE (default: ``threads``), CPMO_DB_MAX_OVERFLOW, CPMO_DB_POOL_TIMEOUT
    (seconds to wait for a free connection) and CPMO_DB_POOL_RECYCLE (seconds after which a
    connection is replaced; 0 never)."""
    return PoolSettings(
        size=_int_setting(env, "CPMO_DB_POOL_SIZE", threads, minimum=1),
        max_overflow=_int_setting(env, "CPMO_DB_MAX_OVERFLOW", DEFAULT_DB_MAX_OVERFLOW),
        timeout=_number_setting(
            env,
            "CPMO_DB_POOL_TIMEOUT",
            DEFAULT_DB_POOL_TIMEOUT,
            low=0,
            high=3600,
            low_open=True,
            unit="seconds",
        ),
        recycle=_int_setting(env, "CPMO_DB_POOL_RECYCLE", DEFAULT_DB_POOL_RECYCLE),
    )


def load_session_settings(env: dict[str, str]) -> SessionSettings:
    """CPMO_SESSION_IDLE_MINUTES, CPMO_SESSION_MAX_HOURS, CPMO_SIGNIN_ACCOUNT_LIMIT,
    CPMO_SIGNIN_ADDRESS_LIMIT and CPMO_SIGNIN_WINDOW_MINUTES (all at least 1)."""
    return SessionSettings(
        idle_minutes=_int_setting(
            env, "CPMO_SESSION_IDLE_MINUTES", DEFAULT_SESSION_IDLE_MINUTES, minimum=1
        ),
        max_hours=_int_setting(env, "CPMO_SESSION_MAX_HOURS", DEFAULT_SESSION_MAX_HOURS, minimum=1),
        account_limit=_int_setting(
            env, "CPMO_SIGNIN_ACCOUNT_LIMIT", DEFAULT_SIGNIN_ACCOUNT_LIMIT, minimum=1
        ),
        address_limit=_int_setting(
            env, "CPMO_SIGNIN_ADDRESS_LIMIT", DEFAULT_SIGNIN_ADDRESS_LIMIT, minimum=1
        ),
        window_minutes=_int_setting(
            env, "CPMO_SIGNIN_WINDOW_MINUTES", DEFAULT_SIGNIN_WINDOW_MINUTES, minimum=1
        ),
    )


def password_hash_method(env: dict[str, str]) -> str:
    """CPMO_PASSWORD_HASH_METHOD: how new passwords are hashed, in werkzeug's notation
    (``scrypt[:n:r:p]`` or ``pbkdf2[:hash[:iterations]]``); scrypt unless set. Only the test
    suite sets a cheap one."""
    raw = env.get("CPMO_PASSWORD_HASH_METHOD", "").strip()
    if not raw:
        return DEFAULT_PASSWORD_HASH_METHOD
    if not _PASSWORD_HASH_METHOD.fullmatch(raw):
        raise ConfigError(
            "CPMO_PASSWORD_HASH_METHOD must be scrypt[:n:r:p] or pbkdf2[:hash[:iterations]], "
            f"got {raw!r}"
        )
    return raw


def load_settings(
    instance_path: Path,
    env: Mapping[str, str] | None = None,
    *,
    overrides: Mapping[str, object] | None = None,
) -> Settings:
    """Read settings from ``env`` (default: the process environment), with the CPMO_* keys of
    ``overrides`` (an app's config, a server's options) on top."""
    env = dict(os.environ if env is None else env)
    env.update(
        {k: str(v) for k, v in (overrides or {}).items() if k.startswith("CPMO_") and v is not None}
    )
    url = env.get("CPMO_DATABASE_URL") or sqlite_url_for(instance_path)
    threads = _int_setting(env, "CPMO_THREADS", DEFAULT_THREADS, minimum=1)
    return Settings(
        database_url=normalise_database_url(url),
        secret_key=_secret_key(env, instance_path),
        audit_key=_secret_key(env, instance_path, "CPMO_AUDIT_KEY", "audit_key"),
        audit_previous_keys=tuple(
            k.strip() for k in env.get("CPMO_AUDIT_PREVIOUS_KEYS", "").split(",") if k.strip()
        ),
        governance=GovernanceLimits(
            delegated_limit_gbp=_int_setting(
                env, "CPMO_DELEGATED_LIMIT_GBP", DEFAULT_DELEGATED_LIMIT_GBP
            ),
            cost_tolerance=_number_setting(
                env, "CPMO_COST_TOLERANCE", DEFAULT_COST_TOLERANCE, low=0, high=10
            ),
        ),
        max_body_bytes=_int_setting(env, "CPMO_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES),
        max_attachment_bytes=_int_setting(
            env, "CPMO_MAX_ATTACHMENT_BYTES", DEFAULT_MAX_ATTACHMENT_BYTES, minimum=1
        ),
        report_max_programmes=_int_setting(
            env, "CPMO_REPORT_MAX_PROGRAMMES", DEFAULT_REPORT_MAX_PROGRAMMES, minimum=1
        ),
        workers=_int_setting(env, "CPMO_WORKERS", DEFAULT_WORKERS, minimum=1),
        threads=threads,
        pool=load_pool_settings(env, threads),
        sessions=load_session_settings(env),
        hsts_seconds=_int_setting(env, "CPMO_HSTS_SECONDS", 0),
        secure_cookies=_flag_setting(env, "CPMO_SECURE_COOKIES"),
        password_hash_method=password_hash_method(env),
    )
