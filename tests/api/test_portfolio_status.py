from datetime import date

import pytest
from sqlmodel import Session, select

from cpmo.models import GatePlan, Portfolio, Programme
from cpmo.vocabulary import RAGS, STAGES
from tests.support.querycount import count_statements


def test_status_lists_the_seeded_ttp_programmes_with_correct_counts(client, seeded, auth) -> None:
    response = client.get("/api/v1/portfolios/goj-change/status", headers=auth("oversight"))
    assert response.status_code == 200
    body = response.json
    programmes = {p["code"]: p for p in body["programmes"]}
    ttp_children = [p for p in programmes.values() if p["parent"] == "ttp"]
    assert len(ttp_children) == 10
    assert set(body["by_stage"]) == set(STAGES) and set(body["by_rag"]) == set(RAGS)
    assert sum(body["by_stage"].values()) == len(programmes) == body["totals"]["programmes"]
    expected_stages: dict[str, int] = {}
    for p in programmes.values():
        expected_stages[p["stage"]] = expected_stages.get(p["stage"], 0) + 1
    assert {k: v for k, v in body["by_stage"].items() if v} == expected_stages
    assert body["totals"]["whole_life_cost_gbp"] == sum(
        p["whole_life_cost_gbp"] or 0 for p in programmes.values()
    )
    assert programmes["ttp-ms-foundation"]["next_gate"] == {
        "gate": "obc",
        "planned_date": "2020-03-31",
        "planned_text": "Q1 2020",
    }


def _portfolio_of(session: Session, code: str, size: int) -> None:
    portfolio = Portfolio(code=code, name=code)
    session.add(portfolio)
    session.flush()
    parent = Programme(code=f"{code}-root", name="root", portfolio_id=portfolio.id)
    session.add(parent)
    session.flush()
    rows = [
        Programme(
            code=f"{code}-{i:04d}",
            name=f"P{i}",
            portfolio_id=portfolio.id,
            parent_id=parent.id,
            stage=STAGES[i % 9],
            rag=RAGS[i % 6],
            whole_life_cost_gbp=1_000 * i,
        )
        for i in range(size - 1)
    ]
    session.add_all(rows)
    session.flush()
    session.add_all(
        GatePlan(programme_id=p.id, gate="obc", planned_date=date(2021, 3, 31)) for p in rows
    )
    session.commit()


@pytest.mark.parametrize("size", [10, 500])
def test_status_takes_a_constant_number_of_queries(client, session, engine, auth, size) -> None:
    _portfolio_of(session, "small", 10)
    _portfolio_of(session, "sized", size)
    headers = auth("cpmo")
    with count_statements(engine) as small:
        assert client.get("/api/v1/portfolios/small/status", headers=headers).status_code == 200
    with count_statements(engine) as sized:
        response = client.get("/api/v1/portfolios/sized/status", headers=headers)
    assert response.status_code == 200
    assert len(response.json["programmes"]) == size
    assert sized.count == small.count <= 5


def test_programme_list_filters_and_paginates_with_a_total(client, seeded, auth) -> None:
    headers = auth("scorer")
    everything = client.get("/api/v1/programmes?parent=ttp&page_size=4", headers=headers).json
    assert everything["total"] == 10 and len(everything["items"]) == 4
    page3 = client.get("/api/v1/programmes?parent=ttp&page_size=4&page=3", headers=headers).json
    assert len(page3["items"]) == 2
    in_delivery = client.get("/api/v1/programmes?stage=delivery&department=coo", headers=headers)
    stages = {p["stage"] for p in in_delivery.json["items"]}
    assert stages == {"delivery"}
    count = seeded.exec(select(Programme).where(Programme.stage == "delivery")).all()
    assert in_delivery.json["total"] == len(count)


def test_the_status_sent_as_is_matches_its_schema_and_the_full_read_model(
    client, seeded, auth
) -> None:
    """The endpoint skips marshmallow's dump for speed; its document must be exactly what that
    dump of the programmes' full read model would have produced."""
    from cpmo.api.schemas.portfolios import PortfolioStatusRead
    from cpmo.portfolios.service import portfolio_status

    sent = client.get("/api/v1/portfolios/goj-change/status", headers=auth("cpmo")).json
    schema = PortfolioStatusRead()
    status = portfolio_status(seeded, code="goj-change")
    full = schema.dump(
        {
            "portfolio": {
                **status.portfolio.model_dump(),
                "programme_count": len(status.programmes),
            },
            "programmes": status.programmes,
            "totals": status.totals,
            "by_stage": status.by_stage,
            "by_rag": status.by_rag,
        }
    )
    assert sent == full
    assert any(p["next_gate"] and p["next_gate"]["planned_date"] for p in sent["programmes"])


def test_an_empty_portfolio_has_a_status_and_an_unknown_one_is_404(client, session, auth) -> None:
    session.add(Portfolio(code="empty", name="Nothing yet", description="A new portfolio"))
    session.commit()
    headers = auth("oversight")
    body = client.get("/api/v1/portfolios/empty/status", headers=headers).json
    assert body["portfolio"]["code"] == "empty"
    assert body["portfolio"]["description"] == "A new portfolio"
    assert body["portfolio"]["programme_count"] == 0
    assert body["programmes"] == [] and body["totals"]["programmes"] == 0
    assert set(body["by_stage"].values()) == {0}
    missing = client.get("/api/v1/portfolios/nowhere/status", headers=headers)
    assert missing.status_code == 404
    assert missing.headers["Content-Type"] == "application/problem+json"


def test_status_totals_count_a_costed_child_inside_its_parent_not_beside_it(
    client, seeded, auth
) -> None:
    child = seeded.exec(select(Programme).where(Programme.code == "ttp-its")).one()
    child.whole_life_cost_gbp = 13_800_000
    ended = seeded.exec(select(Programme).where(Programme.code == "people-strategy")).one()
    ended.whole_life_cost_gbp, ended.stage = 400_000, "stopped"
    seeded.flush()
    body = client.get("/api/v1/portfolios/goj-change/status", headers=auth("oversight")).json
    assert body["totals"]["whole_life_cost_gbp"] == 99_000_000  # not £112.8m
    assert body["totals"]["stopped_closed_gbp"] == 400_000
