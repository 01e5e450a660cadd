"""Registering and editing a programme in pages, and setting its delivery confidence
(issue 17): GOV.UK forms, plain-English errors, nothing written on a refusal."""

from datetime import date
from typing import Any

import pytest
from sqlmodel import Session, select

from cpmo.portfolios import service as portfolios
from cpmo.portfolios.inputs import ProgrammeCreate
from cpmo.portfolios.models import Portfolio, Programme
from cpmo.workflows import audit_store
from cpmo.workflows.models import AuditEntry
from tests.web.conftest import csrf_token

NEW = "/programmes/new"


def _good(**changes: str) -> dict[str, str]:
    form = {
        "code": "web-new",
        "name": "Digital permits",
        "portfolio": "goj-change",
        "parent": "",
        "department": "coo",
        "senior_responsible_owner": "Chief Operating Officer",
        "description": "Permits applied for online.",
        "whole_life_cost_gbp": "£2,500,000",
        "planned_start-day": "1",
        "planned_start-month": "4",
        "planned_start-year": "2026",
        "planned_end-day": "31",
        "planned_end-month": "3",
        "planned_end-year": "2028",
    }
    form.update(changes)
    return form


def _post(client: Any, path: str, data: dict[str, str]) -> Any:
    return client.post(path, data={**data, "csrf_token": csrf_token(client, path)})


def _summary(response: Any) -> str:
    page = response.get_data(as_text=True)
    assert 'class="govuk-error-summary"' in page, page[:2000]
    return page.split('class="govuk-error-summary"')[1].split("</ul>")[0]


def _changes(session: Session, programme: str) -> list:
    """The programme's audit entries after its registration."""
    return [
        e
        for e in audit_store.entries_for(session, programme_code=programme)
        if e.event != "register_programme"
    ]


def _audit_count(session: Session) -> int:
    return len(session.exec(select(AuditEntry)).all())


def _exists(session: Session, code: str) -> bool:
    session.expire_all()
    return session.exec(select(Programme.id).where(Programme.code == code)).first() is not None


def test_the_register_form_is_offered_to_a_programme_manager(signed_in, seeded) -> None:
    client = signed_in("programme_manager")
    page = client.get(NEW).get_data(as_text=True)
    assert "Register a programme" in page
    for label in ("Code", "Name", "Portfolio", "Parent programme", "Department"):
        assert f">{label}" in page, label
    assert "Chief Operating Office" in page, "departments are chosen by name"
    assert 'name="planned_start-day"' in page and 'name="planned_end-year"' in page
    assert 'name="csrf_token"' in page
    dashboard = client.get("/").get_data(as_text=True)
    assert 'href="/programmes/new"' in dashboard


@pytest.mark.parametrize("role", ["oversight", "scorer", "facilitator"])
def test_other_roles_are_refused_the_register_form_and_not_offered_it(
    signed_in, seeded, role
) -> None:
    client = signed_in(role)
    assert client.get(NEW).status_code == 403
    assert 'href="/programmes/new"' not in client.get("/").get_data(as_text=True)


def test_a_registered_programme_lands_on_its_page_with_a_success_banner(signed_in, seeded) -> None:
    client = signed_in("programme_manager")
    before = _audit_count(seeded)
    response = _post(client, NEW, _good())
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/programmes/web-new")
    page = client.get("/programmes/web-new").get_data(as_text=True)
    assert "govuk-notification-banner--success" in page and "Digital permits" in page
    assert '<dd class="govuk-summary-list__value">Chief Operating Office</dd>' in page
    assert "Government of Jersey Change Portfolio" in page, "the portfolio by name"
    seeded.expire_all()
    view = portfolios.get_programme_view(seeded, code="web-new")
    assert (view.name, view.portfolio, view.department, view.manager) == (
        "Digital permits",
        "goj-change",
        "coo",
        "programme_manager",
    )
    assert view.whole_life_cost_gbp == 2_500_000
    assert (view.planned_start, view.planned_end) == (date(2026, 4, 1), date(2028, 3, 31))
    assert view.senior_responsible_owner == "Chief Operating Officer"
    assert view.stage == "proposed"
    # the same audit entry as registering through the API: one, saying who registered what
    assert _audit_count(seeded) == before + 1
    [entry] = audit_store.entries_for(seeded, programme_code="web-new")
    assert (entry.event, entry.actor) == ("register_programme", "programme_manager")


def test_a_duplicate_code_is_refused_in_plain_words(signed_in, seeded) -> None:
    client = signed_in("programme_manager")
    response = _post(client, NEW, _good(code="ttp", name="Another"))
    assert response.status_code == 422
    summary = _summary(response)
    assert 'href="#code"' in summary and "A programme with this code already exists" in summary
    seeded.expire_all()
    assert portfolios.get_programme_or_raise(seeded, code="ttp").name != "Another"


def test_required_fields_and_a_bad_code_are_named_as_labelled(signed_in, seeded) -> None:
    client = signed_in("programme_manager")
    response = _post(client, NEW, _good(code="Not A Code", name=""))
    assert response.status_code == 422
    summary = _summary(response)
    assert "Enter the name" in summary
    assert "Code must use only lowercase letters, numbers" in summary
    assert not _exists(seeded, "Not A Code")


