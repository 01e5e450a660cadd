"""Business plan endpoints: plans and their trees, progress as of a date, progress notes, and
plan file imports."""

from typing import Any

from cpmo.api.auth import current_user
from cpmo.api.blueprints import make_blueprint
from cpmo.api.schemas.plan_progress import (
    PlanProgressCreate,
    PlanProgressQuery,
    PlanProgressRead,
    PlanProgressResult,
)
from cpmo.api.schemas.plan_registers import PlanEditorsPut, PlanEditorsRead
from cpmo.api.schemas.plans import PlanImportForm, PlanImportRead, PlanRead, PlanSummary
from cpmo.api.uploads import required_file
from cpmo.app import request_session
from cpmo.db import utcnow
from cpmo.plans import notes, owners, service
from cpmo.plans.importer import read_plan
from cpmo.plans.store import store_plan
from cpmo.plans.tree import plan_tree

blp = make_blueprint("plans", "/plans", "Business plans: priorities, actions, milestones, progress")


@blp.get("", schema=PlanSummary(many=True))
def list_plans() -> list[dict[str, Any]]:
    """Every business plan, with how many priorities, actions and milestones it holds."""
    return [
        {**plan.model_dump(), "department": department, "counts": counts}
        for plan, department, counts in service.list_plans(request_session())
    ]


@blp.get("/<code>", schema=PlanRead, errors=(404,))
def get_plan(code: str) -> dict[str, Any]:
    """The whole plan: priorities → actions (sub-actions name their parent) → milestones, with
    links; KPIs with RAG; risks with scores; continuity; elements; other statements."""
    return plan_tree(request_session(), code=code)


@blp.get("/<code>/editors", schema=PlanEditorsRead, errors=(404,))
def get_editors(code: str) -> dict[str, Any]:
    """Who may write to the plan besides CPMO officers: its owner (the responsible officer's
    account) and its editors. A plan with neither is written by CPMO officers only."""
    session = request_session()
    return owners.owners_view(session, plan=service.get_plan_or_raise(session, code=code))


@blp.put("/<code>/editors", body=PlanEditorsPut, schema=PlanEditorsRead, errors=(404, 422))
def put_editors(data: dict[str, Any], code: str) -> dict[str, Any]:
    """Set the plan's owner and editors (active programme managers; CPMO only; audited as
    plan:<code>). They, and CPMO officers, record its progress, KPI actuals and risks."""
    return owners.set_owners(
        request_session(),
        actor=current_user(),
        code=code,
        owner=data["owner"],
        editors=data["editors"],
    )


@blp.get("/<code>/progress", query=PlanProgressQuery, schema=PlanProgressRead, errors=(404,))
def plan_progress(args: dict[str, Any], code: str) -> dict[str, Any]:
    """As of a date: actions and milestones overdue (end date passed, not done), due in the
    next quarter (by three months after the date), and undated (their stated date names no
    date, e.g. "Ongoing"), with counts by status."""
    as_of = args.get("as_of") or utcnow().date()
    report = service.plan_progress(request_session(), code=code, as_of=as_of)
    return {"plan": code, **report.__dict__}


def _note(data: dict[str, Any]) -> notes.ProgressNote:
    return notes.ProgressNote(
        status=data["status"],
        note=data["note"],
        as_of=data.get("as_of") or utcnow().date(),
        percent_complete=data.get("percent_complete"),
    )


def _result(code: str, kind: str, key: str, item: Any, due: str) -> dict[str, Any]:
    return {
        "plan": code,
        "kind": kind,
        "key": key,
        "title": item.title,
        "due": getattr(item, f"{due}_date"),
        "due_text": getattr(item, f"{due}_text"),
        "status": item.status,
        "percent_complete": item.percent_complete,
        "status_as_of": item.status_as_of,
    }


# a progress note on an action or a milestone: the same body, result and refusals
RECORDS_PROGRESS: dict[str, Any] = {
    "body": PlanProgressCreate,
    "status": 201,
    "schema": PlanProgressResult,
    "errors": (403, 404, 422),
}


@blp.post("/<code>/actions/<number>/progress", **RECORDS_PROGRESS)
def record_action_progress(data: dict[str, Any], code: str, number: str) -> dict[str, Any]:
    """Record a dated progress note on an action: status (not_started, on_track, at_risk, late,
    done), percent complete, note. The latest-dated note sets the action's status. The plan's
    owner, editors or CPMO only."""
    session = request_session()
    action = notes.record_action_progress(
        session, actor=current_user(), code=code, number=number, update=_note(data)
    )
    return _result(code, "action", number, action, "end")


@blp.post("/<code>/priorities/<priority>/milestones/<letter>/progress", **RECORDS_PROGRESS)
def record_milestone_progress(
    data: dict[str, Any], code: str, priority: str, letter: str
) -> dict[str, Any]:
    """Record a dated progress note on a milestone (milestones are lettered per priority)."""
    session = request_session()
    milestone = notes.record_milestone_progress(
        session,
        actor=current_user(),
        code=code,
        priority=priority,
        letter=letter,
        update=_note(data),
    )
    return _result(code, "milestone", f"{priority}/{letter}", milestone, "due")


@blp.post("/import", form=PlanImportForm, status=201, schema=PlanImportRead, errors=(413, 415, 422))
def import_plan(data: dict[str, Any]) -> Any:
    """Import a plan file (multipart field `file`: .yaml, .json or .xlsx, in the shape of
    seeds/plans). Creates the plan or updates it by natural keys; never overwrites recorded
    progress, actuals or risk assessments. 422 names each problem's list, row and field."""
    upload = required_file("file", what="the plan", expected="a .yaml, .json or .xlsx file")
    document = read_plan(upload.read(), name=upload.filename, fmt=data.get("format"))
    session = request_session()
    counts = store_plan(session, document)
    return {"plan": document.data["plan"]["code"], "counts": counts}
