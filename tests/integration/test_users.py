import pytest
from sqlmodel import Session, select

from cpmo.db import make_sessionmaker
from cpmo.errors import DuplicateKey, InvalidInput
from cpmo.users import service
from cpmo.users.models import ApiToken
from tests.conftest import TEST_PASSWORD_HASH_METHOD


def test_a_new_user_gets_a_long_random_token_stored_only_as_a_hash(session: Session) -> None:
    user, token = service.create(session, username="pm1", role="programme_manager")
    assert len(token) >= 43  # 32 bytes, URL-safe base64
    stored = session.exec(select(ApiToken).where(ApiToken.user_id == user.id)).one()
    assert stored.token_hash != token and token not in stored.token_hash
    assert stored.token_hash == service.hash_token(token)


def test_a_token_authenticates_its_user_until_revoked(session: Session) -> None:
    user, token = service.create(session, username="cpmo1", role="cpmo")
    assert service.authenticate(session, token=token) == user
    assert service.revoke_tokens(session, username="cpmo1") == 1
    assert service.authenticate(session, token=token) is None


def test_unknown_and_empty_tokens_authenticate_nobody(session: Session) -> None:
    service.create(session, username="x", role="scorer")
    assert service.authenticate(session, token="not-a-token") is None
    assert service.authenticate(session, token="") is None
    assert service.authenticate(session, token="a" * 10_000) is None


def test_refuses_unknown_roles_duplicate_names_and_blank_names(session: Session) -> None:
    with pytest.raises(InvalidInput, match="unknown role"):
        service.create(session, username="y", role="minister")
    service.create(session, username="y", role="oversight")
    with pytest.raises(DuplicateKey):
        service.create(session, username="y", role="oversight")
    with pytest.raises(InvalidInput):
        service.create(session, username="  ", role="oversight")


def test_passwords_are_hashed_with_scrypt_unless_the_settings_say_otherwise(engine) -> None:
    with make_sessionmaker(engine)() as production:
        user, _ = service.create(production, username="s", role="cpmo", password="correct horse")
        assert user.password_hash and user.password_hash.startswith("scrypt:32768:8:1$")
        assert service.check_password(production, username="s", password="correct horse") == user
        assert service.dummy_password_hash().startswith("scrypt:32768:8:1$")
        production.rollback()


def test_passwords_are_hashed_with_the_sessions_method_and_checked(session: Session) -> None:
    user, _ = service.create(session, username="z", role="cpmo", password="correct horse")
    assert user.password_hash and user.password_hash.startswith(TEST_PASSWORD_HASH_METHOD + "$")
    assert service.check_password(session, username="z", password="correct horse") == user
    assert service.check_password(session, username="z", password="wrong horse!") is None
    with pytest.raises(InvalidInput, match="at least 10"):
        service.set_password(user, "short")
