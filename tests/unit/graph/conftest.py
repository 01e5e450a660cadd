"""A small hand-worked portfolio graph shared by the graph unit tests.

ms-foundation ─enables─▶ cyber ─enables─▶ its ◀─enables─ hub      lonely (no edges)
      └────────────enables──────────────▶ its
cyber ─delivers─▶ better-service        cyber ─contributes_to─▶ obj-secure ─▶ modern-services
its ─delivers─▶ cash-releasing (£70m) ─contributes_to─▶ obj-efficient ─▶ sustainable-finance
kpi-cash ─measures─▶ cash-releasing     obj-unserved ─▶ modern-services    undelivered (£5)
"""

from datetime import date

import pytest

from cpmo.graph import EdgeRecord, NodeRecord, build_graph

NODES = [
    NodeRecord(
        "programme:ttp-ms-foundation",
        "programme",
        "MS Foundation",
        {"planned_start": date(2020, 1, 1), "planned_end": date(2020, 12, 31)},
    ),
    NodeRecord("programme:ttp-cyber", "programme", "Cyber Security", {"duration_days": 200}),
    NodeRecord(
        "programme:ttp-its",
        "programme",
        "Integrated Technology Solution",
        {"planned_start": "2021-01-01", "planned_end": "2022-06-30"},
    ),
    NodeRecord("programme:ttp-hub", "programme", "Integration Hub"),
    NodeRecord("programme:ttp-lonely", "programme", "Lonely", {"duration_days": 30}),
    NodeRecord("benefit:cash-releasing", "benefit", "Cash releasing", {"value_gbp": 70_000_000}),
    NodeRecord("benefit:better-service", "benefit", "Better service", {"value_gbp": None}),
    NodeRecord("benefit:undelivered", "benefit", "Undelivered", {"value_gbp": 5}),
    NodeRecord("objective:obj-efficient", "objective", "Efficient government"),
    NodeRecord("objective:obj-secure", "objective", "Secure services"),
    NodeRecord("objective:obj-unserved", "objective", "Unserved objective"),
    NodeRecord("priority:sustainable-finance", "priority", "Sustainable public finances"),
    NodeRecord("priority:modern-services", "priority", "Modern public services"),
    NodeRecord("kpi:kpi-cash", "kpi", "Cash released (£)"),
]

EDGES = [
    ("programme:ttp-ms-foundation", "programme:ttp-cyber", "enables"),
    ("programme:ttp-ms-foundation", "programme:ttp-its", "enables"),
    ("programme:ttp-cyber", "programme:ttp-its", "enables"),
    ("programme:ttp-hub", "programme:ttp-its", "enables"),
    ("programme:ttp-cyber", "benefit:better-service", "delivers"),
    ("programme:ttp-cyber", "objective:obj-secure", "contributes_to"),
    ("programme:ttp-its", "benefit:cash-releasing", "delivers"),
    ("benefit:cash-releasing", "objective:obj-efficient", "contributes_to"),
    ("objective:obj-efficient", "priority:sustainable-finance", "supports"),
    ("objective:obj-secure", "priority:modern-services", "supports"),
    ("objective:obj-unserved", "priority:modern-services", "supports"),
    ("kpi:kpi-cash", "benefit:cash-releasing", "measures"),
]


def edge_records() -> list[EdgeRecord]:
    """The sample edges as records with ids 1, 2, …"""
    return [EdgeRecord(i, s, t, k) for i, (s, t, k) in enumerate(EDGES, start=1)]


@pytest.fixture
def portfolio():
    """The hand-worked sample graph."""
    return build_graph(NODES, edge_records())
