"""Reading a plan file: YAML, JSON or XLSX in one shape, each problem named by place and field."""

import json

import pytest
import yaml

from cpmo.plans.importer import PlanFileError, read_plan
from tests.unit.plans.conftest import minimal_plan, workbook

SRC = "test document §1"


def refused(content: bytes, name: str = "plan.yaml") -> PlanFileError:
    with pytest.raises(PlanFileError) as caught:
        read_plan(content, name=name)
    return caught.value


def test_a_valid_yaml_file_becomes_a_document_whose_sub_actions_inherit_their_priority(plan_yaml):
    document = read_plan(plan_yaml, name="plan.yaml")
    action = document.data["actions"][1]
    assert (action["number"], action["priority"], action["parent"]) == ("1.1", "1", "1")
    assert document.data["targets"][0]["period"] == "2013-14"
    assert document.data["actions"][0]["status"] == "not_started"


def test_the_same_plan_reads_the_same_from_json(plan_yaml):
    as_json = json.dumps(minimal_plan()).encode()
    assert read_plan(as_json, name="plan.json").data == read_plan(plan_yaml, name="p.yml").data


def test_a_bad_field_is_named_by_list_record_number_and_field():
    plan = minimal_plan()
    plan["actions"][1]["end"] = "x" * 301
    plan["actions"][1]["status"] = "finished"
    error = refused(yaml.safe_dump(plan).encode())
    assert "actions record 2 (1.1): end: Longer than maximum length 300." in error.lines
    assert any(
        line.startswith("actions record 2 (1.1): status: Must be one of") for line in error.lines
    )
    assert error.errors["actions.2.end"] == ["Longer than maximum length 300."]


def test_references_across_records_must_resolve():
    plan = minimal_plan()
    plan["milestones"][0]["covers"] = ["9.9"]
    plan["actions"].append({"number": "2.1", "parent": "2", "title": "Orphan", "source": SRC})
    plan["targets"].append({"kpi": "nope", "period": "2014", "source": SRC})
    lines = refused(yaml.safe_dump(plan).encode()).lines
    assert "milestones record 1 (A): covers: no action '9.9' in this plan" in lines
    assert "actions record 3 (2.1): parent: no action '2' listed before it" in lines
    assert "targets record 2 (nope): kpi: no KPI 'nope' in this plan" in lines


def test_keys_must_not_repeat():
    plan = minimal_plan()
    plan["actions"].append(dict(plan["actions"][1]))
    plan["targets"].append({"kpi": "test-kpi", "period": "2013-14", "source": SRC})
    lines = refused(yaml.safe_dump(plan).encode()).lines
    assert "actions record 3 (1.1): number: repeats '1.1'" in lines
    assert "targets record 2 (test-kpi): period: repeats 'test-kpi 2013-14'" in lines


def test_an_action_needs_a_priority_or_a_parent_and_a_period_must_be_a_period():
    plan = minimal_plan()
    del plan["actions"][0]["priority"]
    plan["targets"][0]["period"] = "next year"
    lines = refused(yaml.safe_dump(plan).encode()).lines
    assert (
        "actions record 1 (1): priority: give the action's priority, or its parent action" in lines
    )
    assert any(
        line.startswith("targets record 1 (test-kpi): period: 'next year' is not") for line in lines
    )


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"kind: [", "p.yaml", "not valid yaml"),
        (b"\xff\xfe", "p.yaml", "not valid yaml"),
        (b"{", "p.json", "not valid json"),
        (b"[1, 2]", "p.json", "must be a mapping"),
        (b"PK\x03\x04 not a zip", "p.xlsx", "not valid xlsx"),
        (b"a: 1", "p.txt", "send a .yaml, .json or .xlsx file"),
        (b"a: &x [1]\nb: *x\n", "p.yaml", "aliases"),
        (b"[" * 100_000, "p.json", "not valid json"),
    ],
)
def test_unreadable_files_are_refused_with_the_reason(content, name, message):
    assert message in refused(content, name).lines[0]


def test_unknown_lists_and_fields_are_refused():
    plan = minimal_plan()
    plan["colours"] = []
    plan["kpis"][0]["colour"] = "red"
    lines = refused(yaml.safe_dump(plan).encode()).lines
    assert "colours: Unknown field." in lines
    assert "kpis record 1 (test-kpi): colour: Unknown field." in lines


def test_text_with_control_characters_is_refused():
    plan = minimal_plan()
    plan["plan"]["title"] = "bad\x00title"
    assert (
        "plan: title: must not contain control characters"
        in refused(yaml.safe_dump(plan).encode()).lines
    )


def _sheets(**changes):
    sheets = {
        "plan": [
            ["code", "test-plan"],
            ["title", "Test plan"],
            ["organisation", "Council"],
            ["year_start_month", 4],
            ["source", SRC],
        ],
        "priorities": [["number", "title", "source"], ["1", "Prevention", SRC]],
        "actions": [
            [
                "number",
                "priority",
                "parent",
                "title",
                "end",
                "percent_complete",
                "status",
                "source",
            ],
            ["1", "1", None, "Heading", None, None, None, SRC],
            ["1.1", None, "1", "Do it", "March 2014", 40.0, "on_track", SRC],
        ],
        "milestones": [
            ["priority", "letter", "title", "covers", "source"],
            ["1", "A", "Done it", "1, 1.1", SRC],
        ],
    }
    sheets.update(changes)
    return sheets


def test_a_workbook_has_the_same_shape_one_sheet_per_list():
    document = read_plan(workbook(_sheets()), name="plan.xlsx")
    assert document.data["plan"]["year_start_month"] == 4
    assert document.data["actions"][1]["percent_complete"] == 40
    assert document.data["milestones"][0]["covers"] == ["1", "1.1"]


def test_workbook_problems_name_the_sheet_row_and_field():
    actions = _sheets()["actions"]
    actions[2][6] = "finished"  # row 3 of the sheet
    actions.append(["2.1", None, None, "No priority", None, None, None, SRC])  # row 4
    lines = refused(workbook(_sheets(actions=actions)), "plan.xlsx").lines
    assert any(line.startswith("actions row 3 (1.1): status: Must be one of") for line in lines)
    assert (
        "actions row 4 (2.1): priority: give the action's priority, or its parent action" in lines
    )


def test_a_workbook_refuses_unknown_sheets_and_values_under_no_heading():
    actions = _sheets()["actions"]
    actions[1] = [*actions[1], "stray"]
    lines = refused(workbook(_sheets(actions=actions, notes=[["x"]])), "plan.xlsx").lines
    assert "file: unknown sheet 'notes'" in lines
    assert "actions row 2 (1): a value under no column heading" in lines
