"""The validated candidate × criterion table of mean normalised scores (0–100)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter

import numpy as np

from cpmo.errors import InvalidInput, RuleViolation
from cpmo.prioritisation.criteria import Criterion, Score, validate_criteria


@dataclass(frozen=True, eq=False)
class ScoreTable:
    """Per candidate × criterion: mean normalised score (0–100), scorer count, spread, std."""

    candidates: tuple[str, ...]
    criteria: tuple[str, ...]
    weights: np.ndarray
    means: np.ndarray
    counts: np.ndarray
    spread: np.ndarray
    std: np.ndarray


def _index(names: Sequence[str], wanted: list[str], what: str) -> np.ndarray:
    lookup = {name: i for i, name in enumerate(names)}
    try:
        return np.fromiter(map(lookup.__getitem__, wanted), dtype=np.int64, count=len(wanted))
    except KeyError as unknown:
        raise InvalidInput(f"score names unknown {what} {unknown.args[0]!r}") from None


def _refuse_duplicates(rows: list[Score], cell: np.ndarray) -> None:
    scorers = list(map(attrgetter("scorer"), rows))
    distinct = list(dict.fromkeys(scorers))
    ids = _index(distinct, scorers, "scorer")
    _, first, repeats = np.unique(
        cell * max(len(distinct), 1) + ids, return_index=True, return_counts=True
    )
    if np.any(repeats > 1):
        s = rows[int(first[np.argmax(repeats > 1)])]
        raise InvalidInput(
            f"{s.scorer!r} scored {s.candidate!r} on {s.criterion!r} more than once",
            scorer=s.scorer,
            candidate=s.candidate,
            criterion=s.criterion,
        )


def build_score_table(
    criteria: Sequence[Criterion],
    scores: Iterable[Score],
    candidates: Sequence[str] | None = None,
) -> ScoreTable:
    """Validate scores against their scales and aggregate them per candidate and criterion."""
    weights = validate_criteria(criteria)
    rows = list(scores)
    cand_names = list(map(attrgetter("candidate"), rows))
    names = tuple(candidates) if candidates is not None else tuple(dict.fromkeys(cand_names))
    if len(set(names)) != len(names):
        raise InvalidInput("candidate keys must be unique")
    keys = tuple(c.key for c in criteria)
    ci = _index(names, cand_names, "candidate")
    ki = _index(keys, list(map(attrgetter("criterion"), rows)), "criterion")
    try:
        values = np.fromiter(map(attrgetter("value"), rows), dtype=float, count=len(rows))
    except (TypeError, ValueError):
        raise InvalidInput("every score value must be a number") from None
    lo = np.array([c.scale_min for c in criteria], dtype=float)[ki]
    hi = np.array([c.scale_max for c in criteria], dtype=float)[ki]
    bad = np.flatnonzero(~((values >= lo) & (values <= hi)))
    if bad.size:
        s, c = rows[int(bad[0])], criteria[int(ki[bad[0]])]
        raise RuleViolation(
            f"{s.scorer!r} scored {s.candidate!r} {s.value} on {s.criterion!r}, "
            f"outside its scale {c.scale_min}–{c.scale_max}",
            scorer=s.scorer,
            candidate=s.candidate,
            criterion=s.criterion,
            value=s.value,
        )
    n_c, n_k = len(names), len(keys)
    cell = ci * n_k + ki
    _refuse_duplicates(rows, cell)
    norm = (values - lo) / (hi - lo) * 100.0
    lower = np.array([c.direction == "lower_is_better" for c in criteria])[ki]
    norm = np.where(lower, 100.0 - norm, norm)
    size = n_c * n_k
    counts = np.bincount(cell, minlength=size)
    sums = np.bincount(cell, weights=norm, minlength=size)
    means = np.divide(sums, counts, out=np.zeros(size), where=counts > 0)
    squares = np.bincount(cell, weights=(norm - means[cell]) ** 2, minlength=size)
    std = np.sqrt(np.divide(squares, counts, out=np.zeros(size), where=counts > 0))
    top, bottom = np.full(size, -np.inf), np.full(size, np.inf)
    np.maximum.at(top, cell, norm)
    np.minimum.at(bottom, cell, norm)
    spread = np.where(counts > 0, top - bottom, 0.0)
    shape = (n_c, n_k)
    return ScoreTable(
        candidates=names,
        criteria=keys,
        weights=weights,
        means=means.reshape(shape),
        counts=counts.reshape(shape),
        spread=spread.reshape(shape),
        std=std.reshape(shape),
    )
