"""Services take typed inputs, never a loose ``data: dict``; each API body schema loads into
its input's fields, and an update tells "not sent" from "set to None"."""

import ast
from dataclasses import fields
from pathlib import Path

import pytest

from cpmo.api.schemas import plan_registers, programmes, workshops
from cpmo.plans.inputs import RiskCreate, RiskUpdate
from cpmo.portfolios.inputs import ProgrammeCreate, ProgrammeUpdate
from cpmo.unset import UNSET
from cpmo.workshops.inputs import CandidateCreate, WorkshopCreate, WorkshopUpdate

PACKAGE = Path(__file__).resolve().parents[2] / "cpmo"
EDGE = ("api", "web", "migrations")
LOOSE = ("dict", "dict[str, Any]", "Mapping[str, Any]", "dict[str, object]")


def _loose_data_parameters(tree: ast.Module) -> list[str]:
    """Public module-level services (first parameter ``session``, keyword-only arguments)
    with a parameter ``data`` annotated as a loose mapping."""
    found = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        args = node.args
        positional = args.posonlyargs + args.args
        if node.name.startswith("_") or not positional or positional[0].arg != "session":
            continue
        if not args.kwonlyargs:
            continue
        for arg in positional + args.kwonlyargs:
            annotation = ast.unparse(arg.annotation) if arg.annotation else None
            if arg.arg == "data" and annotation in LOOSE:
                found.append(f"{node.name}({arg.arg}: {annotation})")
    return found


def test_no_service_outside_the_http_edge_takes_a_loose_data_dict() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).parts[0] in EDGE:
            continue
        for found in _loose_data_parameters(ast.parse(path.read_text(encoding="utf-8"))):
            offenders.append(f"{path.relative_to(PACKAGE.parent)}: {found}")
    assert offenders == []


def test_the_scan_finds_a_service_that_takes_a_loose_data_dict() -> None:
    tree = ast.parse(
        "def create(session, *, actor, data: dict[str, Any]): ...\n"
        "def update(session, *, code: str, data: dict): ...\n"
        "def _helper(session, *, data: dict[str, Any]): ...\n"
        "def resolve(session, data: dict[str, Any]): ...\n"
    )
    assert _loose_data_parameters(tree) == [
        "create(data: dict[str, Any])",
        "update(data: dict)",
    ]


@pytest.mark.parametrize(
    ("schema", "made"),
    [
        (programmes.ProgrammeCreate, ProgrammeCreate),
        (programmes.ProgrammeUpdate, ProgrammeUpdate),
        (plan_registers.PlanRiskCreate, RiskCreate),
        (plan_registers.PlanRiskUpdate, RiskUpdate),
        (workshops.WorkshopCreate, WorkshopCreate),
        (workshops.WorkshopUpdate, WorkshopUpdate),
        (workshops.CandidateSpec, CandidateCreate),
    ],
)
def test_each_body_schema_loads_into_exactly_its_inputs_fields(schema, made) -> None:
    assert set(schema().fields) == {f.name for f in fields(made)}


def test_an_update_gives_only_the_fields_that_were_sent() -> None:
    edit = ProgrammeUpdate(version=3, rationale="why", planned_end=None, rag="red")
    assert edit.changes() == {"rag": "red", "planned_end": None}
    assert ProgrammeUpdate().version is UNSET
    assert RiskUpdate(impact=None, rationale="r").changes() == {"impact": None}
    assert WorkshopUpdate(description=None).changes() == {"description": None}


def test_a_loaded_workshop_body_carries_typed_candidates() -> None:
    body = workshops.WorkshopCreate().load(
        {"code": "w", "name": "W", "candidates": [{"key": "a", "name": "A"}]}
    )
    made = workshops.workshop_create(body)
    assert made.candidates == [CandidateCreate(key="a", name="A")]
    bare = workshops.workshop_create(workshops.WorkshopCreate().load({"code": "w", "name": "W"}))
    assert bare.candidates == [] and bare.criteria == ()


def test_created_programmes_default_as_the_table_does() -> None:
    from cpmo.portfolios.models import Programme

    assert ProgrammeCreate(code="c", name="n", portfolio="p").rag == Programme().rag
