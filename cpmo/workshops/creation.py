"""Creating a workshop together with its criteria, candidates and scorers, in one go."""

from sqlmodel import Session

from cpmo.users.models import User
from cpmo.workshops import service as workshops
from cpmo.workshops.candidates import add_candidates
from cpmo.workshops.inputs import WorkshopCreate
from cpmo.workshops.models import Workshop
from cpmo.workshops.scorers import replace_scorers
from cpmo.workshops.setup import replace_criteria


def create_workshop(session: Session, *, actor: User, workshop_in: WorkshopCreate) -> Workshop:
    """A new draft workshop with whatever set-up the request brings."""
    workshop = workshops.create(session, actor=actor, workshop_in=workshop_in)
    if workshop_in.criteria:
        criteria = list(workshop_in.criteria)
        replace_criteria(session, actor=actor, code=workshop.code, criteria=criteria)
    if workshop_in.candidates:
        candidates = list(workshop_in.candidates)
        add_candidates(session, workshop=workshop, candidates=candidates, source=None)
    if workshop_in.scorers:
        scorers = list(workshop_in.scorers)
        replace_scorers(session, actor=actor, code=workshop.code, scorers=scorers)
    session.refresh(workshop)
    return workshop
