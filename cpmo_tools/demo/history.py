"""One programme's history in memory, each event fired through the workflow's planner.

:meth:`Story.fire` asks :func:`cpmo.workflows.planner.plan_event` (the machine and its
guards, the gate criteria, the gate table's effects) exactly as ``fire_event`` does, and
applies the planned changes to rows held in memory instead of the tables: no second copy of
the workflow, and no query per event.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cpmo.config import GovernanceLimits
from cpmo.errors import DomainError
from cpmo.vocabulary import Role, Stage
from cpmo.workflows import planner
from cpmo.workflows.context import GateFacts, ProgrammeRecord, context_from
from cpmo.workflows.criteria import GateContext, LotFact, cost_under_review
from cpmo.workflows.lifecycle import EVENTS
from cpmo_tools.demo.catalogue import ProgrammePlan
from cpmo_tools.demo.records import Case, Cast, ConditionRow, Entry, LotRow, MilestoneRow


class GeneratorBug(AssertionError):
    """The generator produced an event the workflow would refuse."""


@dataclass
class Facts:
    """What the gates look at besides cases and entries, with the manager's username."""

    whole_life_cost: int | None
    manager: str
    open_conditions: list[str] = field(default_factory=list)
    lots: list[LotFact] = field(default_factory=list)
    milestones_done: list[bool] = field(default_factory=list)
    has_benefits_plan: bool = False
    unaccounted_benefits: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Realised:
    """What a benefit realised in one year, recorded when."""

    year: int
    amount_gbp: int
    at: datetime


@dataclass
class Story:
    """One programme's history so far: its cases, events, conditions, lots, milestones."""

    plan: ProgrammePlan
    cast: Cast
    limits: GovernanceLimits
    cases: list[Case] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    conditions: list[ConditionRow] = field(default_factory=list)
    lots: list[LotRow] = field(default_factory=list)
    milestones: list[MilestoneRow] = field(default_factory=list)
    benefits_plan: tuple[list[dict[str, Any]], datetime] | None = None
    benefits: list[dict[str, Any]] = field(default_factory=list)  # the programme's Benefit rows
    realised: dict[str, Realised] = field(default_factory=dict)  # benefit code → actual
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
            unaccounted_benefits=sorted(
                b["title"]
                for b in self.benefits
                if b.get("value_gbp") is not None and b["code"] not in self.realised
            ),
        )

    def realise_benefits(self, at: datetime) -> None:
        """Record nine tenths of each valued benefit as realised in ``at``'s year (a close
        needs every valued benefit accounted for)."""
        for b in self.benefits:
            if b.get("value_gbp") is not None and b["code"] not in self.realised:
                self.realised[b["code"]] = Realised(at.year, b["value_gbp"] * 9 // 10, at)

    def gate_context(self, event: str, growth: str | None = None) -> GateContext:
        """The context the workflow service would check ``event`` against now."""
        actor, role = self.cast.who(EVENTS[event].verb)
        facts = self.facts()
        return context_from(
            self.record,
            GateFacts(
                recorded_cost=facts.whole_life_cost,
                open_conditions=facts.open_conditions,
                lots=facts.lots,
                milestones_done=facts.milestones_done,
                has_benefits_plan=facts.has_benefits_plan,
                unaccounted_benefits=facts.unaccounted_benefits,
                case_authors={c.kind: frozenset({facts.manager}) for c in self.record.cases},
            ),
            actor=actor,
            role=role,
            is_manager=actor == facts.manager,
            delegated_limit=self.limits.delegated_limit_gbp,
            cost_tolerance=self.limits.cost_tolerance,
            accept_cost_growth=growth,
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
        """Fire ``event`` at ``at`` through the workflow's own planner (the machine, the gate
        criteria and the gate table's effects); GeneratorBug if the workflow would refuse it."""
        if self.entries and at <= self.entries[-1].created_at:
            raise GeneratorBug(f"{event} at {at} is not after the previous event")
        ctx = self.gate_context(event, growth)
        try:
            planner.check_request(event, rationale, list(conditions))
            plan = planner.plan_event(
                event,
                stage=self.stage,
                held_from=self.held_from,
                record=self.record,
                ctx=ctx,
                programme_code=self.plan.code,
                programme_cost=self.whole_life_cost,
                conditions=list(conditions),
            )
        except DomainError as exc:
            raise GeneratorBug(f"{event} from {self.stage} refused: {exc.detail}") from exc
        entry = Entry(
            sequence=len(self.entries) + 1,
            event=event,
            from_stage=plan.from_stage,
            to_stage=plan.to_stage,
            actor=ctx.actor,
            role=ctx.role,
            created_at=at,
            rationale=rationale,
            business_case_version=plan.business_case_version,
            details=plan.details,
        )
        self.entries.append(entry)
        self.stage, self.held_from = plan.to_stage, plan.held_from
        for change in plan.changes:
            self._apply(change, entry)
        return entry

    def _apply(self, change: planner.Change, entry: Entry) -> None:
        """Write one planned change into the history held in memory (as ``effects.apply``
        writes it to the tables)."""
        if isinstance(change, planner.FreezeSubmission):
            case = self.record.latest_case(change.gate)
            if change.case_sha256 is not None and case is not None and case.status == "draft":
                case.status, case.submitted_at = "submitted", entry.created_at
        elif isinstance(change, planner.SetWholeLifeCost):
            self.whole_life_cost = change.amount
        elif isinstance(change, planner.AddLot):
            if change.name not in {lot.name for lot in self.lots}:
                self.lots.append(LotRow(change.name, change.description, entry.created_at))
        elif isinstance(change, planner.AddMilestone):
            self.milestones.append(
                MilestoneRow(
                    code=change.code, title=change.title, due_date=change.due, source=change.source
                )
            )
        elif isinstance(change, planner.AddCondition):
            self.conditions.append(
                ConditionRow(change.gate, change.text, entry.actor, entry.created_at, entry)
            )
