"""Workshop pages: the scoring grid (all at once, or one cell at a time), weights directly or
by AHP with the consistency ratio, criteria in draft, status, results."""

import re

import pytest
from sqlmodel import Session

from cpmo.workshops import scorers, scoring_service
from cpmo.workshops import service as workshops
from cpmo.workshops.inputs import WorkshopCreate
from cpmo.workshops.read_models import workshop_view
from tests.support.workshops import runner
from tests.web.conftest import csrf_token

CODE = "ttp-prioritisation"
GRID = f"/workshops/{CODE}/score"
WEIGHTS = f"/workshops/{CODE}/weights"


@pytest.fixture
def scorer(seeded: Session, person):  # type: ignore[no-untyped-def]
    user = person("scorer", "sid")
    view = workshop_view(seeded, workshop=workshops.get_or_raise(seeded, code=CODE))
    listed = [{"name": s["name"]} for s in view["scorers"]] + [{"username": "sid"}]
    scorers.replace_scorers(seeded, actor=runner(seeded), code=CODE, scorers=listed)
    seeded.commit()
    return user


def test_a_scorer_who_is_not_on_the_workshop_gets_403(signed_in, seeded) -> None:
    assert signed_in("scorer", "someone").get(GRID).status_code == 403


def test_the_grid_labels_every_cell_with_its_candidate_and_criterion(signed_in, scorer) -> None:
    page = signed_in("scorer", "sid").get(GRID).get_data(as_text=True)
    assert (
        '<label class="govuk-visually-hidden" for="cell-0-0">MS Foundation: Alignment to CSP'
        in page
    )
    assert len(re.findall(r'<input class="govuk-input[^>]* name="score:', page)) == 60


def test_the_whole_grid_is_all_or_nothing_with_errors_linked_to_cells(
    signed_in, scorer, seeded
) -> None:
    client = signed_in("scorer", "sid")
    token = csrf_token(client, GRID)
    bad = client.post(
        GRID,
        data={
            "score:ttp-cyber:csp-alignment": "4",
            "score:ttp-ms-foundation:cost": "7",
            "csrf_token": token,
        },
    )
    assert bad.status_code == 422
    page = bad.get_data(as_text=True)
    assert 'href="#cell-0-5"' in page and "outside the scale" in page
    assert 'value="4"' in page, "what was typed is kept"
    assert scoring_service.visible_scores(seeded, actor=scorer, code=CODE) == []
    good = client.post(
        GRID,
        data={
            "score:ttp-cyber:csp-alignment": "4",
            "score:ttp-ms-foundation:cost": "2.5",
            "csrf_token": token,
        },
    )
    assert good.status_code == 302
    saved = scoring_service.visible_scores(seeded, actor=scorer, code=CODE)
    assert sorted((s.candidate_key, s.value) for s in saved) == [
        ("ttp-cyber", 4.0),
        ("ttp-ms-foundation", 2.5),
    ]


