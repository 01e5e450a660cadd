"""Rows for what the histories left behind: business cases, conditions, lots, milestones,
benefits plans; and the graph's edges."""

from typing import Any

from cpmo.business_cases.digest import content_digest
from cpmo.vocabulary import Role
from cpmo_tools.demo import clock
from cpmo_tools.demo.build import Built
from cpmo_tools.demo.rows_portfolio import Ids, provenance


def case_rows(built: Built, ids: Ids) -> list[dict[str, Any]]:
    manager = ids.users[Role.PROGRAMME_MANAGER]
    return [
        {
            "programme_id": ids.programmes[story.plan.code],
            "kind": case.kind,
            "number": case.number,
            "status": case.status,
            "content": case.content,
            "content_sha256": content_digest(case.content) if case.submitted_at else None,
            "created_by_id": manager,
            "created_at": case.created_at,
            "submitted_by_id": manager if case.submitted_at else None,
            "submitted_at": case.submitted_at,
        }
        for story in built.stories
        for case in story.cases
    ]


def condition_rows(built: Built, ids: Ids, sequences: dict[int, int]) -> list[dict[str, Any]]:
    return [
        {
            "programme_id": ids.programmes[story.plan.code],
            "gate": c.gate,
            "text": c.text,
            "status": c.status,
            "set_by": c.set_by,
            "set_at": c.set_at,
            "audit_sequence": sequences[id(c.entry)],
            "discharged_by": c.discharged_by,
            "discharged_at": c.discharged_at,
            "discharge_note": c.discharge_note,
            "accepted_by": c.accepted_by,
            "accepted_at": c.accepted_at,
        }
        for story in built.stories
        for c in story.conditions
    ]


def delivery_rows(built: Built, ids: Ids) -> dict[str, list[dict[str, Any]]]:
    """Lots, milestones and benefits plans."""
    lots, milestones, plans = [], [], []
    manager = ids.users[Role.PROGRAMME_MANAGER]
    for story in built.stories:
        pid = ids.programmes[story.plan.code]
        lots += [
            {
                "programme_id": pid,
                "name": lot.name,
                "description": lot.description,
                "supplier": lot.supplier,
                "contract_value_gbp": lot.contract_value_gbp,
                "updated_at": lot.updated_at,
            }
            for lot in story.lots
        ]
        milestones += [
            {
                "code": m.code,
                "programme_id": pid,
                "title": m.title,
                "due_date": m.due_date,
                "due_text": None,
                "completed_on": m.completed_on,
                "source": m.source,
                "illustrative": True,
            }
            for m in story.milestones
        ]
        if story.benefits_plan is not None:
            benefits, at = story.benefits_plan
            plans.append(
                {
                    "programme_id": pid,
                    "benefits": benefits,
                    "updated_by_id": manager,
                    "updated_at": at,
                }
            )
    return {"lots": lots, "milestones": milestones, "benefits_plans": plans}


def benefit_year_rows(
    built: Built, benefit_ids: dict[str, int], usernames: dict[str, str]
) -> list[dict[str, Any]]:
    """What closed programmes' benefits realised (recorded before each close)."""
    manager = usernames[Role.PROGRAMME_MANAGER]
    return [
        {
            "benefit_id": benefit_ids[code],
            "year": r.year,
            "actual_gbp": r.amount_gbp,
            "updated_by": manager,
            "updated_at": r.at,
        }
        for story in built.stories
        for code, r in sorted(story.realised.items())
    ]


def edge_rows(built: Built, ids: Ids, actor: str) -> list[dict[str, Any]]:
    p = provenance(built)
    return [
        {
            "source_key": e.source,
            "target_key": e.target,
            "kind": e.kind,
            "created_at": clock.moment(e.day),
            "created_by": actor,
            **p,
        }
        for e in built.edges
    ]


def workshop_rows(built: Built, ids: Ids, workshop_id: int, scorer_id: int) -> dict[str, Any]:
    """Criteria, candidates, scorers and scores of the workshop ``workshop_id``."""
    w, p = built.workshop, provenance(built)
    scored_at = clock.moment(clock.WINDOW_DAYS - 135)
    account = w.scorers[-1]
    return {
        "criteria": [{**c, "workshop_id": workshop_id, **p} for c in w.criteria],
        "candidates": [
            {
                **{k: v for k, v in c.items() if k != "programme"},
                "workshop_id": workshop_id,
                "programme_id": ids.programmes[c["programme"]],
                **p,
            }
            for c in w.candidates
        ],
        "scorers": [
            {
                "workshop_id": workshop_id,
                "name": name,
                "user_id": scorer_id if name == account else None,
                **p,
            }
            for name in w.scorers
        ],
        "scores": [
            {**s, "workshop_id": workshop_id, "comment": None, "updated_at": scored_at, **p}
            for s in w.scores
        ],
    }
