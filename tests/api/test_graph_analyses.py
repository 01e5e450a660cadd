"""Impact, order, critical path and orphans through the API, on a small hand-worked graph.

Built with POST /graph/nodes and /graph/edges in an empty database:

found ─enables─▶ cyber ─enables─▶ its ◀─enables─ hub          lonely (no edges)
  └──────────────enables─────────▶ its
cyber ─delivers─▶ service            cyber ─contributes_to─▶ secure ─supports─▶ services
its ─delivers─▶ cash (£70m) ─contributes_to─▶ efficient ─supports─▶ finance
kpi-cash ─measures─▶ cash            unserved ─supports─▶ services        undelivered (£5)

Durations: found 2020-01-01 → 2020-12-31 (365 days), cyber 200 days, its 2021-01-01 →
2022-06-30 (545 days), lonely 30 days, hub unknown.
"""

import pytest

NODES = [
    {
        "key": "programme:found",
        "kind": "programme",
        "label": "Foundation",
        "planned_start": "2020-01-01",
        "planned_end": "2020-12-31",
    },
    {"key": "programme:cyber", "kind": "programme", "label": "Cyber", "duration_days": 200},
    {
        "key": "programme:its",
        "kind": "programme",
        "label": "ITS",
        "planned_start": "2021-01-01",
        "planned_end": "2022-06-30",
    },
    {"key": "programme:hub", "kind": "programme", "label": "Hub"},
    {"key": "programme:lonely", "kind": "programme", "label": "Lonely", "duration_days": 30},
    {"key": "benefit:cash", "kind": "benefit", "label": "Cash", "value_gbp": 70_000_000},
    {"key": "benefit:service", "kind": "benefit", "label": "Better service"},
    {"key": "benefit:undelivered", "kind": "benefit", "label": "Undelivered", "value_gbp": 5},
    {"key": "objective:efficient", "kind": "objective", "label": "Efficient"},
    {"key": "objective:secure", "kind": "objective", "label": "Secure"},
    {"key": "objective:unserved", "kind": "objective", "label": "Unserved"},
    {"key": "priority:finance", "kind": "priority", "label": "Sustainable finance"},
    {"key": "priority:services", "kind": "priority", "label": "Modern services"},
    {"key": "kpi:kpi-cash", "kind": "kpi", "label": "Cash released"},
]
# what an analysis of every portfolio says about its scope
EVERY_PORTFOLIO = {"portfolio": None, "cross_portfolio_edges": []}
EDGES = [
    ("programme:found", "programme:cyber", "enables"),
    ("programme:found", "programme:its", "enables"),
    ("programme:cyber", "programme:its", "enables"),
    ("programme:hub", "programme:its", "enables"),
    ("programme:cyber", "benefit:service", "delivers"),
    ("programme:cyber", "objective:secure", "contributes_to"),
    ("programme:its", "benefit:cash", "delivers"),
    ("benefit:cash", "objective:efficient", "contributes_to"),
    ("objective:efficient", "priority:finance", "supports"),
    ("objective:secure", "priority:services", "supports"),
    ("objective:unserved", "priority:services", "supports"),
    ("kpi:kpi-cash", "benefit:cash", "measures"),
]


@pytest.fixture
def small_graph(client, auth):  # type: ignore[no-untyped-def]
    headers = auth("cpmo")
    for node in NODES:
        response = client.post("/api/v1/graph/nodes", json=node, headers=headers)
        assert response.status_code == 201, response.json
    for source, target, kind in EDGES:
        body = {"source_key": source, "target_key": target, "kind": kind, "source": "hand-worked"}
        response = client.post("/api/v1/graph/edges", json=body, headers=headers)
        assert response.status_code == 201, response.json
    return auth("oversight")


def test_impact_of_the_foundation_reaches_all_it_unlocks(client, small_graph) -> None:
    body = client.get("/api/v1/graph/impact/programme:found", headers=small_graph).json
    assert body == {
        "key": "programme:found",
        "kind": "programme",
        "affected": [
            "benefit:cash",
            "benefit:service",
            "objective:efficient",
            "objective:secure",
            "priority:finance",
            "priority:services",
            "programme:cyber",
            "programme:its",
        ],
        "programmes_affected": ["programme:cyber", "programme:its"],
        "objectives_at_risk": ["objective:efficient", "objective:secure"],
        "priorities_at_risk": ["priority:finance", "priority:services"],
        "benefits_at_risk": ["benefit:cash", "benefit:service"],
        "benefit_value_at_risk": 70_000_000,
        "benefit_value_at_risk_per_year": 0,
        "illustrative": False,
        **EVERY_PORTFOLIO,
    }


