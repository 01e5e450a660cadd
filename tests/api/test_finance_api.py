"""Budget vs actual vs forecast through the API: recorded, audited, read by financial year."""

from sqlmodel import Session, select

from cpmo.models import AuditEntry, Portfolio, Programme

PAYROLL = "/api/v1/programmes/ttp-its"


def _cost(session: Session, code: str, amount: int) -> None:
    programme = session.exec(select(Programme).where(Programme.code == code)).one()
    programme.whole_life_cost_gbp = amount
    session.flush()


def test_actuals_are_recorded_by_month_and_read_by_financial_year(client, seeded, auth) -> None:
    body = {
        "entries": [
            {"month": "2020-12", "amount_gbp": 300_000},
            {"month": "2021-01", "amount_gbp": 200_000, "note": "licences"},
        ]
    }
    answer = client.post(f"{PAYROLL}/actuals", json=body, headers=auth("cpmo"))
    assert answer.status_code == 200, answer.json
    assert [e["month"] for e in answer.json] == ["2020-12", "2021-01"]
    years = {
        y["year"]: y
        for y in client.get(f"{PAYROLL}/finance", headers=auth("oversight")).json["years"]
    }
    assert years[2020]["actual_gbp"] == 300_000 and years[2021]["actual_gbp"] == 200_000

    portfolio = seeded.exec(select(Portfolio).where(Portfolio.code == "goj-change")).one()
    portfolio.year_start_month = 4  # an April year puts both months in 2020-21
    seeded.flush()
    finance = client.get(f"{PAYROLL}/finance", headers=auth("oversight")).json
    assert [(y["label"], y["actual_gbp"]) for y in finance["years"]] == [("2020-21", 500_000)]


def test_a_correction_replaces_the_month_and_the_audit_keeps_old_and_new(
    client, seeded, auth
) -> None:
    for amount in (100, 150):
        body = {"entries": [{"month": "2021-03", "amount_gbp": amount}]}
        assert client.post(f"{PAYROLL}/actuals", json=body, headers=auth("cpmo")).status_code == 200
    rows = client.get(f"{PAYROLL}/actuals", headers=auth("oversight")).json
    assert [(r["month"], r["amount_gbp"]) for r in rows] == [("2021-03", 150)]
    entry = seeded.exec(
        select(AuditEntry)
        .where(AuditEntry.event == "record_actuals")
        .order_by(AuditEntry.sequence.desc())  # type: ignore[attr-defined]
    ).first()
    assert entry.programme_code == "ttp-its"
    assert entry.details["actuals"] == {"2021-03": {"old": 100, "new": 150}}


def test_bad_actuals_are_refused_in_plain_words_and_nothing_is_written(
    client, seeded, auth
) -> None:
    twice = {
        "entries": [{"month": "2021-03", "amount_gbp": 1}, {"month": "2021-03", "amount_gbp": 2}]
    }
    answer = client.post(f"{PAYROLL}/actuals", json=twice, headers=auth("cpmo"))
    assert answer.status_code == 422
    assert "2021-03 appears more than once" in answer.json["detail"]
    bad_month = {"entries": [{"month": "2021-13", "amount_gbp": 1}]}
    answer = client.post(f"{PAYROLL}/actuals", json=bad_month, headers=auth("cpmo"))
    assert answer.status_code == 422 and "YYYY-MM" in str(answer.json)
    year_zero = {"entries": [{"month": "0000-01", "amount_gbp": 0}]}  # found by schemathesis
    assert (
        client.post(f"{PAYROLL}/actuals", json=year_zero, headers=auth("cpmo")).status_code == 422
    )
    assert client.get(f"{PAYROLL}/actuals", headers=auth("cpmo")).json == []


def test_only_the_manager_or_the_cpmo_records_a_programmes_figures(client, seeded, auth) -> None:
    body = {"entries": [{"month": "2021-03", "amount_gbp": 1}]}
    answer = client.post(f"{PAYROLL}/actuals", json=body, headers=auth("programme_manager"))
    assert answer.status_code == 403
    forecast = {"years": {"2021": 1}, "rationale": "x"}
    answer = client.put(f"{PAYROLL}/forecast", json=forecast, headers=auth("oversight"))
    assert answer.status_code == 403


def test_a_forecast_needs_a_rationale_and_growth_beyond_tolerance_is_flagged(
    client, seeded, auth
) -> None:
    _cost(seeded, "ttp-its", 1_000_000)
    blank = {"years": {"2030": 5}, "rationale": "   "}
    assert client.put(f"{PAYROLL}/forecast", json=blank, headers=auth("cpmo")).status_code == 422
    forecast = {"years": {"2030": 1_500_000}, "rationale": "supplier re-quoted"}
    answer = client.put(f"{PAYROLL}/forecast", json=forecast, headers=auth("cpmo"))
    assert answer.status_code == 200 and answer.json[0]["rationale"] == "supplier re-quoted"
    finance = client.get(f"{PAYROLL}/finance", headers=auth("oversight")).json
    # £1m unphased baseline (no profile, no dates) + £1.5m forecast for 2030
    assert (finance["baseline_gbp"], finance["forecast_gbp"]) == (1_000_000, 2_500_000)
    assert finance["variance_gbp"] == 1_500_000 and finance["growth_beyond_tolerance"] is True
    entry = seeded.exec(select(AuditEntry).where(AuditEntry.event == "set_forecast")).one()
    assert entry.rationale == "supplier re-quoted"
    assert entry.details["forecast"] == {"old": {}, "new": {"2030": 1_500_000}}


def test_portfolio_finance_counts_each_pound_once_beside_the_allocation(
    client, seeded, auth
) -> None:
    _cost(seeded, "ttp-its", 13_800_000)
    body = {"entries": [{"month": "2020-06", "amount_gbp": 2_000_000}]}
    client.post(f"{PAYROLL}/actuals", json=body, headers=auth("cpmo"))
    finance = client.get("/api/v1/portfolios/goj-change/finance", headers=auth("oversight")).json
    status = client.get("/api/v1/portfolios/goj-change/status", headers=auth("oversight")).json
    assert (
        finance["totals"]["baseline_gbp"] == 99_000_000 == status["totals"]["whole_life_cost_gbp"]
    )
    assert finance["totals"]["actual_gbp"] == 2_000_000
    assert finance["allocations"]["2020"] == 15_870_000  # O13 lines, document 000 Table 6
    assert set(finance["programmes"]) == {"ttp", "ttp-its"}


def test_a_forecast_beyond_tolerance_is_an_exception_in_the_board_pack(
    client, seeded, auth
) -> None:
    _cost(seeded, "ttp-its", 1_000_000)
    before = client.get(
        "/api/v1/reports/oversight?portfolio=goj-change", headers=auth("oversight")
    ).json
    assert not [e for e in before["exceptions"] if e["kind"] == "forecast_growth"]
    forecast = {"years": {"2030": 1_300_000}, "rationale": "scope added by the minister"}
    client.put(f"{PAYROLL}/forecast", json=forecast, headers=auth("cpmo"))
    report = client.get(
        "/api/v1/reports/oversight?portfolio=goj-change", headers=auth("oversight")
    ).json
    (growth,) = [e for e in report["exceptions"] if e["kind"] == "forecast_growth"]
    assert growth["programme"] == "ttp-its"
    assert "£2,300,000 is 130% above the baseline of £1,000,000" in growth["detail"]
