"""The stateless solver: optimal against greedy, refusals that explain themselves, the frontier."""

import pytest

SELECT = "/api/v1/prioritisation/select"
FRONTIER = "/api/v1/prioritisation/frontier"

# Budget 10. Greedy by value for money takes c (7.5 / 6 = 1.25) first and then nothing else
# fits; the optimum is a + b (6 + 5 = 11).
GREEDY_LOSES = {
    "candidates": [
        {"key": "a", "value": 6, "costs": {"2020": 5}},
        {"key": "b", "value": 5, "costs": {"2020": 5}},
        {"key": "c", "value": 7.5, "costs": {"2020": 6}},
    ],
    "budgets": {"2020": 10},
}


def test_the_optimal_selection_beats_greedy_where_greedy_loses(client, auth) -> None:
    response = client.post(SELECT, json=GREEDY_LOSES, headers=auth("facilitator"))
    assert response.status_code == 200, response.json
    body = response.json
    assert body["status"] == "optimal"
    assert body["selected"] == ["a", "b"] and body["total_value"] == pytest.approx(11)
    assert body["costs_by_year"] == {"2020": 10} and body["budgets"] == {"2020": 10}
    assert body["greedy"]["selected"] == ["c"] and body["greedy"]["total_value"] == 7.5


def test_requires_excludes_mandatory_and_forbidden_are_respected(client, auth) -> None:
    body = {
        **GREEDY_LOSES,
        "requires": [["c", "a"]],
        "excludes": [["a", "b"]],
        "forbidden": ["b"],
        "mandatory": ["c"],
    }
    response = client.post(SELECT, json=body, headers=auth("programme_manager"))
    assert response.status_code == 422  # c needs a: 11 > 10
    assert response.json["year"] == "2020" and response.json["cost"] == 11


def test_mandatory_candidates_over_a_year_budget_are_refused_naming_the_year(client, auth) -> None:
    body = {
        "candidates": [
            {"key": "a", "value": 1, "costs": {"2020": 5, "2021": 4}},
            {"key": "b", "value": 1, "costs": {"2020": 5, "2021": 3}},
        ],
        "budgets": {"2020": 10, "2021": 5},
        "mandatory": ["a", "b"],
    }
    response = client.post(SELECT, json=body, headers=auth("cpmo"))
    assert response.status_code == 422
    problem = response.json
    assert problem["reason"] == "mandatory_over_budget" and problem["year"] == "2021"
    assert "2021" in problem["detail"] and "£7" in problem["detail"] and "£5" in problem["detail"]
    assert problem["candidates"] == ["a", "b"]


def test_an_unknown_candidate_in_a_rule_and_a_cost_without_budget_are_refused(client, auth) -> None:
    bad_rule = {**GREEDY_LOSES, "requires": [["a", "zz"]]}
    assert client.post(SELECT, json=bad_rule, headers=auth("cpmo")).status_code == 422
    no_budget = {
        "candidates": [{"key": "a", "value": 1, "costs": {"2022": 1}}],
        "budgets": {"2020": 1},
    }
    response = client.post(SELECT, json=no_budget, headers=auth("cpmo"))
    assert response.status_code == 422 and "2022" in str(response.json["errors"])


@pytest.mark.parametrize(
    "body",
    [
        {
            "candidates": [{"key": "a", "value": 1.5, "costs": {"2020": 1.5}}],
            "budgets": {"2020": 2},
        },
        {"candidates": [{"key": "a", "value": -1}], "budgets": {"2020": 2}},
        {"candidates": [], "budgets": {"2020": -1}},
        {"candidates": [], "budgets": {"twenty": 1}},
        {"candidates": [{"key": "a", "value": 1e300}], "budgets": {}},
    ],
)
def test_money_is_whole_pounds_and_values_are_finite(client, auth, body) -> None:
    assert client.post(SELECT, json=body, headers=auth("cpmo")).status_code == 422


def test_no_candidates_select_nothing(client, auth) -> None:
    response = client.post(SELECT, json={"candidates": [], "budgets": {}}, headers=auth("scorer"))
    assert response.status_code == 200 and response.json["selected"] == []


def test_oversight_reads_but_does_not_run_the_solver(client, auth) -> None:
    assert client.post(SELECT, json=GREEDY_LOSES, headers=auth("oversight")).status_code == 403


def test_the_frontier_gives_the_best_value_at_each_budget_level(client, auth) -> None:
    body = {**GREEDY_LOSES, "factors": [0, 0.5, 1.0, 1.5]}
    response = client.post(FRONTIER, json=body, headers=auth("facilitator"))
    assert response.status_code == 200, response.json
    points = {p["factor"]: p for p in response.json["points"]}
    assert points[0]["selected"] == [] and points[0]["total_value"] == 0
    assert points[0.5]["budgets"] == {"2020": 5} and points[0.5]["selected"] == ["a"]
    assert points[1.0]["total_value"] == pytest.approx(11)
    assert points[1.5]["budgets"] == {"2020": 15} and points[1.5]["total_value"] == 13.5  # a + c
    values = [p["total_value"] for p in response.json["points"]]
    assert values == sorted(values)


def test_a_frontier_level_that_cannot_hold_the_mandatory_candidates_is_infeasible(
    client, auth
) -> None:
    body = {**GREEDY_LOSES, "mandatory": ["c"], "factors": [0.5, 1]}
    points = client.post(FRONTIER, json=body, headers=auth("cpmo")).json["points"]
    assert points[0]["status"] == "infeasible" and "2020" in points[0]["reason"]
    assert points[1]["status"] == "optimal" and points[1]["selected"] == ["c"]
