"""`generate`: migrate a database, then fill it with one synthetic demo portfolio.

All or nothing: a refusal (the portfolio or one of its codes exists already) or any failure
leaves the database as it was, apart from the migrations.
"""

from collections import Counter
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from cpmo.config import GovernanceLimits
from cpmo.db import make_engine, make_sessionmaker, transaction
from cpmo.errors import DuplicateKey, InvalidInput
from cpmo.migrate import upgrade
from cpmo.models import (
    Benefit,
    CspPriority,
    Department,
    Kpi,
    Milestone,
    Objective,
    Portfolio,
    Programme,
    Risk,
    Workshop,
)
from cpmo.validation import is_code
from cpmo.vocabulary import ROLES
from cpmo.workflows.audit import AuditKeyring
from cpmo_tools.demo.build import Built, build
from cpmo_tools.demo.records import Cast
from cpmo_tools.demo.reference import read_reference
from cpmo_tools.demo.rows_portfolio import Ids
from cpmo_tools.demo.store import chunks
from cpmo_tools.demo.summary import DemoSummary
from cpmo_tools.demo.users import demo_users, username
from cpmo_tools.demo.write import write

MAX_CODE = 30  # leaves room for the codes derived from it (at most 80 characters)
MAX_PROGRAMMES = 1_000_000


def _check_arguments(programmes: Any, portfolio: Any) -> None:
    if type(programmes) is not int or not 1 <= programmes <= MAX_PROGRAMMES:
        raise InvalidInput(
            f"programmes must be a whole number from 1 to {MAX_PROGRAMMES:,}, not {programmes!r}",
            errors={"programmes": [f"must be 1 to {MAX_PROGRAMMES:,}"]},
        )
    if not is_code(portfolio) or len(portfolio) > MAX_CODE:
        raise InvalidInput(
            f"portfolio code {portfolio!r} must be a lowercase slug of at most {MAX_CODE} "
            "characters (letters, digits, '.', '_', '-'), e.g. 'demo'",
            errors={"portfolio": ["must be a lowercase slug of at most 30 characters"]},
        )


def _refuse_portfolio(session: Session, code: str) -> None:
    """DuplicateKey if the portfolio exists already."""
    if session.execute(select(Portfolio.id).where(Portfolio.code == code)).first():
        raise DuplicateKey(f"A portfolio with code {code!r} already exists; nothing was written.")


def _codes(built: Built) -> dict[Any, list[str]]:
    """Every code the demo portfolio will use, by table."""
    stories, strategy = built.stories, built.strategy
    return {
        Programme: [p.code for p in built.plans],
        Department: [f"{built.code}-{d['code']}"[:80] for d in built.reference.departments],
        CspPriority: [p["code"] for p in strategy.priorities],
        Objective: [o["code"] for o in strategy.objectives],
        Kpi: [k["code"] for k in strategy.kpis],
        Benefit: [b["code"] for f in built.facts for b in f.benefits],
        Risk: [r["code"] for f in built.facts for r in f.risks],
        Milestone: [m.code for s in stories for m in s.milestones],
        Workshop: [built.workshop.workshop["code"]],
    }


def _refuse_taken(session: Session, built: Built) -> None:
    """DuplicateKey if any code the demo would use exists already (checked in chunks)."""
    _refuse_portfolio(session, built.code)
    for model, codes in _codes(built).items():
        for chunk in chunks(codes, 1_000):
            found = session.execute(select(model.code).where(model.code.in_(chunk))).first()
            if found:
                table = model.__tablename__
                raise DuplicateKey(
                    f"{table} code {found[0]!r} is already used: choose another portfolio code. "
                    "Nothing was written."
                )


def _summary(built: Built, counts: dict[str, int], tokens: dict[str, str]) -> DemoSummary:
    nodes = sum(counts[k] for k in ("programmes", "benefits", "objectives", "priorities", "kpis"))
    stages = Counter(story.stage for story in built.stories)
    return DemoSummary(
        portfolio=built.code,
        seed=built.seed,
        projects=sum(plan.parent is not None for plan in built.plans),
        open_conditions=sum(c.status == "open" for s in built.stories for c in s.conditions),
        graph_nodes=nodes,
        stages=dict(sorted(stages.items())),
        tokens=tokens,
        **counts,
    )


def generate(
    url: str,
    *,
    programmes: int,
    seed: int = 1,
    portfolio: str = "demo",
    limits: GovernanceLimits | None = None,
    audit_keyring: AuditKeyring,
) -> DemoSummary:
    """Migrate the database at ``url`` to head and add a demo portfolio of ``programmes``.

    ``limits`` are the delegated limit and cost tolerance the histories respect (the
    defaults of :mod:`cpmo.config` unless given). Raises InvalidInput or DuplicateKey.
    """
    _check_arguments(programmes, portfolio)
    limits = limits or GovernanceLimits()
    reference = read_reference()
    upgrade(url)
    engine = make_engine(url)
    try:
        factory = make_sessionmaker(engine, audit_keyring=audit_keyring)
        with factory() as session:
            _refuse_portfolio(session, portfolio)  # fail fast, before the building
        usernames = {role: username(role) for role in ROLES}
        built = build(
            code=portfolio,
            programmes=programmes,
            seed=seed,
            reference=reference,
            cast=Cast(usernames),
            limits=limits,
        )
        with transaction(factory) as session:
            _refuse_taken(session, built)
            user_ids, tokens = demo_users(session)
            counts = write(session, built, ids=Ids(users=user_ids), usernames=usernames)
    finally:
        engine.dispose()
    return _summary(built, counts, tokens)
