"""How one parsed GMPP project maps onto cpmo's rows: codes, programme values, side record.

Pure: no database. SRO names (published from 2024-25) and the raw cells are never carried.
"""

import hashlib
import re
from typing import Any

from cpmo.imports.gmpp import GmppParseResult, GmppProblem, GmppProject
from cpmo.imports.gmpp.build import slug

# Why gate events never apply to an imported project (its stage is the one the year states,
# or none: see cpmo/imports/gmpp/stages.py).
OUTSIDE_GATES = (
    "Imported from the UK GMPP data: its department governs its lifecycle and the published "
    "data reports it, so gate events do not apply here."
)
MAX_CODE = 80
OGL = "Open Government Licence v3.0"


def portfolio_code(year: str) -> str:
    """'gmpp-2021-22' for the 2021-22 data."""
    return f"gmpp-{year}"


def programme_code(year: str, project_id: str) -> str:
    """'gmpp-2122-mod_0135_2122-q1': the year, then the published id as a code (≤ 80)."""
    prefix = f"gmpp-{year[2:4]}{year[5:7]}-"
    body = re.sub(r"[^a-z0-9._-]+", "-", project_id.lower()).strip("-._") or "project"
    code = prefix + body
    if len(code) > MAX_CODE:
        digest = hashlib.sha1(project_id.encode()).hexdigest()[:8]
        code = f"{code[: MAX_CODE - 9].rstrip('-._')}-{digest}"
    return code


def department_code(department: str) -> str:
    """'uk-mod' for MOD; 'uk-defra-dft' for 'DEFRA & DFT'."""
    return f"uk-{slug(department) or 'not-stated'}"


def where(problem: GmppProblem, transposed: bool) -> str:
    """'row 12, column 'Project Name'' (or, transposed, 'column 12, field …')."""
    if problem.column == "(file)":
        return f"line {problem.row}"
    if transposed:
        return f"column {problem.row}, field {problem.column!r}"
    return f"row {problem.row}, column {problem.column!r}"


def describe(problem: GmppProblem, transposed: bool) -> str:
    value = f" (value {problem.value[:80]!r})" if problem.value else ""
    return f"{where(problem, transposed)}: {problem.message}{value}"


def programme_values(
    project: GmppProject, result: GmppParseResult, portfolio_id: int, department_id: int
) -> dict[str, Any]:
    """The programme columns for one project."""
    place = f"column {project.row}" if result.transposed else f"row {project.row}"
    return {
        "name": project.name[:300],
        "portfolio_id": portfolio_id,
        "department_id": department_id,
        "description": project.description,
        "stage": project.stage,
        "outside_gates": OUTSIDE_GATES,
        "rag": project.rag,
        "rag_reason": project.rag_reason[:500] if project.rag_reason else None,
        "whole_life_cost_gbp": project.whole_life_cost_gbp,
        "planned_start": project.start_date,
        "planned_end": project.end_date,
        "source": f"{result.filename} {place} (UK GMPP data {result.year}; {OGL})",
        "illustrative": False,
    }


def record_values(project: GmppProject, import_id: int) -> dict[str, Any]:
    """The gmpp_record columns for one project (no personal names, no raw cells)."""
    return {
        "import_id": import_id,
        "project_id": project.project_id[:100],
        "project_id_published": project.project_id_published,
        "source_row": project.row,
        "category": project.category[:300] if project.category else None,
        "rag_basis": project.rag_basis,
        "ipa_rating_raw": project.ipa_rating_raw,
        "sro_rating_raw": project.sro_rating_raw,
        "whole_life_cost_withheld": project.whole_life_cost_withheld,
        "whole_life_cost_reason": project.whole_life_cost_reason,
        "whole_life_cost_range": list(project.whole_life_cost_range)
        if project.whole_life_cost_range
        else None,
        "budget_gbp": project.budget_gbp,
        "budget_withheld": project.budget_withheld,
        "budget_reason": project.budget_reason,
        "budget_forecast_gbp": project.budget_forecast_gbp,
        "budget_forecast_withheld": project.budget_forecast_withheld,
        "budget_forecast_reason": project.budget_forecast_reason,
        "whole_life_cost_gbp": project.whole_life_cost_gbp,
        "stage_raw": project.stage_raw,
        "benefits_gbp": project.benefits_gbp,
        "benefits_withheld": project.benefits_withheld,
        "benefits_range": list(project.benefits_range) if project.benefits_range else None,
        "benefits_reason": project.benefits_reason,
        "start_date_raw": project.start_date_raw,
        "start_date_reason": project.start_date_reason,
        "end_date_raw": project.end_date_raw,
        "end_date_reason": project.end_date_reason,
    }
