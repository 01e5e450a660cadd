"""Graph node keys: '<kind>:<code>', e.g. 'programme:ttp-cyber'."""

import re

from cpmo.graph.rules import NODE_KINDS

KEY_PATTERN = rf"^({'|'.join(NODE_KINDS)}):[a-z0-9][a-z0-9._-]{{0,79}}$"
_KEY = re.compile(KEY_PATTERN)


def node_key(kind: str, code: str) -> str:
    """The graph key of a row: '<kind>:<code>'."""
    return f"{kind}:{code}"


def is_key(value: object) -> bool:
    """True for a well-formed key: a node kind, a colon and a lowercase code."""
    return isinstance(value, str) and _KEY.fullmatch(value) is not None
