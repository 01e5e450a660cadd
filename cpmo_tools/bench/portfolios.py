"""Demo portfolios of given sizes, generated once per benchmark run into one database."""

import tempfile
import time
from pathlib import Path

DEMO_SEED = 2026
# The audit key of every app the benchmarks start (they share the demo data's chain).
BENCH_AUDIT_KEY = "cpmo-bench-audit-key"


def bench_keyring():  # type: ignore[no-untyped-def]
    from cpmo.workflows.audit import AuditKeyring

    return AuditKeyring.from_secrets(BENCH_AUDIT_KEY)


class DemoPortfolios:
    """Portfolios demo-<size> in the database at ``url`` (a temporary SQLite file by default).

    Each size is generated on first use; ``get`` answers its code and a CPMO bearer token.
    """

    def __init__(self, url: str | None = None, *, note=print) -> None:  # type: ignore[no-untyped-def]
        self._folder = None if url else tempfile.TemporaryDirectory(prefix="cpmo-bench-db-")
        self.url = url or f"sqlite:///{Path(self._folder.name) / 'bench.sqlite3'}"  # type: ignore[union-attr]
        self._made: dict[int, tuple[str, dict[str, str]]] = {}
        self._note = note
        self.generation_s: dict[int, float] = {}

    def get(self, size: int, role: str = "cpmo") -> tuple[str, str]:
        if size not in self._made:
            from cpmo_tools.demo import generate

            code = f"demo-{size}"
            self._note(f"generating {code}: {size:,} programmes")
            start = time.perf_counter()
            summary = generate(
                self.url,
                programmes=size,
                seed=DEMO_SEED + size,
                portfolio=code,
                audit_keyring=bench_keyring(),
            )
            self.generation_s[size] = time.perf_counter() - start
            self._made[size] = (code, dict(summary.tokens))
        code, tokens = self._made[size]
        return code, tokens[role]

    def tokens(self, size: int) -> dict[str, str]:
        """Every role's token for the portfolio of ``size`` (generated if need be)."""
        self.get(size)
        return self._made[size][1]

    def close(self) -> None:
        if self._folder is not None:
            self._folder.cleanup()
