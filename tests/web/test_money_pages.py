"""Money and benefits on the pages: a programme's Money and Benefits sections with their
forms, and the portfolio finance page. Figures are the finance module's; bad input is shown
back in an error summary naming the field and writes nothing; refusals write nothing."""

import re
from datetime import date
from typing import Any

import pytest
from sqlmodel import Session

from cpmo.finance import realisation
from cpmo.finance import service as finance
from cpmo.money import money, short_money
from cpmo.web.labels import percent
from cpmo.workflows import audit_store
from tests.web.conftest import LIMITS, csrf_token

TTP = "/programmes/ttp"
MINE = "/programmes/web-prog"


def _entries(session: Session, code: str) -> int:
    session.expire_all()
    return len(audit_store.entries_for(session, programme_code=code))


def _post(client: Any, page: str, path: str, data: dict[str, str]) -> Any:
    return client.post(path, data={**data, "csrf_token": csrf_token(client, page)})


def _spend(client: Any, month: str = "3", year: str = "2021", amount: str = "250,000") -> Any:
    data = {"actuals-month": month, "actuals-year": year, "actuals-amount": amount}
    return _post(client, MINE, f"{MINE}/actuals", data)


def _forecast(client: Any, rows: dict[str, str], rationale: str = "Supplier quote") -> Any:
    data: dict[str, str] = {"forecast-rationale": rationale}
    for i, (year, amount) in enumerate(rows.items()):
        data[f"forecast-{i}-year"], data[f"forecast-{i}-amount"] = year, amount
    return _post(client, MINE, f"{MINE}/forecast", data)


def _summary(page: str) -> list[tuple[str, str]]:
    """The error summary's (field id, message) links."""
    body = page.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', body)


def _benefit(session: Session, code: str = "ttp") -> Any:
    return realisation.programme_benefits(session, code=code).benefits[0].benefit


def test_the_programme_page_shows_the_money_and_benefits_sections_with_seeded_figures(
    signed_in, seeded
) -> None:
    page = signed_in("oversight").get(TTP).get_data(as_text=True)
    view = finance.programme_finance(seeded, code="ttp", limits=LIMITS, today=date.today())
    money_part = page.split('id="money"')[1].split('id="benefits"')[0]
    value = '<dd class="govuk-summary-list__value">'
    assert f"Whole-life baseline</dt>\n  {value}{money(view.baseline_gbp)}" in money_part
    assert money(view.unphased_baseline_gbp) in money_part
    assert "Where these numbers come from" in money_part
    assert view.baseline_source in money_part.replace("&#39;", "'")
    benefits = realisation.programme_benefits(seeded, code="ttp")
    for b in benefits.benefits:
        assert b.benefit.title in page
    assert 'href="/portfolios/goj-change/finance"' in page


def test_oversight_sees_no_money_forms(signed_in, seeded) -> None:
    page = signed_in("oversight").get(TTP).get_data(as_text=True)
    assert 'id="money"' in page and 'id="benefits"' in page
    assert "Record actual spend for a month" not in page
    assert 'action="/programmes/ttp/actuals' not in page


def test_a_programme_manager_sees_the_forms_on_their_own_programme(signed_in, programme) -> None:
    page = signed_in("programme_manager").get(MINE).get_data(as_text=True)
    assert 'action="/programmes/web-prog/actuals#actuals"' in page
    assert 'action="/programmes/web-prog/forecast#forecast"' in page
    assert 'for="forecast-rationale">Rationale</label>' in page


def test_recording_spend_writes_one_audit_entry_and_shows_it_by_year(
    signed_in, programme, seeded
) -> None:
    client = signed_in("programme_manager")
    before = _entries(seeded, programme)
    response = _spend(client)
    assert response.status_code == 302
    assert response.location == f"{MINE}#actuals"
    assert _entries(seeded, programme) == before + 1
    page = client.get(MINE).get_data(as_text=True)
    assert "Actual spend for March 2021 recorded." in page
    assert "govuk-notification-banner--success" in page
    view = finance.programme_finance(seeded, code=programme, limits=LIMITS, today=date.today())
    (year,) = view.years
    assert year.actual_gbp == 250_000
    row = page.split('id="money-by-year"')[1].split("</table>")[0]
    assert year.label in row and money(year.actual_gbp) in row
    assert money(year.variance_gbp) in row and percent(year.variance_pct) in row


