"""Inputs that used to reach a 500 are refused as 4xx problem+json (issue 14, item 13)."""

import ast
from pathlib import Path

import pytest

from cpmo.api.problems import ProblemSchema

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def cpmo_headers(seeded, auth):  # type: ignore[no-untyped-def]
    return auth("cpmo")


def _problem(response, *statuses: int) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code in statuses, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/problem+json"
    body = response.json
    assert body["status"] == response.status_code and body["title"] and body.get("detail")
    return body


def _post_json(client, path: str, text: str, headers):  # type: ignore[no-untyped-def]
    return client.post(path, data=text, headers=headers, content_type="application/json")


def test_json_nested_a_hundred_thousand_deep_is_a_400(client, cpmo_headers) -> None:
    body = "[" * 100_000 + "]" * 100_000
    _problem(_post_json(client, "/api/v1/programmes", body, cpmo_headers), 400)


def test_objects_nested_inside_a_field_are_refused_too(client, cpmo_headers) -> None:
    deep = '{"a":' * 5_000 + "1" + "}" * 5_000
    body = '{"code": "deep", "name": "D", "portfolio": "goj-change", "description": ' + deep + "}"
    _problem(_post_json(client, "/api/v1/programmes", body, cpmo_headers), 400)


def test_brackets_inside_strings_do_not_count_as_nesting(client, cpmo_headers) -> None:
    body = '{"code": "brackets", "name": "' + "[{" * 100 + '", "portfolio": "goj-change"}'
    response = _post_json(client, "/api/v1/programmes", body, cpmo_headers)
    assert response.status_code == 201, response.get_data(as_text=True)


def test_an_integer_of_4300_digits_is_refused(client, cpmo_headers) -> None:
    body = (
        '{"code": "huge", "name": "H", "portfolio": "goj-change", "whole_life_cost_gbp": '
        + "9" * 4_301
        + "}"
    )
    _problem(_post_json(client, "/api/v1/programmes", body, cpmo_headers), 400, 422)


def test_a_huge_integer_in_a_query_string_is_refused(client, cpmo_headers) -> None:
    response = client.get(f"/api/v1/programmes?page={'9' * 5_000}", headers=cpmo_headers)
    _problem(response, 400, 422)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/programmes/ttp-cyber/conditions/659145630562620348039168/accept",
        "/api/v1/programmes/ttp-cyber/conditions/9223372036854775808/discharge",
        "/api/v1/programmes/ttp-cyber/conditions/2147483648/accept",
        f"/api/v1/programmes/ttp-cyber/conditions/{'9' * 5_000}/accept",
    ],
)
def test_a_path_id_beyond_the_column_range_is_a_404(client, cpmo_headers, path: str) -> None:
    _problem(client.post(path, json={"note": "done"}, headers=cpmo_headers), 404)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/programmes/ttp-cyber/business-cases/obc/2147483648",
        "/api/v1/graph/edges/9223372036854775808",
    ],
)
def test_other_integer_routes_are_bounded(client, cpmo_headers, path: str) -> None:
    method = client.delete if "/edges/" in path else client.get
    _problem(method(path, headers=cpmo_headers), 404)


