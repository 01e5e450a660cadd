"""The register section of an imported portfolio (GMPP): departments, top costs, withheld."""

from collections import Counter
from collections.abc import Iterable

from cpmo.reports.compose.content import CostLine, DepartmentLine, Register
from cpmo.reports.gather.facts import ProgrammeFacts, RegisterFacts

TOP_COSTS = 10


def withheld_counts(programmes: Iterable[ProgrammeFacts], facts: RegisterFacts) -> dict[str, int]:
    """How many ratings and figures were withheld (FOI exemptions) or not published."""
    programmes = list(programmes)
    records = [facts.records[p.code] for p in programmes if p.code in facts.records]
    return {
        "rag_withheld": sum((p.rag_reason or "").startswith("withheld") for p in programmes),
        "rag_unrated": sum(p.rag == "unrated" for p in programmes),
        "whole_life_cost_withheld": sum(r.whole_life_cost_withheld for r in records),
        "whole_life_cost_not_published": sum(
            p.whole_life_cost_gbp is None
            and not (facts.records.get(p.code) and facts.records[p.code].whole_life_cost_withheld)
            for p in programmes
        ),
        "budget_withheld": sum(r.budget_withheld for r in records),
        "benefits_withheld": sum(r.benefits_withheld for r in records),
    }


def register_section(programmes: Iterable[ProgrammeFacts], facts: RegisterFacts) -> Register:
    """By department, top whole-life costs, withheld counts and categories."""
    programmes = list(programmes)
    by_department: dict[str, list[ProgrammeFacts]] = {}
    for p in programmes:
        by_department.setdefault(p.department or "—", []).append(p)
    departments = [
        DepartmentLine(
            department=facts.departments.get(code, code),
            projects=len(group),
            whole_life_cost_gbp=sum(p.whole_life_cost_gbp or 0 for p in group),
            by_rag=dict(Counter(p.rag for p in group)),
        )
        for code, group in by_department.items()
    ]
    departments.sort(key=lambda d: (-d.whole_life_cost_gbp, d.department))
    costed = [p for p in programmes if p.whole_life_cost_gbp is not None]
    costed.sort(key=lambda p: (-(p.whole_life_cost_gbp or 0), p.code))
    top = [
        CostLine(
            p.code,
            p.name,
            facts.departments.get(p.department or "", p.department),
            p.rag,
            p.whole_life_cost_gbp or 0,
        )
        for p in costed[:TOP_COSTS]
    ]
    categories = Counter(
        (facts.records[p.code].category or "not stated") if p.code in facts.records else "—"
        for p in programmes
    )
    return Register(
        year=facts.year,
        filename=facts.filename,
        assessor="NISTA" if facts.year >= "2024-25" else "IPA",
        price_basis=facts.price_basis,
        by_department=departments,
        top_costs=top,
        withheld=withheld_counts(programmes, facts),
        by_category=dict(sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))),
    )