def test_setting_a_forecast_writes_one_audit_entry_and_updates_the_variance(
    signed_in, programme, seeded
) -> None:
    client = signed_in("programme_manager")
    before = _entries(seeded, programme)
    response = _forecast(client, {"2027": "1,500,000", "2028": "£500,000"})
    assert response.status_code == 302
    assert _entries(seeded, programme) == before + 1
    rows = finance.list_forecast(seeded, code=programme)
    assert {r.year: r.amount_gbp for r in rows} == {2027: 1_500_000, 2028: 500_000}
    assert {r.rationale for r in rows} == {"Supplier quote"}
    page = client.get(MINE).get_data(as_text=True)
    assert "Forecast updated." in page
    view = finance.programme_finance(seeded, code=programme, limits=LIMITS, today=date.today())
    assert f"{money(view.forecast_gbp)}</dd>" in page
    assert money(view.variance_gbp) in page
    assert "Forecast set for the year" in page


@pytest.mark.parametrize(
    ("month", "year", "amount", "field", "message"),
    [
        (
            "13",
            "2021",
            "100",
            "actuals-month",
            "The month of the spend must be a month from 1 to 12",
        ),
        ("", "2021", "100", "actuals-month", "The month of the spend must include a month"),
        (
            "3",
            "21",
            "100",
            "actuals-year",
            "The year of the spend must be a year from 1900 to 2999, like 2021",
        ),
        (
            "3",
            "2021",
            "lots",
            "actuals-amount",
            "Enter the amount spent as a whole number of pounds, like 250,000",
        ),
        (
            "3",
            "2021",
            "1.5",
            "actuals-amount",
            "Enter the amount spent as a whole number of pounds, like 250,000",
        ),
        (
            "3",
            "2021",
            "99999999999999",
            "actuals-amount",
            "The amount spent must be £10,000,000,000,000 or less",
        ),
        ("3", "2021", "", "actuals-amount", "Enter the amount spent"),
    ],
)
def test_bad_spend_is_shown_back_against_its_field_and_writes_nothing(
    signed_in, programme, seeded, month, year, amount, field, message
) -> None:
    client = signed_in("programme_manager")
    before = _entries(seeded, programme)
    response = _spend(client, month, year, amount)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert (field, message) in _summary(page)
    assert f'id="{field}"' in page
    assert f'value="{amount}"' in page  # what was typed is shown again
    assert _entries(seeded, programme) == before
    assert finance.list_actuals(seeded, code=programme) == []


@pytest.mark.parametrize(
    ("rows", "rationale", "field", "message"),
    [
        ({"2027": "-5"}, "Quote", "forecast-0-amount", "The forecast in row 1 must be £0 or more"),
        ({"2027": "100"}, "  ", "forecast-rationale", "Enter the reason for the forecast"),
        (
            {"27": "100"},
            "Quote",
            "forecast-0-year",
            "The year in row 1 must be a year from 1900 to 2999, like 2021",
        ),
        ({}, "Quote", "forecast-0-year", "Enter the forecast for at least one year"),
        (
            {"2027": "ten"},
            "Quote",
            "forecast-0-amount",
            "Enter the forecast in row 1 as a whole number of pounds, like 250,000",
        ),
    ],
)
def test_a_bad_forecast_is_shown_back_and_writes_nothing(
    signed_in, programme, seeded, rows, rationale, field, message
) -> None:
    client = signed_in("programme_manager")
    before = _entries(seeded, programme)
    response = _forecast(client, rows, rationale)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert (field, message) in _summary(page)
    assert f'id="{field}"' in page  # the summary's link has a field to go to
    assert _entries(seeded, programme) == before
    assert finance.list_forecast(seeded, code=programme) == []


