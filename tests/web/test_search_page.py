"""The search box in the header and the results page: grouped by kind with counts, each hit
linking to its page, plain words when nothing is found or nothing can be searched."""

import re

from cpmo.business_cases import service as cases
from tests.support.cases import complete_case


def page(client, query: str) -> str:
    response = client.get("/search", query_string={"q": query})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_every_page_has_a_search_box_in_the_header(signed_in, seeded) -> None:
    html = signed_in("oversight").get("/").get_data(as_text=True)
    header = html.split("</header>")[0]
    assert re.search(r'<form[^>]*action="/search"[^>]*role="search"', header)
    assert (
        '<label class="govuk-label govuk-visually-hidden" for="header-search">Search</label>'
        in header
    )
    assert 'name="q"' in header


def test_results_are_grouped_by_kind_with_counts_and_link_to_their_pages(signed_in, seeded) -> None:
    html = page(signed_in("oversight"), "cyber")
    assert '<h2 class="govuk-heading-m" id="programmes">Programmes (1)</h2>' in html
    assert '<h2 class="govuk-heading-m" id="risks">Risks (1)</h2>' in html
    assert re.search(
        r'<h2 class="govuk-heading-m" id="plan_actions">Plan actions \(\d+\)</h2>', html
    )
    assert '<a class="govuk-link" href="/programmes/ttp-cyber">Cyber Security</a>' in html
    assert 'href="/programmes/ttp-cyber/risks/risk-cyber-attack"' in html
    assert re.search(r'href="/plans/[^"#]+#action-[0-9A-Za-z-]+"', html)
    assert 'href="/workshops/ttp-prioritisation"' in html
    assert re.search(r"\d+ results for “cyber”", html)


def test_the_words_that_matched_are_marked(signed_in, seeded) -> None:
    html = page(signed_in("oversight"), "foundation")
    assert re.search(r"<mark>foundation</mark>", html, re.IGNORECASE)


def test_a_business_case_hit_opens_the_case(signed_in, seeded, person) -> None:
    author = person("cpmo", "search-cpmo")
    body = complete_case("obc")
    body.pop("kind")
    body["strategic"]["case_for_change"] = "Replace the obsolete Quillwort ledger."
    cases.create_version(seeded, actor=author, code="ttp-cyber", kind="obc", content=body)
    seeded.commit()
    html = page(signed_in("oversight"), "quillwort")
    assert (
        'href="/programmes/ttp-cyber/business-cases/obc/1">Outline business case, version 1</a>'
        in html
    )
    assert "Programme: Cyber Security" in html


def test_nothing_found_says_so_in_plain_words(signed_in, seeded) -> None:
    html = page(signed_in("oversight"), "zzqqxx")
    assert "No results for “zzqqxx”." in html
    assert "Programmes (" not in html


def test_a_query_that_cannot_be_searched_gets_plain_words_not_an_error(signed_in, seeded) -> None:
    client = signed_in("oversight")
    assert "Enter a word or phrase to search for." in page(client, "")
    assert "Enter a word or phrase with letters or numbers in it." in page(client, "?!*")
    assert "Search for 200 characters or fewer." in page(client, "x" * 500)
    assert client.get("/search").status_code == 200


def test_hostile_text_is_searched_safely_and_shown_escaped(signed_in, seeded) -> None:
    client = signed_in("oversight")
    for hostile in ("') OR 1=1 --", 'NEAR("', "<script>alert(1)</script>"):
        html = page(client, hostile)
        assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_the_search_keeps_what_was_typed_in_the_box(signed_in, seeded) -> None:
    html = page(signed_in("oversight"), "cyber security")
    assert 'value="cyber security"' in html


def test_kind_narrows_the_results(signed_in, seeded) -> None:
    client = signed_in("oversight")
    html = client.get("/search", query_string={"q": "cyber", "kind": "risks"}).get_data(
        as_text=True
    )
    assert "Risks (1)" in html and "Programmes (" not in html
    bad = client.get("/search", query_string={"q": "cyber", "kind": "nonsense"})
    assert bad.status_code == 200 and "Choose a kind from the list" in bad.get_data(as_text=True)


def test_signed_out_people_are_sent_to_sign_in(client, seeded) -> None:
    response = client.get("/search?q=cyber")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
