"""Gather a :class:`GateContext` for one programme in a fixed handful of queries."""

from dataclasses import dataclass, field

from sqlmodel import Session, select

from cpmo.business_cases.completeness import missing_items, whole_life_cost
from cpmo.business_cases.models import BusinessCase
from cpmo.business_cases.service import authors as case_authors
from cpmo.delivery.models import BenefitsPlan, Lot
from cpmo.finance.realisation import unaccounted
from cpmo.portfolios.models import Programme
from cpmo.strategy.models import Milestone
from cpmo.users.models import User
from cpmo.workflows.audit_store import entries_for
from cpmo.workflows.checks import GateContext, LotFact
from cpmo.workflows.gates import CASE_KINDS, GATES
from cpmo.workflows.models import AuditEntry, Condition


@dataclass
class ProgrammeRecord:
    """What the workflow knows about a programme's history."""

    cases: list[BusinessCase]
    entries: list[AuditEntry]
    open_conditions: list[Condition] = field(default_factory=list)

    def latest_entry(self, event: str) -> AuditEntry | None:
        return next((e for e in reversed(self.entries) if e.event == event), None)

    def case(self, kind: str, number: int | None) -> BusinessCase | None:
        return next((c for c in self.cases if c.kind == kind and c.number == number), None)

    def latest_case(self, kind: str) -> BusinessCase | None:
        of_kind = [c for c in self.cases if c.kind == kind]
        return max(of_kind, key=lambda c: c.number) if of_kind else None

    def cost_of(self, event: str) -> int | None:
        """Whole-life cost of the business case the latest ``event`` referred to."""
        entry = self.latest_entry(event)
        kind = event.rsplit("_", 1)[-1]
        case = self.case(kind, entry.business_case_version) if entry else None
        return whole_life_cost(case.content) if case else None


def load_record(session: Session, programme: Programme) -> ProgrammeRecord:
    cases = list(
        session.exec(select(BusinessCase).where(BusinessCase.programme_id == programme.id))
    )
    conditions = list(
        session.exec(
            select(Condition)
            .where(Condition.programme_id == programme.id, Condition.status == "open")
            .order_by(Condition.id)
        )
    )
    return ProgrammeRecord(cases, entries_for(session, programme_code=programme.code), conditions)


def _gate_facts(record: ProgrammeRecord, gate: str) -> tuple[str | None, bool, int | None]:
    """Who submitted the gate last, whether that submission was endorsed since, and the cost
    frozen into the submission (None for submissions made before costs were frozen)."""
    submitted = record.latest_entry(f"submit_{gate}")
    endorsed = record.latest_entry(f"endorse_{gate}")
    endorsed_since = bool(submitted and endorsed and endorsed.sequence > submitted.sequence)
    frozen = (submitted.details or {}).get("whole_life_cost_gbp") if submitted else None
    return (submitted.actor if submitted else None), endorsed_since, frozen


@dataclass(frozen=True)
class GateFacts:
    """What the gates look at besides the cases and the audit entries."""

    recorded_cost: int | None  # the programme's own whole-life cost
    open_conditions: list[str] = field(default_factory=list)
    conditions_due: dict[str, list[str]] = field(default_factory=dict)
    lots: list[LotFact] = field(default_factory=list)
    milestones_done: list[bool] = field(default_factory=list)
    has_benefits_plan: bool = False
    unaccounted_benefits: list[str] = field(default_factory=list)
    # usernames who created or edited any version of each kind of case
    case_authors: dict[str, frozenset[str]] = field(default_factory=dict)


def context_from(
    record: ProgrammeRecord,
    facts: GateFacts,
    *,
    actor: str,
    role: str,
    is_manager: bool,
    delegated_limit: int,
    cost_tolerance: float,
    accept_cost_growth: str | None = None,
) -> GateContext:
    """The gate context for a history and facts already in hand (no database)."""
    gates = {gate: _gate_facts(record, gate) for gate in GATES}
    drafts: dict[str, list[str] | None] = {}
    for kind in CASE_KINDS:
        latest = record.latest_case(kind)
        drafts[kind] = (
            missing_items(latest.content) if latest and latest.status == "draft" else None
        )
    under_review = [record.cost_of(f"submit_{kind}") for kind in CASE_KINDS]
    costs = [c for c in (facts.recorded_cost, *under_review) if c is not None]
    return GateContext(
        actor=actor,
        role=role,
        is_manager=is_manager,
        whole_life_cost=max(costs) if costs else None,
        delegated_limit=delegated_limit,
        cost_tolerance=cost_tolerance,
        draft_gaps=drafts,
        submitter={gate: f[0] for gate, f in gates.items()},
        endorsed={gate: f[1] for gate, f in gates.items()},
        frozen_cost={gate: f[2] for gate, f in gates.items()},
        case_authors=dict(facts.case_authors),
        open_conditions=list(facts.open_conditions),
        conditions_due={gate: list(due) for gate, due in facts.conditions_due.items()},
        approved_obc_cost=record.cost_of("approve_obc"),
        fbc_cost=record.cost_of("submit_fbc"),
        lots=list(facts.lots),
        milestones_done=list(facts.milestones_done),
        has_benefits_plan=facts.has_benefits_plan,
        unaccounted_benefits=list(facts.unaccounted_benefits),
        accept_cost_growth=accept_cost_growth,
    )


def _label(condition: Condition) -> str:
    return f"#{condition.id} {condition.text} (set at {condition.gate.upper()})"


def _due(conditions: list[Condition]) -> dict[str, list[str]]:
    """Gate → the open conditions due before its submission."""
    due: dict[str, list[str]] = {}
    for c in conditions:
        if c.before_submitting:
            due.setdefault(c.before_submitting, []).append(_label(c))
    return due


def build_context(
    session: Session,
    *,
    programme: Programme,
    actor: User,
    record: ProgrammeRecord,
    delegated_limit: int,
    cost_tolerance: float,
    accept_cost_growth: str | None = None,
) -> GateContext:
    """The facts the gate criteria check, for ``actor`` acting on ``programme`` now."""
    lots = session.exec(select(Lot).where(Lot.programme_id == programme.id).order_by(Lot.name))
    milestones = session.exec(
        select(Milestone.completed_on).where(Milestone.programme_id == programme.id)
    )
    plan = session.exec(
        select(BenefitsPlan.id).where(BenefitsPlan.programme_id == programme.id)
    ).first()
    author_ids = case_authors(session, programme_id=programme.id)
    names = dict(
        session.exec(
            select(User.id, User.username).where(
                User.id.in_(set().union(*author_ids.values()))  # type: ignore[union-attr]
            )
        ).all()
    )
    facts = GateFacts(
        recorded_cost=programme.whole_life_cost_gbp,
        open_conditions=[_label(c) for c in record.open_conditions],
        conditions_due=_due(record.open_conditions),
        lots=[LotFact(lot.name, lot.supplier, lot.contract_value_gbp) for lot in lots],
        milestones_done=[done is not None for done in milestones],
        has_benefits_plan=plan is not None,
        unaccounted_benefits=unaccounted(session, programme=programme),
        case_authors={
            kind: frozenset(names[i] for i in ids if i in names) for kind, ids in author_ids.items()
        },
    )
    return context_from(
        record,
        facts,
        actor=actor.username,
        role=actor.role,
        is_manager=programme.manager_id == actor.id,
        delegated_limit=delegated_limit,
        cost_tolerance=cost_tolerance,
        accept_cost_growth=accept_cost_growth,
    )
