"""The results page people act on: how often each candidate stays in the selection as the
weights move, why each dropped candidate was dropped and what it would need, the frontier
as a chart and a table with names, scenarios saved and compared, and downloads."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook
from sqlmodel import Session, select

from cpmo.workshops.models import WorkshopScenario
from tests.support.workshops import HAND_SCORES, build_workshop
from tests.web.conftest import csrf_token

CODE = "hand-results"
PAGE = f"/workshops/{CODE}/results"
SAVE = f"{PAGE}/scenarios"


@pytest.fixture
def closed(seeded: Session) -> str:
    # a (92.5) and c (72.5) fit both years' budgets (100, 80); b and d are left out
    build_workshop(seeded, code=CODE, status="closed", scores=HAND_SCORES)
    return CODE


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _saved(session: Session) -> list[str]:
    session.expire_all()
    return list(session.exec(select(WorkshopScenario.name)).all())


def test_the_selection_stability_counts_places_in_the_selection_not_the_top_five(
    signed_in, closed
) -> None:
    page = signed_in("scorer").get(PAGE).get_data(as_text=True)
    text = _text(page)
    assert "In the selection" in text and "In the top 4" not in text
    assert "the share of those runs in which the candidate is in the best set" in text
    assert "worked out again for every run" in text
    # A is firmly in every run; D never
    assert re.search(r"A 1 1–1 100% of runs Firmly in", text), text
    assert re.search(r"D 4 4–4 0% of runs Firmly out", text)


def test_the_rank_stability_is_judged_against_as_many_places_as_the_budgets_buy(
    signed_in, closed
) -> None:
    text = _text(signed_in("facilitator").get(PAGE).get_data(as_text=True))
    assert "Top 4" not in text and "In the top 4" not in text
    assert "worth 165.0 weighted score points" in text


def test_each_dropped_candidate_says_why_and_what_it_would_need(signed_in, closed) -> None:
    text = _text(signed_in("facilitator").get(PAGE).get_data(as_text=True))
    assert "Left out, and why" in text
    assert "Adding it would break the 2020 budget by £50 and the 2021 budget by £40" in text
    assert (
        "its cost in 2020 lower by £50, or its value higher by 20.0 weighted score points" in text
    )
    assert re.search(r"B Next in line", text)


def test_the_frontier_is_a_chart_and_a_table_naming_the_candidates(signed_in, closed) -> None:
    page = signed_in("facilitator").get(PAGE).get_data(as_text=True)
    assert '<svg class="cpmo-chart" role="img"' in page
    assert "Best value (weighted score points) at each budget level" in page
    table = page[page.index('id="frontier-table"') :]
    row = _text(table[table.index(">100%<") :].split("</tr>")[0])
    assert "£180" in row and "165.0" in row and "A, C" in row


def test_costs_are_in_pounds_and_value_is_named(signed_in, closed) -> None:
    text = _text(signed_in("facilitator").get(PAGE).get_data(as_text=True))
    assert "2020 £100 £100 £0" in text and "2021 £70 £80 £10" in text
    assert "Weighted score points" in text


def test_a_facilitator_saves_two_scenarios_and_compares_them(signed_in, closed, seeded) -> None:
    client = signed_in("facilitator")
    token = csrf_token(client, PAGE)
    first = client.post(SAVE, data={"name": "As set", "csrf_token": token})
    assert first.status_code == 302 and first.headers["Location"].endswith("#scenarios")
    assert "Scenario “As set” saved." in client.get(PAGE).get_data(as_text=True)
    cut = client.post(
        SAVE,
        data={"name": "Lean 2020", "scale-2020": "60", "scale-2021": "100", "csrf_token": token},
    )
    assert cut.status_code == 302
    assert _saved(seeded) == ["As set", "Lean 2020"]
    page = client.get(PAGE).get_data(as_text=True)
    assert "2020: £60; 2021: £80" in _text(page)
    compare = client.get(f"{PAGE}/compare?first=As+set&second=Lean+2020")
    assert compare.status_code == 200
    text = _text(compare.get_data(as_text=True))
    assert "Value (weighted score points) 165.0" in text
    assert "2020 budget £100 £60" in text
    assert "C leaves" in text or "A leaves" in text


def test_a_scenario_without_a_name_or_with_a_bad_scale_writes_nothing(
    signed_in, closed, seeded
) -> None:
    client = signed_in("facilitator")
    token = csrf_token(client, PAGE)
    bad = client.post(SAVE, data={"name": "", "scale-2020": "lots", "csrf_token": token})
    assert bad.status_code == 422
    page = bad.get_data(as_text=True)
    assert '<a href="#scenario-name">Enter a name for the scenario</a>' in page
    assert '<a href="#scale-2020">Enter the 2020 budget as a percentage from 0 to 1000' in page
    assert 'value="lots"' in page, "what was typed is kept"
    assert _saved(seeded) == []


def test_a_taken_scenario_name_is_an_error_on_the_name(signed_in, closed, seeded) -> None:
    client = signed_in("facilitator")
    token = csrf_token(client, PAGE)
    assert client.post(SAVE, data={"name": "Same", "csrf_token": token}).status_code == 302
    again = client.post(SAVE, data={"name": "Same", "scale-2020": "50", "csrf_token": token})
    assert again.status_code == 422
    assert "A scenario with this name already exists" in again.get_data(as_text=True)
    assert _saved(seeded) == ["Same"]


def test_saving_a_scenario_is_for_facilitators_and_cpmo(signed_in, closed, seeded) -> None:
    client = signed_in("scorer")
    page = client.get(PAGE).get_data(as_text=True)
    assert "Save a scenario" not in page
    token = csrf_token(client, PAGE)
    assert client.post(SAVE, data={"name": "Mine", "csrf_token": token}).status_code == 403
    assert _saved(seeded) == []


def test_comparing_needs_two_different_saved_scenarios(signed_in, closed) -> None:
    client = signed_in("facilitator")
    token = csrf_token(client, PAGE)
    client.post(SAVE, data={"name": "One", "csrf_token": token})
    same = client.get(f"{PAGE}/compare?first=One&second=One")
    assert same.status_code == 422
    assert "Choose a different scenario from the first" in same.get_data(as_text=True)
    unknown = client.get(f"{PAGE}/compare?first=One&second=Nope")
    assert unknown.status_code == 422
    assert "Choose the second scenario to compare" in unknown.get_data(as_text=True)


def test_the_page_links_to_xlsx_and_csv_downloads_with_the_same_rules(
    signed_in, closed, seeded
) -> None:
    client = signed_in("scorer")
    page = client.get(PAGE).get_data(as_text=True)
    assert f'href="{PAGE}/ranking.xlsx"' in page and f'href="{PAGE}/ranking.csv"' in page
    xlsx = client.get(f"{PAGE}/ranking.xlsx")
    assert xlsx.status_code == 200
    assert xlsx.headers["Content-Disposition"] == f'attachment; filename="{CODE}-ranking.xlsx"'
    book = load_workbook(io.BytesIO(xlsx.data), read_only=True)
    assert "Ranking" in book.sheetnames
    rows = list(csv.reader(io.StringIO(client.get(f"{PAGE}/ranking.csv").get_data(as_text=True))))
    assert len(rows) >= 5


def test_downloads_of_an_open_workshop_are_refused_to_scorers(signed_in, seeded) -> None:
    build_workshop(seeded, code="open-shop", status="scoring", scores=HAND_SCORES)
    client = signed_in("scorer")
    assert client.get("/workshops/open-shop/results/ranking.xlsx").status_code == 403
    assert client.get("/workshops/open-shop/results/ranking.csv").status_code == 403
    runner = signed_in("facilitator")
    assert runner.get("/workshops/open-shop/results/ranking.csv").status_code == 200


def test_a_scenario_of_a_workshop_without_budgets_is_refused_in_words(signed_in, seeded) -> None:
    build_workshop(seeded, code="no-budgets", status="closed", scores=HAND_SCORES, budgets={})
    client = signed_in("facilitator")
    page = client.get("/workshops/no-budgets/results").get_data(as_text=True)
    assert "Save a scenario" not in page and "No selection:" in page
    token = csrf_token(client, "/workshops/no-budgets/results")
    refused = client.post(
        "/workshops/no-budgets/results/scenarios", data={"name": "X", "csrf_token": token}
    )
    assert refused.status_code == 422
    assert "Set the workshop&#39;s yearly budgets before saving a scenario" in refused.get_data(
        as_text=True
    )
    assert _saved(seeded) == []


def test_a_cost_in_a_year_without_a_budget_is_explained_not_a_dead_end(
    signed_in, seeded: Session
) -> None:
    from tests.support.workshops import HAND_CANDIDATES

    candidates = [dict(c) for c in HAND_CANDIDATES]
    candidates[0] = {**candidates[0], "costs": {"2020": 60, "2021": 40, "2022": 5}}
    build_workshop(
        seeded, code="unbudgeted", status="closed", scores=HAND_SCORES, candidates=candidates
    )
    response = signed_in("facilitator").get("/workshops/unbudgeted/results")
    assert response.status_code == 200
    page = _text(response.get_data(as_text=True))
    assert "Candidates by weighted score" in page  # the ranking is still read
    assert "A costs money in 2022" in page and "no budget for 2022" in page
