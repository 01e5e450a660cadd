"""A bad plan seed file is refused with file, record and field named, and nothing is loaded."""

import shutil
from pathlib import Path

import pytest
import yaml
from sqlmodel import Session, select

from cpmo.models import BusinessPlan, Programme
from cpmo.seeding import SEEDS_DIR, SeedError, load_seeds, reset_seeded_data


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, target)
    return target


def _edit(folder: Path, name: str, change) -> None:  # type: ignore[no-untyped-def]
    path = folder / "plans" / name
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")


def test_a_bad_plan_record_is_named_and_nothing_is_loaded(seed_copy: Path, session: Session):
    _edit(seed_copy, "kcc_hr_2013_14.yaml", lambda d: d["actions"][4].update(status="finished"))
    with pytest.raises(SeedError) as refused:
        load_seeds(session, seed_copy)
    assert any(
        p.startswith("plans/kcc_hr_2013_14.yaml: actions record 5 (2): status: Must be one of")
        for p in refused.value.problems
    )
    assert session.exec(select(Programme)).all() == []


def test_a_plan_linking_to_an_unknown_programme_is_refused(seed_copy: Path, session: Session):
    _edit(seed_copy, "goj_coo_summary.yaml", lambda d: d["links"][0].update(to="programme:gone"))
    with pytest.raises(
        SeedError, match=r"goj_coo_summary.yaml: links record 1 \(action:1.F2\): to"
    ):
        load_seeds(session, seed_copy)


def test_reset_removes_the_plans_and_seeding_brings_them_back(session: Session):
    load_seeds(session)
    reset_seeded_data(session)
    assert session.exec(select(BusinessPlan)).all() == []
    load_seeds(session)
    assert len(session.exec(select(BusinessPlan)).all()) == 5
