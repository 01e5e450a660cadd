"""Who may call what: one declared table, endpoint → roles. Anything not listed is refused.

Object-level rules (a programme manager changes only the programmes they manage; nobody
approves their own submission) live in the services, which know the objects.
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
    "users.list_users": ADMIN,
    "users.create_user": ADMIN,
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
    "workflow.fire_event": EVENT_FIRERS,
    "workflow.get_workflow": ALL,
    "audit.verify_audit": ALL,
    "lifecycle.lifecycle_diagram": ALL,
    "delivery.list_conditions": ALL,
    "delivery.discharge_condition": PROGRAMME_MANAGER,
    "delivery.accept_condition": CPMO,
    "delivery.list_lots": ALL,
    "delivery.record_lot": PROGRAMME_WRITERS,
    "delivery.list_milestones": ALL,
    "delivery.update_milestone": PROGRAMME_WRITERS,
    "delivery.get_benefits_plan": ALL,
    "delivery.put_benefits_plan": PROGRAMME_WRITERS,
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
}


def allowed_roles(endpoint: str) -> frozenset[Role] | None:
    """The roles allowed on ``endpoint``; None for an endpoint nobody declared (refuse)."""
    return POLICY.get(endpoint)


def is_public(endpoint: str | None) -> bool:
    return endpoint in PUBLIC_ENDPOINTS
