"""Ranges written "Low: …, Mid: …, High: …" (any of the three may be missing)."""

import re

LABELS = ("low", "mid", "high")
_PART = re.compile(r"(low|mid|high)\s*:\s*(.*?)\s*(?=,\s*(?:low|mid|high)\s*:|$)", re.IGNORECASE)
_WHOLE = re.compile(r"(?:(?:low|mid|high)\s*:[^:]*?)(?:,\s*(?:low|mid|high)\s*:[^:]*?)*", re.I)


def split_range(text: str) -> dict[str, str] | None:
    """{"low": …, "mid": …, "high": …} for a range cell, or None if the cell is not a range."""
    if not _WHOLE.fullmatch(text):
        return None
    parts: dict[str, str] = {}
    for label, value in _PART.findall(text):
        if label.lower() in parts:
            return None
        parts[label.lower()] = value
    return parts
