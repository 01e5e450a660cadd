"""Random portfolios: the report's money headline, budget table and workbook agree with each
other and with an independent reading of the roll-up rules (README "Money and benefits")."""

import io
import json
import shutil
import subprocess
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from cpmo.config import GovernanceLimits
from cpmo.money import money
from cpmo.reports.compose.report import PortfolioInfo, build_report
from cpmo.reports.gather.facts import BenefitFact, PortfolioContext
from cpmo.reports.render.xlsx.workbook import render_xlsx
from cpmo.reports.service import render_report, to_json
from tests.support.report_facts import AS_OF, programme

STAGES = ["proposed", "delivery", "stopped", "closed", "fbc_review"]


@st.composite
def portfolios(draw):  # type: ignore[no-untyped-def]
    n = draw(st.integers(min_value=1, max_value=9))
    facts = []
    for i in range(n):
        parent = draw(st.one_of(st.none(), st.integers(0, max(i - 1, 0))))
        cost = draw(st.one_of(st.none(), st.integers(0, 50_000_000)))
        values: dict = {"stage": draw(st.sampled_from(STAGES)), "whole_life_cost_gbp": cost}
        if cost is not None and draw(st.booleans()):
            first = draw(st.integers(0, cost))
            values["approved_profile"] = {2024: first, 2025: cost - first}
            values["approved_source"] = "approved FBC, version 1"
        if draw(st.booleans()):
            values["planned_start"] = date(2024, 1, 1)
            values["planned_end"] = draw(st.dates(date(2024, 1, 1), date(2029, 12, 31)))
        facts.append(
            programme(f"p{i}", parent=None if parent is None or i == 0 else f"p{parent}", **values)
        )
    benefits = {}
    for j in range(draw(st.integers(0, 6))):
        part_of = draw(st.one_of(st.none(), st.integers(-1, j - 1)))
        benefits[f"b{j}"] = BenefitFact(
            f"b{j}",
            f"Benefit {j}",
            draw(st.one_of(st.none(), st.integers(0, 9_000_000))),
            draw(st.booleans()),
            "p0",
            part_of=None if part_of is None or part_of < 0 else f"b{part_of}",
        )
    return facts, benefits


def independent_total(facts) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """(live, stopped or closed): each programme's cost less its nearest costed descendants'."""
    by_code = {p.code: p for p in facts}

    def worth(code: str) -> int | None:
        kids = [c for c, p in by_code.items() if p.parent == code]
        values = [v for c in kids if (v := worth(c)) is not None]
        own = by_code[code].whole_life_cost_gbp
        if not values:
            return own
        return max(own, sum(values)) if own is not None else sum(values)

    live = ended = 0
    for code, p in by_code.items():
        kids = [v for c, q in by_code.items() if q.parent == code if (v := worth(c)) is not None]
        own = p.whole_life_cost_gbp
        share = 0 if own is None else max(own - sum(kids), 0)
        if p.stage in ("stopped", "closed"):
            ended += share
        else:
            live += share
    return live, ended


def independent_benefits(benefits: dict[str, BenefitFact]) -> tuple[int, int]:
    """(one-off, per year): a benefit counts unless a valued benefit above it is counted."""

    def has_valued_container(b: BenefitFact) -> bool:
        parent = b.part_of
        while parent in benefits:
            if benefits[parent].value_gbp is not None:
                return True
            parent = benefits[parent].part_of
        return False

    counted = [b for b in benefits.values() if b.value_gbp is not None]
    counted = [b for b in counted if not has_valued_container(b)]
    return (
        sum(b.value_gbp or 0 for b in counted if not b.per_year),
        sum(b.value_gbp or 0 for b in counted if b.per_year),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(portfolios(), st.sampled_from([1, 4]))
def test_every_money_headline_reconciles_in_json_and_workbook(portfolio, month) -> None:
    facts, benefits = portfolio
    report = build_report(
        info=PortfolioInfo("x", "X", None, None, "test", year_start_month=month),
        facts=facts,
        ctx=PortfolioContext(benefits=benefits, reachable=benefits),
        register=None,
        as_of=AS_OF,
        limits=GovernanceLimits(),
        generated_at=datetime(2026, 7, 1, tzinfo=UTC),
    )
    data = json.loads(to_json(report))
    live, ended = independent_total(facts)
    headline, budget = data["headline"], data["budget"]
    assert headline["whole_life_cost_gbp"] == live == budget["total_gbp"]
    assert headline["stopped_closed_gbp"] == ended == budget["stopped_closed_gbp"]
    assert sum(y["planned_gbp"] for y in budget["years"]) + budget["unphased_gbp"] == live
    assert sum(s["amount_gbp"] for s in budget["unphased"]) == budget["unphased_gbp"]
    one_off, per_year = independent_benefits(benefits)
    assert (headline["benefits_gbp"], headline["benefits_per_year_gbp"]) == (one_off, per_year)

    assert data["benefits"]["one_off_gbp"] == one_off  # the section agrees with the headline

    book = load_workbook(io.BytesIO(render_xlsx(report)))
    rows = list(book["Budget profile"].iter_rows(min_row=2, values_only=True))
    assert rows[-1][:2] == ("Whole-life cost, live programmes", live)
    assert sum(r[1] or 0 for r in rows[:-1]) == live  # the years and "not phased" add up
    totals = [r for r in book["Benefits"].iter_rows(min_row=2, values_only=True) if r[0] == "Total"]
    assert [t[3] for t in totals] == [one_off, per_year]


PDFTOTEXT = shutil.which("pdftotext")


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(portfolios())
def test_the_pdf_states_the_same_money_headline(portfolio) -> None:
    facts, benefits = portfolio
    report = build_report(
        info=PortfolioInfo("x", "X", None, None, "test"),
        facts=facts,
        ctx=PortfolioContext(benefits=benefits, reachable=benefits),
        register=None,
        as_of=AS_OF,
        limits=GovernanceLimits(),
        generated_at=datetime(2026, 7, 1, tzinfo=UTC),
    )
    text = subprocess.run(
        [PDFTOTEXT, "-layout", "-", "-"],
        input=render_report(report, "pdf"),
        capture_output=True,
        check=True,
    ).stdout.decode()
    flat = " ".join(text.split())
    live, _ = independent_total(facts)
    one_off, _ = independent_benefits(benefits)
    assert money(live) in flat  # the budget table's total row
    assert f"{money(one_off)} one-off and cumulative benefits" in flat