def test_an_unknown_parent_is_refused(signed_in, seeded) -> None:
    client = signed_in("programme_manager")
    response = _post(client, NEW, _good(parent="no-such-programme"))
    assert response.status_code == 422
    assert "Choose a parent programme from the list" in _summary(response)
    assert not _exists(seeded, "web-new")


def test_a_parent_in_another_portfolio_is_refused(signed_in, seeded, person) -> None:
    seeded.add(Portfolio(code="web-other", name="Other portfolio"))
    seeded.commit()
    portfolios.create_programme(
        seeded,
        actor=person("cpmo"),
        programme_in=ProgrammeCreate(code="web-far", name="Far away", portfolio="web-other"),
    )
    seeded.commit()
    client = signed_in("programme_manager")
    response = _post(client, NEW, _good(parent="web-far"))
    assert response.status_code == 422
    summary = _summary(response)
    assert 'href="#parent"' in summary
    assert "The parent programme must be in the same portfolio" in summary
    assert not _exists(seeded, "web-new")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-5", "Whole-life cost must be £0 or more"),
        ("99999999999999999999", "Whole-life cost must be £10,000,000,000,000 or less"),
        ("lots", "Enter the whole-life cost as a whole number of pounds"),
    ],
)
def test_a_bad_cost_is_refused(signed_in, seeded, typed, message) -> None:
    client = signed_in("programme_manager")
    response = _post(client, NEW, _good(whole_life_cost_gbp=typed))
    assert response.status_code == 422
    summary = _summary(response)
    assert 'href="#whole_life_cost_gbp"' in summary and message in summary
    assert f'value="{typed}"' in response.get_data(as_text=True), "what was typed is kept"
    assert not _exists(seeded, "web-new")


@pytest.mark.parametrize(
    ("changes", "href", "message"),
    [
        (
            {"planned_start-day": "31", "planned_start-month": "2"},
            "planned_start-day",
            "Planned start date must be a real date",
        ),
        ({"planned_end-month": ""}, "planned_end-month", "Planned end date must include a month"),
        (
            {"planned_end-year": "26"},
            "planned_end-year",
            "Planned end date must include a year with four digits",
        ),
        (
            {"planned_end-year": "2025"},
            "planned_end-day",
            "Planned end date must be the same as or after the planned start date",
        ),
    ],
)
def test_bad_dates_are_refused(signed_in, seeded, changes, href, message) -> None:
    client = signed_in("programme_manager")
    response = _post(client, NEW, _good(**changes))
    assert response.status_code == 422
    summary = _summary(response)
    assert f'href="#{href}"' in summary and message in summary
    assert not _exists(seeded, "web-new")


def test_the_edit_form_is_prefilled_and_saves_with_one_audit_entry(
    signed_in, programme, seeded
) -> None:
    client = signed_in("programme_manager")
    path = f"/programmes/{programme}/edit"
    page = client.get(path).get_data(as_text=True)
    assert 'value="Web Programme"' in page
    assert 'name="code"' not in page, "the code is shown, not edited"
    version = portfolios.get_programme_or_raise(seeded, code=programme).version
    response = _post(
        client,
        path,
        {
            "version": str(version),
            "name": "Web Programme renamed",
            "parent": "",
            "department": "cls",
            "senior_responsible_owner": "Chief Executive",
            "description": "",
            "whole_life_cost_gbp": "1000000",
            "planned_start-day": "",
            "planned_start-month": "",
            "planned_start-year": "",
            "planned_end-day": "",
            "planned_end-month": "",
            "planned_end-year": "",
            "rationale": "Scope agreed",
        },
    )
    assert response.status_code == 302, _summary(response)
    seeded.expire_all()
    view = portfolios.get_programme_view(seeded, code=programme)
    assert (view.name, view.department, view.whole_life_cost_gbp) == (
        "Web Programme renamed",
        "cls",
        1_000_000,
    )
    (entry,) = _changes(seeded, programme)
    assert entry.event == "update_programme" and entry.rationale == "Scope agreed"
    page = client.get(f"/programmes/{programme}").get_data(as_text=True)
    assert "Programme details saved" in page


def test_someone_elses_programme_cannot_be_edited(signed_in, programme, seeded) -> None:
    client = signed_in("programme_manager", "another_manager")
    assert client.get(f"/programmes/{programme}/edit").status_code == 403


def test_an_edit_of_a_programme_under_review_is_refused_as_the_rules_say(
    signed_in, programme, seeded, person
) -> None:
    from tests.web.conftest import submitted

    submitted(seeded, person("programme_manager"), programme)
    client = signed_in("programme_manager")
    path = f"/programmes/{programme}/edit"
    row = portfolios.get_programme_or_raise(seeded, code=programme)
    version, cost = row.version, row.whole_life_cost_gbp
    response = _post(
        client,
        path,
        {"version": str(version), "name": "Web Programme", "whole_life_cost_gbp": "9000000"},
    )
    assert response.status_code == 403
    summary = _summary(response)
    assert "under review" in summary
    seeded.expire_all()
    assert portfolios.get_programme_or_raise(seeded, code=programme).whole_life_cost_gbp == cost


