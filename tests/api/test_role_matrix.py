"""Every API endpoint × every role: the declared policy is what the API enforces.

A new endpoint must add an example request here, or this test fails: that is deliberate.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from cpmo.api.policy import POLICY, PUBLIC_ENDPOINTS
from cpmo.business_cases import from_obc
from cpmo.business_cases import service as cases
from cpmo.config import GovernanceLimits
from cpmo.delivery.models import BenefitsPlan, Lot
from cpmo.graph.models import GraphEdge
from cpmo.models import Attachment, Benefit, Condition, Milestone, Programme, Risk
from cpmo.plans import owners as plan_owners
from cpmo.portfolios import service as portfolios
from cpmo.portfolios.inputs import ProgrammeCreate
from cpmo.users import service as users
from cpmo.vocabulary import ROLES
from cpmo.workflows import service as workflow
from cpmo.workflows.criteria import VERB_ROLES
from tests.support.cases import complete_case
from tests.support.workshop_matrix import matrix_workshops, workshop_examples  # noqa: F401


@dataclass(frozen=True)
class Call:
    path: str
    json: Any = None
    version_of: str | None = None  # programme whose current version goes into json["version"]
    form: dict[str, Any] | None = None  # multipart form instead of JSON


# ids of the gate records the fixture creates (ids come from sequences on PostgreSQL)
GATES: dict[str, int] = {}
EVENT_BY_ROLE = {"oversight": ("matrix-review", "endorse_obc")}


def _event(role: str) -> Call:
    code, event = EVENT_BY_ROLE.get(role, ("matrix-proposed", "submit_obc"))
    body = {"event": event}
    if event.startswith("endorse_"):  # an endorsement says why
        body["rationale"] = "Endorsed by the oversight group"
    return Call(f"/api/v1/programmes/{code}/events", body, version_of=code)


def _docx_form() -> dict[str, Any]:
    import io

    from docx import Document

    document = Document()
    document.add_heading("Strategic Case", level=1)
    document.add_paragraph("Case for change: the old system is failing.")
    buffer = io.BytesIO()
    document.save(buffer)
    return {"kind": "obc", "file": (io.BytesIO(buffer.getvalue()), "case.docx")}


HR_PLAN = "/api/v1/plans/kcc-hr-2013-14"


def _actuals_form() -> dict[str, Any]:
    import io

    sheet = b"programme,month,amount\nmatrix-owned,2021-04,10\n"
    return {"file": (io.BytesIO(sheet), "actuals.csv")}


def _plan_form(role: str) -> dict[str, Any]:
    import io
    import json

    source = {"source": "role matrix"}
    plan = {
        "kind": "business_plan",
        "plan": {"code": f"matrix-{role}", "title": "P", "organisation": "O", **source},
        "priorities": [{"number": "1", "title": "P1", **source}],
    }
    return {"file": (io.BytesIO(json.dumps(plan).encode()), "plan.json")}


def _cases(code: str) -> str:
    return f"/api/v1/programmes/{code}/business-cases"


OWNED = "/api/v1/programmes/matrix-owned"


# endpoint → (role → a request that succeeds for a role the policy allows)
EXAMPLES: dict[str, Callable[[str], Call]] = {
    "me.whoami": lambda role: Call("/api/v1/me"),
    "search.search": lambda role: Call("/api/v1/search?q=cyber&kind=programmes"),
    "users.list_users": lambda role: Call("/api/v1/users"),
    "users.create_user": lambda role: Call(
        "/api/v1/users", {"username": f"matrix-{role}", "role": "scorer"}
    ),
    "users.disable_user": lambda role: Call("/api/v1/users/scorer/disable"),
    "users.enable_user": lambda role: Call("/api/v1/users/scorer/enable"),
    "users.change_password": lambda role: Call(
        "/api/v1/users/scorer/password", {"password": "a long new password"}
    ),
    "users.change_role": lambda role: Call("/api/v1/users/scorer/role", {"role": "scorer"}),
    "portfolios.list_portfolios": lambda role: Call("/api/v1/portfolios"),
    "portfolios.get_portfolio": lambda role: Call("/api/v1/portfolios/goj-change"),
    "portfolios.portfolio_status": lambda role: Call("/api/v1/portfolios/goj-change/status"),
    "programmes.list_programmes": lambda role: Call("/api/v1/programmes?portfolio=goj-change"),
    "programmes.get_programme": lambda role: Call("/api/v1/programmes/ttp-cyber"),
    "programmes.create_programme": lambda role: Call(
        "/api/v1/programmes", {"code": f"matrix-{role}", "name": "M", "portfolio": "goj-change"}
    ),
    "programmes.update_programme": lambda role: Call(
        "/api/v1/programmes/matrix-owned", {"description": f"edited by {role}"}
    ),
    "graph.read_graph": lambda role: Call("/api/v1/graph?kind=programme&edge_kind=enables"),
    "graph.create_node": lambda role: Call(
        "/api/v1/graph/nodes", {"key": f"benefit:matrix-{role}", "kind": "benefit", "label": "M"}
    ),
    "graph.create_edge": lambda role: Call(
        "/api/v1/graph/edges",
        {
            "source_key": "programme:ttp-edrm",
            "target_key": "programme:ttp-electronic-patient-records",
            "kind": "enables",
        },
    ),
    "graph.delete_edge": lambda role: Call(f"/api/v1/graph/edges/{GRAPH_EDGE['id']}"),
    "graph.impact": lambda role: Call("/api/v1/graph/impact/programme:ttp-cyber"),
    "graph.order": lambda role: Call("/api/v1/graph/order"),
    "graph.critical_path": lambda role: Call("/api/v1/graph/critical-path"),
    "graph.orphans": lambda role: Call("/api/v1/graph/orphans"),
    "graph.enablers": lambda role: Call("/api/v1/graph/enablers?limit=3"),
    "graph.export_graphml": lambda role: Call("/api/v1/graph/export.graphml"),
    "graph.picture": lambda role: Call("/api/v1/graph/picture.svg?focus=programme:ttp-cyber"),
    "business_cases.create_business_case": lambda role: Call(
        _cases("matrix-owned"), {"kind": "obc", "strategic": {"case_for_change": role}}
    ),
    "business_cases.list_business_cases": lambda role: Call(_cases("matrix-owned")),
    "business_cases.get_business_case": lambda role: Call(_cases("matrix-owned") + "/obc/1"),
    "business_cases.update_business_case": lambda role: Call(
        _cases("matrix-owned") + "/obc/1", {"strategic": {"case_for_change": role}, "revision": 1}
    ),
    "business_cases.upload_business_case": lambda role: Call(
        _cases("matrix-owned") + "/upload", form=_docx_form()
    ),
    "business_cases.start_fbc_from_obc": lambda role: Call(_cases("matrix-obc") + "/fbc/from-obc"),
    "business_cases.fbc_changes": lambda role: Call(_cases("matrix-fbc") + "/fbc/1/changes"),
    "workflow.fire_event": _event,
    "workflow.get_workflow": lambda role: Call(f"{OWNED}/workflow"),
    "audit.verify_audit": lambda role: Call("/api/v1/audit/verify"),
    "lifecycle.lifecycle_diagram": lambda role: Call("/api/v1/workflow/diagram"),
    "delivery.list_conditions": lambda role: Call(f"{OWNED}/conditions"),
    "documents.list_documents": lambda role: Call(f"{OWNED}/documents"),
    "documents.document_content": lambda role: Call(
        f"{OWNED}/documents/{GATES['attachment']}/content"
    ),
    "delivery.discharge_condition": lambda role: Call(
        f"{OWNED}/conditions/{GATES['open_condition']}/discharge", {"note": "done"}
    ),
    "delivery.accept_condition": lambda role: Call(
        f"{OWNED}/conditions/{GATES['discharged_condition']}/accept"
    ),
    "delivery.return_condition": lambda role: Call(
        f"{OWNED}/conditions/{GATES['to_return']}/return", {"reason": "no evidence"}
    ),
    "delivery.list_lots": lambda role: Call(f"{OWNED}/lots"),
    "delivery.record_lot": lambda role: Call(
        f"{OWNED}/lots/Software", {"supplier": "S Ltd", "contract_value_gbp": 10}
    ),
    "delivery.list_milestones": lambda role: Call(f"{OWNED}/milestones"),
    "delivery.update_milestone": lambda role: Call(
        f"{OWNED}/milestones/{GATES['milestone']}", {"completed_on": "2021-01-01"}
    ),
    "delivery.list_risks": lambda role: Call(f"{OWNED}/risks"),
    "delivery.rescore_risk": lambda role: Call(
        f"{OWNED}/risks/matrix-r1", {"likelihood": 2, "impact": 3, "rationale": f"by {role}"}
    ),
    "delivery.risk_history": lambda role: Call(f"{OWNED}/risks/matrix-r1/history"),
    "delivery.get_benefits_plan": lambda role: Call(f"{OWNED}/benefits-plan"),
    "delivery.put_benefits_plan": lambda role: Call(
        f"{OWNED}/benefits-plan",
        {
            "benefits": [
                {
                    "title": "B",
                    "owner": "Head of X",
                    "measure": "m",
                    "baseline": "0",
                    "target": "1",
                    "date": "2024-01-01",
                }
            ]
        },
    ),
    "finance.programme_finance": lambda role: Call(f"{OWNED}/finance"),
    "finance.list_actuals": lambda role: Call(f"{OWNED}/actuals"),
    "finance.record_actuals": lambda role: Call(
        f"{OWNED}/actuals", {"entries": [{"month": "2021-04", "amount_gbp": 10}]}
    ),
    "finance.get_forecast": lambda role: Call(f"{OWNED}/forecast"),
    "finance.put_forecast": lambda role: Call(
        f"{OWNED}/forecast", {"years": {"2021": 10}, "rationale": f"set by {role}"}
    ),
    "finance.portfolio_finance": lambda role: Call("/api/v1/portfolios/goj-change/finance"),
    "finance.import_actuals": lambda role: Call(
        "/api/v1/portfolios/goj-change/actuals/import", form=_actuals_form()
    ),
    "finance.programme_benefits": lambda role: Call(f"{OWNED}/benefits"),
    "finance.put_benefit_years": lambda role: Call(
        "/api/v1/benefits/matrix-b1/years", {"planned": {"2024": 5}}
    ),
    "finance.put_not_realised": lambda role: Call(
        "/api/v1/benefits/matrix-b1/not-realised", {"rationale": f"withdrawn ({role})"}
    ),
    "plans.list_plans": lambda role: Call("/api/v1/plans"),
    "plans.get_plan": lambda role: Call(f"{HR_PLAN}"),
    "plans.plan_progress": lambda role: Call(f"{HR_PLAN}/progress?as_of=2013-09-30"),
    "plans.record_action_progress": lambda role: Call(
        f"{HR_PLAN}/actions/5.3/progress", {"status": "on_track", "note": f"by {role}"}
    ),
    "plans.record_milestone_progress": lambda role: Call(
        f"{HR_PLAN}/priorities/2/milestones/A/progress", {"status": "done", "note": role}
    ),
    "plans.import_plan": lambda role: Call("/api/v1/plans/import", form=_plan_form(role)),
    "kpis.list_kpis": lambda role: Call("/api/v1/kpis?plan=kcc-hr-2013-14"),
    "kpis.record_actual": lambda role: Call(
        "/api/v1/kpis/kcc-hr-pi-kent-manager/actuals", {"period": "2013-14 Q4", "value": 100}
    ),
    "risks.list_risks": lambda role: Call("/api/v1/risks?escalated=false"),
    "risks.create_risk": lambda role: Call(
        "/api/v1/risks",
        {"plan": "kcc-hr-2013-14", "code": f"matrix-{role}", "title": "R", "likelihood": 3},
    ),
    "risks.update_risk": lambda role: Call(
        "/api/v1/risks/kcc-hr-risk-1", {"impact": 4, "rationale": f"reassessed by {role}"}
    ),
    "risks.risk_history": lambda role: Call("/api/v1/risks/kcc-hr-risk-1/history"),
    "plans.get_editors": lambda role: Call(f"{HR_PLAN}/editors"),
    "plans.put_editors": lambda role: Call(
        f"{HR_PLAN}/editors", {"owner": None, "editors": ["programme_manager"]}
    ),
}
EXAMPLES.update(workshop_examples(Call))
REPORT_QUERY = "?portfolio=goj-change&as_of=2020-07-01"


def _gmpp_form() -> dict[str, Any]:
    import io
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "data" / "gmpp" / "gmpp_2021_22.csv"
    return {"file": (io.BytesIO(path.read_bytes()), path.name)}


EXAMPLES.update(
    {
        "reports.oversight": lambda role: Call(f"/api/v1/reports/oversight{REPORT_QUERY}"),
        "reports.oversight_html": lambda role: Call(
            f"/api/v1/reports/oversight.html{REPORT_QUERY}"
        ),
        "reports.oversight_pdf": lambda role: Call(f"/api/v1/reports/oversight.pdf{REPORT_QUERY}"),
        "reports.oversight_xlsx": lambda role: Call(
            f"/api/v1/reports/oversight.xlsx{REPORT_QUERY}"
        ),
        "reports.status_csv": lambda role: Call(f"/api/v1/reports/status.csv{REPORT_QUERY}"),
        "reports.create_snapshot": lambda role: Call(
            "/api/v1/reports/snapshots", {"portfolio": "goj-change", "label": f"by {role}"}
        ),
        "reports.list_snapshots": lambda role: Call(
            "/api/v1/reports/snapshots?portfolio=goj-change"
        ),
        "imports.import_gmpp_file": lambda role: Call("/api/v1/imports/gmpp", form=_gmpp_form()),
    }
)
# graph edge ids come from a sequence, so they differ between runs on PostgreSQL
GRAPH_EDGE: dict[str, int] = {}


def api_routes(app) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(endpoint, method) for every API route that needs a token."""
    out = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1") or rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        out += [(rule.endpoint, m) for m in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return sorted(out)


