"""Timings for the prioritisation maths at the seed's scale (577 proposals, 481 consolidated).

Run: .venv/bin/python benchmarks/bench_prioritisation.py [--repeats N]
Prints one line per figure with the median seconds over the repeats and the target.
"""

import argparse
import statistics
import time
from collections.abc import Callable

import numpy as np

from cpmo.prioritisation import (
    Candidate,
    Criterion,
    Score,
    build_score_table,
    rank_candidates,
    select_portfolio,
    table_sensitivity,
)

YEARS = (2021, 2022, 2023, 2024)


def workshop(candidates: int = 577, criteria: int = 8, scorers: int = 12, seed: int = 1):
    """A seeded workshop: 1–5 and 0–10 scales, two lower-is-better criteria, every score given."""
    rng = np.random.default_rng(seed)
    crits = [
        Criterion(
            key=f"c{k}",
            weight=float(rng.integers(1, 10)),
            scale_min=0 if k % 2 else 1,
            scale_max=10 if k % 2 else 5,
            direction="lower_is_better" if k in (3, 6) else "higher_is_better",
        )
        for k in range(criteria)
    ]
    quality = rng.uniform(0, 1, size=(candidates, criteria))
    scores = []
    for c in range(candidates):
        for k, crit in enumerate(crits):
            span = crit.scale_max - crit.scale_min
            noisy = quality[c, k] * span + rng.normal(0, span / 6, size=scorers)
            values = np.clip(np.round(noisy + crit.scale_min), crit.scale_min, crit.scale_max)
            scores.extend(
                Score(f"s{s}", f"p{c:03d}", crit.key, float(v)) for s, v in enumerate(values)
            )
    return crits, scores


def portfolio(n: int = 481, requires: int = 100, excludes: int = 30, seed: int = 2):
    """Seeded candidates (≈ £396m in all), budgets at about 40% of demand, acyclic requires."""
    rng = np.random.default_rng(seed)
    whole_life = rng.lognormal(np.log(450_000), 1.0, size=n)
    whole_life *= 396_000_000 / whole_life.sum()
    cands = []
    for i in range(n):
        share = rng.dirichlet(np.ones(len(YEARS)))
        costs = {y: int(whole_life[i] * s) for y, s in zip(YEARS, share, strict=True)}
        value = float(np.clip(rng.normal(50, 20), 1, 100)) * (1 + np.log1p(whole_life[i] / 1e6))
        cands.append(Candidate(f"p{i:03d}", round(value, 3), costs))
    demand = {y: sum(c.costs[y] for c in cands) for y in YEARS}
    budgets = {y: int(demand[y] * 0.4) for y in YEARS}
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < requires:  # a higher index requires a lower one: never a cycle
        a, b = sorted(rng.choice(n, size=2, replace=False).tolist(), reverse=True)
        pairs.add((a, b))
    rivals: set[tuple[int, int]] = set()
    while len(rivals) < excludes:
        a, b = sorted(rng.choice(n, size=2, replace=False).tolist())
        if (a, b) not in pairs and (b, a) not in pairs:
            rivals.add((a, b))
    key = [c.key for c in cands]
    return (
        cands,
        budgets,
        [(key[a], key[b]) for a, b in sorted(pairs)],
        [(key[a], key[b]) for a, b in sorted(rivals)],
    )


def timed(fn: Callable[[], object], repeats: int) -> tuple[float, object]:
    """Median wall-clock seconds over repeats, and the last result."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    """Run each benchmark and print one line per figure."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    repeats = parser.parse_args().repeats

    crits, scores = workshop()
    seconds, ranked = timed(lambda: rank_candidates(crits, scores), repeats)
    print(
        f"ranking      577 candidates × 8 criteria × 12 scorers ({len(scores):,} scores): "
        f"median {seconds:.4f} s (target < 0.5 s); leader {ranked[0].candidate}"
    )

    table = build_score_table(crits, scores)
    seconds, result = timed(lambda: table_sensitivity(table, samples=1000, seed=7), repeats)
    robust = sum(c.robust for c in result.candidates[:10])
    print(
        f"sensitivity  577 candidates × 8 criteria × 1,000 samples: median {seconds:.4f} s "
        f"(target < 2 s); {robust}/10 of the top ten robust"
    )

    cands, budgets, requires, excludes = portfolio()
    seconds, chosen = timed(
        lambda: select_portfolio(cands, budgets, requires=requires, excludes=excludes), repeats
    )
    print(
        f"selection    481 candidates, 4 budgets, {len(requires)} requires, "
        f"{len(excludes)} excludes: median {seconds:.4f} s (target < 5 s); "
        f"status {chosen.status}, MIP gap {chosen.mip_gap}, {len(chosen.selected)} selected, "
        f"value {chosen.total_value:.3f} vs greedy {chosen.greedy.total_value:.3f}"
    )


if __name__ == "__main__":
    main()
