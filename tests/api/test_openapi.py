import re

from openapi_spec_validator import validate


def test_the_openapi_document_is_valid_and_documents_errors(client) -> None:
    spec = client.get("/api/v1/openapi.json").json
    validate(spec)
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            responses = operation["responses"]
            assert any(code.startswith("2") for code in responses), (path, method)
            if path != "/api/v1/health":
                assert {"401", "403"} <= set(responses), (path, method)
    problem = spec["components"]["responses"]["UNAUTHORIZED"]["content"]
    assert "application/problem+json" in problem


def test_the_health_operation_needs_no_security(client) -> None:
    spec = client.get("/api/v1/openapi.json").json
    assert spec["paths"]["/api/v1/health"]["get"]["security"] == []
    assert spec["security"] == [{"bearerAuth": []}]


def test_the_docs_page_loads_all_its_assets_locally(client) -> None:
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert not re.search(r"(src|href)=\"https?://", html), "docs page must not use a CDN"
    assets = re.findall(r"(?:src|href)=\"(/api/v1/docs/assets/[^\"]+)\"", html)
    assert len(assets) >= 3
    for asset in assets:
        with client.get(asset) as response:
            assert response.status_code == 200 and len(response.data) > 1000, asset