@pytest.fixture
def owned_programme(seeded: Session) -> None:
    """Programmes and gate records every example needs, managed by `programme_manager`."""
    pm = users.get_or_raise(seeded, username="programme_manager")
    for code in ("matrix-owned", "matrix-proposed", "matrix-review"):
        portfolios.create_programme(
            seeded,
            actor=pm,
            programme_in=ProgrammeCreate(code=code, name=code, portfolio="goj-change"),
        )
    content = complete_case("obc")
    content.pop("kind")
    cases.create_version(seeded, actor=pm, code="matrix-owned", kind="obc", content={})
    cases.create_version(seeded, actor=pm, code="matrix-proposed", kind="obc", content=content)
    above = complete_case("obc", cost=9_000_000)  # above the limit: it awaits endorsement
    above.pop("kind")
    cases.create_version(seeded, actor=pm, code="matrix-review", kind="obc", content=above)
    review = seeded.exec(select(Programme).where(Programme.code == "matrix-review")).one()
    workflow.fire_event(
        seeded,
        actor=pm,
        code="matrix-review",
        event="submit_obc",
        version=review.version,
        limits=GovernanceLimits(5_000_000, 0.1),
    )
    cpmo = users.get_or_raise(seeded, username="cpmo")  # the matrix's programme manager edits
    for code in ("matrix-obc", "matrix-fbc"):  # OBC approved: one to start an FBC, one started
        portfolios.create_programme(
            seeded,
            actor=pm,
            programme_in=ProgrammeCreate(code=code, name=code, portfolio="goj-change"),
        )
        cases.create_version(seeded, actor=pm, code=code, kind="obc", content=content)
        for actor, event in ((pm, "submit_obc"), (cpmo, "approve_obc")):
            version = portfolios.get_programme_or_raise(seeded, code=code).version
            workflow.fire_event(
                seeded,
                actor=actor,
                code=code,
                event=event,
                version=version,
                limits=GovernanceLimits(5_000_000, 0.1),
                rationale="Approved for the matrix." if actor is cpmo else None,
            )
    from_obc.start_fbc(seeded, actor=pm, code="matrix-fbc")
    plan_owners.set_owners(  # the HR plan, as the CPMO would let them
        seeded, actor=cpmo, code="kcc-hr-2013-14", owner=None, editors=["programme_manager"]
    )
    owned = seeded.exec(select(Programme).where(Programme.code == "matrix-owned")).one()
    seeded.add(Lot(programme_id=owned.id, name="Software"))
    seeded.add(BenefitsPlan(programme_id=owned.id, benefits=[], updated_by_id=pm.id))
    milestone = Milestone(code="matrix-m1", programme_id=owned.id, title="Go live")
    seeded.add(Risk(code="matrix-r1", programme_id=owned.id, title="Slippage", likelihood=1))
    seeded.add(Benefit(code="matrix-b1", title="Savings", programme_id=owned.id, value_gbp=5))
    open_condition = Condition(
        programme_id=owned.id, gate="obc", text="Open", set_by="cpmo", audit_sequence=1
    )
    discharged = Condition(
        programme_id=owned.id,
        gate="obc",
        text="Done",
        set_by="cpmo",
        audit_sequence=1,
        status="discharged",
    )
    to_return = Condition(
        programme_id=owned.id,
        gate="obc",
        text="Done?",
        set_by="cpmo",
        audit_sequence=1,
        status="discharged",
    )
    document = Attachment(
        programme_id=owned.id,
        supports="programme",
        filename="note.txt",
        media_type="text/plain",
        size_bytes=2,
        sha256="0" * 64,
        content=b"hi",
        uploaded_by="programme_manager",
    )
    seeded.add_all([milestone, open_condition, discharged, to_return, document])
    seeded.flush()
    GATES.update(
        attachment=document.id,
        milestone=milestone.id,
        open_condition=open_condition.id,
        discharged_condition=discharged.id,
        to_return=to_return.id,
    )
    seeded.commit()


