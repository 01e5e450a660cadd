"""What a person typed, made safe to search with: pure functions, no database.

Words are runs of letters and digits; everything else (quotes, brackets, ``*``, SQL) only
separates them, except the two bits of web-search syntax both databases then read alike: a
``"quoted phrase"`` (its words next to each other) and a leading ``-`` (leave out records
with that word or phrase). On SQLite each word or phrase is quoted for FTS5, so no FTS5 syntax
(``NEAR(``, ``*``, ``AND``/``OR``/``NOT``, column filters) is ever interpreted; PostgreSQL
gets the text as typed, in a bound parameter, for ``websearch_to_tsquery``.
"""

import re
from dataclasses import dataclass

MAX_LENGTH = 200
MAX_TERMS = 12
WORD = re.compile(r"[^\W_]+", re.UNICODE)
TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


@dataclass(frozen=True)
class Query:
    """A query that can be searched: the text as typed (trimmed), the words or phrases that
    must appear and those to leave out (each a tuple of words)."""

    text: str
    include: tuple[tuple[str, ...], ...]
    exclude: tuple[tuple[str, ...], ...] = ()

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(w for part in self.include for w in part)

    def fts5(self) -> str:
        """The FTS5 MATCH expression: every word or phrase quoted; all must match, none of
        the left-out ones may."""

        def quoted(words: tuple[str, ...]) -> str:
            return '"' + " ".join(words).replace('"', '""') + '"'

        must = " ".join(quoted(p) for p in self.include)
        if not self.exclude:
            return must
        return f"({must}) NOT ({' OR '.join(quoted(p) for p in self.exclude)})"


def parse(text: str | None) -> Query | str:
    """A :class:`Query`, or the plain words saying why ``text`` cannot be searched."""
    text = (text or "").strip()
    if not text:
        return "Enter a word or phrase to search for."
    if len(text) > MAX_LENGTH:
        return f"Search for {MAX_LENGTH} characters or fewer."
    include: list[tuple[str, ...]] = []
    exclude: list[tuple[str, ...]] = []
    for match in TOKEN.finditer(text):
        leave_out = bool(match.group(1) or match.group(3))
        words = tuple(w.lower() for w in WORD.findall(match.group(2) or match.group(4) or ""))
        if words:
            (exclude if leave_out else include).append(words)
    if not include and not exclude:
        return "Enter a word or phrase with letters or numbers in it."
    if sum(len(p) for p in (*include, *exclude)) > MAX_TERMS:
        return f"Search for {MAX_TERMS} words or fewer."
    if not include:
        return "Enter a word to look for as well as the words to leave out."
    return Query(text=text, include=tuple(include), exclude=tuple(exclude))
