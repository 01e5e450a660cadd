"""What a page must never say: event codes, schema field names, library messages (§5b).

:func:`leaks` reads a page's visible text (not its markup, attributes, scripts or styles) and
names what a person should not read there.
"""

import re
from html.parser import HTMLParser

EVENT_CODE = re.compile(
    r"\b(?:submit|approve|return|endorse)_(?:obc|fbc|supplier_selection|delivery)\b"
    r"|\baccept_cost_growth\b"
)


def _codes() -> set[str]:
    """Snake-case words only code uses: API schema field names, stage, RAG and gate codes.
    (Role codes are left out: the tests' usernames are the role names.)"""
    import importlib
    import pkgutil

    import marshmallow

    import cpmo.api.schemas
    from cpmo.vocabulary import GATES, RAGS, STAGES

    for module in pkgutil.iter_modules(cpmo.api.schemas.__path__):
        importlib.import_module(f"cpmo.api.schemas.{module.name}")

    def subclasses(cls: type) -> set[type]:
        found = set(cls.__subclasses__())
        return found.union(*(subclasses(c) for c in found)) if found else found

    names = {n for schema in subclasses(marshmallow.Schema) for n in schema._declared_fields}
    names |= set(STAGES) | set(RAGS) | set(GATES)
    return {n for n in names if "_" in n}


CODES = _codes()
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
LIBRARY = re.compile(
    r"Must be greater than or equal to|Length must be between|Not a valid|"
    r"Missing data for required field|Unknown field|Field may not be null|"
    r"File is not a zip file|Traceback|IntegrityError|sqlalchemy|marshmallow",
)


class _Text(HTMLParser):
    """The text a person reads: outside <script>, <style>, <code> and <template>."""

    HIDDEN = {"script", "style", "code", "template", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:  # type: ignore[type-arg]
        if tag in self.HIDDEN:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def leaks(html: str) -> list[str]:
    """Each thing a person should not read on this page, with a little context."""
    text = visible_text(html)
    found = []
    for kind, pattern in (
        ("event code", EVENT_CODE),
        ("code", SNAKE),
        ("library message", LIBRARY),
    ):
        for match in pattern.finditer(text):
            if kind == "code" and match.group(0) not in CODES:
                continue
            start = max(match.start() - 40, 0)
            found.append(f"{kind} {match.group(0)!r} in …{text[start : match.end() + 40]}…")
    return found
