"""Schemathesis fuzzes every operation of the app's own OpenAPI document, in-process, on a
seeded database, as three roles (CPMO officer, programme manager, oversight member).

It fails on any 5xx and on any response that does not match what the document promises
(status code, content type, headers, body schema). Each operation is driven with valid
(positive) and invalid (negative) data, both with generated path values and with the codes of
seeded records (so that requests get past "unknown programme" to the real work). Bounded for
CI: a fixed number of derandomised examples per operation and mode, no shrinking, so a run
takes about two minutes and a failure reproduces. Every failure of a role's run is collected
and reported together.

(schemathesis' pytest plugin does not work with pytest 9, so each operation's strategy is
driven by hypothesis directly.)
"""

import re
from typing import Any

import hypothesis.strategies as st
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
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
EXAMPLES_PER_MODE = 8
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
# path prefix → seeded values of its path parameters (what a real client would send)
SEEDED = (
    ("/api/v1/portfolios/", {"code": "goj-change"}),
    ("/api/v1/programmes/", {"code": "ttp-cyber", "kind": "obc", "number": 1}),
    ("/api/v1/plans/", {"code": "goj-coo-2020", "number": 1}),
    ("/api/v1/workshops/", {"code": "ttp-prioritisation"}),
)


def _operations(app):  # type: ignore[no-untyped-def]
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


def _seeded_values(operation: Any) -> dict[str, Any] | None:
    names = set(re.findall(r"{(\w+)}", operation.path))
    for prefix, values in SEEDED:
        if operation.full_path.startswith(prefix) and names:
            return {k: v for k, v in values.items() if k in names} or None
    return None


def _strategy(operation: Any, mode: GenerationMode):  # type: ignore[no-untyped-def]
    free = operation.as_strategy(generation_mode=mode)
    seeded = _seeded_values(operation)
    if seeded is None:
        return free
    return st.one_of(free, operation.as_strategy(generation_mode=mode, path_parameters=seeded))


@pytest.mark.parametrize("role", ["cpmo", "programme_manager", "oversight"])
def test_no_operation_errors_or_breaks_its_contract(app, seeded, tokens, role: str) -> None:
    headers = {"Authorization": f"Bearer {tokens[role]}"}
    operations = _operations(app)
    assert len(operations) >= 60
    failures: dict[str, str] = {}
    calls = 0
    for operation in operations:
        for mode in MODES:

            @given(case=_strategy(operation, mode))
            @settings(
                max_examples=EXAMPLES_PER_MODE,
                deadline=None,
                derandomize=True,
                database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            def fuzz(case) -> None:  # type: ignore[no-untyped-def]
                nonlocal calls
                calls += 1
                case.call_and_validate(headers=headers, checks=CHECKS)

            try:
                fuzz()
            except Unsatisfiable:  # no parameters to make invalid: nothing negative to send
                continue
            except (Exception, BaseExceptionGroup) as error:  # schemathesis: a FailureGroup
                failures[f"{operation.label} [{mode.value}]"] = str(error)[:1500]
    print(f"\n{role}: {len(operations)} operations, {calls} calls, {len(failures)} failing")
    assert not failures, "\n\n".join(f"{k}\n{v}" for k, v in failures.items())
