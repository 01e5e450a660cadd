"""Schemathesis fuzzes every operation of the app's own OpenAPI document, in-process.

It fails on any 5xx and on any response that does not match what the document promises
(status code, content type, headers, body schema). Bounded for CI: a fixed number of
derandomised examples per operation, so a failure reproduces.

(schemathesis' pytest plugin does not work with pytest 9, so each operation's strategy is
driven by hypothesis directly.)
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES_PER_OPERATION = 30


def _operations(app):  # type: ignore[no-untyped-def]
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("role", ["cpmo", "programme_manager"])
def test_no_operation_errors_or_breaks_its_contract(app, seeded, tokens, role: str) -> None:
    headers = {"Authorization": f"Bearer {tokens[role]}"}
    operations = _operations(app)
    assert len(operations) >= 8
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def fuzz(case) -> None:  # type: ignore[no-untyped-def]
            case.call_and_validate(headers=headers, checks=CHECKS)

        fuzz()
