"""My work: what needs the signed-in person now, per role, as a GOV.UK task list built from
the queues and the workflow's available events; an empty state per role in plain words; the
count in the navigation; a fixed number of queries however many programmes there are."""

import re
from datetime import date, timedelta
from typing import Any

import pytest
from sqlmodel import Session, select

from cpmo.business_cases import service as cases
from cpmo.portfolios import service as portfolios
from cpmo.portfolios.inputs import ProgrammeCreate
from cpmo.portfolios.models import Programme
from cpmo.strategy.models import Milestone
from cpmo.workflows import service as workflow
from cpmo.workshops import scorers
from cpmo.workshops import service as workshops
from cpmo.workshops.read_models import workshop_view
from tests.support.cases import complete_case
from tests.support.querycount import count_statements
from tests.support.workshops import runner
from tests.web.conftest import LIMITS, csrf_token, submitted

MY_WORK = "/my-work"


def _page(client: Any) -> str:
    response = client.get(MY_WORK)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _tasks(page: str) -> list[tuple[str, str]]:
    """(task text, status) for every item in the page's task lists."""
    found = re.findall(
        r'govuk-task-list__link"[^>]*>([^<]+)<.*?govuk-task-list__status[^"]*"[^>]*>\s*'
        r"(?:<strong[^>]*>)?([^<]+?)\s*<",
        page,
        re.S,
    )
    return [(text.strip(), status.strip()) for text, status in found]


def _nav_count(page: str) -> str:
    match = re.search(r'href="/my-work"[^>]*>\s*(?:<strong[^>]*>)?(My work[^<]*)<', page)
    assert match, page
    return match.group(1).strip()


def _draft(session: Session, actor: Any, code: str) -> None:
    body = complete_case("obc")
    body.pop("kind")
    cases.create_version(session, actor=actor, code=code, kind="obc", content=body)
    session.commit()


def _decide(session: Session, actor: Any, code: str, event: str, **extra: Any) -> None:
    version = portfolios.get_programme_or_raise(session, code=code).version
    workflow.fire_event(
        session,
        actor=actor,
        code=code,
        event=event,
        version=version,
        limits=LIMITS,
        rationale=f"{event} after review",
        **extra,
    )
    session.commit()


def _another(session: Session, manager: Any, code: str, name: str) -> None:
    portfolios.create_programme(
        session,
        actor=manager,
        programme_in=ProgrammeCreate(code=code, name=name, portfolio="goj-change"),
    )
    session.commit()


def test_signing_in_lands_on_my_work(client, person) -> None:
    person("cpmo", "officer")
    from tests.web.conftest import PASSWORD

    response = client.post(
        "/sign-in",
        data={"username": "officer", "password": PASSWORD, "csrf_token": csrf_token(client)},
    )
    assert response.location == MY_WORK
    page = client.get(MY_WORK).get_data(as_text=True)
    assert '<h1 class="govuk-heading-l">My work</h1>' in page
    assert 'href="/"' in page and "Portfolio" in page  # the dashboard stays in the navigation


def test_a_manager_is_asked_to_write_the_business_case_of_a_new_programme(
    signed_in, programme
) -> None:
    page = _page(signed_in("programme_manager"))
    assert "Web Programme" in page
    assert ("Write the outline business case", "Action needed") in _tasks(page)
    assert 'href="/programmes/web-prog/business-cases/obc/edit"' in page


def test_a_complete_draft_is_to_finish_and_its_submission_may_be_made_now(
    signed_in, programme, seeded, person
) -> None:
    _draft(seeded, person("programme_manager"), programme)
    page = _page(signed_in("programme_manager"))
    tasks = _tasks(page)
    assert ("Submit the outline business case", "Action needed") in tasks
    assert "Finish the outline business case" not in page  # complete: nothing left to write
    assert 'href="/programmes/web-prog/decide/submit_obc"' in page


def test_a_ready_case_the_workflow_refuses_to_submit_says_why_and_cannot_start_yet(
    signed_in, programme, seeded, person
) -> None:
    manager = person("programme_manager")
    submitted(seeded, manager, programme)
    _decide(
        seeded,
        person("cpmo", "officer"),
        programme,
        "approve_obc",
        conditions_before_submission=["Appoint a data protection officer"],
    )
    body = complete_case("fbc")
    body.pop("kind")
    cases.create_version(seeded, actor=manager, code=programme, kind="fbc", content=body)
    seeded.commit()
    page = _page(signed_in("programme_manager"))
    tasks = _tasks(page)
    assert ("Submit the full business case", "Cannot start yet") in tasks
    assert ("Discharge the condition: Appoint a data protection officer", "Action needed") in tasks
    assert "govuk-task-list__status--cannot-start-yet" in page
    hint = page.split("Submit the full business case")[1].split("govuk-task-list__status")[0]
    assert "Appoint a data protection officer" in hint


