"""Creating a workshop together with its criteria, candidates and scorers, in one go."""

from typing import Any

from sqlmodel import Session

from cpmo.users.models import User
from cpmo.workshops import service as workshops
from cpmo.workshops.candidates import add_candidates
from cpmo.workshops.models import Workshop
from cpmo.workshops.scorers import replace_scorers
from cpmo.workshops.setup import replace_criteria


def create_workshop(session: Session, *, actor: User, data: dict[str, Any]) -> Workshop:
    """A new draft workshop with whatever set-up the request brings."""
    workshop = workshops.create(session, actor=actor, data=data)
    if data.get("criteria"):
        replace_criteria(session, actor=actor, code=workshop.code, criteria=data["criteria"])
    if data.get("candidates"):
        add_candidates(session, workshop=workshop, candidates=data["candidates"], source=None)
    if data.get("scorers"):
        replace_scorers(session, actor=actor, code=workshop.code, scorers=data["scorers"])
    session.refresh(workshop)
    return workshop
