"""Time search on 10,000 programmes (plus 10,000 plan actions and 2,000 risks) in a database.

Run: .venv/bin/python -m cpmo_tools.bench.bench_search [--database-url U] [--samples N]
[--size N]. Without --database-url a temporary SQLite file is used; a URL must name an empty,
migratable database (PostgreSQL: a throwaway one). Rows are bulk-inserted, so the index is
filled by the triggers (SQLite) or generated columns (PostgreSQL), as any write fills it.
Each figure is one typical query over every kind: median and p95 of ``search.service.search``.
"""

import argparse
import random
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import insert
from sqlmodel import select

from cpmo_tools.bench.figures import Figure, Printer, time_calls, timings

VOCABULARY = (
    "digital platform finance ledger payroll records cloud network security cyber data "
    "migration customer portal housing health schools transport roads waste energy carbon "
    "planning licensing benefits tax revenue procurement estates workforce training archive "
    "analytics identity telephony website mobile case management infrastructure resilience"
)
WORDS = VOCABULARY.split()
RARE = "quillwort"
QUERIES = (  # (label, text)
    ("one common word", "digital"),
    ("two words", "cloud migration"),
    ("three words", "customer portal security"),
    ("rare word", RARE),
    ("no match", "zyzzyva"),
    ("web syntax", '"case management" -housing'),
    ("hostile", "') OR 1=1 -- NEAR(*"),
)
TARGET_S = 0.100


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def fill(session, rng: random.Random, size: int) -> None:  # type: ignore[no-untyped-def]
    """Programmes, one plan's actions and programme risks: ``size`` programmes and actions,
    ``size // 5`` risks; one programme in a thousand mentions the rare word."""
    from cpmo.models import (
        BusinessPlan,
        PlanAction,
        PlanPriority,
        Portfolio,
        Programme,
        Risk,
    )

    session.add(Portfolio(code="bench", name="Bench"))
    session.add(BusinessPlan(code="bench", title="Bench plan", organisation="Bench"))
    session.flush()
    folio = session.exec(select(Portfolio.id)).one()
    plan = session.exec(select(BusinessPlan.id)).one()
    session.add(PlanPriority(plan_id=plan, number="1", sequence=1, title="Bench priority"))
    session.flush()
    priority = session.exec(select(PlanPriority.id)).one()
    programmes = [
        {
            "code": f"bench-{i}",
            "name": f"{sentence(rng, 3).title()} {i}",
            "description": sentence(rng, 40) + (f" {RARE}" if i % 1000 == 0 else ""),
            "senior_responsible_owner": "Director of Bench",
            "portfolio_id": folio,
        }
        for i in range(size)
    ]
    session.execute(insert(Programme), programmes)
    session.execute(
        insert(PlanAction),
        [
            {
                "plan_id": plan,
                "priority_id": priority,
                "number": f"1.{i}",
                "sequence": i,
                "title": sentence(rng, 8),
                "description": sentence(rng, 30),
            }
            for i in range(size)
        ],
    )
    session.execute(
        insert(Risk),
        [
            {"code": f"bench-risk-{i}", "title": sentence(rng, 6), "description": sentence(rng, 25)}
            for i in range(size // 5)
        ],
    )


def figures(
    samples: int = 30, size: int = 10_000, database_url: str | None = None, seed: int = 2020
) -> Iterator[Figure]:
    """`cpmo bench` figures: each typical query over every kind, on ``size`` programmes."""
    from cpmo.db import make_engine, make_sessionmaker, transaction
    from cpmo.migrate import upgrade
    from cpmo.search.service import search

    with tempfile.TemporaryDirectory() as folder:
        url = database_url or f"sqlite:///{Path(folder) / 'bench-search.sqlite3'}"
        upgrade(url)
        engine = make_engine(url)
        try:
            factory = make_sessionmaker(engine)
            fill_s = time_calls(lambda: _fill(factory, transaction, random.Random(seed), size), 1)[
                0
            ]
            yield Figure(
                name="search_fill",
                n=size,
                median_s=fill_s,
                samples=1,
                detail={"database": engine.dialect.name, "rows": size * 2 + size // 5},
            )
            with factory() as session:
                for label, text in QUERIES:
                    search(session, text=text)  # warm the cache
                    seconds = time_calls(lambda t=text: search(session, text=t), samples)
                    found = search(session, text=text).total
                    figure = timings(
                        "search",
                        seconds,
                        n=size,
                        detail={
                            "query": label,
                            "text": text,
                            "matches": found,
                            "database": engine.dialect.name,
                        },
                    )
                    figure.target = "median < 100 ms"
                    figure.met = (figure.median_s or 0) < TARGET_S
                    yield figure
        finally:
            engine.dispose()


def _fill(factory, transaction, rng: random.Random, size: int) -> None:  # type: ignore[no-untyped-def]
    with transaction(factory) as session:
        fill(session, rng, size)


def main() -> None:
    import sys

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", help="an empty database (default: temporary SQLite)")
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--size", type=int, default=10_000)
    args = parser.parse_args()
    printer = Printer(sys.stdout, as_json=False)
    for figure in figures(samples=args.samples, size=args.size, database_url=args.database_url):
        printer(figure)


if __name__ == "__main__":
    main()
