"""What a person typed, made safe to search with: pure functions, no database.

Terms are runs of letters and digits; everything else (quotes, brackets, ``*``, ``-``, SQL)
only separates them. On SQLite each term is quoted for FTS5, so no FTS5 syntax (``NEAR(``,
``"``, ``*``, ``AND``/``OR``/``NOT``, column filters) is ever interpreted.
"""

import re
from dataclasses import dataclass

MAX_LENGTH = 200
MAX_TERMS = 12
TERM = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Query:
    """A query that can be searched: the text as typed (trimmed) and its terms."""

    text: str
    terms: tuple[str, ...]

    def fts5(self) -> str:
        """The FTS5 MATCH expression: every term, each quoted (all must match)."""
        return " ".join('"' + t.replace('"', '""') + '"' for t in self.terms)


def parse(text: str | None) -> Query | str:
    """A :class:`Query`, or the plain words saying why ``text`` cannot be searched."""
    text = (text or "").strip()
    if not text:
        return "Enter a word or phrase to search for."
    if len(text) > MAX_LENGTH:
        return f"Search for {MAX_LENGTH} characters or fewer."
    terms = tuple(t.lower() for t in TERM.findall(text) if t.strip("_"))
    if not terms:
        return "Enter a word or phrase with letters or numbers in it."
    if len(terms) > MAX_TERMS:
        return f"Search for {MAX_TERMS} words or fewer."
    return Query(text=text, terms=terms)