def test_the_openapi_document_gives_integer_path_parameters_their_bounds(client) -> None:
    spec = client.get("/api/v1/openapi.json").json
    bounds = [
        param["schema"]
        for item in spec["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict)
        for param in operation.get("parameters", [])
        if param.get("in") == "path" and param["schema"].get("type") == "integer"
    ] + [
        param["schema"]
        for item in spec["paths"].values()
        for param in item.get("parameters", [])
        if param.get("in") == "path" and param["schema"].get("type") == "integer"
    ]
    assert bounds
    assert all(b.get("maximum") == 2**31 - 1 for b in bounds), bounds


def test_every_integer_input_field_is_bounded(client) -> None:
    """Every integer a client sends (query or body) has a documented maximum that fits."""
    spec = client.get("/api/v1/openapi.json").json
    unbounded = []

    def walk(schema: dict, where: str) -> None:
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            if name in seen:
                return
            seen.add(name)
            walk(spec["components"]["schemas"][name], name)
            return
        if schema.get("type") == "integer" and "maximum" not in schema:
            unbounded.append(where)
        for key, inner in (schema.get("properties") or {}).items():
            walk(inner, f"{where}.{key}")
        for key in ("items", "additionalProperties"):
            if isinstance(schema.get(key), dict):
                walk(schema[key], f"{where}[]")
        for key in ("allOf", "anyOf", "oneOf"):
            for inner in schema.get(key, []):
                walk(inner, where)

    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if not isinstance(operation, dict):
                continue
            seen: set[str] = set()
            for param in operation.get("parameters", []):
                walk(param.get("schema", {}), f"{method} {path} {param['name']}")
            content = (operation.get("requestBody") or {}).get("content", {})
            for media in content.values():
                walk(media.get("schema", {}), f"{method} {path} body")
    assert not unbounded, unbounded


# -- the problem schema documents every field a problem body carries -----------------------


def _problem_fields() -> set[str]:
    return set(ProblemSchema().fields)


def test_a_409_stale_version_body_matches_the_documented_problem_schema(
    client, cpmo_headers
) -> None:
    response = client.patch(
        "/api/v1/programmes/ttp-cyber",
        json={"version": 999, "name": "Renamed"},
        headers=cpmo_headers,
    )
    body = _problem(response, 409)
    assert "current_version" in body
    assert set(body) <= _problem_fields(), set(body) - _problem_fields()
    spec = client.get("/api/v1/openapi.json").json
    documented = spec["components"]["schemas"]["Problem"]["properties"]
    assert "current_version" in documented


def _domain_error_names() -> set[str]:
    import importlib
    import inspect
    import pkgutil

    import cpmo
    from cpmo.errors import DomainError

    names = set()
    for module in pkgutil.walk_packages(cpmo.__path__, "cpmo."):
        if module.name.endswith("__main__"):
            continue  # running it would start the CLI
        try:
            loaded = importlib.import_module(module.name)
        except ImportError:  # an optional extra not installed
            continue
        for name, value in vars(loaded).items():
            if inspect.isclass(value) and issubclass(value, DomainError):
                names.add(name)
    return names


def test_every_extension_a_domain_error_carries_is_documented() -> None:
    """Scan the source: every keyword given to a domain error is a ProblemSchema field."""
    names = _domain_error_names()
    undocumented: dict[str, str] = {}
    for path in (REPO / "cpmo").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if called not in names:
                continue
            for keyword in node.keywords:
                if keyword.arg and keyword.arg not in _problem_fields():
                    undocumented[keyword.arg] = f"{path.relative_to(REPO)}:{node.lineno}"
    assert not undocumented, undocumented


# -- dates and empty edits ------------------------------------------------------------------


def test_a_programme_ending_before_it_starts_is_refused(client, cpmo_headers) -> None:
    body = {
        "code": "backwards",
        "name": "Backwards",
        "portfolio": "goj-change",
        "planned_start": "2025-06-01",
        "planned_end": "2025-01-01",
    }
    problem = _problem(client.post("/api/v1/programmes", json=body, headers=cpmo_headers), 422)
    assert "planned_end" in problem["errors"]


def test_an_edit_moving_the_end_before_the_stored_start_is_refused(client, cpmo_headers) -> None:
    current = client.get("/api/v1/programmes/ttp-cyber", headers=cpmo_headers).json
    response = client.patch(
        "/api/v1/programmes/ttp-cyber",
        json={"version": current["version"], "planned_start": "2030-01-01"},
        headers=cpmo_headers,
    )
    assert response.status_code == 200, response.json
    response = client.patch(
        "/api/v1/programmes/ttp-cyber",
        json={"version": response.json["version"], "planned_end": "2029-12-31"},
        headers=cpmo_headers,
    )
    problem = _problem(response, 422)
    assert "planned_end" in problem["errors"]


def test_a_graph_programme_node_ending_before_it_starts_is_refused(client, cpmo_headers) -> None:
    body = {
        "key": "programme:backwards",
        "kind": "programme",
        "label": "Backwards",
        "planned_start": "2025-06-01",
        "planned_end": "2025-01-01",
    }
    response = client.post("/api/v1/graph/nodes", json=body, headers=cpmo_headers)
    problem = _problem(response, 422)
    assert "planned_end" in problem["errors"]


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/programmes/ttp-cyber", {}),
        ("/api/v1/programmes/ttp-cyber", {"version": 1}),
        ("/api/v1/programmes/ttp-cyber", None),
    ],
)
def test_a_patch_with_nothing_to_change_is_a_422(client, cpmo_headers, path, body) -> None:
    if body is None:
        response = client.patch(path, headers=cpmo_headers)
    else:
        response = client.patch(path, json=body, headers=cpmo_headers)
    problem = _problem(response, 422)
    assert "Nothing to change" in problem["detail"]


def test_every_patch_endpoint_refuses_an_empty_body(app) -> None:
    """Each PATCH schema refuses {} (so a new PATCH endpoint cannot forget it)."""
    from marshmallow import ValidationError

    spec = app.test_client().get("/api/v1/openapi.json").json
    patches = [(path, item["patch"]) for path, item in spec["paths"].items() if "patch" in item]
    assert patches
    refs = {}
    for path, operation in patches:
        ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        refs[path] = ref.rsplit("/", 1)[-1]
    for path, name in refs.items():
        schema_class = _schema_class(name)
        with pytest.raises(ValidationError) as raised:
            schema_class().load({})
        assert raised.value.messages, path


def _schema_class(component: str):  # type: ignore[no-untyped-def]
    import importlib
    import pkgutil

    from cpmo.api import schemas

    for module in pkgutil.iter_modules(schemas.__path__, "cpmo.api.schemas."):
        loaded = importlib.import_module(module.name)
        for suffix in ("", "Schema"):
            found = getattr(loaded, component + suffix, None)
            if found is not None:
                return found
    raise AssertionError(f"no schema class for {component}")
