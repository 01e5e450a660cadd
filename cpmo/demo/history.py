"""One programme's history in memory, each event checked and applied as the workflow does it.

:meth:`Story.fire` mirrors ``cpmo.workflows.service.fire_event`` and ``effects.apply``: the
same criteria, destination, business-case version, frozen submissions, carried costs, lots,
milestones and conditions, without a query per event.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from cpmo.business_cases.completeness import whole_life_cost
from cpmo.business_cases.digest import content_digest
from cpmo.demo.catalogue import ProgrammePlan
from cpmo.demo.gatecheck import Facts, GeneratorBug, check, context, destination
from cpmo.demo.records import Case, Cast, ConditionRow, Entry, LotRow, MilestoneRow
from cpmo.vocabulary import Role, Stage
from cpmo.workflows.context import ProgrammeRecord
from cpmo.workflows.criteria import GateContext, LotFact, cost_under_review
from cpmo.workflows.gates import CASE_KINDS
from cpmo.workflows.lifecycle import EVENTS
from cpmo.workflows.service import Limits, business_case_version


@dataclass
class Story:
    """One programme's history so far: its cases, events, conditions, lots, milestones."""

    plan: ProgrammePlan
    cast: Cast
    limits: Limits
    cases: list[Case] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    conditions: list[ConditionRow] = field(default_factory=list)
    lots: list[LotRow] = field(default_factory=list)
    milestones: list[MilestoneRow] = field(default_factory=list)
    benefits_plan: tuple[list[dict[str, Any]], datetime] | None = None
    stage: str = Stage.PROPOSED.value
    held_from: str | None = None
    whole_life_cost: int | None = None
    record: ProgrammeRecord = field(init=False)

    def __post_init__(self) -> None:
        self.record = ProgrammeRecord(self.cases, self.entries)
        self.whole_life_cost = self.plan.estimate

    @property
    def manager(self) -> str:
        return self.cast.usernames[Role.PROGRAMME_MANAGER]

    def facts(self) -> Facts:
        return Facts(
            whole_life_cost=self.whole_life_cost,
            manager=self.manager,
            open_conditions=[c.text for c in self.conditions if c.status == "open"],
            lots=[
                LotFact(x.name, x.supplier, x.contract_value_gbp)
                for x in sorted(self.lots, key=lambda lot: lot.name)
            ],
            milestones_done=[m.completed_on is not None for m in self.milestones],
            has_benefits_plan=self.benefits_plan is not None,
        )

    def gate_context(self, event: str, growth: str | None = None) -> GateContext:
        """The context the workflow service would check ``event`` against now."""
        actor, role = self.cast.who(EVENTS[event].verb)
        return context(
            self.record, self.facts(), actor=actor, role=role, limits=self.limits, growth=growth
        )

    def needs_endorsement(self, gate: str) -> bool:
        ctx = self.gate_context(f"approve_{gate}")
        cost = cost_under_review(gate, ctx)
        over = cost is not None and cost > ctx.delegated_limit
        return over and not ctx.endorsed.get(gate)

    def fire(
        self,
        event: str,
        at: datetime,
        *,
        rationale: str | None = None,
        conditions: tuple[str, ...] = (),
        growth: str | None = None,
    ) -> Entry:
        """Apply ``event`` at ``at`` if the workflow would accept it; GeneratorBug otherwise."""
        spec = EVENTS[event]
        if (spec.needs_rationale and not rationale) or (conditions and spec.verb != "approve"):
            raise GeneratorBug(f"{event}: rationale or conditions out of place")
        if self.entries and at <= self.entries[-1].created_at:
            raise GeneratorBug(f"{event} at {at} is not after the previous event")
        ctx = self.gate_context(event, growth)
        check(event, self.stage, ctx)
        to = destination(event, self.stage, self.held_from)
        details: dict[str, Any] = {
            k: v for k, v in (("conditions", list(conditions)), ("accept_cost_growth", growth)) if v
        }
        if spec.verb == "submit":
            details |= self._frozen(str(spec.gate))
        entry = Entry(
            sequence=len(self.entries) + 1,
            event=event,
            from_stage=self.stage,
            to_stage=to,
            actor=ctx.actor,
            role=ctx.role,
            created_at=at,
            rationale=rationale,
            business_case_version=business_case_version(event, self.record),
            details=details,
        )
        if event == "pause":
            self.held_from = self.stage
        elif event == "resume":
            self.held_from = None
        self.entries.append(entry)
        self.stage = to
        self._apply(event, entry, conditions)
        return entry

    def _frozen(self, gate: str) -> dict[str, Any]:
        """What ``effects.freeze_submission`` records: the cost under review and the digest."""
        case = self.record.latest_case(gate) if gate in CASE_KINDS else None
        if case is None or case.status != "draft":
            return {"whole_life_cost_gbp": self.whole_life_cost}
        costs = [c for c in (whole_life_cost(case.content), self.whole_life_cost) if c]
        return {
            "whole_life_cost_gbp": max(costs) if costs else None,
            "case_sha256": content_digest(case.content),
        }

    def _apply(self, event: str, entry: Entry, conditions: tuple[str, ...]) -> None:
        spec = EVENTS[event]
        gate = str(spec.gate) if spec.gate else None
        if spec.verb == "submit" and gate in CASE_KINDS:
            case = self.record.latest_case(gate)
            if case is not None and case.status == "draft":
                case.status, case.submitted_at = "submitted", entry.created_at
        if spec.verb == "approve" and gate in CASE_KINDS:
            self._carry(gate, entry)
        if spec.verb == "approve":
            self.conditions += [
                ConditionRow(gate or "", text, entry.actor, entry.created_at, entry)
                for text in conditions
            ]

    def _carry(self, kind: str, entry: Entry) -> None:
        case = self.record.case(kind, entry.business_case_version)
        if case is None:
            return
        cost = whole_life_cost(case.content)
        if cost is not None:
            self.whole_life_cost = cost
        if kind != "fbc":
            return
        names = {lot.name for lot in self.lots}
        for lot in case.content["commercial"].get("lots") or []:
            if lot["name"] not in names:
                self.lots.append(LotRow(lot["name"], lot.get("description"), entry.created_at))
        for index, m in enumerate(case.content["management"].get("milestones") or [], start=1):
            self.milestones.append(
                MilestoneRow(
                    code=f"{self.plan.code}-fbc{case.number}-m{index}"[:80],
                    title=m["name"],
                    due_date=date.fromisoformat(m["due"]),
                    source=f"FBC version {case.number}, management case",
                )
            )
