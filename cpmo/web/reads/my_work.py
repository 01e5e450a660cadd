"""My work: what needs the signed-in person now, per role, as a task list.

Built from the queries the rest of the app uses: the approval queue, the endorsement queue,
the workflow's available events and their refusals (``workflow_view``), the case status at its
gate, the conditions and milestones of the programmes a manager manages, and the workshops a
scorer scores. What someone may do is the workflow's answer, never worked out here.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, select

from cpmo.business_cases.completeness import missing_items
from cpmo.config import GovernanceLimits
from cpmo.portfolios import service as portfolios
from cpmo.portfolios.models import Programme
from cpmo.strategy.models import Milestone
from cpmo.users.models import User
from cpmo.vocabulary import Role, case_kind_label, gate_label, long_date
from cpmo.web.labels import first_upper
from cpmo.web.reads.endorsements import endorsement_queue
from cpmo.web.reads.queue import approval_queue
from cpmo.workflows import service as workflow
from cpmo.workflows.case_status import case_statuses
from cpmo.workflows.gates import GATES, gate_in_review, gate_prepared_in
from cpmo.workflows.models import Condition
from cpmo.workshops.models import (
    Workshop,
    WorkshopCandidate,
    WorkshopCriterion,
    WorkshopScore,
    WorkshopScorer,
)

ACTION = "Action needed"


@dataclass(frozen=True)
class Link:
    """Where to do it: a page endpoint, its arguments and an anchor on the page."""

    endpoint: str
    args: dict[str, str] = field(default_factory=dict)
    anchor: str | None = None


@dataclass(frozen=True)
class WorkItem:
    """One task: what it is, for which programme (or workshop), its status and its link."""

    text: str
    about: str | None  # the programme or workshop by name
    status: str  # "Action needed", "Waiting for …", "To read"
    link: Link
    hint: str | None = None

    @property
    def needs_action(self) -> bool:
        return self.status == ACTION


@dataclass(frozen=True)
class MyWork:
    role: str
    items: list[WorkItem]

    @property
    def groups(self) -> list[tuple[str | None, list[WorkItem]]]:
        """The items by programme (or workshop), in the order they first appear."""
        grouped: dict[str | None, list[WorkItem]] = {}
        for item in self.items:
            grouped.setdefault(item.about, []).append(item)
        return list(grouped.items())

    @property
    def count(self) -> int:
        """How many items need the person now (the number in the navigation)."""
        return sum(i.needs_action for i in self.items)


def _subject(gate: str) -> str:
    """ "the outline business case"; "the submission at the delivery gate" (no case)."""
    kind = GATES[gate].case_kind
    return (
        f"the {case_kind_label(kind)}" if kind else f"the submission at the {gate_label(gate)} gate"
    )


def _programme_link(code: str, anchor: str | None = None) -> Link:
    return Link("web.programme", {"code": code}, anchor)


def _case_items(flow: workflow.WorkflowView) -> list[WorkItem]:
    """The business case a manager writes, finishes or revises after a return, and the
    submission the workflow lets them make now (or why not yet)."""
    programme = flow.programme
    gate = gate_prepared_in(programme.stage)
    if gate is None:
        return []
    items = []
    name, code = programme.name, programme.code
    submit = flow.event(f"submit_{gate.name}")
    if gate.case_kind:
        kind = gate.case_kind
        label = case_kind_label(kind)
        latest = flow.record.latest_case(kind)
        statuses = {(s.kind, s.number): s.status for s in case_statuses(flow.record)}
        edit = Link("web.edit_business_case", {"code": code, "kind": kind})
        if latest is None:
            items.append(WorkItem(f"Write the {label}", name, ACTION, edit))
        elif latest.status == "draft" and (gaps := missing_items(latest.content)):
            hint = f"{len(gaps)} part{'s' if len(gaps) != 1 else ''} still to write."
            items.append(WorkItem(f"Finish the {label}", name, ACTION, edit, hint))
        elif statuses.get((kind, latest.number)) == "returned":
            items.append(
                WorkItem(
                    f"Answer the return of the {label}",
                    name,
                    ACTION,
                    edit,
                    "The CPMO returned it for rework: revise it and submit it again.",
                )
            )
    if submit is not None and not submit.forbidden and not items:  # the case comes first
        decide = Link("web.decide", {"code": code, "event": submit.event})
        what = (
            f"Submit {_subject(gate.name)}"
            if gate.case_kind
            else f"Submit for the {gate_label(gate.name)} gate"
        )
        if submit.criteria_met:
            items.append(WorkItem(what, name, ACTION, decide))
        else:
            hint = " ".join(first_upper(u) for u in submit.unmet_criteria)
            items.append(WorkItem(what, name, "Cannot start yet", decide, hint))
    return items


def _review_item(flow: workflow.WorkflowView) -> list[WorkItem]:
    """A manager's submission that waits for the CPMO (or the oversight group first)."""
    gate = gate_in_review(flow.programme.stage)
    if gate is None or flow.review is None:
        return []
    waiting = (
        "Waiting for endorsement" if flow.review.awaits_endorsement else "Waiting for the CPMO"
    )
    return [
        WorkItem(
            f"Decision on {_subject(gate.name)}",
            flow.programme.name,
            waiting,
            _programme_link(flow.programme.code, "decisions"),
        )
    ]


