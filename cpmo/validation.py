"""Small checks shared by services and schemas."""

import re

CODE_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,79}$"
_CODE = re.compile(CODE_PATTERN)


def is_code(value: object) -> bool:
    """True for a well-formed code (lowercase slug, at most 80 characters)."""
    return isinstance(value, str) and _CODE.fullmatch(value) is not None
