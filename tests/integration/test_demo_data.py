"""`cpmo demo-data`: a synthetic portfolio that looks and behaves like one built by the services."""

import json
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from cpmo.app import create_app
from cpmo.cli.demo_data import demo_data
from cpmo.config import DEFAULT_COST_TOLERANCE, DEFAULT_DELEGATED_LIMIT_GBP, GovernanceLimits
from cpmo.db import make_engine, make_sessionmaker
from cpmo.errors import DuplicateKey, InvalidInput
from cpmo.graph import store
from cpmo.graph import version as graph_version
from cpmo.models import (
    AuditEntry,
    Benefit,
    BusinessCase,
    Condition,
    Department,
    GraphEdge,
    Lot,
    Milestone,
    Portfolio,
    Programme,
    WorkshopCandidate,
    WorkshopScore,
)
from cpmo.users import service as users
from cpmo.vocabulary import ROLES, STAGES, Role
from cpmo.workflows import audit_store
from cpmo.workflows.context import build_context, load_record
from cpmo.workflows.criteria import GateContext, refusals_for
from cpmo.workflows.lifecycle import events_from
from cpmo.workflows.service import fire_event
from cpmo_tools.demo import generate
from cpmo_tools.demo.build import build
from cpmo_tools.demo.records import Cast
from cpmo_tools.demo.reference import read_reference
from cpmo_tools.demo.users import username
from tests.conftest import TEST_AUDIT_KEYRING, app_config
from tests.support.dbdump import dump_tables

N = 60
SEED = 7
LIMITS = GovernanceLimits(DEFAULT_DELEGATED_LIMIT_GBP, DEFAULT_COST_TOLERANCE)
RANDOM_PER_RUN = ("api_token", "app_user", "graph_state")  # tokens, creation times, stamps


@pytest.fixture(scope="module")
def demo(databases):  # type: ignore[no-untyped-def]
    url = databases.new()
    return url, generate(
        url, audit_keyring=TEST_AUDIT_KEYRING, programmes=N, seed=SEED, portfolio="demo"
    )


@pytest.fixture
def db(demo):  # type: ignore[no-untyped-def]
    engine = make_engine(demo[0])
    with make_sessionmaker(engine, audit_keyring=TEST_AUDIT_KEYRING)() as s:
        yield s
    engine.dispose()


def _count(session: Session, model, *where) -> int:  # type: ignore[no-untyped-def]
    return session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def _dump(url: str, skip: tuple[str, ...] = ()) -> dict:  # type: ignore[type-arg]
    engine = make_engine(url)
    with make_sessionmaker(engine, audit_keyring=TEST_AUDIT_KEYRING)() as s:
        dumped = dump_tables(s, skip=skip)
    engine.dispose()
    return dumped


def _plain_conditions(ctx: GateContext) -> GateContext:
    """The service names open conditions '#<id> <text> (set at <GATE>)' (ids are not known in
    memory) and reads milestones in no particular order."""
    texts = [re.sub(r"^#\d+ (.*) \(set at [A-Z_]+\)$", r"\1", t) for t in ctx.open_conditions]
    return replace(ctx, open_conditions=texts, milestones_done=sorted(ctx.milestones_done))


def test_the_counts_in_the_summary_are_the_rows_written(demo, db) -> None:
    _, summary = demo
    mine = select(Programme.id).join(Portfolio).where(Portfolio.code == "demo")
    in_demo = Programme.id.in_(mine)  # type: ignore[union-attr]
    assert _count(db, Programme, in_demo) == summary.programmes == N
    assert _count(db, Programme, in_demo, Programme.parent_id.is_not(None)) == summary.projects
    assert 0 < summary.projects < N
    for model, field in (
        (BusinessCase, "business_cases"),
        (Condition, "conditions"),
        (Lot, "lots"),
        (Milestone, "milestones"),
        (Benefit, "benefits"),
    ):
        assert _count(db, model, model.programme_id.in_(mine)) == getattr(summary, field)
    assert _count(db, AuditEntry) == summary.audit_entries
    assert _count(db, GraphEdge) == summary.graph_edges
    assert _count(db, WorkshopCandidate) == summary.candidates == N
    assert _count(db, WorkshopScore) == summary.scores == N * summary.criteria * 6
    assert _count(db, Condition, Condition.status == "open") == summary.open_conditions
    assert 0 < summary.open_conditions < summary.conditions
    assert sorted(summary.tokens) == sorted(ROLES)
    assert "tokens" not in repr(summary) and summary.tokens["cpmo"] not in repr(summary)


def test_stages_span_the_lifecycle_and_ratings_spread(demo, db) -> None:
    _, summary = demo
    stages = Counter(db.execute(select(Programme.stage)).scalars())
    assert stages == summary.stages
    assert len(stages) >= len(STAGES) - 2
    rags = Counter(db.execute(select(Programme.rag)).scalars())
    assert len(rags) >= 5 and max(rags.values()) < N / 2