def test_impact_of_a_kpi_follows_its_benefit_upwards(client, small_graph) -> None:
    body = client.get("/api/v1/graph/impact/kpi:kpi-cash", headers=small_graph).json
    assert body["affected"] == ["benefit:cash", "objective:efficient", "priority:finance"]
    assert body["programmes_affected"] == [] and body["benefit_value_at_risk"] == 70_000_000


def test_delivery_order_is_in_generations(client, small_graph) -> None:
    body = client.get("/api/v1/graph/order", headers=small_graph).json
    assert body == {
        "generations": [
            ["programme:found", "programme:hub", "programme:lonely"],
            ["programme:cyber"],
            ["programme:its"],
        ],
        **EVERY_PORTFOLIO,
    }


def test_critical_path_adds_up_dates_and_durations(client, small_graph) -> None:
    body = client.get("/api/v1/graph/critical-path", headers=small_graph).json
    assert body == {
        "path": ["programme:found", "programme:cyber", "programme:its"],
        "total_duration_days": 365 + 200 + 545,
        "missing_durations": ["programme:hub"],
        **EVERY_PORTFOLIO,
    }


def test_orphans_are_the_unconnected_programmes_objectives_and_benefits(
    client, small_graph
) -> None:
    body = client.get("/api/v1/graph/orphans", headers=small_graph).json
    assert body == {
        "programmes": ["programme:found", "programme:hub", "programme:lonely"],
        "objectives": ["objective:unserved"],
        "benefits": ["benefit:undelivered"],
        **EVERY_PORTFOLIO,
    }


def test_enablers_rank_by_value_unlocked(client, small_graph) -> None:
    body = client.get("/api/v1/graph/enablers?limit=2", headers=small_graph).json
    assert body == [
        {
            "key": "programme:cyber",
            "benefits": 2,
            "benefit_value_gbp": 70_000_000,
            "programmes": 1,
        },
        {
            "key": "programme:found",
            "benefits": 2,
            "benefit_value_gbp": 70_000_000,
            "programmes": 2,
        },
    ]


def test_removing_an_edge_changes_the_analyses(client, small_graph, auth) -> None:
    graph = client.get("/api/v1/graph?edge_kind=enables", headers=small_graph).json
    [cyber_its] = [
        e
        for e in graph["edges"]
        if (e["source_key"], e["target_key"]) == ("programme:cyber", "programme:its")
    ]
    deleted = client.delete(f"/api/v1/graph/edges/{cyber_its['id']}", headers=auth("cpmo"))
    assert deleted.status_code == 204
    path = client.get("/api/v1/graph/critical-path", headers=small_graph).json
    assert path["path"] == ["programme:found", "programme:its"]
    assert path["total_duration_days"] == 365 + 545
    order = client.get("/api/v1/graph/order", headers=small_graph).json["generations"]
    assert order == [
        ["programme:found", "programme:hub", "programme:lonely"],
        ["programme:cyber", "programme:its"],
    ]


def test_impact_through_a_judgement_is_marked_illustrative(client, small_graph, auth) -> None:
    before = client.get("/api/v1/graph/impact/programme:lonely", headers=small_graph).json
    assert before["illustrative"] is False
    body = {
        "source_key": "programme:lonely",
        "target_key": "objective:unserved",
        "kind": "contributes_to",
        "source": "a workshop's judgement",
        "illustrative": True,
    }
    assert client.post("/api/v1/graph/edges", json=body, headers=auth("cpmo")).status_code == 201
    after = client.get("/api/v1/graph/impact/programme:lonely", headers=small_graph).json
    assert after["illustrative"] is True
    untouched = client.get("/api/v1/graph/impact/programme:found", headers=small_graph).json
    assert untouched["illustrative"] is False
