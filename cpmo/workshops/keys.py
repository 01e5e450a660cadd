"""Keys and codes derived from names, so nobody invents a slug: "Cyber Security" →
"cyber-security", with a numbered suffix when the key is taken."""

import re
from collections.abc import Collection

MAX_KEY = 70  # leaves room for a suffix within the 80 characters a code may have


def key_from_name(name: str, taken: Collection[str] = ()) -> str:
    """A lowercase code for ``name`` that is not in ``taken`` ("-2", "-3" … added if needed)."""
    text = name.lower().replace("'", "").replace("\u2019", "")
    base = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:MAX_KEY].strip("-") or "item"
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    return key
