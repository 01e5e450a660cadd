"""One measured figure, how it is summarised, and how it is printed (text or JSON lines)."""

import json
import math
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, TextIO


@dataclass
class Figure:
    """A benchmark result: timings (median, p95) or a single value such as a ratio.

    ``target`` is text such as "< 0.15 s"; ``met`` is None when the figure has no target.
    """

    name: str
    n: int | None = None
    median_s: float | None = None
    p95_s: float | None = None
    samples: int | None = None
    queries: int | None = None
    value: float | None = None
    unit: str | None = None
    target: str | None = None
    met: bool | None = None
    detail: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> str:
        """One JSON object, without the fields that do not apply."""
        data = {k: v for k, v in asdict(self).items() if v is not None and v != {}}
        return json.dumps(data, sort_keys=False)

    def as_line(self) -> str:
        """One human-readable line."""
        parts = [f"{self.name:<22}"]
        if self.n is not None:
            parts.append(f"n={self.n:,}")
        if self.median_s is not None:
            parts.append(f"median {_seconds(self.median_s)}")
        if self.p95_s is not None:
            parts.append(f"p95 {_seconds(self.p95_s)}")
        if self.samples is not None:
            parts.append(f"({self.samples} samples)")
        if self.queries is not None:
            parts.append(f"{self.queries} SQL statements")
        if self.value is not None:
            parts.append(f"{self.value:,.3f}{' ' + self.unit if self.unit else ''}")
        if self.target is not None:
            verdict = {True: "met", False: "MISSED", None: "n/a"}[self.met]
            parts.append(f"[target {self.target}: {verdict}]")
        extra = ", ".join(f"{k} {_plain(v)}" for k, v in self.detail.items())
        return " ".join(parts) + (f"; {extra}" if extra else "")


def _seconds(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def _plain(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def percentile(values: Iterable[float], fraction: float) -> float:
    """The nearest-rank percentile (fraction 0.95 → p95) of values."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def timings(name: str, seconds: list[float], **kwargs: Any) -> Figure:
    """A figure from raw timings: median, p95 and the sample count."""
    return Figure(
        name=name,
        median_s=statistics.median(seconds),
        p95_s=percentile(seconds, 0.95),
        samples=len(seconds),
        **kwargs,
    )


def time_calls(action: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock seconds of ``repeat`` calls of action."""
    seconds = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - start)
    return seconds


class Printer:
    """Writes each figure as soon as it is measured: a line, or a JSON object per line."""

    def __init__(self, out: TextIO, *, as_json: bool) -> None:
        self.out = out
        self.as_json = as_json
        self.figures: list[Figure] = []

    def __call__(self, figure: Figure) -> Figure:
        self.figures.append(figure)
        self.out.write((figure.as_json() if self.as_json else figure.as_line()) + "\n")
        self.out.flush()
        return figure

    def note(self, text: str) -> None:
        """Progress text: on the text output only (JSON output stays one figure per line)."""
        if not self.as_json:
            self.out.write(f"# {text}\n")
            self.out.flush()
