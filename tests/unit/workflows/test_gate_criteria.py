"""Gate criteria as pure functions: reasons, not booleans."""

from dataclasses import replace

from cpmo.business_cases.completeness import missing_items
from cpmo.workflows.criteria import GateContext, LotFact, refusals_for
from cpmo.workflows.lifecycle import EVENTS, ProgrammeFlow, Refusals, events_from, machine_for
from tests.support.cases import complete_case

BASE = GateContext(
    actor="officer",
    role="cpmo",
    is_manager=False,
    whole_life_cost=1_000_000,
    delegated_limit=5_000_000,
)


def test_every_gate_has_submit_approve_return_and_endorse_events() -> None:
    for gate in ("obc", "fbc", "supplier_selection", "delivery"):
        assert {f"{verb}_{gate}" for verb in ("submit", "approve", "return", "endorse")} <= set(
            EVENTS
        )


def test_the_machine_follows_the_declared_stages() -> None:
    flow = ProgrammeFlow("proposed", None, lambda _event: Refusals())
    machine_for(flow)
    for event, stage in [
        ("submit_obc", "obc_review"),
        ("approve_obc", "fbc_development"),
        ("submit_fbc", "fbc_review"),
        ("return_fbc", "fbc_development"),
    ]:
        flow.trigger(event)
        assert flow.state == stage


def test_a_failing_guard_keeps_the_stage() -> None:
    flow = ProgrammeFlow("proposed", None, lambda _event: Refusals(unmet=["no case"]))
    machine_for(flow)
    assert flow.trigger("submit_obc") is False
    assert flow.state == "proposed"
    assert flow.refusals["submit_obc"].unmet == ["no case"]


def test_closed_and_stopped_programmes_have_no_events() -> None:
    assert events_from("closed") == [] and events_from("stopped") == []
    assert events_from("on_hold") == ["resume", "stop"]


def test_a_complete_case_has_no_missing_items() -> None:
    content = complete_case("obc")
    content.pop("kind")
    assert missing_items(content) == []


def test_an_empty_case_misses_all_five_sections() -> None:
    assert len(missing_items({})) == 5


def test_a_scorer_may_fire_nothing() -> None:
    ctx = replace(BASE, role="scorer")
    assert all(refusals_for(event, ctx).forbidden for event in EVENTS)


def test_self_approval_and_missing_endorsement_are_forbidden_not_unmet() -> None:
    ctx = replace(BASE, whole_life_cost=9_000_000, submitter={"obc": "officer"})
    refusals = refusals_for("approve_obc", ctx)
    assert len(refusals.forbidden) == 2 and refusals.unmet == []
    endorsed = replace(ctx, submitter={"obc": "someone"}, endorsed={"obc": True})
    assert refusals_for("approve_obc", endorsed).forbidden == []


def test_cost_growth_is_measured_against_the_approved_obc() -> None:
    ctx = replace(BASE, approved_obc_cost=1_000_000, fbc_cost=1_100_000)
    assert refusals_for("approve_fbc", ctx).unmet == []
    grown = replace(ctx, fbc_cost=1_100_001)
    assert (
        "give the reason for accepting the cost growth"
        in refusals_for("approve_fbc", grown).unmet[0]
    )
    assert refusals_for("approve_fbc", replace(grown, accept_cost_growth="why")).unmet == []


def test_every_lot_needs_a_supplier_and_a_value_within_the_fbc_cost() -> None:
    ctx = replace(
        BASE,
        role="programme_manager",
        is_manager=True,
        fbc_cost=100,
        lots=[LotFact("A", None, None), LotFact("B", "B Ltd", 150)],
    )
    unmet = refusals_for("submit_supplier_selection", ctx).unmet
    assert unmet == [
        "lot 'A' has no selected supplier",
        "lot 'A' has no contract value",
        "the contracts total £150, above the FBC's whole-life cost of £100",
    ]


def test_delivery_needs_every_milestone_done_and_a_benefits_plan() -> None:
    ctx = replace(BASE, milestones_done=[True, False])
    assert refusals_for("approve_delivery", ctx).unmet == [
        "1 delivery milestone(s) not complete",
        "no benefits realisation plan recorded",
    ]


def test_an_endorsement_is_needed_only_above_the_limit_and_only_once() -> None:
    from cpmo.workflows.criteria import endorsement_not_needed

    above = GateContext(
        actor="member",
        role="oversight",
        is_manager=False,
        whole_life_cost=9_000_000,
        delegated_limit=5_000_000,
        submitter={"obc": "pm"},
        frozen_cost={"obc": 9_000_000},
    )
    assert not endorsement_not_needed("endorse_obc", above)
    assert refusals_for("endorse_obc", above).unmet == []
    endorsed = replace(above, endorsed={"obc": True})
    assert endorsement_not_needed("endorse_obc", endorsed)
    assert refusals_for("endorse_obc", endorsed).unmet == [
        "this submission has already been endorsed"
    ]
    within = replace(above, whole_life_cost=2_000_000, frozen_cost={"obc": 2_000_000})
    assert endorsement_not_needed("endorse_obc", within)
    assert refusals_for("endorse_obc", within).unmet == [
        "the cost under review of £2,000,000 is within the delegated limit of £5,000,000: "
        "no endorsement is needed"
    ]
    assert not endorsement_not_needed("approve_obc", endorsed)


def test_a_condition_due_before_the_fbc_stops_its_submission_and_names_itself() -> None:
    ctx = replace(
        BASE,
        role="programme_manager",
        is_manager=True,
        draft_gaps={"fbc": []},
        conditions_due={"fbc": ["Appoint a data protection officer"]},
    )
    refusals = refusals_for("submit_fbc", ctx)
    assert refusals.forbidden == []
    assert any("Appoint a data protection officer" in r for r in refusals.unmet)
    assert any("before the FBC is submitted" in r for r in refusals.unmet)
    # a condition due only before a later gate does not stop this one
    later = replace(ctx, conditions_due={"supplier_selection": ["Agree the lots"]})
    assert refusals_for("submit_fbc", later).unmet == []
