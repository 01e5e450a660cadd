"""Who runs a workshop, who scores in it, and who sees its scores and results when."""

from sqlmodel import Session, select

from cpmo.errors import NotPermitted
from cpmo.users.models import User
from cpmo.vocabulary import Role
from cpmo.workshops.models import Workshop, WorkshopScorer

RUNNERS = frozenset({Role.FACILITATOR, Role.CPMO})
CLOSED = "closed"


def runs_workshops(actor: User) -> bool:
    """Facilitators and CPMO officers run every workshop (set up, move, see everything)."""
    return actor.role in RUNNERS


def sees_everything(actor: User, workshop: Workshop) -> bool:
    """Results and every score are visible to runners any time, to everyone once closed."""
    return workshop.status == CLOSED or runs_workshops(actor)


def require_results(actor: User, workshop: Workshop) -> None:
    """NotPermitted unless the actor may see the workshop's results now."""
    if not sees_everything(actor, workshop):
        raise NotPermitted(
            f"Workshop {workshop.code!r} is {workshop.status}: its results are published "
            "when the facilitator closes it."
        )


def scorer_names(session: Session, *, actor: User, workshop: Workshop) -> list[str]:
    """The scorer identities of this workshop that belong to the actor's account."""
    return list(
        session.exec(
            select(WorkshopScorer.name).where(
                WorkshopScorer.workshop_id == workshop.id, WorkshopScorer.user_id == actor.id
            )
        ).all()
    )
