"""Small checks shared by services and schemas."""

import re
from collections.abc import Collection

CODE_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,79}$"
_CODE = re.compile(CODE_PATTERN)


def is_code(value: object) -> bool:
    """True for a well-formed code (lowercase slug, at most 80 characters)."""
    return isinstance(value, str) and _CODE.fullmatch(value) is not None


MAX_DERIVED = 70  # leaves room for a numbered suffix within the 80 characters a code may have


def code_from_name(name: str, taken: Collection[str] = ()) -> str:
    """A code derived from a name, so nobody invents a slug: "Cyber Security" →
    "cyber-security", with "-2", "-3" … added when the code is in ``taken``."""
    text = name.lower().replace("'", "").replace("\u2019", "")
    base = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:MAX_DERIVED].strip("-") or "item"
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}-{n}"
    return code