def test_delivery_confidence_is_set_with_commentary(signed_in, programme, seeded) -> None:
    client = signed_in("programme_manager")
    path = f"/programmes/{programme}/confidence"
    page = client.get(path).get_data(as_text=True)
    assert "Amber/red" in page and 'type="radio"' in page
    assert f'href="{path}"' in client.get(f"/programmes/{programme}").get_data(as_text=True)
    version = portfolios.get_programme_or_raise(seeded, code=programme).version
    response = _post(
        client,
        path,
        {"version": str(version), "rag": "amber_red", "rag_reason": "Supplier late on design"},
    )
    assert response.status_code == 302
    seeded.expire_all()
    row = portfolios.get_programme_or_raise(seeded, code=programme)
    assert (row.rag, row.rag_reason) == ("amber_red", "Supplier late on design")
    (entry,) = _changes(seeded, programme)
    assert entry.details["changes"]["rag"] == ["unrated", "amber_red"]
    page = client.get(f"/programmes/{programme}").get_data(as_text=True)
    assert "Amber/red" in page and "Supplier late on design" in page


def test_delivery_confidence_without_commentary_or_rating_is_refused(
    signed_in, programme, seeded
) -> None:
    client = signed_in("programme_manager")
    path = f"/programmes/{programme}/confidence"
    version = portfolios.get_programme_or_raise(seeded, code=programme).version
    response = _post(client, path, {"version": str(version), "rag": "red", "rag_reason": " "})
    assert response.status_code == 422
    assert "Enter the commentary" in _summary(response)
    response = _post(client, path, {"version": str(version), "rag_reason": "Why"})
    assert "Select the delivery confidence" in _summary(response)
    seeded.expire_all()
    assert portfolios.get_programme_or_raise(seeded, code=programme).rag == "unrated"
    assert _changes(seeded, programme) == []


@pytest.mark.parametrize(
    "changes",
    [
        {"code": "new"},
        {"whole_life_cost_gbp": "\u0661\u0662"},
        {"planned_start-year": "\u0662\u0660\u0662\u0666"},
        {"planned_start-day": "0", "planned_start-year": "0000"},
        {"department": "x" * 5000, "parent": "Ünknown"},
    ],
)
def test_crafted_input_is_refused_in_words_never_a_500(signed_in, seeded, changes) -> None:
    client = signed_in("cpmo")
    response = _post(client, NEW, _good(**changes))
    assert response.status_code == 422
    assert _summary(response)
    assert not _exists(seeded, "web-new") and not _exists(seeded, "new")


def test_a_crafted_version_on_an_edit_is_refused_in_words(signed_in, programme, seeded) -> None:
    client = signed_in("programme_manager")
    path = f"/programmes/{programme}/confidence"
    response = _post(client, path, {"version": "99999999999", "rag": "red", "rag_reason": "Late"})
    assert response.status_code in (409, 422)
    assert "out of date" in _summary(response)
    seeded.expire_all()
    assert portfolios.get_programme_or_raise(seeded, code=programme).rag == "unrated"


def test_an_edit_that_blanks_the_name_is_refused(signed_in, programme, seeded) -> None:
    client = signed_in("programme_manager")
    path = f"/programmes/{programme}/edit"
    version = portfolios.get_programme_or_raise(seeded, code=programme).version
    response = _post(client, path, {"version": str(version), "name": " "})
    assert response.status_code == 422
    assert "Enter the name" in _summary(response)
    response = _post(client, path, {"version": str(version), "name": "n" * 301})
    assert "Name must be 300 characters or fewer" in _summary(response)
    seeded.expire_all()
    assert portfolios.get_programme_or_raise(seeded, code=programme).name == "Web Programme"


def test_a_cpmo_officer_changes_cost_under_review_only_with_a_reason(
    signed_in, programme, seeded, person
) -> None:
    from tests.web.conftest import submitted

    submitted(seeded, person("programme_manager"), programme)
    client = signed_in("cpmo")
    path = f"/programmes/{programme}/edit"
    form = {"name": "Web Programme", "manager": "programme_manager", "whole_life_cost_gbp": "1"}
    version = portfolios.get_programme_or_raise(seeded, code=programme).version
    response = _post(client, path, {**form, "version": str(version)})
    assert response.status_code == 422
    summary = _summary(response)
    assert 'href="#rationale"' in summary and "Enter the reason for the change" in summary
    response = _post(client, path, {**form, "version": str(version), "rationale": "Re-costed"})
    assert response.status_code == 302
    seeded.expire_all()
    assert portfolios.get_programme_or_raise(seeded, code=programme).whole_life_cost_gbp == 1
    entries = audit_store.entries_for(seeded, programme_code=programme)
    assert [e.event for e in entries][-1] == "update_programme"
    assert entries[-1].rationale == "Re-costed"
