"""The portfolio dashboard: RAG and stage tags with text, filters, next gates, exceptions."""

import re

from sqlmodel import select

from cpmo.portfolios.models import Programme


def test_rag_tags_carry_their_rating_in_words(signed_in, seeded) -> None:
    programme = seeded.exec(select(Programme).where(Programme.code == "ttp-crm")).one()
    programme.rag = "amber_red"
    seeded.add(programme)
    seeded.commit()
    page = signed_in("oversight").get("/").get_data(as_text=True)
    tags = re.findall(r'<strong class="govuk-tag ([^"]+)">([^<]*)</strong>', page)
    assert ("govuk-tag--orange", "Amber/red") in tags
    assert all(text.strip() for _, text in tags), "a tag without text relies on colour alone"


def test_filters_narrow_the_programme_list(signed_in, seeded) -> None:
    client = signed_in("cpmo")
    everything = client.get("/").get_data(as_text=True)
    assert "14 programmes" in everything
    proposed = client.get("/?stage=proposed").get_data(as_text=True)
    assert "6 programmes match the filters" in proposed
    assert "Tax System" not in proposed.split('id="programmes"')[1]
    nonsense = client.get("/?stage=nonsense&rag=purple&page=x")
    assert nonsense.status_code == 200


def test_the_dashboard_lists_next_gates_and_exceptions(signed_in, seeded) -> None:
    page = signed_in("cpmo").get("/").get_data(as_text=True)
    gates = page.split("Next gates due")[1].split('id="programmes"')[0]
    assert gates.index("31 March 2020") < gates.index("31 December 2020")
    exceptions = page.split(">Exceptions<")[1].split("Next gates due")[0]
    assert "the FBC gate was planned for 31 March 2020" in exceptions
    assert 'href="/programmes/ttp-cyber"' in exceptions


def test_an_imported_gmpp_project_page_says_its_stage_is_not_stated_and_offers_no_decision(
    seeded, signed_in
) -> None:
    from pathlib import Path

    from sqlmodel import select

    from cpmo.imports.gmpp.service import import_gmpp
    from cpmo.models import Programme

    path = Path(__file__).resolve().parents[1] / "data" / "gmpp" / "gmpp_2021_22.csv"
    import_gmpp(seeded, data=path.read_bytes(), filename=path.name, actor="test")
    seeded.commit()
    code = seeded.exec(select(Programme.code).where(Programme.outside_gates.is_not(None))).first()
    page = signed_in("cpmo").get(f"/programmes/{code}").get_data(as_text=True)
    assert "Not stated" in page and "gate events do not apply here" in page
    assert "/decide/" not in page and "Stage timeline" not in page
