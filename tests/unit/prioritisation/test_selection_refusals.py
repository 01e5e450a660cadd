"""Selection input refusals and infeasibility explained in the analyst's terms."""

import highspy
import numpy as np
import pytest

from cpmo.errors import Infeasible, InvalidInput, RuleViolation
from cpmo.prioritisation import Candidate, prepare_selection, select_portfolio
from cpmo.prioritisation import selection as selection_module

CANDIDATES = [
    Candidate("cyber", 80, {2021: 700_000, 2022: 300_000}),
    Candidate("erp", 90, {2021: 500_000, 2022: 900_000}),
    Candidate("network", 40, {2021: 200_000}),
    Candidate("portal", 30, {2022: 100_000}),
]
BUDGETS = {2021: 1_000_000, 2022: 1_000_000}


def test_mandatory_candidates_over_a_years_budget_are_explained_with_the_amounts():
    with pytest.raises(Infeasible) as refused:
        select_portfolio(CANDIDATES, BUDGETS, mandatory=["cyber", "erp"])
    assert refused.value.detail == (
        "mandatory candidates cost £1,200,000 in 2021 against a budget of £1,000,000"
    )
    extra = refused.value.extra
    assert (extra["year"], extra["cost"], extra["budget"]) == (2021, 1_200_000, 1_000_000)


def test_what_mandatory_candidates_require_counts_against_the_budget():
    with pytest.raises(Infeasible) as refused:
        select_portfolio(
            CANDIDATES,
            BUDGETS,
            mandatory=["cyber"],
            requires=[("cyber", "network"), ("network", "erp")],
        )
    assert "including the candidates they require" in refused.value.detail
    assert "£1,400,000 in 2021 against a budget of £1,000,000" in refused.value.detail


def test_a_mandatory_candidate_requiring_a_forbidden_one_is_explained():
    with pytest.raises(Infeasible) as refused:
        select_portfolio(
            CANDIDATES,
            BUDGETS,
            mandatory=["portal"],
            forbidden=["network"],
            requires=[("portal", "network")],
        )
    assert (
        refused.value.detail
        == "mandatory candidate 'portal' requires 'network', which is forbidden"
    )


def test_two_mandatory_candidates_that_exclude_each_other_are_explained():
    with pytest.raises(Infeasible) as refused:
        select_portfolio(
            CANDIDATES, BUDGETS, mandatory=["network", "portal"], excludes=[("portal", "network")]
        )
    assert refused.value.detail == "mandatory candidates 'portal' and 'network' exclude each other"


def test_a_candidate_both_mandatory_and_forbidden_is_infeasible():
    with pytest.raises(Infeasible) as refused:
        select_portfolio(CANDIDATES, BUDGETS, mandatory=["erp"], forbidden=["erp"])
    assert "erp" in refused.value.detail


@pytest.mark.parametrize(
    "rules",
    [
        {"requires": [("cyber", "mainframe")]},
        {"excludes": [("mainframe", "cyber")]},
        {"mandatory": ["mainframe"]},
        {"forbidden": ["mainframe"]},
        {"requires": [("cyber", "cyber")]},
    ],
)
def test_rules_naming_unknown_candidates_are_invalid_input(rules):
    with pytest.raises(InvalidInput):
        select_portfolio(CANDIDATES, BUDGETS, **rules)


def test_a_cost_in_a_year_without_a_budget_is_invalid_input():
    with pytest.raises(InvalidInput) as refused:
        select_portfolio(CANDIDATES, {2021: 1_000_000})
    assert "2022" in str(refused.value.errors)


@pytest.mark.parametrize(
    "candidate",
    [
        Candidate("x", 1, {2021: 10.0}),  # type: ignore[dict-item]
        Candidate("x", 1, {2021: -1}),
        Candidate("x", -1, {2021: 1}),
        Candidate("x", float("inf"), {2021: 1}),
    ],
)
def test_money_must_be_whole_pounds_and_value_non_negative(candidate):
    with pytest.raises(InvalidInput):
        select_portfolio([candidate], {2021: 100})


def test_duplicate_candidate_keys_are_invalid_input():
    with pytest.raises(InvalidInput):
        select_portfolio([Candidate("x", 1), Candidate("x", 2)], {})


def test_an_answer_overspending_by_a_rounding_margin_is_cut_off_and_solved_again(monkeypatch):
    calls = []
    real_run = selection_module._run

    def sloppy_run(lp, time_limit, mip_rel_gap):
        calls.append(lp.num_row_)
        status, x, gap = real_run(lp, time_limit, mip_rel_gap)
        if len(calls) == 1:  # pretend HiGHS accepted "both" within its tolerance
            x = np.ones_like(x)
        return status, x, gap

    monkeypatch.setattr(selection_module, "_run", sloppy_run)
    candidates = [Candidate("a", 5, {2021: 500_000_001}), Candidate("b", 4, {2021: 500_000_000})]
    result = select_portfolio(candidates, {2021: 1_000_000_000})
    assert calls == [1, 2]  # the second model carries the cut
    assert result.selected == ("a",)
    assert result.costs_by_year == {2021: 500_000_001}


def test_budget_years_are_ordered_whatever_order_they_were_given_in():
    problem = prepare_selection(CANDIDATES, {2022: 1, 2021: 2})
    assert problem.years == (2021, 2022)
    assert problem.budgets == (2, 1)


class _StoppedHighs:
    """The real solver, reporting afterwards as if its time limit had stopped it."""

    def __init__(self, *, found: bool):
        self._real = _REAL_HIGHS()
        self._found = found
        self.options: dict[str, object] = {}

    def setOptionValue(self, name, value):
        self.options[name] = value
        return self._real.setOptionValue(name, value)

    def getModelStatus(self):
        return highspy.HighsModelStatus.kTimeLimit

    def getInfo(self):
        info = self._real.getInfo()
        info.mip_gap = 0.02
        if not self._found:
            info.primal_solution_status = 0
        return info

    def __getattr__(self, name):
        return getattr(self._real, name)


_REAL_HIGHS = selection_module.QuietHighs


def _stopped_solver(monkeypatch, *, found: bool) -> list[_StoppedHighs]:
    made: list[_StoppedHighs] = []

    def factory():
        made.append(_StoppedHighs(found=found))
        return made[-1]

    monkeypatch.setattr(selection_module, "QuietHighs", factory)
    return made


def test_a_solve_stopped_by_its_time_limit_reports_its_gap_not_optimality(monkeypatch):
    made = _stopped_solver(monkeypatch, found=True)
    result = select_portfolio(CANDIDATES, BUDGETS, time_limit=0.5)
    assert made[0].options["time_limit"] == 0.5
    assert result.status == "time_limit"
    assert result.mip_gap == 0.02


def test_a_solver_that_finds_nothing_in_time_is_a_refusal_not_a_crash(monkeypatch):
    _stopped_solver(monkeypatch, found=False)
    with pytest.raises(RuleViolation) as refused:
        select_portfolio(CANDIDATES, BUDGETS, time_limit=0.01)
    assert not isinstance(refused.value, Infeasible)
