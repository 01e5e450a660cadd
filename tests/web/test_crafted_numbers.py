"""Numbers typed into pages and query strings, however long or odd, get a page, never a 500
(issue 14, item 13, on the pages side)."""

from cpmo.workshops import service as workshops
from cpmo.workshops.inputs import WorkshopCreate
from tests.web.conftest import csrf_token, submitted

HUGE = "9" * 5_000  # beyond Python's int() limit of 4,300 digits


def test_a_huge_or_odd_page_number_shows_the_first_page(signed_in, seeded) -> None:
    client = signed_in("cpmo")
    for page in (HUGE, "²", "-1", "0", "1e9"):
        assert client.get(f"/?page={page}").status_code == 200, page


def test_a_decision_form_with_a_huge_version_is_refused_as_out_of_date(
    signed_in, programme, seeded, person
) -> None:
    submitted(seeded, person("programme_manager"), programme)
    client = signed_in("cpmo", "officer")
    path = f"/programmes/{programme}/decide/approve_obc"
    response = client.post(
        path,
        data={"version": HUGE, "rationale": "Fine", "csrf_token": csrf_token(client, path)},
    )
    assert response.status_code == 422
    assert "reload the programme and decide again" in response.get_data(as_text=True)


def test_crafted_criterion_rows_and_case_rows_are_ignored_not_a_500(
    signed_in, programme, seeded, person
) -> None:
    workshops.create(
        seeded,
        actor=person("facilitator"),
        workshop_in=WorkshopCreate(code="draft-ws", name="Draft workshop"),
    )
    seeded.commit()
    client = signed_in("facilitator")
    path = "/workshops/draft-ws/criteria"
    token = csrf_token(client, path)
    for key in ("criterion:x:name", f"criterion:{HUGE}:name", "criterion:"):
        response = client.post(path, data={key: "Value", "csrf_token": token})
        assert response.status_code < 500, key

    manager = signed_in("programme_manager")
    form = f"/programmes/{programme}/business-cases/obc/edit"
    response = manager.post(
        form,
        data={
            f"economic-options-{HUGE}-name": "Option",
            "financial-whole_life_cost": HUGE,
            "action": "save",
            "csrf_token": csrf_token(manager, form),
        },
    )
    assert response.status_code == 422
