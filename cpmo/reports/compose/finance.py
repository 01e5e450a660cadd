"""The report's money and benefit figures, each from the finance module's rules (pure)."""

from collections.abc import Iterable

from cpmo.finance.benefits import BenefitInput, BenefitTotals, benefit_totals
from cpmo.finance.costs import CostInput, EnvelopeException, PortfolioCost, roll_up
from cpmo.money import money
from cpmo.reports.compose.content import ExceptionItem
from cpmo.reports.gather.facts import BenefitFact, ProgrammeFacts
from cpmo.vocabulary import ENDED_STAGES


def cost_of(programmes: Iterable[ProgrammeFacts], start_month: int) -> PortfolioCost:
    """The one roll-up of the programmes' whole-life costs that every section reads."""
    return roll_up(
        (
            CostInput(
                code=p.code,
                name=p.name,
                parent=p.parent,
                whole_life_cost_gbp=p.whole_life_cost_gbp,
                active=p.stage not in ENDED_STAGES,
                approved_profile=p.approved_profile,
                approved_source=p.approved_source,
                planned_start=p.planned_start,
                planned_end=p.planned_end,
                illustrative=p.illustrative,
            )
            for p in programmes
        ),
        start_month,
    )


def benefits_of(benefits: Iterable[BenefitFact], among: Iterable[str]) -> BenefitTotals:
    """Totals over ``among``, each benefit once (``benefits`` includes their containers)."""
    inputs = [
        BenefitInput(
            code=b.code,
            title=b.title,
            value_gbp=b.value_gbp,
            per_year=b.per_year,
            part_of=b.part_of,
            programme=b.programme,
            illustrative=b.illustrative,
        )
        for b in benefits
    ]
    return benefit_totals(inputs, among=among)


def envelope_exceptions(
    found: Iterable[EnvelopeException], programmes: Iterable[ProgrammeFacts]
) -> list[ExceptionItem]:
    """Children costed above their parent's whole-life cost, as report exceptions."""
    rag = {p.code: p.rag for p in programmes}
    return [
        ExceptionItem(
            e.code,
            e.name,
            rag.get(e.code, "unrated"),
            "envelope",
            f"Its children's costs add up to {money(e.children_cost_gbp)}, "
            f"{money(e.excess_gbp)} more than its whole-life cost of {money(e.parent_cost_gbp)}. "
            "Revise the parent's envelope or the children's costs.",
        )
        for e in found
    ]
