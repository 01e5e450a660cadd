"""Which roles may open which page: one declared table, page endpoint → roles.

Anything not listed is refused (403). Object rules (the manager of this programme, nobody
approves their own submission, endorsement before approval) stay in the services.
"""

from cpmo.vocabulary import Role

ALL = frozenset(Role)
CPMO = frozenset({Role.CPMO})
OVERSIGHT = frozenset({Role.OVERSIGHT})
PROGRAMME_WRITERS = frozenset({Role.PROGRAMME_MANAGER, Role.CPMO})
EVENT_FIRERS = frozenset({Role.PROGRAMME_MANAGER, Role.CPMO, Role.OVERSIGHT})
# facilitators and CPMO officers run workshops (cpmo.workshops.access.RUNNERS)
WORKSHOP_RUNNERS = frozenset({Role.FACILITATOR, Role.CPMO})
SCORER = frozenset({Role.SCORER})
ADMIN = frozenset({Role.ADMIN})

PUBLIC_PAGES = frozenset({"web.sign_in", "web.static"})

# pages whose form carries a document: their body may reach CPMO_MAX_ATTACHMENT_BYTES
DOCUMENT_UPLOADS = frozenset({"web.add_document", "web.discharge_condition"})

PAGE_POLICY: dict[str, frozenset[Role]] = {
    "web.sign_out": ALL,
    "web.my_work": ALL,
    "web.dashboard": ALL,
    "web.search": ALL,
    "web.programme": ALL,
    "web.programme_graph": ALL,
    "web.record_actuals": PROGRAMME_WRITERS,
    "web.set_forecast": PROGRAMME_WRITERS,
    "web.record_benefit_years": PROGRAMME_WRITERS,
    "web.declare_not_realised": PROGRAMME_WRITERS,
    "web.discharge_condition": frozenset({Role.PROGRAMME_MANAGER}),
    "web.accept_condition": CPMO,
    "web.add_document": PROGRAMME_WRITERS,
    "web.document": ALL,
    "web.return_condition": CPMO,
    "web.delivery": ALL,
    "web.record_lot": PROGRAMME_WRITERS,
    "web.complete_milestone": PROGRAMME_WRITERS,
    "web.edit_benefits_plan": PROGRAMME_WRITERS,
    "web.programme_risk": ALL,
    "web.rescore_risk": PROGRAMME_WRITERS,
    "web.portfolio_finance": ALL,
    "web.register_programme": PROGRAMME_WRITERS,
    "web.edit_programme": PROGRAMME_WRITERS,
    "web.programme_confidence": PROGRAMME_WRITERS,
    "web.decide": EVENT_FIRERS,
    "web.business_case": ALL,
    "web.edit_business_case": PROGRAMME_WRITERS,
    "web.upload_business_case": PROGRAMME_WRITERS,
    "web.start_fbc_from_obc": PROGRAMME_WRITERS,
    "web.fbc_changes": ALL,
    "web.approvals": CPMO,
    "web.endorsements": OVERSIGHT,
    "web.endorse": OVERSIGHT,
    "web.workshops_list": ALL,
    "web.workshop": ALL,
    "web.workshop_status": WORKSHOP_RUNNERS,
    "web.workshop_criteria": WORKSHOP_RUNNERS,
    "web.workshop_weights": WORKSHOP_RUNNERS,
    "web.workshop_weights_check": WORKSHOP_RUNNERS,
    "web.create_workshop_page": WORKSHOP_RUNNERS,
    "web.workshop_budgets": WORKSHOP_RUNNERS,
    "web.workshop_candidates": WORKSHOP_RUNNERS,
    "web.workshop_candidate": WORKSHOP_RUNNERS,
    "web.remove_workshop_candidate": WORKSHOP_RUNNERS,
    "web.upload_workshop_candidates": WORKSHOP_RUNNERS,
    "web.workshop_candidates_template": WORKSHOP_RUNNERS,
    "web.workshop_rules": WORKSHOP_RUNNERS,
    "web.workshop_scorers": WORKSHOP_RUNNERS,
    "web.scoring": SCORER,
    "web.workshop_results": ALL,
    "web.workshop_save_scenario": WORKSHOP_RUNNERS,
    "web.workshop_compare_scenarios": ALL,
    "web.workshop_results_xlsx": ALL,
    "web.workshop_results_csv": ALL,
    "web.reports": ALL,
    "web.report_html": ALL,
    "web.report_pdf": ALL,
    "web.report_snapshot": CPMO,
    # plans: everyone reads; writes are the plan's owner, editors and CPMO (cpmo.plans.owners)
    "web.plans": ALL,
    "web.plan": ALL,
    "web.plan_action_progress": PROGRAMME_WRITERS,
    "web.plan_milestone_progress": PROGRAMME_WRITERS,
    "web.plan_kpi_actual": PROGRAMME_WRITERS,
    "web.plan_risk_rescore": PROGRAMME_WRITERS,
    "web.import_plan": CPMO,
    "web.change_password": ALL,
    "web.admin_users": ADMIN,
    "web.admin_create_user": ADMIN,
    "web.admin_user": ADMIN,
    "web.admin_change_role": ADMIN,
    "web.admin_disable_user": ADMIN,
    "web.admin_enable_user": ADMIN,
    "web.admin_reset_password": ADMIN,
    "web.admin_revoke_tokens": ADMIN,
}


def may_open(endpoint: str | None, role: str | None) -> bool:
    """True when ``role`` may open the page ``endpoint`` (public pages: anyone)."""
    if endpoint in PUBLIC_PAGES:
        return True
    roles = PAGE_POLICY.get(endpoint or "")
    return roles is not None and role in roles
