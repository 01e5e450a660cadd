"""The finance rules on the seeded Jersey portfolio: each pound and each benefit once."""

from sqlmodel import Session, select

from cpmo.finance.facts import benefits_total, portfolio_cost
from cpmo.portfolios.models import Portfolio, Programme
from cpmo.strategy.models import Benefit


def _portfolio(session: Session) -> Portfolio:
    return session.exec(select(Portfolio).where(Portfolio.code == "goj-change")).one()


def test_the_seeded_portfolio_costs_the_ttp_envelope_once_and_lists_it_unphased(
    seeded: Session,
) -> None:
    cost = portfolio_cost(seeded, _portfolio(seeded))
    assert cost.total_gbp == 99_000_000
    assert [(line.code, line.kind, line.unphased_gbp) for line in cost.unphased] == [
        ("ttp", "own", 99_000_000)
    ]
    assert sum(cost.years.values()) + cost.unphased_gbp == cost.total_gbp
    assert cost.start_month == 1  # Jersey's financial year is the calendar year


def test_a_costed_child_leaves_the_parent_a_remainder_and_a_stopped_one_stands_apart(
    seeded: Session,
) -> None:
    payroll = seeded.exec(select(Programme).where(Programme.code == "ttp-its")).one()
    payroll.whole_life_cost_gbp = 13_800_000
    stopped = seeded.exec(select(Programme).where(Programme.code == "ttp-crm")).one()
    stopped.whole_life_cost_gbp, stopped.stage = 400_000, "stopped"
    seeded.flush()
    cost = portfolio_cost(seeded, _portfolio(seeded))
    assert cost.total_gbp == 99_000_000 - 400_000  # not £113.2m
    assert {(line.code, line.kind, line.amount_gbp) for line in cost.forward} == {
        ("ttp-its", "own", 13_800_000),
        ("ttp", "remainder", 99_000_000 - 13_800_000 - 400_000),
    }
    assert [(line.code, line.amount_gbp) for line in cost.apart] == [("ttp-crm", 400_000)]


def test_the_2021_plan_is_counted_inside_the_100m_target_not_beside_it(seeded: Session) -> None:
    codes = seeded.exec(select(Benefit.code)).all()
    totals = benefits_total(seeded, codes)
    assert totals.contained == {"ben-efficiencies-2021-20m": "ben-efficiencies-100m"}
    assert totals.one_off_gbp == 192_000_000  # 70 + 18 + 1 + 3 + 100, not 212
    assert totals.per_year_gbp == 16_523_000  # £15m a year + the COO's £1,523k, never added in
