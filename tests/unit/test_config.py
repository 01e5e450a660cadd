from pathlib import Path

import pytest

from cpmo.config import (
    DEFAULT_DELEGATED_LIMIT_GBP,
    ConfigError,
    load_settings,
    normalise_database_url,
)


def test_defaults_to_a_sqlite_file_in_the_instance_folder(tmp_path: Path) -> None:
    settings = load_settings(tmp_path, env={})
    assert settings.database_url == f"sqlite:///{tmp_path / 'cpmo.sqlite3'}"
    assert settings.delegated_limit_gbp == DEFAULT_DELEGATED_LIMIT_GBP == 5_000_000


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
    assert load_settings(tmp_path, env=env).delegated_limit_gbp == 2_500_000


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
