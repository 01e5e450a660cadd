"""Complete business cases for tests."""

from typing import Any


def complete_case(kind: str = "obc", cost: int = 2_000_000) -> dict[str, Any]:
    """A complete Five Case Model business case of ``kind`` costing ``cost`` pounds."""
    first = cost // 2
    return {
        "kind": kind,
        "strategic": {
            "case_for_change": "Legacy finance systems are unsupported and costly.",
            "objectives": ["objective:obj-coo-1"],
        },
        "economic": {
            "options": [
                {"name": "Business as usual", "npv": -1_000_000},
                {"name": "Upgrade in place", "npv": 500_000},
                {"name": "Replace with SaaS", "npv": 1_200_000},
            ],
            "preferred_option": "Replace with SaaS",
        },
        "commercial": {
            "procurement_route": "Open tender",
            "lots": [{"name": "Software"}, {"name": "Integration"}],
        },
        "financial": {
            "whole_life_cost": cost,
            "funding_source": "Government Plan, CSP ref O13-14",
            "profile": {"2021": first, "2022": cost - first},
        },
        "management": {
            "senior_responsible_owner": "Director of Modernisation and Digital",
            "milestones": [
                {"name": "Go live", "due": "2022-03-31"},
                {"name": "Legacy switched off", "due": "2022-09-30"},
            ],
            "risks": [
                {
                    "title": "Data migration",
                    "likelihood": 3,
                    "impact": 4,
                    "owner": "Head of Finance Systems",
                }
            ],
            "benefits": [{"title": "Licence savings", "value_gbp": 300_000}],
        },
    }
