"""A workshop's own selection, frontier, sensitivity and scenarios, on the hand-worked workshop
and on the seeded TTP workshop (objectives and benefits from the dependency graph)."""

import pytest

from tests.support.workshops import BASE, HAND_SCORES, build_workshop

HAND = f"{BASE}/hand"
TTP = f"{BASE}/ttp-prioritisation"


@pytest.fixture
def closed(session, tokens):  # type: ignore[no-untyped-def]
    build_workshop(session, code="hand", status="closed", scores=HAND_SCORES)


def test_the_selection_values_candidates_by_their_ranking_total(client, auth, closed) -> None:
    # budgets 2020: 100, 2021: 80. a + c costs 100 / 70 for 92.5 + 72.5; greedy by value for
    # money takes d (1.125 per £) and c, then neither a nor b fits: 95.
    response = client.get(f"{HAND}/selection", headers=auth("oversight"))
    assert response.status_code == 200, response.json
    body = response.json
    assert body["selected"] == ["a", "c"] and body["total_value"] == pytest.approx(165)
    assert body["costs_by_year"] == {"2020": 100, "2021": 70}
    assert body["greedy"]["selected"] == ["c", "d"]
    assert body["greedy"]["total_value"] == pytest.approx(95)


def test_the_workshop_rules_bind_its_selection(client, auth, session, tokens) -> None:
    build_workshop(session, code="hand", status="scoring", scores=HAND_SCORES)
    patch = client.patch(
        HAND, json={"rules": {"mandatory": ["b"], "excludes": [["b", "c"]]}}, headers=auth("cpmo")
    )
    assert patch.status_code == 200, patch.json
    body = client.get(f"{HAND}/selection", headers=auth("cpmo")).json
    assert "b" in body["selected"] and "c" not in body["selected"]


def test_the_frontier_rises_with_the_budget(client, auth, closed) -> None:
    response = client.get(f"{HAND}/frontier?factor=0.1&factor=0.5&factor=1", headers=auth("scorer"))
    assert response.status_code == 200, response.json
    points = response.json["points"]
    assert [p["factor"] for p in points] == [0.1, 0.5, 1.0]
    assert points[0]["budgets"] == {"2020": 10, "2021": 8} and points[0]["selected"] == []
    assert points[1]["selected"] == ["c", "d"] and points[2]["total_value"] == pytest.approx(165)


def test_sensitivity_is_reproducible_by_seed(client, auth, closed) -> None:
    url = f"{HAND}/sensitivity?seed=7&samples=500&top_k=2&perturbation=0.3"
    first = client.get(url, headers=auth("programme_manager"))
    assert first.status_code == 200, first.json
    assert first.json == client.get(url, headers=auth("cpmo")).json
    rows = {c["candidate"]: c for c in first.json["candidates"]}
    assert rows["a"]["p_top_k"] == 1 and rows["a"]["robust"] is True
    assert rows["d"]["min_rank"] == rows["d"]["max_rank"] == 4 and rows["d"]["robust"] is True
    assert rows["b"]["min_rank"] <= 2 <= rows["b"]["max_rank"]
    assert first.json["seed"] == 7 and first.json["samples"] == 500