@pytest.fixture(autouse=True)
def seeded_graph_edge(request: pytest.FixtureRequest) -> None:
    """Remember a seeded graph edge's id for the delete example (where data is seeded)."""
    if "seeded" in request.fixturenames:
        session = request.getfixturevalue("seeded")
        GRAPH_EDGE["id"] = session.exec(select(func.min(GraphEdge.id))).one()


def test_every_api_route_is_declared_in_the_policy_and_has_an_example(app) -> None:
    routes = {endpoint for endpoint, _ in api_routes(app)}
    assert routes == set(POLICY), "policy table and routes differ"
    assert routes == set(EXAMPLES), "add an example request for each new endpoint"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_2xx_where_allowed_and_403_elsewhere(
    app, client, tokens, owned_programme, role: str
) -> None:
    headers = {"Authorization": f"Bearer {tokens[role]}"}
    for endpoint, method in api_routes(app):
        call = EXAMPLES[endpoint](role)
        body = call.json
        if call.version_of:
            current = client.get(f"/api/v1/programmes/{call.version_of}", headers=headers)
            body = {**body, "version": current.json["version"]}
        if call.form is not None:
            response = client.open(
                call.path,
                method=method,
                data=call.form,
                headers=headers,
                content_type="multipart/form-data",
            )
        else:
            response = client.open(call.path, method=method, json=body, headers=headers)
        if role in POLICY[endpoint]:
            assert 200 <= response.status_code < 300, (endpoint, method, response.json)
        else:
            assert response.status_code == 403, (endpoint, method, response.status_code)
            assert response.mimetype == "application/problem+json"


def test_oversight_is_read_only_except_for_endorsements(app) -> None:
    writes = {e for e, m in api_routes(app) if m != "GET"}
    assert {e for e in writes if "oversight" in POLICY[e]} == {"workflow.fire_event"}
    assert VERB_ROLES["endorse"] == {"oversight"}
    assert all("oversight" not in roles for verb, roles in VERB_ROLES.items() if verb != "endorse")
