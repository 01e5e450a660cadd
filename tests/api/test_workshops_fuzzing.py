"""Schemathesis on the workshop and prioritisation operations with real workshops behind them.

The whole-API fuzz mostly meets 404s here (random codes name no workshop); this one points every
operation at a draft and at a closed workshop, so the set-up rules, the maths and the solver get
fuzzed too. Nothing may answer 5xx or break the documented contract.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.api.test_fuzzing import CHECKS
from tests.support.workshops import HAND_SCORES, build_workshop

EXAMPLES_PER_OPERATION = 12


@pytest.mark.parametrize("code", ["draft", "hand"])
def test_workshop_operations_keep_their_contract_on_real_workshops(
    app, seeded, tokens, code: str
) -> None:
    build_workshop(seeded, code="hand", status="closed", scores=HAND_SCORES)
    build_workshop(seeded, code="draft")
    headers = {"Authorization": f"Bearer {tokens['cpmo']}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [
        result.ok()
        for result in schema.get_all_operations()
        if "/workshops" in result.ok().path or "/prioritisation" in result.ok().path
    ]
    assert len(operations) >= 25
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
            if "code" in (case.path_parameters or {}):
                case.path_parameters["code"] = code
            case.call_and_validate(headers=headers, checks=CHECKS)

        fuzz()
