"""Progress on the seeded plans, as of hand-worked dates; progress notes; re-loading a plan."""

from datetime import date

import pytest
import yaml
from sqlmodel import Session, select

from cpmo.errors import NotFound, RuleViolation
from cpmo.plans import kpis, owners, risk_register
from cpmo.plans.importer import PlanFileError, read_plan
from cpmo.plans.inputs import RiskUpdate
from cpmo.plans.measures import PlanKpiActual
from cpmo.plans.models import BusinessPlan, PlanAction, PlanProgress
from cpmo.plans.notes import ProgressNote, record_action_progress
from cpmo.plans.service import get_plan_or_raise, plan_progress
from cpmo.plans.store import store_plan
from cpmo.seeding import SEEDS_DIR
from cpmo.users import service as users
from tests.support.dbdump import dump_tables

HR = "kcc-hr-2013-14"


@pytest.fixture
def officer(seeded: Session):  # type: ignore[no-untyped-def]
    user, _ = users.create(seeded, username="pm", role="programme_manager")
    cpmo, _ = users.create(seeded, username="cpmo", role="cpmo")
    for plan in seeded.exec(select(BusinessPlan.code)).all():  # the CPMO gives pm the plans
        owners.set_owners(seeded, actor=cpmo, code=plan, owner="pm", editors=[])
    return user


def keys(items) -> set[str]:  # type: ignore[no-untyped-def]
    return {i.key for i in items}


def test_at_the_end_of_september_2013_the_hr_plan_is_late_on_eleven_items(seeded):
    report = plan_progress(seeded, code=HR, as_of=date(2013, 9, 30))
    assert keys(report.overdue) == {
        "1/C", "1/E", "2/C", "2/D", "3/C", "3/E", "4/A", "5/C", "5/D",  # milestones
        "10.2", "16.2",  # "June 2013", "August 2013"
    }  # fmt: skip
    assert keys(report.due_next_quarter) == {
        "3.2", "6.2", "6.3", "16.1", "21.1", "26.2",  # "September 2013": due today
        "6.4", "17.1", "17.2", "17.3",  # "December 2013"
        "3/A", "5/A", "2/B", "3/F", "6/A",  # October and December 2013
    }  # fmt: skip
    assert [i.due for i in report.due_next_quarter] == sorted(
        i.due for i in report.due_next_quarter
    )
    assert {(i.key, i.due_text) for i in report.undated} == {
        ("2/H", "As defined by each restructuring agenda"),
        ("2/I", "In line with OD & People Plan"),
        ("5/B", "Quarterly"),
    }


def test_various_into_2014_is_overdue_only_from_2015(seeded):
    assert "1/A" in keys(plan_progress(seeded, code=HR, as_of=date(2014, 10, 1)).due_next_quarter)
    assert "1/A" not in keys(plan_progress(seeded, code=HR, as_of=date(2014, 12, 31)).overdue)
    assert "1/A" in keys(plan_progress(seeded, code=HR, as_of=date(2015, 1, 1)).overdue)


def test_the_2020_plans_bare_quarters_fall_in_2020_and_developed_strategies_are_done(seeded):
    report = plan_progress(seeded, code="goj-coo-2020", as_of=date(2020, 4, 1))
    assert {"1.1", "9.1", "19.1", "S.2", "S.4", "12/A", "15/A", "16/A"} <= keys(report.overdue)
    assert {"S.1", "S.7"}.isdisjoint(keys(report.overdue) | keys(report.undated))
    assert {"3.1", "19.2", "15/C"} <= keys(report.due_next_quarter)
    assert "12/C" in keys(report.undated)  # "Ongoing improvement against targets"


def test_a_done_note_takes_an_item_out_of_the_overdue_list(seeded, officer):
    note = ProgressNote(status="done", note="Audit stage reached", as_of=date(2013, 9, 20))
    action = record_action_progress(seeded, actor=officer, code=HR, number="16.2", update=note)
    assert (action.status, action.percent_complete, action.status_as_of) == (
        "done",
        100,
        date(2013, 9, 20),
    )
    assert "16.2" not in keys(plan_progress(seeded, code=HR, as_of=date(2013, 9, 30)).overdue)


def test_an_older_note_is_logged_but_does_not_override_a_newer_status(seeded, officer):
    newer = ProgressNote(
        status="at_risk", note="Supplier late", as_of=date(2013, 8, 1), percent_complete=30
    )
    older = ProgressNote(
        status="on_track", note="Kick-off", as_of=date(2013, 5, 1), percent_complete=10
    )
    record_action_progress(seeded, actor=officer, code=HR, number="16.1", update=newer)
    action = record_action_progress(seeded, actor=officer, code=HR, number="16.1", update=older)
    assert (action.status, action.percent_complete) == ("at_risk", 30)
    log = seeded.exec(select(PlanProgress).where(PlanProgress.action_id == action.id)).all()
    assert [(p.note, p.recorded_by) for p in log] == [("Supplier late", "pm"), ("Kick-off", "pm")]