def test_one_cell_saves_on_its_own_for_the_page_script(signed_in, scorer) -> None:
    client = signed_in("scorer", "sid")
    response = client.post(
        GRID,
        data={"score:ttp-crm:cost": "3", "csrf_token": csrf_token(client, GRID)},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200 and response.json == {"saved": 1}
    refused = client.post(
        GRID,
        data={"score:ttp-crm:cost": "abc", "csrf_token": csrf_token(client, GRID)},
        headers={"Accept": "application/json"},
    )
    assert refused.status_code == 422
    assert refused.json == {"errors": {"score:ttp-crm:cost": ["Enter the score as a number"]}}


def _pairs(page: str) -> list[str]:
    return re.findall(r'<select class="govuk-select" id="(pair:[^"]+)"', page)


def test_ahp_judgements_are_checked_then_refused_when_inconsistent(signed_in, seeded) -> None:
    client = signed_in("facilitator")
    page = client.get(WEIGHTS).get_data(as_text=True)
    pairs = _pairs(page)
    assert len(pairs) == 15
    form = {p: "1" for p in pairs} | {
        "pair:csp-alignment:islander-benefit": "9",
        "pair:islander-benefit:efficiency-savings": "9",
        "pair:csp-alignment:efficiency-savings": "1/9",
        "method": "ahp",
    }
    token = csrf_token(client, WEIGHTS)
    checked = client.post(WEIGHTS, data={**form, "action": "check", "csrf_token": token})
    assert checked.status_code == 200
    assert "too inconsistent" in checked.get_data(as_text=True)
    live = client.post(f"{WEIGHTS}/check", data={**form, "csrf_token": token})
    assert live.json["consistent"] is False and live.json["cr"] > 0.1
    refused = client.post(WEIGHTS, data={**form, "action": "save", "csrf_token": token})
    assert refused.status_code == 422
    assert re.search(
        r'href="#pair:[a-z-]+:[a-z-]+">pairwise judgements are inconsistent',
        refused.get_data(as_text=True),
    )
    accepted = client.post(
        WEIGHTS,
        data={**form, "action": "save", "accept_inconsistent": "yes", "csrf_token": token},
    )
    assert accepted.status_code == 302
    assert workshops.get_or_raise(seeded, code=CODE).weighting == "ahp"


def test_direct_weights_are_normalised(signed_in, seeded) -> None:
    client = signed_in("facilitator")
    keys = [
        "csp-alignment",
        "islander-benefit",
        "efficiency-savings",
        "security-resilience",
        "enabling-value",
        "cost",
    ]
    data = {f"weight:{k}": "1" for k in keys} | {"weight:cost": "4", "method": "direct"}
    response = client.post(WEIGHTS, data={**data, "csrf_token": csrf_token(client, WEIGHTS)})
    assert response.status_code == 302
    page = client.get(f"/workshops/{CODE}").get_data(as_text=True)
    assert "44.4%" in page  # 4 / 9


def test_weights_are_for_facilitators_and_cpmo_only(signed_in, seeded) -> None:
    for role in ("scorer", "oversight", "programme_manager"):
        assert signed_in(role).get(WEIGHTS).status_code == 403, role


def test_results_are_for_runners_until_the_workshop_closes(signed_in, scorer) -> None:
    facilitator = signed_in("facilitator")
    page = facilitator.get(f"/workshops/{CODE}/results").get_data(as_text=True)
    for heading in (
        "Ranking",
        "Sensitivity to the weights",
        "Selection within the budgets",
        "Efficient frontier",
    ):
        assert heading in page
    assert signed_in("scorer", "sid").get(f"/workshops/{CODE}/results").status_code == 403
    facilitator = signed_in("facilitator")
    closed = facilitator.post(
        f"/workshops/{CODE}/status",
        data={"status": "closed", "csrf_token": csrf_token(facilitator, f"/workshops/{CODE}")},
    )
    assert closed.status_code == 302
    assert signed_in("scorer", "sid").get(f"/workshops/{CODE}/results").status_code == 200


def test_criteria_are_set_in_a_draft_workshop(signed_in, seeded, person) -> None:
    workshops.create(
        seeded,
        actor=person("facilitator"),
        workshop_in=WorkshopCreate(code="draft-ws", name="Draft workshop"),
    )
    seeded.commit()
    client = signed_in("facilitator")
    path = "/workshops/draft-ws/criteria"
    token = csrf_token(client, path)
    bad = client.post(path, data={"criterion:0:weight": "2", "csrf_token": token})
    assert bad.status_code == 422 and 'href="#criterion:0:name"' in bad.get_data(as_text=True)
    good = client.post(
        path,
        data={
            "criterion:0:name": "Value",
            "criterion:0:weight": "2",
            "criterion:0:direction": "higher_is_better",
            "criterion:1:direction": "higher_is_better",
            "csrf_token": token,
        },
    )
    assert good.status_code == 302
    assert "Value" in client.get("/workshops/draft-ws").get_data(as_text=True)


def test_results_from_illustrative_scores_are_marked_so(signed_in, scorer) -> None:
    page = signed_in("facilitator").get(f"/workshops/{CODE}/results").get_data(as_text=True)
    assert "Illustrative: some weights, costs or scores behind these results are examples" in page
