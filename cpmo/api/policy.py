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
}


def allowed_roles(endpoint: str) -> frozenset[Role] | None:
    """The roles allowed on ``endpoint``; None for an endpoint nobody declared (refuse)."""
    return POLICY.get(endpoint)


def is_public(endpoint: str | None) -> bool:
    return endpoint in PUBLIC_ENDPOINTS