def test_scenarios_save_and_compare_what_enters_and_leaves(client, auth, closed) -> None:
    base = client.post(
        f"{HAND}/scenarios", json={"name": "as planned"}, headers=auth("facilitator")
    )
    assert base.status_code == 201, base.json
    cut = client.post(
        f"{HAND}/scenarios",
        json={"name": "2021 cut by 20%", "scale": {"2021": 0.8}},
        headers=auth("facilitator"),
    )
    assert cut.status_code == 201, cut.json
    assert cut.json["budgets"] == {"2020": 100, "2021": 64}
    assert cut.json["result"]["selected"] == ["a", "d"]
    again = client.post(f"{HAND}/scenarios", json={"name": "as planned"}, headers=auth("cpmo"))
    assert again.status_code == 409
    listed = client.get(f"{HAND}/scenarios", headers=auth("oversight")).json
    assert [s["name"] for s in listed] == ["as planned", "2021 cut by 20%"]
    compared = client.get(
        f"{HAND}/scenarios/compare?name=as planned&name=2021 cut by 20%", headers=auth("oversight")
    )
    assert compared.status_code == 200, compared.json
    first, second = compared.json["scenarios"]
    assert compared.json["baseline"] == "as planned"
    assert first["enters"] == [] and first["leaves"] == []
    assert second["enters"] == ["d"] and second["leaves"] == ["c"]
    assert second["total_value"] == pytest.approx(115)
    assert second["costs_by_year"] == {"2020": 70, "2021": 50}
    columns = {c["candidate"]: c["selected_in"] for c in compared.json["candidates"]}
    assert columns["a"] == ["as planned", "2021 cut by 20%"] and columns["b"] == []


def test_comparing_needs_two_to_four_known_scenarios(client, auth, closed) -> None:
    client.post(f"{HAND}/scenarios", json={"name": "one"}, headers=auth("cpmo"))
    url = f"{HAND}/scenarios/compare"
    assert client.get(f"{url}?name=one", headers=auth("cpmo")).status_code == 422
    assert client.get(f"{url}?name=one&name=two", headers=auth("cpmo")).status_code == 404
    assert client.get(f"{url}?name=one&name=one", headers=auth("cpmo")).status_code == 422


def test_an_infeasible_scenario_is_refused_and_not_saved(client, auth, closed) -> None:
    response = client.post(
        f"{HAND}/scenarios",
        json={"name": "too much", "rules": {"mandatory": ["a", "b"]}},
        headers=auth("cpmo"),
    )
    assert response.status_code == 422 and response.json["year"] == "2020"
    assert client.get(f"{HAND}/scenarios", headers=auth("cpmo")).json == []


def _impact(client, auth, codes: list[str], kind: str) -> set[str]:  # type: ignore[no-untyped-def]
    reached: set[str] = set()
    for code in codes:
        body = client.get(f"/api/v1/graph/impact/programme:{code}", headers=auth("cpmo")).json
        reached |= set(body["objectives_at_risk" if kind == "objective" else "benefits_at_risk"])
    return reached


def test_seeded_scenarios_serve_the_objectives_and_benefits_of_the_graph(
    client, auth, seeded, tokens
) -> None:
    headers = auth("facilitator")
    assert (
        client.post(f"{TTP}/scenarios", json={"name": "plan"}, headers=headers).status_code == 201
    )
    cut = client.post(
        f"{TTP}/scenarios", json={"name": "2022 cut", "scale": {"2022": 0.8}}, headers=headers
    )
    assert cut.status_code == 201
    assert cut.json["budgets"]["2022"] == 13_600_000
    narrow = {"name": "its only", "rules": {"mandatory": ["ttp-its"], "forbidden": []}}
    others = [c["key"] for c in client.get(TTP, headers=headers).json["candidates"]]
    narrow["rules"]["forbidden"] = [k for k in others if k != "ttp-its"]
    assert client.post(f"{TTP}/scenarios", json=narrow, headers=headers).status_code == 201
    body = client.get(
        f"{TTP}/scenarios/compare?name=plan&name=2022 cut&name=its only", headers=headers
    ).json
    plan, cut_row, its = body["scenarios"]
    assert len(plan["selected"]) == 10 and cut_row["leaves"]
    assert sum(cut_row["costs_by_year"].values()) < sum(plan["costs_by_year"].values())
    assert its["selected"] == ["ttp-its"] and len(its["leaves"]) == 9
    for row in (plan, its):
        assert {o["key"] for o in row["objectives"]} == _impact(
            client, auth, row["selected"], "objective"
        )
        assert {b["key"] for b in row["benefits"]} == _impact(
            client, auth, row["selected"], "benefit"
        )
    assert its["objectives"] and len(its["objectives"]) < len(plan["objectives"])
