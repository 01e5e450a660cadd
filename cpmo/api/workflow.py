"""Lifecycle endpoints: fire events, see the workflow, verify the audit chain, the diagram."""

from typing import Any

from cpmo.api.auth import current_user
from cpmo.api.blueprints import make_blueprint
from cpmo.api.schemas.workflow import (
    AuditVerifyRead,
    DiagramRead,
    EventCreate,
    EventResultRead,
    WorkflowRead,
)
from cpmo.app import governance_limits, request_session
from cpmo.workflows import audit_store, service

blp = make_blueprint("workflow", "/programmes", "The stage-gate lifecycle")
audit_blp = make_blueprint("audit", "/audit", "The tamper-evident audit trail")
diagram_blp = make_blueprint("lifecycle", "/workflow", "The lifecycle declaration")


@blp.post("/<code>/events", body=EventCreate, schema=EventResultRead, errors=(404, 409, 422))
def fire_event(data: dict[str, Any], code: str) -> dict[str, Any]:
    """Fire a lifecycle event decided on `version`. 403: role, self-approval or missing
    endorsement; 409: not possible from this stage, or stale version; 422 with `unmet`:
    gate criteria not met."""
    session = request_session()
    result = service.fire_event(
        session, actor=current_user(), code=code, limits=governance_limits(), **data
    )
    return {
        "programme": code,
        "event": data["event"],
        "stage": result.stage,
        "version": result.version,
        "audit_sequence": result.entry.sequence,
    }


@blp.get("/<code>/workflow", schema=WorkflowRead, errors=(404,))
def get_workflow(code: str) -> dict[str, Any]:
    """Stage, version, the events you may fire now (with unmet criteria) and the history."""
    programme, events, record = service.available_events(
        request_session(), actor=current_user(), code=code, limits=governance_limits()
    )
    return {
        "programme": code,
        "stage": programme.stage,
        "version": programme.version,
        "available_events": events,
        "history": service.history(record),
    }


@audit_blp.get("/verify", schema=AuditVerifyRead)
def verify_audit() -> dict[str, Any]:
    """Recompute the keyed chain and the submitted cases' digests; name the first broken
    entry. `head` is the anchor to keep outside the database (`cpmo audit verify --expect`)."""
    session = request_session()
    result = audit_store.verify(session)
    broken = result.first_break
    head = audit_store.head(session)
    return {
        "ok": result.ok,
        "entries": result.entries,
        "first_broken_sequence": broken.sequence if broken else None,
        "reason": broken.reason if broken else None,
        "unkeyed": result.unkeyed,
        "head": f"{head.sequence}:{head.hash}",
    }


@diagram_blp.get("/diagram", schema=DiagramRead)
def lifecycle_diagram() -> dict[str, str]:
    """The lifecycle drawn from its declaration: mermaid text and an SVG picture."""
    from cpmo.workflows.diagram import to_mermaid, to_svg

    return {"mermaid": to_mermaid(), "svg": to_svg()}
