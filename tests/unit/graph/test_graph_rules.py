from datetime import date

import pytest

from cpmo.errors import RuleViolation
from cpmo.graph import (
    allowed_pairs,
    edge_kind_for,
    programme_duration,
    validate_edge,
    validate_node,
)

ALLOWED = [
    ("enables", "programme", "programme"),
    ("contributes_to", "programme", "objective"),
    ("contributes_to", "benefit", "objective"),
    ("delivers", "programme", "benefit"),
    ("supports", "objective", "priority"),
    ("measures", "kpi", "benefit"),
]


@pytest.mark.parametrize(("kind", "source", "target"), ALLOWED)
def test_accepts_every_documented_pairing(kind, source, target):
    validate_edge(kind, source, target)
    assert edge_kind_for(source, target) == kind


@pytest.mark.parametrize(
    ("kind", "source", "target"),
    [
        ("enables", "programme", "objective"),
        ("delivers", "benefit", "programme"),
        ("supports", "priority", "objective"),
        ("depends_on", "programme", "programme"),
    ],
)
def test_refuses_other_pairings_naming_the_allowed_ones(kind, source, target):
    with pytest.raises(RuleViolation) as refused:
        validate_edge(kind, source, target)
    assert "programme -enables-> programme" in refused.value.detail
    assert "kpi -measures-> benefit" in refused.value.detail
    assert refused.value.extra["allowed"] == allowed_pairs()


def test_no_kind_joins_a_pairing_outside_the_table():
    assert edge_kind_for("priority", "programme") is None


def test_accepts_a_well_formed_benefit():
    validate_node(key="benefit:cash", kind="benefit", label="Cash", attrs={"value_gbp": 10})


@pytest.mark.parametrize(
    ("key", "kind", "label", "attrs", "words"),
    [
        ("widget:x", "widget", "X", {}, "unknown node kind"),
        ("objective:x", "programme", "X", {}, "must look like"),
        ("programme:", "programme", "X", {}, "must look like"),
        ("programme:x", "programme", "  ", {}, "needs a label"),
        ("benefit:x", "benefit", "X", {"value_gbp": 1.5}, "whole number of pounds"),
        ("benefit:x", "benefit", "X", {"value_gbp": True}, "whole number of pounds"),
        ("benefit:x", "benefit", "X", {"value_gbp": -1}, "whole number of pounds"),
        ("programme:x", "programme", "X", {"duration_days": -3}, "duration_days"),
        ("programme:x", "programme", "X", {"planned_start": "soon"}, "not an ISO 8601 date"),
        (
            "programme:x",
            "programme",
            "X",
            {"planned_start": "2021-02-01", "planned_end": "2021-01-01"},
            "before planned_start",
        ),
    ],
)
def test_refuses_malformed_nodes(key, kind, label, attrs, words):
    with pytest.raises(RuleViolation, match=words):
        validate_node(key=key, kind=kind, label=label, attrs=attrs)


def test_duration_comes_from_planned_dates_first():
    attrs = {"planned_start": date(2020, 1, 1), "planned_end": "2020-03-01", "duration_days": 5}
    assert programme_duration(attrs) == 60


def test_duration_falls_back_to_duration_days():
    assert programme_duration({"planned_start": "2020-01-01", "duration_days": 5}) == 5


def test_duration_is_unknown_without_dates_or_days():
    assert programme_duration({}) is None
    assert programme_duration({"planned_start": "junk", "planned_end": "2020-01-01"}) is None
    assert programme_duration({"planned_start": "2020-02-01", "planned_end": "2020-01-01"}) is None
