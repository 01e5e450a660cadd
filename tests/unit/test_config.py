from pathlib import Path

import pytest

from cpmo.config import (
    DEFAULT_DELEGATED_LIMIT_GBP,
    DEFAULT_PASSWORD_HASH_METHOD,
    ConfigError,
    PoolSettings,
    instance_path_setting,
    load_settings,
    normalise_database_url,
)
from cpmo.db import pool_options


def test_defaults_to_a_sqlite_file_in_the_instance_folder(tmp_path: Path) -> None:
    settings = load_settings(tmp_path, env={})
    assert settings.database_url == f"sqlite:///{tmp_path / 'cpmo.sqlite3'}"
    assert settings.governance.delegated_limit_gbp == DEFAULT_DELEGATED_LIMIT_GBP == 5_000_000


def test_generates_a_secret_key_once_and_keeps_it(tmp_path: Path) -> None:
    first = load_settings(tmp_path, env={}).secret_key
    second = load_settings(tmp_path, env={}).secret_key
    assert first == second and len(first) >= 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_an_explicit_secret_key_writes_nothing(tmp_path: Path) -> None:
    assert load_settings(tmp_path, env={"CPMO_SECRET_KEY": "k"}).secret_key == "k"
    assert not (tmp_path / "secret_key").exists()


def test_reads_the_delegated_limit_with_separators(tmp_path: Path) -> None:
    env = {"CPMO_SECRET_KEY": "k", "CPMO_DELEGATED_LIMIT_GBP": "2,500,000"}
    assert load_settings(tmp_path, env=env).governance.delegated_limit_gbp == 2_500_000


@pytest.mark.parametrize("bad", ["lots", "1.5e6", "-1"])
def test_refuses_a_delegated_limit_that_is_not_a_whole_number_of_pounds(
    tmp_path: Path, bad: str
) -> None:
    with pytest.raises(ConfigError, match="CPMO_DELEGATED_LIMIT_GBP"):
        load_settings(tmp_path, env={"CPMO_SECRET_KEY": "k", "CPMO_DELEGATED_LIMIT_GBP": bad})


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_uses_psycopg3_for_postgresql_urls(given: str, expected: str) -> None:
    assert normalise_database_url(given) == expected


def test_the_pool_defaults_to_one_connection_per_thread(tmp_path: Path) -> None:
    settings = load_settings(tmp_path, env={"CPMO_SECRET_KEY": "k"})
    assert (settings.workers, settings.threads) == (2, 4)
    assert settings.pool == PoolSettings(size=4, max_overflow=2, timeout=10.0, recycle=1800)
    assert load_settings(tmp_path, env={"CPMO_SECRET_KEY": "k", "CPMO_THREADS": "8"}).pool.size == 8


def test_reads_every_pool_setting(tmp_path: Path) -> None:
    env = {
        "CPMO_SECRET_KEY": "k",
        "CPMO_WORKERS": "3",
        "CPMO_THREADS": "6",
        "CPMO_DB_POOL_SIZE": "5",
        "CPMO_DB_MAX_OVERFLOW": "0",
        "CPMO_DB_POOL_TIMEOUT": "2.5",
        "CPMO_DB_POOL_RECYCLE": "600",
    }
    settings = load_settings(tmp_path, env=env)
    assert (settings.workers, settings.threads) == (3, 6)
    assert settings.pool == PoolSettings(size=5, max_overflow=0, timeout=2.5, recycle=600)


@pytest.mark.parametrize(
    ("name", "bad", "message"),
    [
        ("CPMO_DB_POOL_SIZE", "0", "at least 1"),
        ("CPMO_DB_POOL_SIZE", "many", "whole number"),
        ("CPMO_DB_MAX_OVERFLOW", "-1", "must not be negative"),
        ("CPMO_DB_MAX_OVERFLOW", "1.5", "whole number"),
        ("CPMO_DB_POOL_TIMEOUT", "0", "more than 0"),
        ("CPMO_DB_POOL_TIMEOUT", "soon", "number of seconds"),
        ("CPMO_DB_POOL_TIMEOUT", "86400", "at most 3600"),
        ("CPMO_DB_POOL_RECYCLE", "-5", "must not be negative"),
        ("CPMO_WORKERS", "0", "at least 1"),
        ("CPMO_THREADS", "two", "whole number"),
    ],
)
def test_refuses_pool_and_worker_settings_it_cannot_use(
    tmp_path: Path, name: str, bad: str, message: str
) -> None:
    with pytest.raises(ConfigError, match=f"{name} .*{message}"):
        load_settings(tmp_path, env={"CPMO_SECRET_KEY": "k", name: bad})