def test_a_case_still_to_write_comes_before_its_submission(signed_in, programme) -> None:
    tasks = _tasks(_page(signed_in("programme_manager")))
    assert [text for text, _ in tasks] == ["Write the outline business case"]


def test_a_submitted_case_waits_for_the_cpmo_and_a_returned_one_is_to_answer(
    signed_in, programme, seeded, person
) -> None:
    manager = person("programme_manager")
    submitted(seeded, manager, programme)
    assert ("Decision on the outline business case", "Waiting for the CPMO") in _tasks(
        _page(signed_in("programme_manager"))
    )
    _decide(seeded, person("cpmo", "officer"), programme, "return_obc")
    tasks = _tasks(_page(signed_in("programme_manager")))
    assert ("Answer the return of the outline business case", "Action needed") in tasks


def test_conditions_to_discharge_and_overdue_milestones_are_the_managers_work(
    signed_in, programme, seeded, person
) -> None:
    submitted(seeded, person("programme_manager"), programme)
    _decide(
        seeded,
        person("cpmo", "officer"),
        programme,
        "approve_obc",
        conditions=["Appoint a data protection officer"],
    )
    programme_id = portfolios.get_programme_or_raise(seeded, code=programme).id
    seeded.add(
        Milestone(
            code="web-prog-m1",
            programme_id=programme_id,
            title="Supplier market engagement",
            due_date=date.today() - timedelta(days=3),
        )
    )
    seeded.commit()
    page = _page(signed_in("programme_manager"))
    tasks = _tasks(page)
    assert ("Discharge the condition: Appoint a data protection officer", "Action needed") in tasks
    assert ("Overdue milestone: Supplier market engagement", "Action needed") in tasks
    assert re.search(r'href="/programmes/web-prog#condition-\d+"', page)


def test_a_cpmo_officer_sees_submissions_to_review_and_discharges_to_accept(
    signed_in, programme, seeded, person
) -> None:
    submitted(seeded, person("programme_manager"), programme)
    page = _page(signed_in("cpmo", "officer"))
    assert ("Review the outline business case", "Action needed") in (_tasks(page))
    assert 'href="/approvals"' in page and "Web Programme" in page
    assert ("Look at the exceptions in the portfolio", "To look at") in _tasks(page)
    assert _nav_count(page) == "My work (1)"


def test_a_discharged_condition_awaits_acceptance_by_another_officer(
    signed_in, programme, seeded, person
) -> None:
    from cpmo.delivery import service as delivery
    from cpmo.workflows.models import Condition

    submitted(seeded, person("programme_manager"), programme)
    _decide(seeded, person("cpmo", "officer"), programme, "approve_obc", conditions=["Hire a DPO"])
    cid = seeded.exec(select(Condition.id)).one()
    delivery.discharge_condition(
        seeded,
        actor=person("programme_manager"),
        code=programme,
        condition_id=cid,
        note="Hired on 1 May",
    )
    seeded.commit()
    tasks = _tasks(_page(signed_in("cpmo", "officer")))
    assert ("Accept or return the discharged condition: Hire a DPO", "Action needed") in tasks


def test_an_oversight_member_sees_the_endorsement_and_the_latest_board_pack(
    signed_in, programme, seeded, person
) -> None:
    submitted(seeded, person("programme_manager"), programme, cost=7_000_000)
    page = _page(signed_in("oversight"))
    tasks = _tasks(page)
    assert ("Endorse the outline business case", "Action needed") in tasks
    assert ("Read the latest board pack", "To read") in tasks
    assert 'href="/endorsements"' in page and 'href="/reports?portfolio=goj-change"' in page
    assert _nav_count(page) == "My work (1)"


def test_a_scorer_sees_a_workshop_open_for_scoring_with_cells_left(
    signed_in, seeded, person
) -> None:
    code = "ttp-prioritisation"
    person("scorer", "sid")
    view = workshop_view(seeded, workshop=workshops.get_or_raise(seeded, code=code))
    listed = [{"name": s["name"]} for s in view["scorers"]] + [{"username": "sid"}]
    scorers.replace_scorers(seeded, actor=runner(seeded), code=code, scorers=listed)
    seeded.commit()
    page = _page(signed_in("scorer", "sid"))
    assert ("Score the candidates", "Action needed") in _tasks(page)
    assert "Technology Transformation Programme prioritisation" in page
    assert re.search(r"\d+ scores still to give", page)
    assert f'href="/workshops/{code}/score"' in page