def _condition_items(flow: workflow.WorkflowView) -> list[WorkItem]:
    return [
        WorkItem(
            f"Discharge the condition: {c.text}",
            flow.programme.name,
            ACTION,
            _programme_link(flow.programme.code, f"condition-{c.id}"),
        )
        for c in flow.record.open_conditions
    ]


def _overdue_milestones(session: Session, managed: list[Programme], today: date) -> list[WorkItem]:
    """Milestones past their due date and not complete, in one query for every programme."""
    by_id = {p.id: p for p in managed}
    if not by_id:
        return []
    rows = session.exec(
        select(Milestone)
        .where(
            Milestone.programme_id.in_(list(by_id)),  # type: ignore[union-attr]
            Milestone.completed_on.is_(None),  # type: ignore[union-attr]
            Milestone.due_date < today,  # type: ignore[operator]
        )
        .order_by(Milestone.due_date, Milestone.id)
    ).all()
    items = []
    for m in rows:
        programme = by_id[m.programme_id]
        items.append(
            WorkItem(
                f"Overdue milestone: {m.title}",
                programme.name,
                ACTION,
                _programme_link(programme.code),
                f"It was due on {long_date(m.due_date)}.",
            )
        )
    return items


def _manager(session: Session, actor: User, limits: GovernanceLimits, now: datetime) -> list:
    managed = list(
        session.exec(
            select(Programme)
            .where(Programme.manager_id == actor.id, Programme.outside_gates.is_(None))  # type: ignore[union-attr]
            .order_by(Programme.name)
        ).all()
    )
    items: list[WorkItem] = []
    for programme in managed:
        flow = workflow.workflow_view(session, actor=actor, code=programme.code, limits=limits)
        items += _case_items(flow) + _review_item(flow) + _condition_items(flow)
    return items + _overdue_milestones(session, managed, now.date())


def _officer(session: Session, actor: User, limits: GovernanceLimits, now: datetime) -> list:
    items = []
    for a in approval_queue(session, actor=actor, limits=limits, now=now):
        status = ACTION
        if a.refusals:
            waiting = a.above_limit and not a.endorsed
            status = "Waiting for endorsement" if waiting else "Not for you"
        items.append(
            WorkItem(
                f"Review {_subject(a.gate)}",
                a.name,
                status,
                Link("web.approvals"),
                " ".join(a.refusals) or None,
            )
        )
    discharged = session.exec(
        select(Condition, Programme.code, Programme.name)
        .join(Programme, Programme.id == Condition.programme_id)
        .where(Condition.status == "discharged")
        .order_by(Condition.discharged_at, Condition.id)
    ).all()
    for c, code, name in discharged:
        own = c.discharged_by == actor.username
        items.append(
            WorkItem(
                f"Accept or return the discharged condition: {c.text}",
                name,
                "Not for you" if own else ACTION,
                _programme_link(code, f"condition-{c.id}"),
                "You discharged it, so another officer decides." if own else None,
            )
        )
    items.append(
        WorkItem(
            "Look at the exceptions in the portfolio",
            None,
            "To look at",
            Link("web.dashboard", anchor="exceptions"),
        )
    )
    return items


