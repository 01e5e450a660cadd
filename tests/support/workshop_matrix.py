"""The role matrix's workshop examples and the workshops they need (see test_role_matrix)."""

import io
from collections.abc import Callable
from typing import Any

import pytest

from cpmo.users import service as users
from cpmo.workshops import scenarios
from tests.support.workshops import BASE, build_workshop

ONE_CRITERION = [{"key": "value", "name": "Value", "scale_min": 0, "scale_max": 10}]
X = [{"key": "x", "name": "X", "costs": {"2020": 10}}, {"key": "y", "name": "Y"}]
SCORER_USER = [{"username": "scorer"}]


@pytest.fixture(autouse=True)
def matrix_workshops(request: pytest.FixtureRequest) -> None:
    """Workshops in each state, for the role matrix (only where it sets up its programmes)."""
    if "owned_programme" not in request.fixturenames:
        return
    request.getfixturevalue("tokens")  # the users first, as the matrix test itself asks
    request.getfixturevalue("owned_programme")
    session = request.getfixturevalue("seeded")
    draft = [*X, *({"key": k, "name": k} for k in ("doomed", "dup-a", "dup-b"))]
    build_workshop(
        session, code="matrix-draft", criteria=ONE_CRITERION, candidates=draft, scorers=SCORER_USER
    )
    build_workshop(session, code="matrix-doomed", criteria=[], candidates=[], scorers=[])
    build_workshop(
        session, code="matrix-ready", criteria=ONE_CRITERION, candidates=X, scorers=SCORER_USER
    )
    build_workshop(
        session,
        code="matrix-scoring",
        status="scoring",
        criteria=ONE_CRITERION,
        candidates=X,
        scorers=SCORER_USER,
    )
    build_workshop(
        session,
        code="matrix-closed",
        status="closed",
        criteria=ONE_CRITERION,
        candidates=X,
        scorers=SCORER_USER,
        scores={"scorer": {"x": (7,), "y": (5,)}},
        portfolio="goj-change",
        budgets={"2020": 10},
    )
    cpmo = users.get_or_raise(session, username="cpmo")
    for name in ("s1", "s2"):
        scenarios.save(session, actor=cpmo, code="matrix-closed", name=name)
    session.commit()


def _file(text: str, name: str = "sheet.csv") -> dict[str, Any]:
    return {"file": (io.BytesIO(text.encode()), name)}


def workshop_examples(call: Callable[..., Any]) -> dict[str, Callable[[str], Any]]:
    """endpoint → (role → a request that succeeds for an allowed role); ``call`` makes one."""
    draft, closed, scoring = (
        f"{BASE}/matrix-draft",
        f"{BASE}/matrix-closed",
        f"{BASE}/matrix-scoring",
    )
    select = {
        "candidates": [{"key": "a", "value": 1.5, "costs": {"2020": 1}}],
        "budgets": {"2020": 1},
    }
    return {
        "workshops.list_workshops": lambda role: call(BASE),
        "workshops.create_workshop": lambda role: call(
            BASE, {"code": f"matrix-{role}", "name": "M"}
        ),
        "workshops.get_workshop": lambda role: call(f"{BASE}/ttp-prioritisation"),
        "workshops.update_workshop": lambda role: call(draft, {"description": role}),
        "workshops.delete_workshop": lambda role: call(f"{BASE}/matrix-doomed"),
        "workshops.change_status": lambda role: call(
            f"{BASE}/matrix-ready/status", {"status": "scoring"}
        ),
        "workshops.put_criteria": lambda role: call(
            f"{draft}/criteria", {"criteria": ONE_CRITERION}
        ),
        "workshops.put_weights": lambda role: call(
            f"{draft}/weights", {"method": "direct", "weights": {"value": 2}}
        ),
        "workshops.put_scorers": lambda role: call(f"{draft}/scorers", {"scorers": SCORER_USER}),
        "workshops.add_candidate": lambda role: call(
            f"{draft}/candidates", {"key": f"new-{role}", "name": "N", "costs": {"2020": 1}}
        ),
        "workshops.delete_candidate": lambda role: call(f"{draft}/candidates/doomed"),
        "workshops.merge_candidates": lambda role: call(
            f"{draft}/candidates/merge",
            {"candidates": ["dup-a", "dup-b"], "into": "dup", "name": "D"},
        ),
        "workshops.put_scores": lambda role: call(
            f"{scoring}/scores", {"scores": [{"candidate": "x", "criterion": "value", "value": 3}]}
        ),
        "workshops.list_scores": lambda role: call(f"{closed}/scores"),
        "workshop_results.ranking": lambda role: call(f"{closed}/ranking"),
        "workshop_results.sensitivity": lambda role: call(
            f"{closed}/sensitivity?seed=1&samples=50"
        ),
        "workshop_results.selection": lambda role: call(f"{closed}/selection"),
        "workshop_results.frontier": lambda role: call(f"{closed}/frontier?factor=0.5&factor=1"),
        "workshop_results.save_scenario": lambda role: call(f"{closed}/scenarios", {"name": role}),
        "workshop_results.list_scenarios": lambda role: call(f"{closed}/scenarios"),
        "workshop_results.compare_scenarios": lambda role: call(
            f"{closed}/scenarios/compare?name=s1&name=s2"
        ),
        "workshop_files.import_candidates": lambda role: call(
            f"{draft}/import/candidates", form=_file(f"key,name,2020\nimp-{role},Imported,5\n")
        ),
        "workshop_files.import_scores": lambda role: call(
            f"{scoring}/import/scores",
            form=_file("scorer,candidate,criterion,value\nscorer,y,value,4\n"),
        ),
        "workshop_files.export_ranking_xlsx": lambda role: call(f"{closed}/ranking.xlsx"),
        "workshop_files.export_ranking_csv": lambda role: call(f"{closed}/ranking.csv"),
        "prioritisation.select": lambda role: call("/api/v1/prioritisation/select", select),
        "prioritisation.frontier": lambda role: call(
            "/api/v1/prioritisation/frontier", {**select, "factors": [0.5, 1]}
        ),
        "prioritisation.scores": lambda role: call(
            "/api/v1/prioritisation/scores?portfolio=goj-change"
        ),
    }