@pytest.mark.parametrize(
    ("role", "words"),
    [
        ("programme_manager", "no business case to write or submit"),
        ("oversight", "no submission awaits the oversight group"),
        ("scorer", "you have no scores left to give"),
        ("admin", "managed with the cpmo users command"),
    ],
)
def test_each_role_reads_an_empty_state_in_plain_words(signed_in, seeded, role, words) -> None:
    page = _page(signed_in(role, f"nobody-{role}"))
    assert words in page
    assert _nav_count(page) == "My work"  # nothing to count: no number
    tasks = _tasks(page)
    assert all(status != "Action needed" for _, status in tasks)
    if role == "oversight":  # the board pack is always there to read
        assert tasks == [("Read the latest board pack", "To read")]
    else:
        assert tasks == []


def test_the_navigation_counts_my_work_on_every_page(signed_in, programme, seeded) -> None:
    client = signed_in("programme_manager")
    for path in ("/", "/workshops", "/programmes/web-prog"):
        page = client.get(path).get_data(as_text=True)
        assert _nav_count(page) == "My work (1)", path  # write the case; submission refused


def test_my_work_takes_a_fixed_number_of_queries_however_many_programmes(
    signed_in, programme, seeded, person, engine
) -> None:
    """More programmes in the portfolio that do not need the person add no query."""
    officer = signed_in("oversight")
    officer.get(MY_WORK)
    with count_statements(engine) as before:
        officer.get(MY_WORK)
    manager = person("programme_manager", "someone-else")
    for n in range(5):
        _another(seeded, manager, f"extra-{n}", f"Extra Programme {n}")
    assert seeded.exec(select(Programme).where(Programme.code == "extra-4")).first()
    with count_statements(engine) as after:
        officer.get(MY_WORK)
    assert after.count == before.count


def test_a_managers_query_count_does_not_grow_with_other_peoples_programmes(
    signed_in, programme, seeded, person, engine
) -> None:
    client = signed_in("programme_manager")
    client.get(MY_WORK)
    with count_statements(engine) as before:
        page = client.get(MY_WORK).get_data(as_text=True)
    for n in range(5):
        _another(seeded, person("programme_manager", "someone-else"), f"other-{n}", f"Other {n}")
    with count_statements(engine) as after:
        again = client.get(MY_WORK).get_data(as_text=True)
    assert after.count == before.count
    assert _tasks(again) == _tasks(page)


def test_an_incomplete_draft_is_to_finish_with_how_much_is_left(
    signed_in, programme, seeded, person
) -> None:
    body = complete_case("obc")
    body.pop("kind")
    body.pop("financial")
    cases.create_version(
        seeded, actor=person("programme_manager"), code=programme, kind="obc", content=body
    )
    seeded.commit()
    page = _page(signed_in("programme_manager"))
    assert _tasks(page) == [("Finish the outline business case", "Action needed")]
    assert re.search(r"\d+ parts? still to write", page)


def test_a_facilitator_sees_workshops_to_set_up_and_those_being_scored(signed_in, seeded) -> None:
    from tests.support.workshops import build_workshop

    build_workshop(seeded, code="draft-shop")
    page = _page(signed_in("facilitator", "fay"))
    tasks = _tasks(page)
    assert ("Set up the workshop and open it for scoring", "Action needed") in tasks
    assert ("Close the workshop when the scores are in", "Waiting for scorers") in tasks
    assert 'href="/workshops/draft-shop"' in page
    assert _nav_count(page) == "My work (1)"


def test_the_page_and_its_navigation_count_read_my_work_once_per_request(
    signed_in, programme, monkeypatch
) -> None:
    from cpmo.web.reads import my_work as reads

    client = signed_in("programme_manager")
    calls: list[str] = []
    manager = reads.ROLE_WORK["programme_manager"]

    def counted(*args: Any) -> list:
        calls.append("read")
        return manager(*args)

    monkeypatch.setitem(reads.ROLE_WORK, "programme_manager", counted)
    page = _page(client)
    assert _nav_count(page) == "My work (1)" and "1 thing needs you now" in page
    assert calls == ["read"]