@pytest.mark.parametrize(
    ("note", "field"),
    [
        (
            ProgressNote(status="done", note="n", as_of=date(2013, 5, 1), percent_complete=80),
            "percent_complete",
        ),
        (ProgressNote(status="on_track", note="n", as_of=date(2999, 1, 1)), "as_of"),
    ],
)
def test_contradictory_or_future_notes_are_refused(seeded, officer, note, field):
    with pytest.raises(RuleViolation) as refused:
        record_action_progress(seeded, actor=officer, code=HR, number="16.1", update=note)
    assert field in refused.value.extra["errors"]


def test_unknown_plans_and_actions_are_not_found(seeded, officer):
    note = ProgressNote(status="on_track", note="n", as_of=date(2013, 5, 1))
    with pytest.raises(NotFound):
        record_action_progress(seeded, actor=officer, code=HR, number="99.9", update=note)
    with pytest.raises(NotFound):
        plan_progress(seeded, code="no-such-plan", as_of=date(2013, 5, 1))


def _document(name: str, **changes):  # type: ignore[no-untyped-def]
    data = yaml.safe_load((SEEDS_DIR / "plans" / name).read_text(encoding="utf-8"))
    data.update(changes)
    return read_plan(yaml.safe_dump(data, allow_unicode=True).encode(), name=name)


def test_reloading_a_plan_keeps_what_people_recorded_and_updates_the_text(seeded, officer):
    note = ProgressNote(status="on_track", note="n", as_of=date(2013, 5, 1), percent_complete=25)
    record_action_progress(seeded, actor=officer, code=HR, number="2.1", update=note)
    kpis.record_actual(
        seeded,
        actor=officer,
        code="kcc-hr-pi-kent-manager",
        period="2013-14 Q4",
        value=90,
        note=None,
    )
    risk_register.update_risk(
        seeded,
        actor=officer,
        code="kcc-hr-risk-1",
        risk_in=RiskUpdate(likelihood=3, impact=5, rationale="Reassessed"),
    )
    document = _document("kcc_hr_2013_14.yaml")
    document.data["actions"][2]["title"] = "Renamed"
    store_plan(seeded, document)
    plan = get_plan_or_raise(seeded, code=HR)
    rows = seeded.exec(select(PlanAction).where(PlanAction.plan_id == plan.id)).all()
    by_number = {a.number: a for a in rows}
    assert (by_number["2.1"].status, by_number["2.1"].percent_complete) == ("on_track", 25)
    assert seeded.exec(select(PlanKpiActual.value)).all() == [90]
    risk = risk_register.list_risks(seeded, plan=HR)[0]
    assert (risk.risk.code, risk.score, risk.escalate) == ("kcc-hr-risk-1", 15, True)
    assert any(a.title == "Renamed" for a in by_number.values())


def test_loading_the_seeded_plans_again_changes_nothing(seeded):
    before = dump_tables(seeded)
    for path in sorted((SEEDS_DIR / "plans").glob("*.yaml")):
        store_plan(seeded, read_plan(path.read_bytes(), name=path.name))
    assert dump_tables(seeded) == before


def test_references_to_unknown_records_are_named_by_list_record_and_field(seeded):
    document = _document("goj_coo_2020.yaml")
    document.data["plan"]["department"] = "nowhere"
    document.data["links"][0]["to"] = "programme:no-such-programme"
    document.data["kpis"][0]["kpi"] = "kpi-unknown"
    with pytest.raises(PlanFileError) as refused:
        store_plan(seeded, document)
    assert refused.value.lines == [
        "plan: department: no department 'nowhere'",
        "kpis record 1 (coo-2020-org-sickness): kpi: no strategy KPI 'kpi-unknown'",
        "links record 1 (priority:1): to: no programme 'no-such-programme'",
    ]


def test_a_kpi_or_risk_code_belongs_to_one_plan(seeded):
    document = _document("goj_coo_summary.yaml")
    document.data["kpis"] = [{**_kpi("kcc-hr-pi-satisfaction")}]
    with pytest.raises(PlanFileError, match="already used by plan 'kcc-hr-2013-14'"):
        store_plan(seeded, document)


def _kpi(code: str) -> dict:
    return {
        "code": code, "name": "n", "kpi": None, "frequency": None, "unit": None, "direction": None,
        "amber_tolerance": None, "baseline": None, "baseline_text": None, "floor_standard": None,
        "benchmark": None, "description": None, "source": "test", "illustrative": False,
    }  # fmt: skip