def _oversight(session: Session, actor: User, limits: GovernanceLimits, now: datetime) -> list:
    items = [
        WorkItem(
            f"Endorse {_subject(a.gate)}",
            a.name,
            "Not for you" if a.refusals else ACTION,
            Link("web.endorsements"),
            " ".join(a.refusals) or None,
        )
        for a in endorsement_queue(session, actor=actor, limits=limits)
    ]
    listed = portfolios.list_portfolios(session)
    if listed:
        portfolio = listed[0][0]
        items.append(
            WorkItem(
                "Read the latest board pack",
                portfolio.name,
                "To read",
                Link("web.reports", {"portfolio": portfolio.code}),
            )
        )
    return items


def _scorer(session: Session, actor: User, limits: GovernanceLimits, now: datetime) -> list:
    """Workshops open for scoring where this person scores and has cells left to score."""
    mine = session.exec(
        select(Workshop, WorkshopScorer.name)
        .join(WorkshopScorer, WorkshopScorer.workshop_id == Workshop.id)
        .where(WorkshopScorer.user_id == actor.id, Workshop.status == "scoring")
        .order_by(Workshop.name)
    ).all()
    ids = [w.id for w, _ in mine]
    if not ids:
        return []
    criteria = _counts(session, WorkshopCriterion, ids)
    candidates = _counts(
        session,
        WorkshopCandidate,
        ids,
        WorkshopCandidate.merged_into.is_(None),  # type: ignore[union-attr]
    )
    scored = dict(
        ((w, s), n)
        for w, s, n in session.exec(
            select(WorkshopScore.workshop_id, WorkshopScore.scorer, func.count())
            .where(WorkshopScore.workshop_id.in_(ids))  # type: ignore[attr-defined]
            .group_by(WorkshopScore.workshop_id, WorkshopScore.scorer)
        ).all()
    )
    items = []
    for w, name in mine:
        left = criteria.get(w.id, 0) * candidates.get(w.id, 0) - scored.get((w.id, name), 0)
        if left > 0:
            items.append(
                WorkItem(
                    "Score the candidates",
                    w.name,
                    ACTION,
                    Link("web.scoring", {"code": w.code}),
                    f"{left} score{'s' if left != 1 else ''} still to give.",
                )
            )
    return items


def _counts(session: Session, model: type, ids: list, *where: object) -> dict[int, int]:
    """Rows of ``model`` per workshop, in one query."""
    return dict(
        session.exec(
            select(model.workshop_id, func.count())  # type: ignore[attr-defined]
            .where(model.workshop_id.in_(ids), *where)  # type: ignore[attr-defined]
            .group_by(model.workshop_id)  # type: ignore[attr-defined]
        ).all()
    )


def _facilitator(session: Session, actor: User, limits: GovernanceLimits, now: datetime) -> list:
    """Workshops to set up (draft) and workshops being scored (close them when done)."""
    rows = session.exec(
        select(Workshop).where(Workshop.status.in_(("draft", "scoring"))).order_by(Workshop.name)  # type: ignore[attr-defined]
    ).all()
    return [
        WorkItem(
            "Set up the workshop and open it for scoring"
            if w.status == "draft"
            else "Close the workshop when the scores are in",
            w.name,
            ACTION if w.status == "draft" else "Waiting for scorers",
            Link("web.workshop", {"code": w.code}),
        )
        for w in rows
    ]


def _admin(session: Session, actor: User, limits: GovernanceLimits, now: datetime) -> list:
    return []


ROLE_WORK: dict[str, Callable[[Session, User, GovernanceLimits, datetime], list]] = {
    Role.PROGRAMME_MANAGER: _manager,
    Role.CPMO: _officer,
    Role.OVERSIGHT: _oversight,
    Role.SCORER: _scorer,
    Role.FACILITATOR: _facilitator,
    Role.ADMIN: _admin,
}


def my_work(session: Session, *, actor: User, limits: GovernanceLimits, now: datetime) -> MyWork:
    """What needs ``actor`` now, for their role."""
    work = ROLE_WORK.get(actor.role, _admin)
    return MyWork(role=actor.role, items=work(session, actor, limits, now))