def test_the_audit_chain_verifies_and_matches_every_programme(demo, db) -> None:
    result = audit_store.verify(db)
    assert result.ok and result.entries == demo[1].audit_entries
    entries = Counter(db.execute(select(AuditEntry.programme_code)).scalars())
    for programme in db.execute(select(Programme)).scalars():
        history = audit_store.entries_for(db, programme_code=programme.code)
        assert programme.version == 1 + entries[programme.code]
        assert programme.stage == (history[-1].to_stage if history else "proposed")
        if programme.stage == "on_hold":
            assert programme.held_from_stage == history[-1].from_stage
        times = [e.created_at for e in history]
        assert times == sorted(times) and (not times or programme.updated_at == times[-1])


def test_the_graph_has_about_five_edges_per_programme_and_no_enabling_cycle(demo, db) -> None:
    graph = store.load_graph(db)
    assert graph.number_of_edges() == demo[1].graph_edges  # every edge joins two known nodes
    assert graph.number_of_nodes() == demo[1].graph_nodes
    assert 4 <= graph.number_of_edges() / N <= 6.5
    enables = [(s, t) for s, t, kind in graph.edges(data="kind") if kind == "enables"]
    assert len(enables) > N / 2 and nx.is_directed_acyclic_graph(nx.DiGraph(enables))
    assert {kind for *_, kind in graph.edges(data="kind")} == {
        "enables",
        "contributes_to",
        "delivers",
        "supports",
        "measures",
    }
    assert graph_version.read(db)[0] >= 1


def test_a_new_demo_portfolio_moves_the_graph_version_so_cached_graphs_are_rebuilt(
    databases,
) -> None:
    url = databases.new()
    generate(url, audit_keyring=TEST_AUDIT_KEYRING, programmes=3, portfolio="first")
    engine = make_engine(url)
    factory = make_sessionmaker(engine, audit_keyring=TEST_AUDIT_KEYRING)
    with factory() as s:
        before, cached = graph_version.read(s), store.get_graph(s)
    generate(url, audit_keyring=TEST_AUDIT_KEYRING, programmes=3, portfolio="second")
    with factory() as s:
        after, rebuilt = graph_version.read(s), store.get_graph(s)
    engine.dispose()
    assert after[0] > before[0] and after[1] != before[1]
    assert "programme:second-00001" in rebuilt and "programme:second-00001" not in cached


def test_each_programme_is_in_the_state_the_workflow_service_would_have_left(demo, db) -> None:
    """The gate context the service builds from the database equals the generator's own."""
    built = build(
        code="demo",
        programmes=N,
        seed=SEED,
        reference=read_reference(),
        cast=Cast({role: username(role) for role in ROLES}),
        limits=LIMITS,
    )
    actors = {role: users.get(db, username=username(role)) for role in ROLES}
    for story in built.stories:
        programme = db.execute(
            select(Programme).where(Programme.code == story.plan.code)
        ).scalar_one()
        assert programme.stage == story.stage
        record = load_record(db, programme)
        for event in events_from(programme.stage):
            ours = story.gate_context(event)
            actor = actors[ours.role]
            theirs = _plain_conditions(
                build_context(
                    db,
                    programme=programme,
                    actor=actor,
                    record=record,
                    delegated_limit=LIMITS.delegated_limit_gbp,
                    cost_tolerance=LIMITS.cost_tolerance,
                )
            )
            assert theirs == ours, (programme.code, event)


def test_programmes_waiting_at_a_gate_can_be_moved_on_by_the_real_service(demo) -> None:
    engine = make_engine(demo[0])
    moved = Counter()
    with make_sessionmaker(engine, audit_keyring=TEST_AUDIT_KEYRING)() as session:
        cpmo = users.get(session, username=username(Role.CPMO))
        limits = dict(
            delegated_limit=LIMITS.delegated_limit_gbp, cost_tolerance=LIMITS.cost_tolerance
        )
        for programme in (
            session.execute(select(Programme).order_by(Programme.code)).scalars().all()
        ):
            if not programme.stage.endswith("_review"):
                continue
            event = "approve_" + programme.stage.removesuffix("_review")
            record = load_record(session, programme)
            ctx = build_context(session, programme=programme, actor=cpmo, record=record, **limits)
            refusals = refusals_for(event, ctx)
            if refusals.forbidden or refusals.unmet:
                continue
            decided_on = programme.version
            result = fire_event(
                session,
                actor=cpmo,
                code=programme.code,
                event=event,
                version=decided_on,
                limits=LIMITS,
                rationale="Approved in a test",
            )
            moved[event] += 1
            assert result.version == decided_on + 1 == programme.version
        assert audit_store.verify(session).ok
        session.rollback()
    engine.dispose()
    assert sum(moved.values()) >= 3, moved


