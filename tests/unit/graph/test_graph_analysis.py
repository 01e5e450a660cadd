import pytest

from cpmo.errors import NotFound
from cpmo.graph import Enabler, enablers, impact, orphans


def test_impact_of_the_foundation_reaches_everything_it_unlocks(portfolio):
    report = impact(portfolio, "programme:ttp-ms-foundation")
    assert report.kind == "programme"
    assert report.programmes_affected == ["programme:ttp-cyber", "programme:ttp-its"]
    assert report.benefits_at_risk == ["benefit:better-service", "benefit:cash-releasing"]
    assert report.objectives_at_risk == ["objective:obj-efficient", "objective:obj-secure"]
    assert report.priorities_at_risk == [
        "priority:modern-services",
        "priority:sustainable-finance",
    ]
    assert report.benefit_value_at_risk == 70_000_000
    assert "programme:ttp-ms-foundation" not in report.affected
    assert len(report.affected) == 8


def test_impact_of_a_kpi_follows_its_benefit_upwards(portfolio):
    report = impact(portfolio, "kpi:kpi-cash")
    assert report.affected == [
        "benefit:cash-releasing",
        "objective:obj-efficient",
        "priority:sustainable-finance",
    ]
    assert report.programmes_affected == []
    assert report.benefit_value_at_risk == 70_000_000


def test_benefits_without_a_value_add_nothing_to_the_value_at_risk(portfolio):
    report = impact(portfolio, "programme:ttp-cyber")
    assert "benefit:better-service" in report.benefits_at_risk
    assert report.benefit_value_at_risk == 70_000_000  # only cash-releasing (via its) has a value


def test_a_priority_affects_nothing(portfolio):
    report = impact(portfolio, "priority:modern-services")
    assert report.affected == []
    assert report.benefit_value_at_risk == 0


def test_impact_of_an_unknown_key_is_not_found(portfolio):
    with pytest.raises(NotFound):
        impact(portfolio, "programme:does-not-exist")


def test_finds_programmes_objectives_and_benefits_left_unconnected(portfolio):
    found = orphans(portfolio)
    assert found.programmes == [
        "programme:ttp-hub",
        "programme:ttp-lonely",
        "programme:ttp-ms-foundation",
    ]
    assert found.objectives == ["objective:obj-unserved"]
    assert found.benefits == ["benefit:undelivered"]


def test_a_programme_that_only_enables_others_is_still_an_orphan(portfolio):
    assert "programme:ttp-ms-foundation" in orphans(portfolio).programmes


def test_delivering_a_benefit_that_contributes_is_enough(portfolio):
    assert "programme:ttp-its" not in orphans(portfolio).programmes


def test_ranks_enablers_by_value_then_benefit_count_then_key(portfolio):
    assert enablers(portfolio) == [
        Enabler("programme:ttp-cyber", benefits=2, benefit_value_gbp=70_000_000, programmes=1),
        Enabler(
            "programme:ttp-ms-foundation", benefits=2, benefit_value_gbp=70_000_000, programmes=2
        ),
        Enabler("programme:ttp-hub", benefits=1, benefit_value_gbp=70_000_000, programmes=1),
        Enabler("programme:ttp-its", benefits=1, benefit_value_gbp=70_000_000, programmes=0),
        Enabler("programme:ttp-lonely", benefits=0, benefit_value_gbp=0, programmes=0),
    ]


def test_enablers_can_be_limited_to_the_top_few(portfolio):
    assert [e.key for e in enablers(portfolio, limit=2)] == [
        "programme:ttp-cyber",
        "programme:ttp-ms-foundation",
    ]
