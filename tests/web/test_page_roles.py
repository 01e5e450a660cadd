"""Who may open which page: one table, 403 pages for forbidden roles, HTML errors for pages
and problem+json for the API."""

from cpmo.vocabulary import ROLES
from cpmo.web.policy import PAGE_POLICY, PUBLIC_PAGES


def test_every_page_is_declared_in_the_page_policy_table(app) -> None:
    pages = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint.startswith("web.")}
    assert pages - set(PAGE_POLICY) - PUBLIC_PAGES == set()
    assert set(PAGE_POLICY) - pages == set(), "the table names a page that does not exist"


def test_a_page_for_a_forbidden_role_answers_403_with_an_html_page(signed_in, seeded) -> None:
    client = signed_in("programme_manager")
    response = client.get("/approvals")
    assert response.status_code == 403
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "You do not have permission to see this page" in page
    assert "Programme manager" in page


def test_oversight_may_not_open_the_business_case_form(signed_in, seeded) -> None:
    client = signed_in("oversight")
    assert client.get("/programmes/ttp-crm/business-cases/obc/edit").status_code == 403


def test_a_programme_manager_who_does_not_manage_the_programme_gets_403_from_the_service(
    signed_in, seeded
) -> None:
    client = signed_in("programme_manager")
    response = client.get("/programmes/ttp-crm/business-cases/obc/edit")
    assert response.status_code == 403
    assert "Only the manager of &#39;ttp-crm&#39;" in response.get_data(as_text=True)


def test_the_navigation_shows_only_the_pages_a_role_may_open(signed_in, seeded) -> None:
    officer = signed_in("cpmo").get("/").get_data(as_text=True)
    assert ">Approval queue<" in officer
    manager_client = signed_in("programme_manager")
    manager = manager_client.get("/").get_data(as_text=True)
    assert "Approval queue" not in manager


def test_unknown_pages_are_html_but_unknown_api_paths_stay_problem_json(signed_in) -> None:
    client = signed_in("cpmo")
    page = client.get("/no-such-page")
    assert page.status_code == 404 and page.mimetype == "text/html"
    assert "Page not found" in page.get_data(as_text=True)
    api = client.get("/api/v1/no-such-thing")
    assert api.status_code == 404 and api.mimetype == "application/problem+json"
    wrong_method = client.delete("/api/v1/health")
    assert wrong_method.status_code == 405 and wrong_method.mimetype == "application/problem+json"
    page_method = client.put("/")
    assert page_method.status_code == 405 and page_method.mimetype == "text/html"


def test_an_unknown_programme_is_a_404_page(signed_in) -> None:
    response = signed_in("cpmo").get("/programmes/no-such-programme")
    assert response.status_code == 404 and "No programme with code" in response.get_data(
        as_text=True
    )


def test_every_role_can_read_the_dashboard(client, person, seeded) -> None:
    from tests.web.conftest import sign_in

    for role in ROLES:
        client.delete_cookie("cpmo_session")
        person(role)
        assert sign_in(client, role).status_code == 302
        assert client.get("/").status_code == 200, role
