"""Secret tokens (API tokens and page-session ids): how they are stored and looked up.

Only a token's SHA-256 hash is stored; a presented token is hashed and found by its hash.
"""

import hashlib
import hmac
from typing import Any

from sqlmodel import Session

TOKEN_MAX = 200  # longer strings are refused before they are hashed


def hash_token(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def well_formed(token: str | None) -> bool:
    """Whether ``token`` is worth looking up at all (present, not absurdly long)."""
    return token is not None and 0 < len(token) <= TOKEN_MAX


def find_holder(session: Session, holder: Any, token: str) -> Any:
    """The row ``holder`` (a select on ``token_hash == :digest`` whose first entity has
    ``token_hash``) finds for ``token``, the hashes compared in constant time; None for a
    missing or malformed token or no match."""
    if not well_formed(token):
        return None
    digest = hash_token(token)
    row = session.exec(holder, params={"digest": digest}).first()
    if row is None or not hmac.compare_digest(row[0].token_hash, digest):
        return None
    return row
