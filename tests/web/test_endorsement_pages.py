"""The oversight group's endorsement queue: every submission above the delegated limit that
awaits endorsement, with a decision form per case (a rationale is required); refusals in plain
words; once endorsed the case leaves the queue and is not offered for endorsement again; a
business case's status follows its gate."""

import re

from sqlalchemy import update
from sqlmodel import select

from cpmo.portfolios import service as portfolios
from cpmo.portfolios.models import Programme
from cpmo.workflows import service as workflow
from cpmo.workflows.models import AuditEntry
from tests.web.conftest import LIMITS, csrf_token, submitted

QUEUE = "/endorsements"
ENDORSE = "/endorsements/web-prog/endorse_obc"
PROGRAMME = "/programmes/web-prog"


def _version(page: str, code: str = "web-prog") -> str:
    form = re.search(rf'action="/endorsements/{code}/[a-z_]+".*?</form>', page, re.S)
    assert form, page
    return re.search(r'name="version" value="(\d+)"', form.group(0)).group(1)  # type: ignore[union-attr]


def _endorse(client, rationale: str, path: str = ENDORSE, version: str | None = None):  # type: ignore[no-untyped-def]
    token = csrf_token(client, QUEUE)
    page = client.get(QUEUE).get_data(as_text=True)
    data = {"version": version or _version(page), "rationale": rationale, "csrf_token": token}
    return client.post(path, data=data)


def _events(seeded, code: str = "web-prog") -> list[str]:  # type: ignore[no-untyped-def]
    """The programme's audited events after its registration."""
    entries = seeded.exec(select(AuditEntry).where(AuditEntry.programme_code == code))
    return [e.event for e in entries if e.event != "register_programme"]


def _buttons(page: str) -> list[str]:
    return re.findall(r'href="/programmes/[^/"]+/decide/([a-z_]+)"', page)


def test_oversight_members_find_the_queue_in_the_navigation_with_a_count(
    signed_in, programme, seeded, person
) -> None:
    submitted(seeded, person("programme_manager"), programme, cost=7_000_000)
    page = signed_in("oversight").get("/").get_data(as_text=True)
    assert re.search(r'href="/endorsements"[^>]*>\s*Endorsements \(1\)', page), page
    assert 'href="/endorsements"' not in signed_in("cpmo").get("/").get_data(as_text=True)


def test_the_dashboard_line_leads_oversight_members_to_the_queue(
    signed_in, programme, seeded, person
) -> None:
    submitted(seeded, person("programme_manager"), programme, cost=7_000_000)
    page = signed_in("oversight").get("/").get_data(as_text=True)
    assert "Endorse them from the endorsement queue" in page
    officer = signed_in("cpmo").get("/").get_data(as_text=True)
    assert "above the delegated limit await" in officer
    assert "Endorse them from the endorsement queue" not in officer


def test_only_oversight_members_may_open_the_queue(signed_in, seeded) -> None:
    for role in ("cpmo", "programme_manager", "scorer"):
        assert signed_in(role).get(QUEUE).status_code == 403
    assert signed_in("oversight").get(QUEUE).status_code == 200


def test_the_queue_lists_what_awaits_endorsement_with_its_facts(
    signed_in, programme, seeded, person
) -> None:
    submitted(seeded, person("programme_manager"), programme, cost=7_000_000)
    page = signed_in("oversight").get(QUEUE).get_data(as_text=True)
    row = re.search(r'data-programme="web-prog".*?</form>', page, re.S)
    assert row, page
    text = row.group(0)
    assert "Web Programme" in text
    assert "Outline business case, version 1" in text
    assert "£7,000,000" in text and "£5,000,000" in text
    assert "by programme_manager" in text
    assert 'href="/programmes/web-prog/business-cases/obc/1"' in text
    assert "1 awaiting endorsement" in page


def test_within_the_limit_nothing_awaits_endorsement(signed_in, programme, seeded, person) -> None:
    submitted(seeded, person("programme_manager"), programme, cost=2_000_000)
    page = signed_in("oversight").get(QUEUE).get_data(as_text=True)
    assert "web-prog" not in page
    assert "Nothing is awaiting endorsement." in page
    assert re.search(r'href="/endorsements"[^>]*>(?:<strong[^>]*>)?\s*Endorsements\s*<', page)


def test_an_endorsement_without_a_rationale_is_refused_with_an_error_summary(
    signed_in, programme, seeded, person
) -> None:
    submitted(seeded, person("programme_manager"), programme, cost=7_000_000)
    response = _endorse(signed_in("oversight"), "   ")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "There is a problem" in page
    assert '<a href="#rationale-web-prog">Enter the rationale for this endorsement</a>' in page
    assert 'id="rationale-web-prog-error"' in page and "govuk-textarea--error" in page
    assert _events(seeded) == ["submit_obc"]


def test_an_endorsement_with_a_rationale_is_recorded_once_and_leaves_the_queue(
    signed_in, programme, seeded, person
) -> None:
    submitted(seeded, person("programme_manager"), programme, cost=7_000_000)
    client = signed_in("oversight")
    response = _endorse(client, "Ministers support the platform.")
    assert response.status_code == 302 and response.location == QUEUE
    page = client.get(QUEUE).get_data(as_text=True)
    assert "govuk-notification-banner--success" in page
    assert "Endorsement recorded for Web Programme" in page
    assert 'data-programme="web-prog"' not in page
    assert "Nothing is awaiting endorsement." in page
    assert _events(seeded) == ["submit_obc", "endorse_obc"]
    entry = seeded.exec(select(AuditEntry).where(AuditEntry.event == "endorse_obc")).one()
    assert entry.rationale == "Ministers support the platform."
    assert entry.details["rationale"] == "Ministers support the platform."
    assert entry.actor == "oversight"


