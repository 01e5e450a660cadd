"""Setting a workshop up in the pages: create it (its code from its name), budgets by year,
candidates by form or spreadsheet, rules and scorers chosen from lists, and the task list that
says what scoring still needs before the workshop can open."""

import io

import pytest
from openpyxl import Workbook
from sqlmodel import Session

from cpmo.workshops import candidates
from cpmo.workshops import service as workshops
from cpmo.workshops.read_models import workshop_view
from tests.web.conftest import csrf_token

NEW = "/workshops/new"
CODE = "capital-review-2027"
HOME = f"/workshops/{CODE}"


def _view(session: Session, code: str = CODE) -> dict:  # type: ignore[type-arg]
    session.expire_all()
    return workshop_view(session, workshop=workshops.get_or_raise(session, code=code))


@pytest.fixture
def fay(signed_in, seeded):  # type: ignore[no-untyped-def]
    return signed_in("facilitator", "fay")


@pytest.fixture
def draft(fay):  # type: ignore[no-untyped-def]
    """A new draft workshop created through the page, by fay."""
    response = fay.post(
        NEW,
        data={
            "name": "Capital review 2027",
            "portfolio": "goj-change",
            "budget:0:year": "2027",
            "budget:0:amount": "£5,000,000",
            "csrf_token": csrf_token(fay, NEW),
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    assert response.headers["Location"].endswith(HOME)
    return fay


def _add(client, name: str, **extra: str):  # type: ignore[no-untyped-def]
    path = f"{HOME}/candidates"
    data = {"name": name, "csrf_token": csrf_token(client, path), **extra}
    return client.post(path, data=data)


def test_the_workshop_list_offers_create_to_those_who_run_workshops(signed_in, seeded) -> None:
    assert "Create a workshop" in signed_in("facilitator", "fay").get("/workshops").text
    assert "Create a workshop" not in signed_in("scorer", "sid").get("/workshops").text


def test_creating_a_workshop_derives_its_code_and_keeps_budgets(draft, seeded) -> None:
    w = _view(seeded)
    assert (w["name"], w["portfolio"], w["status"]) == (
        "Capital review 2027",
        "goj-change",
        "draft",
    )
    assert w["budgets"] == {"2027": 5_000_000}
    page = draft.get(HOME).text
    assert "Workshop created" in page


def test_a_second_workshop_of_the_same_name_gets_a_suffix(draft, seeded) -> None:
    response = draft.post(
        NEW, data={"name": "Capital review 2027", "csrf_token": csrf_token(draft, NEW)}
    )
    assert response.headers["Location"].endswith(f"{HOME}-2")


def test_a_scorer_may_not_create_a_workshop(signed_in, seeded) -> None:
    client = signed_in("scorer", "sid")
    assert client.get(NEW).status_code == 403
    token = csrf_token(client, "/workshops")
    assert client.post(NEW, data={"name": "Mine", "csrf_token": token}).status_code == 403


def test_bad_budgets_are_named_as_labelled_and_nothing_is_written(fay, seeded) -> None:
    before = len(workshops.list_workshops(seeded))
    response = fay.post(
        NEW,
        data={
            "name": "Bad budgets",
            "budget:0:year": "27",
            "budget:0:amount": "lots",
            "budget:1:year": "2028",
            "budget:1:amount": "-5",
            "csrf_token": csrf_token(fay, NEW),
        },
    )
    assert response.status_code == 422
    page = response.text
    assert "There is a problem" in page
    assert "The year of budget 1 must be a year like 2027" in page
    assert "Enter the budget 1 amount as a whole number of pounds" in page
    assert "The budget 2 amount must be £0 or more" in page
    assert 'value="lots"' in page, "what was typed is kept"
    assert len(workshops.list_workshops(seeded)) == before


def test_a_workshop_needs_a_name(fay, seeded) -> None:
    response = fay.post(NEW, data={"name": " ", "csrf_token": csrf_token(fay, NEW)})
    assert response.status_code == 422 and "Enter the workshop name" in response.text


def test_add_another_year_offers_one_more_row_and_saves_nothing(fay, seeded) -> None:
    before = len(workshops.list_workshops(seeded))
    response = fay.post(
        NEW, data={"name": "Later", "action": "more", "csrf_token": csrf_token(fay, NEW)}
    )
    assert response.status_code == 200
    assert 'name="budget:1:year"' in response.text
    assert len(workshops.list_workshops(seeded)) == before


def test_a_candidate_is_added_linked_to_a_programme_chosen_by_name(draft, seeded) -> None:
    page = draft.get(f"{HOME}/candidates").text
    assert '<option value="ttp-cyber">Cyber Security</option>' in page
    response = _add(
        draft,
        "Cyber uplift",
        sponsor="Director General, COO",
        programme="ttp-cyber",
        **{"cost:0:year": "2027", "cost:0:amount": "1,200,000"},
    )
    assert response.status_code == 302
    (c,) = _view(seeded)["candidates"]
    assert (c["key"], c["name"], c["programme"]) == ("cyber-uplift", "Cyber uplift", "ttp-cyber")
    assert (c["sponsors"], c["costs"]) == (["Director General, COO"], {"2027": 1_200_000})


def test_a_bad_candidate_is_refused_with_its_fields_named(draft, seeded) -> None:
    response = _add(draft, "", programme="nope", **{"cost:0:year": "2027"})
    assert response.status_code == 422
    page = response.text
    assert "Enter the candidate name" in page
    assert "Choose the programme from the list" in page
    assert "Enter the cost 1 amount" in page
    assert _view(seeded)["candidates"] == []


def test_a_candidate_is_changed_and_then_removed(draft, seeded) -> None:
    _add(draft, "Road resurfacing", **{"cost:0:year": "2027", "cost:0:amount": "100"})
    path = f"{HOME}/candidates/road-resurfacing"
    assert 'value="Road resurfacing"' in draft.get(path).text
    response = draft.post(
        path,
        data={
            "name": "Road resurfacing (north)",
            "sponsor": "Director, Infrastructure; Treasurer",
            "cost:0:year": "2027",
            "cost:0:amount": "250",
            "cost:1:year": "2028",
            "cost:1:amount": "300",
            "csrf_token": csrf_token(draft, path),
        },
    )
    assert response.status_code == 302
    (c,) = _view(seeded)["candidates"]
    assert (c["key"], c["name"]) == ("road-resurfacing", "Road resurfacing (north)")
    assert c["costs"] == {"2027": 250, "2028": 300}
    assert c["sponsors"] == ["Director, Infrastructure", "Treasurer"]
    removed = draft.post(f"{path}/remove", data={"csrf_token": csrf_token(draft, path)})
    assert removed.status_code == 302
    assert "removed" in draft.get(removed.headers["Location"]).text
    assert _view(seeded)["candidates"] == []


def _sheet(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Candidates"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(client, content: bytes, filename: str = "candidates.xlsx"):  # type: ignore[no-untyped-def]
    path = f"{HOME}/candidates"
    data = {"file": (io.BytesIO(content), filename), "csrf_token": csrf_token(client, path)}
    return client.post(f"{path}/upload", data=data, content_type="multipart/form-data")


def test_a_good_spreadsheet_adds_every_candidate(draft, seeded) -> None:
    content = _sheet(
        [
            ["name", "sponsors", "2027", "2028"],
            ["New school", "Director, CYPES", 500, 600],
            ["Harbour wall", None, 900, None],
        ]
    )
    response = _upload(draft, content)
    assert response.status_code == 302
    assert "2 candidates added from the spreadsheet" in draft.get(response.headers["Location"]).text
    keys = [c["key"] for c in _view(seeded)["candidates"]]
    assert keys == ["new-school", "harbour-wall"]


def test_a_bad_spreadsheet_lists_each_row_problem_and_adds_nothing(draft, seeded) -> None:
    content = _sheet(
        [
            ["name", "programme", "2027"],
            ["Fine", None, 5],
            [None, None, 5],
            ["Odd", "no-such-programme", "lots"],
        ]
    )
    response = _upload(draft, content)
    assert response.status_code == 422
    page = response.text
    assert "Row 3, column A: Name is required" in page
    assert "Row 4, column B: Unknown programme" in page
    assert "Row 4, column C:" in page
    assert _view(seeded)["candidates"] == []
    assert "Select a spreadsheet" in _upload(draft, b"x", "notes.txt").text


def test_a_rule_is_chosen_from_the_candidates_by_name(draft, seeded) -> None:
    _add(draft, "New school")
    _add(draft, "Harbour wall")
    path = f"{HOME}/rules"
    page = draft.get(path).text
    assert '<option value="harbour-wall">Harbour wall</option>' in page
    token = csrf_token(draft, path)
    same = draft.post(
        path,
        data={
            "kind": "excludes",
            "first": "new-school",
            "second": "new-school",
            "csrf_token": token,
        },
    )
    assert same.status_code == 422 and "different from the first" in same.text
    ok = draft.post(
        path,
        data={
            "kind": "requires",
            "first": "new-school",
            "second": "harbour-wall",
            "csrf_token": token,
        },
    )
    assert ok.status_code == 302
    assert _view(seeded)["rules"]["requires"] == [["new-school", "harbour-wall"]]
    assert "New school can be selected only with Harbour wall" in draft.get(path).text


def test_scorers_are_invited_by_ticking_their_accounts(draft, seeded, person) -> None:
    person("scorer", "sid")
    person("scorer", "sam")
    path = f"{HOME}/scorers"
    page = draft.get(path).text
    assert 'value="sid"' in page and 'value="sam"' in page and 'value="fay"' not in page
    response = draft.post(
        path, data={"scorers": ["sid", "sam", "fay"], "csrf_token": csrf_token(draft, path)}
    )
    assert response.status_code == 302
    assert sorted(s["username"] for s in _view(seeded)["scorers"]) == ["sam", "sid"]


def test_criteria_keys_come_from_their_names(draft, seeded) -> None:
    path = f"{HOME}/criteria"
    assert "Lowercase, like" not in draft.get(path).text
    response = draft.post(
        path,
        data={
            "criterion:0:name": "Value for money",
            "criterion:0:weight": "2",
            "criterion:1:name": "Value for money",
            "criterion:1:weight": "1",
            "csrf_token": csrf_token(draft, path),
        },
    )
    assert response.status_code == 302
    keys = [c["key"] for c in _view(seeded)["criteria"]]
    assert keys == ["value-for-money", "value-for-money-2"]


def test_the_task_list_shows_what_is_missing_then_scoring_opens(draft, seeded, person) -> None:
    page = draft.get(HOME).text
    assert 'class="govuk-task-list"' in page
    assert page.count("Missing") == 3
    assert "Open for scoring" not in page
    person("scorer", "sid")
    draft.post(
        f"{HOME}/criteria",
        data={
            "criterion:0:name": "Impact",
            "criterion:0:weight": "1",
            "csrf_token": csrf_token(draft, f"{HOME}/criteria"),
        },
    )
    _add(draft, "New school")
    page = draft.get(HOME).text
    assert page.count("Missing") == 1 and "Open for scoring" not in page
    draft.post(f"{HOME}/scorers", data={"scorers": ["sid"], "csrf_token": csrf_token(draft, HOME)})
    page = draft.get(HOME).text
    assert "Missing" not in page and "Open for scoring" in page
    opened = draft.post(
        f"{HOME}/status", data={"status": "scoring", "csrf_token": csrf_token(draft, HOME)}
    )
    assert opened.status_code == 302
    assert _view(seeded)["status"] == "scoring"


def test_the_seeded_candidates_service_lists_the_portfolios_programmes(seeded) -> None:
    row = workshops.get_or_raise(seeded, code="ttp-prioritisation")
    choices = dict(candidates.programme_choices(seeded, workshop=row))
    assert choices["ttp-cyber"] == "Cyber Security"


def test_the_candidates_page_offers_a_spreadsheet_to_fill_in(draft) -> None:
    assert "Download a spreadsheet to fill in" in draft.get(f"{HOME}/candidates").text
    response = draft.get(f"{HOME}/candidates/template.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.text.strip() == "name,sponsors,programme,description,2027"


def test_a_candidate_named_in_a_rule_is_kept_until_the_rule_goes(draft, seeded) -> None:
    _add(draft, "New school")
    path = f"{HOME}/rules"
    token = csrf_token(draft, path)
    draft.post(path, data={"kind": "mandatory", "first": "new-school", "csrf_token": token})
    removed = draft.post(f"{HOME}/candidates/new-school/remove", data={"csrf_token": token})
    page = draft.get(removed.headers["Location"]).text
    assert "New school is named in the workshop&#39;s selection rules" in page
    assert [c["key"] for c in _view(seeded)["candidates"]] == ["new-school"]
    draft.post(
        path, data={"action": "remove", "kind": "mandatory", "index": "0", "csrf_token": token}
    )
    assert _view(seeded)["rules"]["mandatory"] == []
    draft.post(f"{HOME}/candidates/new-school/remove", data={"csrf_token": token})
    assert _view(seeded)["candidates"] == []