def test_the_api_serves_the_demo_portfolio_to_the_demo_users(demo, tmp_path) -> None:
    url, summary = demo
    app = create_app(app_config(tmp_path, url))
    client = app.test_client()
    bearer = {"Authorization": f"Bearer {summary.tokens['oversight']}"}
    status = client.get("/api/v1/portfolios/demo/status", headers=bearer)
    assert status.status_code == 200
    assert len(status.json["programmes"]) == N == status.json["totals"]["programmes"]
    ranking = client.get("/api/v1/workshops/demo-prioritisation/ranking", headers=bearer)
    assert ranking.status_code == 200 and len(ranking.json["candidates"]) == N
    scores = client.get("/api/v1/prioritisation/scores?portfolio=demo", headers=bearer)
    assert scores.status_code == 200 and len(scores.json["candidates"]) == N
    first = status.json["programmes"][0]["code"]
    for path in (f"/api/v1/graph/impact/programme:{first}", "/api/v1/graph/order"):
        assert client.get(path, headers=bearer).status_code == 200
    staged = [p for p in status.json["programmes"] if p["stage"] == "delivery"]
    cases = client.get(f"/api/v1/programmes/{staged[0]['code']}/business-cases", headers=bearer)
    assert cases.status_code == 200 and {c["kind"] for c in cases.json} == {"obc", "fbc"}
    assert all(c["status"] == "submitted" and not c["missing"] for c in cases.json)
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {summary.tokens['scorer']}"})
    assert me.status_code == 200 and me.json["username"] == "demo-scorer"


def test_the_same_seed_gives_the_same_portfolio(demo, databases) -> None:
    again = databases.new()
    generate(again, audit_keyring=TEST_AUDIT_KEYRING, programmes=N, seed=SEED, portfolio="demo")
    assert _dump(again, RANDOM_PER_RUN) == _dump(demo[0], RANDOM_PER_RUN)
    other = databases.new()
    generate(other, audit_keyring=TEST_AUDIT_KEYRING, programmes=N, seed=SEED + 1, portfolio="demo")
    assert _dump(other, RANDOM_PER_RUN)["programme"] != _dump(demo[0], RANDOM_PER_RUN)["programme"]


def test_a_second_run_into_the_same_portfolio_is_refused_and_writes_nothing(demo) -> None:
    url, _ = demo
    before = _dump(url)
    with pytest.raises(DuplicateKey, match="already exists"):
        generate(url, audit_keyring=TEST_AUDIT_KEYRING, programmes=5, seed=99, portfolio="demo")
    assert _dump(url) == before


def test_a_failure_part_way_leaves_nothing_half_written(databases, monkeypatch) -> None:
    url = databases.new()
    generate(url, audit_keyring=TEST_AUDIT_KEYRING, programmes=3, portfolio="first")
    before = _dump(url)

    def broken(_session):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr(graph_version, "bump", broken)  # the very last write
    with pytest.raises(RuntimeError, match="disk full"):
        generate(url, audit_keyring=TEST_AUDIT_KEYRING, programmes=8, portfolio="second")
    assert _dump(url) == before


def test_codes_already_taken_or_malformed_are_refused(databases) -> None:
    url = databases.new()
    generate(url, audit_keyring=TEST_AUDIT_KEYRING, programmes=2, portfolio="first")
    engine = make_engine(url)
    with make_sessionmaker(engine, audit_keyring=TEST_AUDIT_KEYRING)() as s:
        s.add(Department(code="other-coo", name="Someone else's department"))
        s.commit()
    engine.dispose()
    before = _dump(url)
    with pytest.raises(DuplicateKey, match="other-coo"):
        generate(url, audit_keyring=TEST_AUDIT_KEYRING, programmes=4, portfolio="other")
    assert _dump(url) == before
    for bad in ("DEMO", "has space", "x" * 31):
        with pytest.raises(InvalidInput, match="lowercase slug"):
            generate(url, audit_keyring=TEST_AUDIT_KEYRING, programmes=4, portfolio=bad)
    with pytest.raises(InvalidInput, match="programmes"):
        generate(url, audit_keyring=TEST_AUDIT_KEYRING, programmes=0)


def test_the_command_fills_the_configured_database_and_writes_the_tokens(
    fresh_database_url, tmp_path
) -> None:
    app = create_app(app_config(tmp_path, fresh_database_url))
    runner = app.test_cli_runner()
    tokens = tmp_path / "tokens.json"
    result = runner.invoke(
        demo_data, ["--programmes", "12", "--seed", "3", "--tokens", str(tokens)]
    )
    assert result.exit_code == 0, result.output
    assert "Demo portfolio demo (seed 3): 12 programmes" in result.output
    assert len(result.output.strip().splitlines()) == 1
    written = json.loads(tokens.read_text())
    assert sorted(written) == sorted(ROLES) and tokens.stat().st_mode & 0o077 == 0
    bearer = {"Authorization": f"Bearer {written['cpmo']}"}
    status = app.test_client().get("/api/v1/portfolios/demo/status", headers=bearer)
    assert status.status_code == 200 and status.json["totals"]["programmes"] == 12
    again = runner.invoke(demo_data, ["--programmes", "12"])
    assert again.exit_code == 1 and "already exists" in again.output
    elsewhere = Path(tmp_path / "other.sqlite3")
    other = runner.invoke(
        demo_data,
        ["--programmes", "2", "--portfolio", "tiny", "--database-url", f"sqlite:///{elsewhere}"],
    )
    assert other.exit_code == 0 and elsewhere.exists()