def test_after_endorsing_the_programme_page_offers_no_endorsement(
    signed_in, programme, seeded, person
) -> None:
    submitted(seeded, person("programme_manager"), programme, cost=7_000_000)
    client = signed_in("oversight")
    assert _buttons(client.get(PROGRAMME).get_data(as_text=True)) == ["endorse_obc"]
    assert _endorse(client, "Agreed.").status_code == 302
    page = client.get(PROGRAMME).get_data(as_text=True)
    assert _buttons(page) == []
    assert "already endorsed" not in page and "already been endorsed" not in page
    assert client.get("/programmes/web-prog/decide/endorse_obc").status_code == 409


def test_an_endorsement_on_an_out_of_date_page_is_refused_in_plain_words(
    signed_in, programme, seeded, person
) -> None:
    submitted(seeded, person("programme_manager"), programme, cost=7_000_000)
    client = signed_in("oversight")
    page = client.get(QUEUE).get_data(as_text=True)
    stale = _version(page)
    seeded.execute(update(Programme).where(Programme.code == "web-prog").values(version=99))
    seeded.commit()
    response = _endorse(client, "Agreed.", version=stale)
    assert response.status_code == 409
    assert "changed this programme since you opened the page" in response.get_data(as_text=True)
    assert _events(seeded) == ["submit_obc"]


def test_someone_else_endorsing_first_is_said_plainly(signed_in, programme, seeded, person) -> None:
    submitted(seeded, person("programme_manager"), programme, cost=7_000_000)
    client = signed_in("oversight")
    version = _version(client.get(QUEUE).get_data(as_text=True))
    other = person("oversight", "member2")
    workflow.fire_event(
        seeded,
        actor=other,
        code="web-prog",
        event="endorse_obc",
        version=int(version),
        limits=LIMITS,
        rationale="Agreed by the chair.",
    )
    seeded.commit()
    response = _endorse(client, "Agreed.", version=str(int(version) + 1))
    assert response.status_code == 422
    assert "already been endorsed" in response.get_data(as_text=True)
    assert _events(seeded).count("endorse_obc") == 1


def test_a_member_who_manages_the_programme_sees_why_they_may_not_endorse(
    signed_in, programme, seeded, person
) -> None:
    submitted(seeded, person("programme_manager"), programme, cost=7_000_000)
    member = person("oversight")
    seeded.execute(
        update(Programme).where(Programme.code == "web-prog").values(manager_id=member.id)
    )
    seeded.commit()
    client = signed_in("oversight")
    page = client.get(QUEUE).get_data(as_text=True)
    row = re.search(r'data-programme="web-prog".*?</main>', page, re.S)
    assert row and "you manage this programme" in row.group(0)
    assert 'action="/endorsements/web-prog/endorse_obc"' not in page
    response = client.post(
        ENDORSE,
        data={
            "version": str(portfolios.get_programme_or_raise(seeded, code="web-prog").version),
            "rationale": "Agreed.",
            "csrf_token": csrf_token(client, QUEUE),
        },
    )
    assert response.status_code == 403
    assert "you manage this programme" in response.get_data(as_text=True)
    assert _events(seeded) == ["submit_obc"]


def test_only_endorsements_of_known_programmes_are_accepted(
    signed_in, programme, seeded, person
) -> None:
    submitted(seeded, person("programme_manager"), programme, cost=7_000_000)
    client = signed_in("oversight")
    assert _endorse(client, "x", path="/endorsements/web-prog/approve_obc").status_code == 404
    assert _endorse(client, "x", path="/endorsements/no-such/endorse_obc").status_code == 404
    cpmo = signed_in("cpmo")
    token = csrf_token(cpmo, "/approvals")
    refused = cpmo.post(ENDORSE, data={"version": "2", "rationale": "x", "csrf_token": token})
    assert refused.status_code == 403
    assert _events(seeded) == ["submit_obc"]


def test_a_case_reads_its_gate_status_with_the_decision_beside_it(
    signed_in, programme, seeded, person
) -> None:
    submitted(seeded, person("programme_manager"), programme, cost=2_000_000)
    client = signed_in("cpmo", "officer")
    case = "/programmes/web-prog/business-cases/obc/1"
    assert ">Submitted<" in client.get(case).get_data(as_text=True)
    workflow.fire_event(
        seeded,
        actor=person("cpmo", "officer"),
        code="web-prog",
        event="approve_obc",
        version=portfolios.get_programme_or_raise(seeded, code="web-prog").version,
        limits=LIMITS,
        rationale="Affordable and well evidenced.",
        conditions=["Appoint an SRO"],
    )
    seeded.commit()
    page = client.get(case).get_data(as_text=True)
    assert ">Approved with conditions<" in page and ">Submitted<" not in page
    assert "Affordable and well evidenced." in page and "officer" in page
    listing = client.get(PROGRAMME).get_data(as_text=True)
    cases = re.search(r'id="business-cases".*?</table>', listing, re.S)
    assert cases and "Approved with conditions" in cases.group(0)
    assert "Affordable and well evidenced." in cases.group(0)
