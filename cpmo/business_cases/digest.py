"""The SHA-256 digest of a business case's content, in one canonical JSON form."""

import hashlib
import json
from typing import Any


def content_digest(content: Any) -> str:
    """SHA-256 of ``content`` as canonical JSON (sorted keys, no spaces, UTF-8)."""
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
