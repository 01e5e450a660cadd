"""Property tests: whatever a document holds, extraction returns a well-typed draft."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpmo.business_cases.docx.extract import extract_business_case
from cpmo.business_cases.docx.values import parse_money

WORDS = st.sampled_from(
    [
        "Strategic Case",
        "1. The Economic Case",
        "Commercial case",
        "Financial Case:",
        "Management Case",
        "Objectives",
        "Options",
        "Preferred option: Option 2",
        "Lot 1: A",
        "Whole-life cost: £4.5m",
        "Funding source: X",
        "SRO: Director",
        "Milestones",
        "Risks",
        "Benefits",
        "Option 1 – Do nothing – NPV (£1k)",
        "31/03/2021",
        "2021/22",
        "High",
        "",
        "£",
        "(",
        "Risk",
        "Likelihood",
        "Impact",
        "Owner",
        "Benefit",
        "Value",
        "Milestone",
        "Date",
    ]
)
TEXT = st.one_of(WORDS, st.text(max_size=40), st.lists(WORDS, max_size=4).map(" ".join))
ROW = st.lists(TEXT, min_size=1, max_size=4)
PART = st.one_of(
    st.tuples(st.sampled_from(["h1", "h2", "p", "bold", "bullet", "number"]), TEXT),
    st.tuples(st.just("table"), st.lists(ROW, min_size=1, max_size=4)),
)
XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _safe(part):
    """Drop characters XML cannot hold (python-docx refuses them when building)."""
    kind, value = part
    if kind == "table":
        return kind, [[XML_UNSAFE.sub("", cell) for cell in row] for row in value]
    return kind, XML_UNSAFE.sub("", value)


def _typed(content: dict) -> None:
    """Every money figure is an int and every date is ISO 8601."""
    for option in content.get("economic", {}).get("options", []):
        assert isinstance(option.get("npv", 0), int) and option["name"] is not None
    financial = content.get("financial", {})
    assert isinstance(financial.get("whole_life_cost", 0), int)
    assert all(
        isinstance(v, int) and re.fullmatch(r"\d{4}", k)
        for k, v in financial.get("profile", {}).items()
    )
    management = content.get("management", {})
    assert all(
        re.fullmatch(r"\d{4}-\d\d-\d\d", m.get("due", "2000-01-01"))
        for m in management.get("milestones", [])
    )
    assert all(
        1 <= r.get(k, 1) <= 5 for r in management.get("risks", []) for k in ("likelihood", "impact")
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PART, max_size=12))
def test_any_layout_gives_a_typed_draft_and_never_an_error(docx_file, parts):
    result = extract_business_case(docx_file(*map(_safe, parts)))

    _typed(result.content)
    assert set(result.content) <= {"strategic", "economic", "commercial", "financial", "management"}
    assert all(isinstance(line, str) for line in result.missing + result.notes)


@given(st.text(max_size=30))
def test_money_is_an_integer_or_none_for_any_text(text):
    assert parse_money(text) is None or isinstance(parse_money(text), int)
    assert parse_money(text, cell=True, unit=1000) is None or isinstance(
        parse_money(text, cell=True), int
    )
