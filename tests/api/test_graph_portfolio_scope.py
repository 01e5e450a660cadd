"""Graph analyses scoped to a portfolio: another portfolio's programmes never mix in silently.

On the seeded data plus a second portfolio whose one long programme is enabled by a Jersey
programme (``ttp-cyber``) — so, unscoped, it ends the longest chain.
"""

from datetime import date

import pytest
from sqlmodel import Session, select

from cpmo.portfolios.models import Portfolio, Programme
from cpmo.strategy.models import Benefit

OTHER = "programme:uk-long"


@pytest.fixture
def two_portfolios(client, seeded: Session, auth):  # type: ignore[no-untyped-def]
    other = Portfolio(code="uk-gmpp", name="UK major projects", year_start_month=4, source="test")
    seeded.add(other)
    seeded.flush()
    long_one = Programme(
        code="uk-long",
        name="A very long UK project",
        portfolio_id=other.id,
        planned_start=date(2020, 1, 1),
        planned_end=date(2040, 1, 1),
        source="test",
    )
    seeded.add(long_one)
    seeded.flush()
    seeded.add(
        Benefit(
            code="uk-long-cash",
            title="UK cash",
            value_gbp=900_000_000,
            programme_id=long_one.id,
            source="test",
        )
    )
    seeded.commit()
    headers = auth("cpmo")
    for source, target, kind in (
        ("programme:ttp-cyber", OTHER, "enables"),
        (OTHER, "benefit:uk-long-cash", "delivers"),
    ):
        body = {"source_key": source, "target_key": target, "kind": kind, "source": "test"}
        response = client.post("/api/v1/graph/edges", json=body, headers=headers)
        assert response.status_code == 201, response.json
    return auth("oversight")


def test_unscoped_analyses_span_every_portfolio(client, two_portfolios) -> None:
    path = client.get("/api/v1/graph/critical-path", headers=two_portfolios).json
    assert OTHER in path["path"]


def test_the_critical_path_of_a_portfolio_keeps_to_its_programmes(client, two_portfolios) -> None:
    path = client.get(
        "/api/v1/graph/critical-path?portfolio=goj-change", headers=two_portfolios
    ).json
    assert path["path"] and OTHER not in path["path"]
    assert path["portfolio"] == "goj-change"
    assert path["cross_portfolio_edges"] == [
        {
            "source_key": "programme:ttp-cyber",
            "target_key": OTHER,
            "kind": "enables",
            "source_portfolio": "goj-change",
            "target_portfolio": "uk-gmpp",
        }
    ]


def test_the_order_of_a_portfolio_keeps_to_its_programmes(client, two_portfolios) -> None:
    everything = client.get("/api/v1/graph/order", headers=two_portfolios).json
    assert any(OTHER in generation for generation in everything["generations"])
    jersey = client.get("/api/v1/graph/order?portfolio=goj-change", headers=two_portfolios).json
    flat = [key for generation in jersey["generations"] for key in generation]
    assert OTHER not in flat and "programme:ttp-cyber" in flat
    assert [e["target_key"] for e in jersey["cross_portfolio_edges"]] == [OTHER]
    uk = client.get("/api/v1/graph/order?portfolio=uk-gmpp", headers=two_portfolios).json
    assert uk["generations"] == [[OTHER]]
    assert [e["source_key"] for e in uk["cross_portfolio_edges"]] == ["programme:ttp-cyber"]


def test_impact_within_a_portfolio_leaves_out_the_other_portfolios_benefits(
    client, two_portfolios
) -> None:
    everywhere = client.get("/api/v1/graph/impact/programme:ttp-cyber", headers=two_portfolios)
    assert "benefit:uk-long-cash" in everywhere.json["benefits_at_risk"]
    jersey = client.get(
        "/api/v1/graph/impact/programme:ttp-cyber?portfolio=goj-change", headers=two_portfolios
    ).json
    assert "benefit:uk-long-cash" not in jersey["benefits_at_risk"]
    assert OTHER not in jersey["programmes_affected"]
    assert everywhere.json["benefit_value_at_risk"] - jersey["benefit_value_at_risk"] == 900_000_000
    assert [e["target_key"] for e in jersey["cross_portfolio_edges"]] == [OTHER]


def test_a_node_outside_the_portfolio_is_not_found_in_it(client, two_portfolios) -> None:
    response = client.get(
        f"/api/v1/graph/impact/{OTHER}?portfolio=goj-change", headers=two_portfolios
    )
    assert response.status_code == 404


def test_enablers_and_orphans_keep_to_the_portfolio(client, two_portfolios) -> None:
    everywhere = client.get("/api/v1/graph/enablers", headers=two_portfolios).json
    jersey = client.get("/api/v1/graph/enablers?portfolio=goj-change", headers=two_portfolios).json
    value = {e["key"]: e["benefit_value_gbp"] for e in everywhere}
    scoped = {e["key"]: e["benefit_value_gbp"] for e in jersey}
    assert OTHER in value and OTHER not in scoped
    assert value["programme:ttp-cyber"] - scoped["programme:ttp-cyber"] == 900_000_000
    orphans = client.get("/api/v1/graph/orphans?portfolio=uk-gmpp", headers=two_portfolios).json
    assert orphans["programmes"] == [OTHER]
    assert orphans["portfolio"] == "uk-gmpp"


def test_an_unknown_portfolio_is_not_found(client, two_portfolios) -> None:
    for path in ("order", "critical-path", "orphans", "enablers", "impact/programme:ttp-cyber"):
        response = client.get(f"/api/v1/graph/{path}?portfolio=nowhere", headers=two_portfolios)
        assert response.status_code == 404, path
        assert "nowhere" in response.json["detail"]


def test_moving_a_programme_to_another_portfolio_refreshes_the_scope(
    client, seeded: Session, two_portfolios
) -> None:
    client.get("/api/v1/graph/order?portfolio=uk-gmpp", headers=two_portfolios)
    cyber = seeded.exec(select(Programme).where(Programme.code == "ttp-cyber")).one()
    other = seeded.exec(select(Portfolio).where(Portfolio.code == "uk-gmpp")).one()
    cyber.portfolio_id = other.id
    seeded.add(cyber)
    seeded.commit()
    uk = client.get("/api/v1/graph/order?portfolio=uk-gmpp", headers=two_portfolios).json
    flat = [key for generation in uk["generations"] for key in generation]
    assert "programme:ttp-cyber" in flat


def test_a_programme_reads_its_dependencies_within_its_portfolio(client, two_portfolios) -> None:
    body = client.get("/api/v1/programmes/ttp-cyber", headers=two_portfolios).json
    deps = body["dependencies"]
    assert deps["downstream"]["benefit_value_at_risk"] < 900_000_000
    assert [(e["target_key"], e["target_portfolio"]) for e in deps["cross_portfolio_edges"]] == [
        (OTHER, "uk-gmpp")
    ]


def test_the_board_pack_counts_no_other_portfolios_benefit(
    client, seeded: Session, two_portfolios
) -> None:
    cyber = seeded.exec(select(Programme).where(Programme.code == "ttp-cyber")).one()
    cyber.rag, cyber.rag_reason = "red", "a test puts it at risk"
    seeded.add(cyber)
    seeded.commit()
    body = client.get(
        "/api/v1/reports/oversight?portfolio=goj-change&as_of=2020-07-01", headers=two_portfolios
    )
    assert body.status_code == 200
    assert "uk-long-cash" not in body.get_data(as_text=True)
    assert "UK cash" not in body.get_data(as_text=True)
