"""The seeded TTP workshop: what the seed files load, that re-seeding keeps a workshop's progress,
and that the seed refuses scores that do not fit their workshop."""

import shutil
from pathlib import Path

import pytest
import yaml
from sqlmodel import Session, select

from cpmo.models import Workshop, WorkshopCandidate, WorkshopCriterion, WorkshopScore
from cpmo.seeding import SEEDS_DIR, SeedError, load_seeds, reset_seeded_data
from cpmo.workshops import status as workshop_status
from cpmo.workshops.results import workshop_ranking
from tests.support.workshops import runner

TTP = "ttp-prioritisation"


def _workshop(session: Session) -> Workshop:
    return session.exec(select(Workshop).where(Workshop.code == TTP)).one()


def test_the_seed_loads_the_ten_ttp_programmes_as_candidates(session: Session) -> None:
    load_seeds(session)
    workshop = _workshop(session)
    assert workshop.status == "scoring" and workshop.illustrative
    assert workshop.budgets == {
        "2020": 3_000_000,
        "2021": 5_000_000,
        "2022": 17_000_000,
        "2023": 17_000_000,
    }
    candidates = session.exec(
        select(WorkshopCandidate).where(WorkshopCandidate.workshop_id == workshop.id)
    ).all()
    assert len(candidates) == 10 and all(c.programme_id for c in candidates)
    for year, budget in workshop.budgets.items():
        assert sum(c.costs[year] for c in candidates) == budget
    already_funded = {c.key for c in candidates if not c.illustrative}
    assert already_funded == {"ttp-tax-system", "ttp-e-government"}
    assert all(sum(c.costs.values()) == 0 for c in candidates if c.key in already_funded)
    criteria = session.exec(
        select(WorkshopCriterion).where(WorkshopCriterion.workshop_id == workshop.id)
    ).all()
    assert len(criteria) == 6 and all(c.source.startswith("000_") for c in criteria)
    scores = session.exec(
        select(WorkshopScore).where(WorkshopScore.workshop_id == workshop.id)
    ).all()
    assert len(scores) == 10 * 6 * 3 and all(s.illustrative for s in scores)


def test_the_seeded_ranking_puts_cyber_and_ms_foundation_first(session: Session) -> None:
    load_seeds(session)
    ranking = workshop_ranking(session, workshop=_workshop(session))
    assert [r.candidate for r in ranking.candidates[:2]] == ["ttp-cyber", "ttp-ms-foundation"]
    assert [r.rank for r in ranking.candidates] == list(range(1, 11))
    flagged = [r.candidate for r in ranking.candidates if r.disagreement]
    assert flagged == ["ttp-electronic-patient-records"]


def test_reseeding_keeps_a_closed_workshop_closed(session: Session) -> None:
    load_seeds(session)
    workshop_status.change_status(session, actor=runner(session), code=TTP, status="closed")
    counts = load_seeds(session)
    assert _workshop(session).status == "closed"
    assert counts["workshop_scores"] == 180


def test_reset_empties_the_workshops_and_seeding_brings_them_back(session: Session) -> None:
    load_seeds(session)
    reset_seeded_data(session)
    assert session.exec(select(Workshop)).all() == []
    load_seeds(session)
    assert len(session.exec(select(WorkshopScore)).all()) == 180


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, target)
    return target


def _edit_first_score(folder: Path, **changes: object) -> None:
    path = folder / "workshop_scores.yaml"
    document = yaml.safe_load(path.read_text())
    document["records"][0].update(changes)
    path.write_text(yaml.safe_dump(document, allow_unicode=True))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"value": 6}, "value: outside the scale 1–5"),
        ({"candidate": "ttp-nothing"}, "candidate: no candidate 'ttp-nothing'"),
        ({"criterion": "beauty"}, "criterion: no criterion 'beauty'"),
        ({"scorer": "Someone Else"}, "scorer: no scorer 'Someone Else'"),
        ({"workshop": "nowhere"}, "workshop: unknown code 'nowhere'"),
    ],
)
def test_a_score_that_does_not_fit_its_workshop_is_refused(
    session: Session, seed_copy: Path, changes: dict[str, object], message: str
) -> None:
    _edit_first_score(seed_copy, **changes)
    with pytest.raises(SeedError) as caught:
        load_seeds(session, seed_copy)
    assert any(f"workshop_scores.yaml: record 1: {message}" in p for p in caught.value.problems), (
        caught.value.problems
    )
