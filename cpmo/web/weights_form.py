"""The weights forms of a workshop: direct weights and AHP pairwise judgements, read from
form fields and validated with the API's WeightsPut schema."""

from collections.abc import Mapping
from fractions import Fraction
from itertools import combinations
from typing import Any

from marshmallow import ValidationError

from cpmo.api.schemas.workshops import WeightsPut

# Saaty's scale, as offered in each pair's select: value → words
SCALE: tuple[tuple[str, str], ...] = (
    ("9", "9 – the first is extremely more important"),
    ("7", "7 – very strongly more important"),
    ("5", "5 – strongly more important"),
    ("3", "3 – moderately more important"),
    ("1", "1 – equally important"),
    ("1/3", "1/3 – the second is moderately more important"),
    ("1/5", "1/5 – the second is strongly more important"),
    ("1/7", "1/7 – the second is very strongly more important"),
    ("1/9", "1/9 – the second is extremely more important"),
)


def pairs(keys: list[str]) -> list[tuple[str, str]]:
    """Every pair of criteria once, in criterion order (the upper triangle)."""
    return list(combinations(keys, 2))


def pair_field(a: str, b: str) -> str:
    return f"pair:{a}:{b}"


def as_text(value: float) -> str:
    """A stored judgement as the scale's text (0.333… → "1/3")."""
    fraction = Fraction(value).limit_denominator(9)
    return str(fraction.numerator) if fraction.denominator == 1 else f"1/{fraction.denominator}"


def _number(text: str) -> float | str:
    try:
        return float(Fraction(text.strip()))
    except (ValueError, ZeroDivisionError):
        return text


def judgements_from(form: Mapping[str, str], keys: list[str]) -> list[dict[str, Any]]:
    return [
        {"a": a, "b": b, "value": _number(form.get(pair_field(a, b), "1"))} for a, b in pairs(keys)
    ]


def read(form: Mapping[str, str], keys: list[str]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The form → set_weights keyword arguments, or errors by field name."""
    method = form.get("method", "")
    payload: dict[str, Any] = {"method": method}
    if method == "direct":
        payload["weights"] = {k: _number(form.get(f"weight:{k}", "") or "0") for k in keys}
    else:
        payload["judgements"] = judgements_from(form, keys)
        payload["accept_inconsistent"] = bool(form.get("accept_inconsistent"))
    try:
        return WeightsPut().load(payload), {}
    except ValidationError as exc:
        messages = exc.normalized_messages()
        errors: dict[str, list[str]] = {}
        for key in messages.get("weights") or {}:
            errors[f"weight:{key}"] = [f"Enter the weight of {key} as a number, 0 or more"]
        for index in messages.get("judgements") or {}:
            a, b = pairs(keys)[int(index)]
            errors[pair_field(a, b)] = [f"Choose how {a} compares with {b}"]
        return {}, errors or {"method": ["Choose direct weights or pairwise comparison"]}
