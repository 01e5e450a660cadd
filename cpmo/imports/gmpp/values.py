"""Cell text: cleaning, unpublished-value reasons and delivery-confidence ratings."""

import re
from typing import NamedTuple

RAG_VALUES = ("green", "amber_green", "amber", "amber_red", "red")
UNRATED = "unrated"

NOT_PUBLISHED = "not published"
NOT_APPLICABLE = "not applicable"
NOT_AVAILABLE = "not available"

# Whole-cell markers (compared case-insensitively) → reason.
MARKERS: dict[str, str] = {
    "": NOT_PUBLISHED,
    "-": NOT_PUBLISHED,
    "–": NOT_PUBLISHED,
    "—": NOT_PUBLISHED,
    "na": NOT_APPLICABLE,
    "n/a": NOT_APPLICABLE,
    "not applicable": NOT_APPLICABLE,
    "not available": NOT_AVAILABLE,
}
# FOI exemptions, written "Exempt under Section 43 …", "Exempt - Under Section …" or, in
# 2024-25, just "Section 43 - Commercial interests".
EXEMPTION = re.compile(r"(exempt\b|sections?\s+\d)", re.IGNORECASE)
# A sentence explaining why a value is missing ("The project is still at the planning stage …",
# "Data Not Provided"): at least this many purely alphabetic words.
EXPLANATION_MIN_WORDS = 3
# Reasons in order of preference when neither assessment gives a rating.
REASON_PRIORITY = ("withheld", NOT_AVAILABLE, NOT_APPLICABLE, NOT_PUBLISHED)

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_RATING_SEPARATORS = re.compile(r"[\s/\-–_]+")


class Rating(NamedTuple):
    """A normalised rating: one of RAG_VALUES, or UNRATED with a reason."""

    rag: str
    reason: str | None = None


class DeliveryConfidence(NamedTuple):
    """The rating used, why it is unrated (if so) and whose assessment it is."""

    rag: str
    reason: str | None
    basis: str


def clean(text: str | None) -> str:
    """Strip a cell and collapse whitespace (CR/LF runs, NBSP); drop zero-width characters."""
    return " ".join((text or "").translate(_INVISIBLE).split())


def missing_reason(text: str | None) -> str | None:
    """Why a cell holds no value ("not published", "withheld: …"), or None if it may hold one."""
    value = clean(text)
    if value.lower() in MARKERS:
        return MARKERS[value.lower()]
    if EXEMPTION.match(value):
        return f"withheld: {value}"
    if sum(word.isalpha() for word in value.split()) >= EXPLANATION_MIN_WORDS:
        return f"{NOT_AVAILABLE}: {value}"
    return None


def normalise_rating(text: str | None) -> Rating:
    """Map "Amber/red", "AMBER", "NA", exemption text … onto the RAG vocabulary."""
    key = _RATING_SEPARATORS.sub("_", clean(text).lower())
    if key in RAG_VALUES:
        return Rating(key)
    reason = missing_reason(text)
    if reason is None:
        raise ValueError(f"unrecognised rating {clean(text)!r}")
    return Rating(UNRATED, reason)


def delivery_confidence(ipa: Rating, sro: Rating, independent: str = "ipa") -> DeliveryConfidence:
    """Independent (IPA/NISTA) rating where published, else the SRO's, else unrated."""
    if ipa.rag != UNRATED:
        return DeliveryConfidence(ipa.rag, None, independent)
    if sro.rag != UNRATED:
        return DeliveryConfidence(sro.rag, None, "sro")
    reasons = [r.reason for r in (ipa, sro) if r.reason]
    return DeliveryConfidence(UNRATED, min(reasons, key=_reason_rank), "none")


def _reason_rank(reason: str) -> int:
    """Rank a reason by REASON_PRIORITY (most informative first)."""
    ranks = (i for i, prefix in enumerate(REASON_PRIORITY) if reason.startswith(prefix))
    return next(ranks, len(REASON_PRIORITY))
