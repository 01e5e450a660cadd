"""The demo generator's pure parts: stage shares, histories that reach every stage, the chain."""

import random
from dataclasses import replace
from types import SimpleNamespace

import pytest

from cpmo.config import GovernanceLimits
from cpmo.vocabulary import ROLES, STAGES, Stage
from cpmo.workflows.audit import GENESIS_HASH, AuditKeyring, verify_chain
from cpmo_tools.demo.catalogue import HOLD_FROM, STOP_FROM, allot, plan_programmes
from cpmo_tools.demo.chain import chain
from cpmo_tools.demo.narrate import narrate
from cpmo_tools.demo.path import plan_path
from cpmo_tools.demo.records import Cast
from cpmo_tools.demo.reference import read_reference
from cpmo_tools.demo.strategy import plan_strategy, programme_facts
from cpmo_tools.demo.timeline import lay_out

KEYRING = AuditKeyring.from_secrets("unit-test-key")
CAST = Cast({role: f"demo-{role}" for role in ROLES})
LIMITS = GovernanceLimits(5_000_000, 0.10)


def test_allot_gives_each_value_its_share_to_the_nearest_whole_number() -> None:
    values = allot({"a": 0.5, "b": 0.3, "c": 0.2}, 10, random.Random(1))
    assert sorted(values) == ["a"] * 5 + ["b"] * 3 + ["c"] * 2
    assert len(allot({"a": 0.34, "b": 0.33, "c": 0.33}, 7, random.Random(1))) == 7


def _stories(seed: int):  # type: ignore[no-untyped-def]
    reference = read_reference()
    rng = random.Random(seed)
    base = plan_programmes(rng, 1, "t", reference.departments)[0]
    strategy = plan_strategy(rng, "t", 1, reference.departments, reference.priorities)
    for target in STAGES:
        vias = {Stage.ON_HOLD: HOLD_FROM, Stage.STOPPED: STOP_FROM}.get(target, (None,))
        for via in vias:
            plan = replace(base, target=target, via=via)
            steps = plan_path(rng, target, via)
            timeline = lay_out(rng, steps, target)
            facts = programme_facts(rng, plan, strategy, first_year=2024)
            yield (
                plan,
                narrate(plan, steps, timeline, facts.case, cast=CAST, limits=LIMITS, rng=rng),
            )


@pytest.mark.parametrize("seed", range(5))
def test_every_stage_is_reached_by_a_history_the_lifecycle_accepts(seed: int) -> None:
    for plan, story in _stories(seed):
        assert story.stage == plan.target
        if plan.target == Stage.ON_HOLD:
            assert story.held_from == plan.via


def test_the_generated_entries_form_an_unbroken_chain_after_the_head() -> None:
    stories = [story for _, story in _stories(11)]
    first = chain(stories, (0, GENESIS_HASH), KEYRING)
    rows = [SimpleNamespace(**row) for row in first.rows]
    assert verify_chain(rows, KEYRING).ok
    assert first.head == (rows[-1].sequence, rows[-1].hash)
    assert {row.key_id for row in rows} == {KEYRING.current_id}
    times = [row.created_at for row in rows]
    assert times == sorted(times) and first.head[0] == len(rows)
    later = chain(stories, first.head, KEYRING)
    assert (
        later.rows[0]["prev_hash"] == first.head[1] and later.rows[0]["sequence"] == len(rows) + 1
    )
