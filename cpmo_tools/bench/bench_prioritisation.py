"""Timings for the prioritisation maths at the seed's scale (577 proposals, 481 consolidated).

Run: .venv/bin/python -m cpmo_tools.bench.bench_prioritisation [--repeats N]
Prints one line per figure with the median seconds and the target. Selection is timed once
on each of several seeded instances, because solve times vary from instance to instance.
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
SELECTION_SEEDS = tuple(range(2, 12))


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


def portfolio(values: list[float], requires: int = 100, excludes: int = 30, seed: int = 2):
    """Seeded candidates totalling £396m (as the seed's 481), budgets at 25% of each year's demand.

    Each project starts in one of the four years and runs one to four years with an uneven
    spend profile; whole-life costs are log-normal. Values are the workshop's ranking totals.
    Requires pairs point from a higher index to a lower one, so the graph is acyclic; no
    exclusion pair is also a requires pair; nothing is mandatory, so the problem is feasible.
    """
    rng = np.random.default_rng(seed)
    n = len(values)
    whole_life = rng.lognormal(np.log(450_000), 1.0, size=n)
    whole_life *= 396_000_000 / whole_life.sum()
    cands = []
    for i in range(n):
        start, length = int(rng.integers(0, 4)), int(rng.integers(1, 5))
        years = YEARS[start : start + length]
        profile = rng.uniform(0.5, 1.5, size=len(years))
        costs = {
            y: int(whole_life[i] * s) for y, s in zip(years, profile / profile.sum(), strict=True)
        }
        cands.append(Candidate(f"p{i:03d}", values[i], costs))
    budgets = {y: sum(c.costs.get(y, 0) for c in cands) // 4 for y in YEARS}
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < requires:
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


def figures(repeats: int = 5, seeds: tuple[int, ...] = SELECTION_SEEDS):  # type: ignore[no-untyped-def]
    """`cpmo bench` figures: ranking, sensitivity and selection at the workshop issue's sizes."""
    from cpmo_tools.bench.figures import time_calls, timings

    crits, scores = workshop()
    seconds = time_calls(lambda: rank_candidates(crits, scores), repeats)
    figure = timings("ranking", seconds, n=577, detail={"criteria": 8, "scorers": 12})
    figure.target, figure.met = "median < 0.5 s", figure.median_s < 0.5  # type: ignore[operator]
    yield figure
    ranked = rank_candidates(crits, scores)
    table = build_score_table(crits, scores)
    seconds = time_calls(lambda: table_sensitivity(table, samples=1000, seed=7), repeats)
    figure = timings("sensitivity", seconds, n=577, detail={"samples": 1000})
    figure.target, figure.met = "median < 2 s", figure.median_s < 2  # type: ignore[operator]
    yield figure
    values = [r.total for r in sorted(ranked, key=lambda r: r.candidate)][:481]
    seconds, statuses = [], set()
    for seed in seeds:
        cands, budgets, requires, excludes = portfolio(values, seed=seed)
        start = time.perf_counter()
        result = select_portfolio(cands, budgets, requires=requires, excludes=excludes)
        seconds.append(time.perf_counter() - start)
        statuses.add(result.status)
    figure = timings(
        "selection",
        seconds,
        n=481,
        detail={
            "instances": len(seeds),
            "max_s": round(max(seconds), 3),
            "status": "/".join(sorted(statuses)),
        },
    )
    figure.target = "every instance proven optimal < 5 s"
    figure.met = max(seconds) < 5 and statuses == {"optimal"}
    yield figure


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

    values = [r.total for r in sorted(ranked, key=lambda r: r.candidate)][:481]
    runs = []
    for seed in SELECTION_SEEDS:
        cands, budgets, requires, excludes = portfolio(values, seed=seed)
        start = time.perf_counter()
        result = select_portfolio(cands, budgets, requires=requires, excludes=excludes)
        runs.append((time.perf_counter() - start, result))
    seconds = [t for t, _ in runs]
    results = [r for _, r in runs]
    statuses = sorted({r.status for r in results})
    gaps = [r.mip_gap for r in results if r.mip_gap is not None]
    gain = statistics.median(r.total_value / r.greedy.total_value - 1 for r in results)
    print(
        f"selection    481 candidates, 4 budgets, 100 requires, 30 excludes "
        f"({len(SELECTION_SEEDS)} seeded instances): median {statistics.median(seconds):.4f} s, "
        f"max {max(seconds):.4f} s (target < 5 s) [{', '.join(f'{t:.2f}' for t in seconds)}]; "
        f"status {'/'.join(statuses)}, "
        f"max MIP gap {max(gaps) if gaps else 'n/a'}; optimal beats greedy by {gain:.2%} (median)"
    )


if __name__ == "__main__":
    main()