def test_oversight_may_not_record_spend_and_nothing_is_written(signed_in, seeded) -> None:
    client = signed_in("oversight")
    before = _entries(seeded, "ttp")
    token = csrf_token(client, TTP)
    data = {"actuals-month": "3", "actuals-year": "2021", "actuals-amount": "100"}
    response = client.post(f"{TTP}/actuals", data={**data, "csrf_token": token})
    assert response.status_code == 403
    assert "You do not have permission to see this page" in response.get_data(as_text=True)
    assert _entries(seeded, "ttp") == before
    assert finance.list_actuals(seeded, code="ttp") == []


def test_a_manager_of_another_programme_may_not_set_its_forecast(
    signed_in, programme, seeded
) -> None:
    client = signed_in("programme_manager")
    before = _entries(seeded, "ttp")
    data = {"forecast-0-year": "2027", "forecast-0-amount": "1", "forecast-rationale": "x"}
    response = _post(client, MINE, f"{TTP}/forecast", data)
    assert response.status_code == 403
    assert _entries(seeded, "ttp") == before
    assert finance.list_forecast(seeded, code="ttp") == []


def test_a_cpmo_officer_records_a_benefit_actual_with_one_audit_entry(signed_in, seeded) -> None:
    client = signed_in("cpmo")
    benefit = _benefit(seeded)
    before = _entries(seeded, "ttp")
    data = {
        "benefit-years-benefit": benefit.code,
        "benefit-years-year": "2022",
        "benefit-years-amount": "40,000",
    }
    response = _post(client, TTP, f"{TTP}/benefit-years", data)
    assert response.status_code == 302
    assert _entries(seeded, "ttp") == before + 1
    page = client.get(TTP).get_data(as_text=True)
    assert f"{benefit.title}: realised amount recorded." in page
    seeded.expire_all()
    view = next(
        v
        for v in realisation.programme_benefits(seeded, code="ttp").benefits
        if v.benefit.code == benefit.code
    )
    assert [(y.label, y.actual_gbp) for y in view.years if y.actual_gbp] == [("2022", 40_000)]
    section = page.split('id="benefits"')[1]
    assert money(40_000) in section


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"benefit-years-benefit": "no-such-benefit"},
            "benefit-years-benefit",
            "Choose the benefit from the list",
        ),
        (
            {"benefit-years-amount": "-1"},
            "benefit-years-amount",
            "The amount realised must be £0 or more",
        ),
        (
            {"benefit-years-year": "year"},
            "benefit-years-year",
            "The financial year must be a year from 1900 to 2999, like 2021",
        ),
    ],
)
def test_a_bad_benefit_actual_is_shown_back_and_writes_nothing(
    signed_in, seeded, data, field, message
) -> None:
    client = signed_in("cpmo")
    form = {
        "benefit-years-benefit": _benefit(seeded).code,
        "benefit-years-year": "2022",
        "benefit-years-amount": "100",
        **data,
    }
    before = _entries(seeded, "ttp")
    response = _post(client, TTP, f"{TTP}/benefit-years", form)
    assert response.status_code == 422
    assert (field, message) in _summary(response.get_data(as_text=True))
    assert _entries(seeded, "ttp") == before


def test_a_benefit_of_another_programme_cannot_be_recorded_here(signed_in, seeded) -> None:
    other = _benefit(seeded, "people-strategy")
    client = signed_in("cpmo")
    data = {"not-realised-benefit": other.code, "not-realised-rationale": "Scope cut"}
    response = _post(client, TTP, f"{TTP}/benefit-not-realised", data)
    assert response.status_code == 422
    assert ("not-realised-benefit", "Choose the benefit from the list") in _summary(
        response.get_data(as_text=True)
    )
    seeded.expire_all()
    assert _benefit(seeded, "people-strategy").not_realised is None


