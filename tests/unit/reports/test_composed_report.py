"""The composed report: every section from the same facts (no database)."""

from datetime import date

from tests.support.report_sample import sample_report


def test_the_headline_counts_what_the_sections_list() -> None:
    r = sample_report()
    h = r.headline
    assert (h.programmes, h.whole_life_cost_gbp, h.programmes_without_cost) == (4, 61_000_000, 1)
    assert (h.red, h.exceptions, h.honesty_flags) == (1, len(r.exceptions), len(r.honesty_flags))
    assert h.benefits_gbp == 30_000_000 and h.awaiting_endorsement == 1


def test_the_watermelon_green_is_flagged_with_each_piece_of_evidence() -> None:
    rules = {(f.programme, f.rule) for f in sample_report().honesty_flags}
    assert rules == {
        ("portal", "overdue_milestone"),
        ("portal", "cost_growth"),
        ("portal", "red_upstream"),
    }


def test_changes_compare_with_the_last_snapshot_before_the_as_of_date() -> None:
    r = sample_report()
    assert r.compared_with == date(2026, 3, 31)
    changes = {p.code: p.change.direction for p in r.programmes}
    assert changes == {"core": "worsened", "portal": "unchanged", "records": "new", "hr": "new"}


def test_decisions_are_those_after_the_last_snapshot_was_taken() -> None:
    assert sample_report().decisions == []
    assert "since the last report (2026-03-31)" in sample_report().decisions_note


def test_benefits_downstream_of_red_or_flagged_programmes_are_at_risk() -> None:
    r = sample_report()
    (benefit,) = r.benefits_at_risk
    assert benefit.because_of == ["core", "portal"] and r.benefits_at_risk_gbp == 30_000_000


def test_the_trend_holds_the_snapshot_then_this_report() -> None:
    trend = sample_report().trend
    assert [t.as_of for t in trend] == [date(2026, 3, 31), date(2026, 6, 30)]
    assert trend[-1].current and trend[-1].by_rag["red"] == 1
