"""Bounds checked on a request before anything parses it: JSON nesting depth, the length of
number literals, and integers in the path that no database column can hold.

Python's JSON parser recurses (a body nested 100,000 deep raises RecursionError) and refuses
integers of more than 4,300 digits with a ValueError; both used to surface as 500s. The scan
here is linear and runs in C-speed steps (a regex strips string literals, ``bytes.translate``
keeps only brackets), so it costs far less than the parse it protects.
"""

import re
from itertools import accumulate

from werkzeug.routing import IntegerConverter

MAX_JSON_DEPTH = 64
MAX_NUMBER_DIGITS = 100
INT32_MAX = 2**31 - 1  # ids and numbers are INTEGER columns on PostgreSQL

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_LONG_NUMBER = re.compile(rb"[0-9]{%d,}" % (MAX_NUMBER_DIGITS + 1))
_OPENERS, _CLOSERS = b"[{", b"]}"
_KEEP_BRACKETS = bytes(range(256)).translate(None, _OPENERS + _CLOSERS)


def json_body_problem(raw: bytes) -> str | None:
    """Why ``raw`` (a JSON body) is refused before parsing, or None when it may be parsed."""
    if not raw:
        return None
    outside_strings = _STRING.sub(b'""', raw)
    if _LONG_NUMBER.search(outside_strings):
        return f"A number in the body has more than {MAX_NUMBER_DIGITS} digits."
    brackets = outside_strings.translate(None, _KEEP_BRACKETS)
    if len(brackets) > 2 * MAX_JSON_DEPTH:
        steps = (1 if b in _OPENERS else -1 for b in brackets)
        if max(accumulate(steps), default=0) > MAX_JSON_DEPTH:
            return f"The JSON body is nested more than {MAX_JSON_DEPTH} levels deep."
    return None


class BoundedIntConverter(IntegerConverter):
    """``<int:…>`` that matches only what an INTEGER column holds (0 … 2³¹−1 by default):
    a larger id is simply not found (404), never a database overflow (500)."""

    def __init__(self, map, *args, max=INT32_MAX, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(map, *args, max=max, **kwargs)  # werkzeug turns int()'s ValueError
        # (4,300+ digits) into "no match" itself
