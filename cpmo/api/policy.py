"""Who may call what: one declared table, endpoint → roles. Anything not listed is refused.

Object-level rules (a programme manager changes only the programmes they manage, and writes
only to the plans they own or edit; nobody approves their own submission) live in the
services, which know the objects.
"""

from cpmo.vocabulary import Role

ALL = frozenset(Role)
PUBLIC = frozenset[Role]()  # marker: no authentication at all
CPMO = frozenset({Role.CPMO})
ADMIN = frozenset({Role.ADMIN})
PROGRAMME_WRITERS = frozenset({Role.PROGRAMME_MANAGER, Role.CPMO})
PROGRAMME_MANAGER = frozenset({Role.PROGRAMME_MANAGER})
# lifecycle events: which role fires which event is checked per verb in
# cpmo.workflows.criteria.VERB_ROLES (oversight may only endorse)
EVENT_FIRERS = frozenset({Role.PROGRAMME_MANAGER, Role.CPMO, Role.OVERSIGHT})
# prioritisation: facilitators and CPMO run workshops; scorers score (only in workshops that
# list them); who sees scores and results when is decided in cpmo.workshops.access.
# The stateless solver is open to every role except oversight, which only reads (it is a POST).
WORKSHOP_RUNNERS = frozenset({Role.FACILITATOR, Role.CPMO})
SCORER = frozenset({Role.SCORER})
SOLVERS = ALL - {Role.OVERSIGHT}

PUBLIC_ENDPOINTS = frozenset(
    {
        "health.health",
        "api-docs.openapi_json",
        "api-docs.openapi_swagger_ui",
        "api_assets.swagger_asset",
    }
)

POLICY: dict[str, frozenset[Role]] = {
    "me.whoami": ALL,
    "search.search": ALL,
    "users.list_users": ADMIN,
    "users.create_user": ADMIN,
    "users.disable_user": ADMIN,
    "users.enable_user": ADMIN,
    "users.change_password": ADMIN,
    "users.change_role": ADMIN,
    "portfolios.list_portfolios": ALL,
    "portfolios.get_portfolio": ALL,
    "portfolios.portfolio_status": ALL,
    "programmes.list_programmes": ALL,
    "programmes.get_programme": ALL,
    "programmes.create_programme": PROGRAMME_WRITERS,
    "programmes.update_programme": PROGRAMME_WRITERS,
    "business_cases.create_business_case": PROGRAMME_WRITERS,
    "business_cases.list_business_cases": ALL,
    "business_cases.get_business_case": ALL,
    "business_cases.update_business_case": PROGRAMME_WRITERS,
    "business_cases.upload_business_case": PROGRAMME_WRITERS,
    "business_cases.start_fbc_from_obc": PROGRAMME_WRITERS,
    "business_cases.fbc_changes": ALL,
    "workflow.fire_event": EVENT_FIRERS,
    "workflow.get_workflow": ALL,
    "audit.verify_audit": ALL,
    "lifecycle.lifecycle_diagram": ALL,
    "delivery.list_conditions": ALL,
    "documents.list_documents": ALL,
    "documents.document_content": ALL,
    "delivery.discharge_condition": PROGRAMME_MANAGER,
    "delivery.accept_condition": CPMO,
    "delivery.return_condition": CPMO,
    "delivery.list_lots": ALL,
    "delivery.record_lot": PROGRAMME_WRITERS,
    "delivery.list_milestones": ALL,
    "delivery.update_milestone": PROGRAMME_WRITERS,
    "delivery.get_benefits_plan": ALL,
    "delivery.put_benefits_plan": PROGRAMME_WRITERS,
    "delivery.list_risks": ALL,
    "delivery.rescore_risk": PROGRAMME_WRITERS,
    "delivery.risk_history": ALL,
    "finance.programme_finance": ALL,
    "finance.list_actuals": ALL,
    "finance.record_actuals": PROGRAMME_WRITERS,
    "finance.get_forecast": ALL,
    "finance.put_forecast": PROGRAMME_WRITERS,
    "finance.portfolio_finance": ALL,
    "finance.import_actuals": PROGRAMME_WRITERS,
    "finance.programme_benefits": ALL,
    "finance.put_benefit_years": PROGRAMME_WRITERS,
    "finance.put_not_realised": PROGRAMME_WRITERS,
    "graph.read_graph": ALL,
    "graph.create_node": CPMO,
    "graph.create_edge": CPMO,
    "graph.delete_edge": CPMO,
    "graph.impact": ALL,
    "graph.order": ALL,
    "graph.critical_path": ALL,
    "graph.orphans": ALL,
    "graph.enablers": ALL,
    "graph.export_graphml": ALL,
    "graph.picture": ALL,
    "reports.oversight": ALL,
    "reports.oversight_html": ALL,
    "reports.oversight_pdf": ALL,
    "reports.oversight_xlsx": ALL,
    "reports.status_csv": ALL,
    "reports.create_snapshot": CPMO,
    "reports.list_snapshots": ALL,
    "imports.import_gmpp_file": CPMO,
    "plans.list_plans": ALL,
    "plans.get_plan": ALL,
    "plans.plan_progress": ALL,
    "plans.record_action_progress": PROGRAMME_WRITERS,
    "plans.record_milestone_progress": PROGRAMME_WRITERS,
    "plans.import_plan": CPMO,
    "plans.get_editors": ALL,
    "plans.put_editors": CPMO,
    "kpis.list_kpis": ALL,
    "kpis.record_actual": PROGRAMME_WRITERS,
    "risks.list_risks": ALL,
    "risks.create_risk": PROGRAMME_WRITERS,
    "risks.update_risk": PROGRAMME_WRITERS,
    "risks.risk_history": ALL,
    "workshops.list_workshops": ALL,
    "workshops.create_workshop": WORKSHOP_RUNNERS,
    "workshops.get_workshop": ALL,
    "workshops.update_workshop": WORKSHOP_RUNNERS,
    "workshops.delete_workshop": WORKSHOP_RUNNERS,
    "workshops.change_status": WORKSHOP_RUNNERS,
    "workshops.put_criteria": WORKSHOP_RUNNERS,
    "workshops.put_weights": WORKSHOP_RUNNERS,
    "workshops.put_scorers": WORKSHOP_RUNNERS,
    "workshops.add_candidate": WORKSHOP_RUNNERS,
    "workshops.delete_candidate": WORKSHOP_RUNNERS,
    "workshops.merge_candidates": WORKSHOP_RUNNERS,
    "workshops.put_scores": SCORER,
    "workshops.list_scores": ALL,
    "workshop_results.ranking": ALL,
    "workshop_results.sensitivity": ALL,
    "workshop_results.selection": ALL,
    "workshop_results.frontier": ALL,
    "workshop_results.save_scenario": WORKSHOP_RUNNERS,
    "workshop_results.list_scenarios": ALL,
    "workshop_results.compare_scenarios": ALL,
    "workshop_files.import_candidates": WORKSHOP_RUNNERS,
    "workshop_files.import_scores": SCORER,
    "workshop_files.export_ranking_xlsx": ALL,
    "workshop_files.export_ranking_csv": ALL,
    "prioritisation.select": SOLVERS,
    "prioritisation.frontier": SOLVERS,
    "prioritisation.scores": ALL,
}


def allowed_roles(endpoint: str) -> frozenset[Role] | None:
    """The roles allowed on ``endpoint``; None for an endpoint nobody declared (refuse)."""
    return POLICY.get(endpoint)


def is_public(endpoint: str | None) -> bool:
    return endpoint in PUBLIC_ENDPOINTS
