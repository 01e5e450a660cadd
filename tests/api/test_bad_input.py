"""Nothing a client sends produces a 500: every refusal is problem+json with a clear detail."""

import pytest


@pytest.fixture
def cpmo_headers(seeded, auth):  # type: ignore[no-untyped-def]
    return auth("cpmo")


def _problem(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body = response.json
    assert body["status"] == status and body["title"] and body.get("detail")
    return body


def test_malformed_json_is_a_400(client, cpmo_headers) -> None:
    response = client.post(
        "/api/v1/programmes",
        data="{not json",
        headers=cpmo_headers,
        content_type="application/json",
    )
    _problem(response, 400)


def test_a_body_that_is_not_json_is_a_415(client, cpmo_headers) -> None:
    response = client.post(
        "/api/v1/programmes",
        data="code=x",
        headers=cpmo_headers,
        content_type="application/x-www-form-urlencoded",
    )
    _problem(response, 415)


def test_an_oversized_body_is_a_413(client, cpmo_headers) -> None:
    body = {"code": "big", "name": "B", "portfolio": "goj-change", "description": "x" * 2_000_000}
    _problem(client.post("/api/v1/programmes", json=body, headers=cpmo_headers), 413)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            {"code": "f", "name": "F", "portfolio": "goj-change", "whole_life_cost_gbp": 1.5},
            "whole_life_cost_gbp",
        ),
        (
            {"code": "f", "name": "F", "portfolio": "goj-change", "whole_life_cost_gbp": "100"},
            "whole_life_cost_gbp",
        ),
        (
            {"code": "f", "name": "F", "portfolio": "goj-change", "whole_life_cost_gbp": 10**40},
            "whole_life_cost_gbp",
        ),
        ({"code": "f", "name": "F", "portfolio": "goj-change", "colour": "red"}, "colour"),
        ({"code": "f", "name": "F", "portfolio": "goj-change", "stage": "delivery"}, "stage"),
        ({"code": "f", "name": "", "portfolio": "goj-change"}, "name"),
        ({"code": "f", "name": "Nul\x00byte", "portfolio": "goj-change"}, "name"),
        ({"code": "Not A Code", "name": "F", "portfolio": "goj-change"}, "code"),
        ({"name": "F", "portfolio": "goj-change"}, "code"),
        (
            {"code": "f", "name": "F", "portfolio": "goj-change", "planned_start": "31/12/2020"},
            "planned_start",
        ),
        ({"code": "f", "name": "F", "portfolio": "goj-change", "rag": "purple"}, "rag"),
    ],
)
def test_invalid_fields_get_422_naming_the_field(client, cpmo_headers, body, field) -> None:
    problem = _problem(client.post("/api/v1/programmes", json=body, headers=cpmo_headers), 422)
    assert field in problem["errors"], problem


def test_a_json_array_instead_of_an_object_is_refused(client, cpmo_headers) -> None:
    _problem(client.post("/api/v1/programmes", json=[1, 2], headers=cpmo_headers), 422)


def test_unicode_names_are_kept_exactly(client, cpmo_headers) -> None:
    body = {"code": "uni", "name": "Ærø – 日本語 ✓ émigré", "portfolio": "goj-change"}
    response = client.post("/api/v1/programmes", json=body, headers=cpmo_headers)
    assert response.status_code == 201
    assert response.json["name"] == body["name"]


def test_unknown_things_are_404(client, cpmo_headers) -> None:
    _problem(client.get("/api/v1/programmes/no-such", headers=cpmo_headers), 404)
    _problem(client.get("/api/v1/programmes/%00bad", headers=cpmo_headers), 404)
    _problem(client.get("/api/v1/portfolios/nope/status", headers=cpmo_headers), 404)
    _problem(client.get("/api/v1/nowhere", headers=cpmo_headers), 404)


def test_a_wrong_method_is_405_with_allow(client, cpmo_headers) -> None:
    response = client.delete("/api/v1/portfolios", headers=cpmo_headers)
    _problem(response, 405)
    assert "GET" in response.headers["Allow"]


@pytest.mark.parametrize(
    "query", ["page=0", "page=abc", "page_size=100000", "stage=flying", "colour=red"]
)
def test_bad_query_parameters_get_422(client, cpmo_headers, query) -> None:
    _problem(client.get(f"/api/v1/programmes?{query}", headers=cpmo_headers), 422)
