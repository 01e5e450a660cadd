"""Why each dropped candidate was dropped (a rule, no value, a budget year it cannot fit, or
lower value for money) and what it would need to be selected."""

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from cpmo.prioritisation.selection import solve_problem
from cpmo.prioritisation.selection_explain import refuse_simple_causes
from cpmo.prioritisation.selection_input import Candidate, prepare_selection
from cpmo.prioritisation.selection_reasons import (
    BUDGET,
    NO_VALUE,
    RULE,
    VALUE_FOR_MONEY,
    explain_dropped,
)

BUDGETS = {"2020": 100, "2021": 80}


def _explain(candidates, **rules):  # type: ignore[no-untyped-def]
    problem = prepare_selection(candidates, BUDGETS, **rules)
    result = solve_problem(problem, compare_greedy=False)
    chosen = [problem.keys.index(k) for k in result.selected]
    names = {c.key: c.key.upper() for c in candidates}
    return result, {d.candidate: d for d in explain_dropped(problem, chosen, names=names)}


def test_a_candidate_too_dear_for_a_year_names_the_year_and_the_amount_over() -> None:
    _, why = _explain(
        [
            Candidate("a", 50, {"2020": 10, "2021": 10}),
            Candidate("big", 90, {"2020": 10, "2021": 95_000}),
        ]
    )
    big = why["big"]
    assert big.kind == BUDGET and big.year == "2021" and big.over_by == 94_920
    assert "breaks the 2021 budget by £94,920" in big.reason
    assert big.needs == "Its cost in 2021 would need to fall by £94,920."


def test_a_candidate_displaced_by_better_value_for_money_says_what_it_would_need() -> None:
    result, why = _explain(
        [
            Candidate("a", 92.5, {"2020": 60, "2021": 40}),
            Candidate("b", 72.5, {"2020": 50, "2021": 50}),
            Candidate("c", 72.5, {"2020": 40, "2021": 30}),
            Candidate("d", 22.5, {"2020": 10, "2021": 10}),
        ]
    )
    assert result.selected == ("a", "c")
    b = why["b"]
    assert b.kind == VALUE_FOR_MONEY and b.year == "2020" and b.over_by == 50
    # best with b forced in: b + c = 145 (b + a breaks 2020): needs 165 − 145 = 20 more
    assert b.value_needed == 20.0
    assert "the 2020 budget by £50 and the 2021 budget by £40" in b.reason
    assert "lower value for money" in b.reason
    assert b.needs == (
        "It would be selected with its cost in 2020 lower by £50, or its value higher by "
        "20.0 weighted score points."
    )
    # d forced in: a + d = 115 → needs 50; the marginal candidate is b
    assert why["d"].value_needed == 50.0 and b.marginal and not why["d"].marginal


def test_rules_and_zero_value_are_named() -> None:
    _, why = _explain(
        [
            Candidate("a", 50, {"2020": 10}),
            Candidate("x", 60, {"2020": 10}),
            Candidate("y", 60, {"2020": 10}),
            Candidate("z", 0, {"2020": 1}),
            Candidate("n", 40, {"2020": 1}),
        ],
        forbidden=["x"],
        excludes=[("y", "a")],
        mandatory=["a"],
        requires=[("n", "x")],
    )
    assert why["x"].kind == RULE and "rule keeps it out" in why["x"].reason
    assert why["y"].kind == RULE and "cannot be chosen with A" in why["y"].reason
    assert why["n"].kind == RULE and "needs X" in why["n"].reason
    assert why["z"].kind == NO_VALUE


def test_the_infeasibility_message_writes_money_with_the_money_helper() -> None:
    problem = prepare_selection(
        [Candidate("a", 1, {"2020": 1_250_000})], {"2020": 1_000_000}, mandatory=["a"]
    )
    try:
        refuse_simple_causes(problem)
    except Exception as exc:
        assert "£1,250,000 in 2020 against a budget of £1,000,000" in str(exc.detail)  # type: ignore[attr-defined]
    else:
        raise AssertionError("expected a refusal")


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1, 100), st.integers(0, 60), st.integers(0, 60)),
        min_size=1,
        max_size=6,
    )
)
def test_every_dropped_candidate_has_one_reason_and_the_value_it_needs_brings_it_in(
    rows: list[tuple[int, int, int]],
) -> None:
    candidates = [
        Candidate(f"c{i}", float(v), {"2020": c20, "2021": c21})
        for i, (v, c20, c21) in enumerate(rows)
    ]
    result, why = _explain(candidates)
    assert set(why) == {c.key for c in candidates} - set(result.selected)
    for key, dropped in why.items():
        assert dropped.kind in (BUDGET, VALUE_FOR_MONEY) and dropped.reason
        if dropped.value_needed is None:
            continue
        raised = [
            replace(c, value=c.value + dropped.value_needed + 0.5) if c.key == key else c
            for c in candidates
        ]
        again = solve_problem(prepare_selection(raised, BUDGETS), compare_greedy=False)
        assert key in again.selected