def test_the_pool_settings_apply_to_postgresql_only() -> None:
    pool = PoolSettings(size=3, max_overflow=1, timeout=4.0, recycle=0)
    assert pool_options("sqlite:///x.sqlite3", pool) == {}
    assert pool_options("postgresql+psycopg://u@h/db", pool) == {
        "pool_size": 3,
        "max_overflow": 1,
        "pool_timeout": 4.0,
        "pool_recycle": -1,  # 0 in the environment: never recycle
        "pool_pre_ping": True,
    }


def test_an_app_on_postgresql_gets_the_configured_pool(tmp_path: Path) -> None:
    from cpmo.app import create_app

    app = create_app(
        {
            "INSTANCE_PATH": str(tmp_path),
            "CPMO_SECRET_KEY": "k",
            "CPMO_DATABASE_URL": "postgresql://u@127.0.0.1:1/never-connected",
            "CPMO_DB_POOL_SIZE": "3",
            "CPMO_DB_MAX_OVERFLOW": "1",
            "CPMO_DB_POOL_TIMEOUT": "4",
        }
    )
    engine = app.extensions["cpmo.engine"]
    assert (engine.pool.size(), engine.pool._max_overflow, engine.pool._timeout) == (3, 1, 4.0)
    assert engine.pool._pre_ping is True
    engine.dispose()


def test_overrides_go_on_top_of_the_environment_and_only_cpmo_keys_count(tmp_path: Path) -> None:
    env = {"CPMO_SECRET_KEY": "k", "CPMO_THREADS": "2", "CPMO_WORKERS": "5"}
    overrides = {"CPMO_THREADS": 9, "CPMO_WORKERS": None, "TESTING": True}
    settings = load_settings(tmp_path, env=env, overrides=overrides)
    assert (settings.threads, settings.workers, settings.pool.size) == (9, 5, 9)
    assert env["CPMO_THREADS"] == "2"  # the mapping handed in is not changed


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("", None), ("1", True), ("on", True), ("0", False), ("No", False), ("maybe", None)],
)
def test_secure_cookies_is_a_yes_no_setting_or_unset(
    tmp_path: Path, raw: str, expected: bool | None
) -> None:
    env = {"CPMO_SECRET_KEY": "k", "CPMO_SECURE_COOKIES": raw}
    assert load_settings(tmp_path, env=env).secure_cookies is expected


def test_the_instance_path_setting_is_resolved_or_none(tmp_path: Path) -> None:
    assert instance_path_setting({}) is None
    assert (
        instance_path_setting({"CPMO_INSTANCE_PATH": str(tmp_path / "a/../b")})
        == (tmp_path / "b").resolve()
    )


def test_passwords_are_hashed_with_scrypt_unless_a_cheaper_method_is_set(tmp_path: Path) -> None:
    assert load_settings(tmp_path, env={}).password_hash_method == "scrypt"
    assert DEFAULT_PASSWORD_HASH_METHOD == "scrypt"
    cheap = {"CPMO_PASSWORD_HASH_METHOD": "pbkdf2:sha256:1"}
    assert load_settings(tmp_path, env=cheap).password_hash_method == "pbkdf2:sha256:1"


@pytest.mark.parametrize("value", ["plain", "md5", "scrypt:1", "pbkdf2:sha256:many"])
def test_an_unknown_password_hash_method_is_refused(tmp_path: Path, value: str) -> None:
    with pytest.raises(ConfigError, match="CPMO_PASSWORD_HASH_METHOD"):
        load_settings(tmp_path, env={"CPMO_PASSWORD_HASH_METHOD": value})