def test_declaring_a_benefit_not_realised_needs_a_reason(signed_in, seeded) -> None:
    client = signed_in("cpmo")
    benefit = _benefit(seeded)
    before = _entries(seeded, "ttp")
    data = {"not-realised-benefit": benefit.code, "not-realised-rationale": " "}
    response = _post(client, TTP, f"{TTP}/benefit-not-realised", data)
    assert response.status_code == 422
    assert (
        "not-realised-rationale",
        "Enter why the benefit will not be realised",
    ) in _summary(response.get_data(as_text=True))
    assert _entries(seeded, "ttp") == before
    data["not-realised-rationale"] = "The service was descoped."
    response = _post(client, TTP, f"{TTP}/benefit-not-realised", data)
    assert response.status_code == 302
    assert _entries(seeded, "ttp") == before + 1
    page = client.get(TTP).get_data(as_text=True)
    assert f"{benefit.title}: declared not realised." in page
    assert "The service was descoped." in page


def test_finance_changes_are_not_listed_as_decisions(signed_in, programme, seeded) -> None:
    client = signed_in("programme_manager")
    assert _spend(client).status_code == 302
    assert _forecast(client, {"2027": "100"}).status_code == 302
    page = client.get(MINE).get_data(as_text=True)
    decisions = page.split('id="decisions"')[1].split("<h2")[0]
    assert "No decisions yet." in decisions
    assert "record actuals" not in page and "set forecast" not in page


def test_the_portfolio_finance_page_shows_the_finance_modules_figures(signed_in, seeded) -> None:
    client = signed_in("oversight")
    response = client.get("/portfolios/goj-change/finance")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    pf = finance.portfolio_finance(seeded, code="goj-change", limits=LIMITS, today=date.today())
    assert '<svg class="cpmo-chart" role="img"' in page and "<title" in page
    table = page.split('id="finance-by-year"')[1].split("</table>")[0]
    for year, amount in pf.allocations.items():
        assert str(year) in table and money(amount) in table
    assert short_money(pf.view.baseline_gbp) in page
    variance = page.split('id="programme-variance"')[1].split("</table>")[0]
    for code, view in pf.programmes.items():
        assert f'href="/programmes/{code}"' in variance
        assert money(view.baseline_gbp) in variance
    assert "Stopped and closed programmes" in page


def test_the_portfolio_finance_page_counts_recorded_spend(signed_in, seeded) -> None:
    client = signed_in("cpmo")
    data = {"actuals-month": "6", "actuals-year": "2021", "actuals-amount": "1,234,567"}
    assert _post(client, TTP, f"{TTP}/actuals", data).status_code == 302
    page = client.get("/portfolios/goj-change/finance").get_data(as_text=True)
    table = page.split('id="finance-by-year"')[1].split("</table>")[0]
    assert money(1_234_567) in table
    variance = page.split('id="programme-variance"')[1].split("</table>")[0]
    assert money(1_234_567) in variance


def test_the_dashboard_links_to_the_portfolio_finance_page(signed_in, seeded) -> None:
    page = signed_in("oversight").get("/").get_data(as_text=True)
    assert 'href="/portfolios/goj-change/finance"' in page


def test_an_unknown_portfolio_is_the_404_page(signed_in, seeded) -> None:
    client = signed_in("oversight")
    assert client.get("/portfolios/goj-change/finance").status_code == 200
    response = client.get("/portfolios/no-such-portfolio/finance")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_money_forms_on_an_unknown_programme_are_the_404_page(signed_in, seeded) -> None:
    client = signed_in("cpmo")
    data = {"actuals-month": "3", "actuals-year": "2021", "actuals-amount": "1"}
    assert _post(client, TTP, f"{TTP}/actuals", data).status_code == 302
    response = _post(client, TTP, "/programmes/no-such/actuals", data)
    assert response.status_code == 404
