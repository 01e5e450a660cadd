"""The business plan endpoints: plans, trees, progress, progress notes and imports."""

import io
import json

import pytest

HR = "/api/v1/plans/kcc-hr-2013-14"
SRC = {"source": "test §1"}


PM_EDITS = ("kcc-hr-2013-14", "goj-coo-2020")


def _let_pm_edit(client, auth, code: str) -> None:  # type: ignore[no-untyped-def]
    """The CPMO makes `programme_manager` an editor of plan ``code`` (no owner: CPMO only)."""
    body = {"owner": None, "editors": ["programme_manager"]}
    response = client.put(f"/api/v1/plans/{code}/editors", json=body, headers=auth("cpmo"))
    assert response.status_code == 200, response.json


@pytest.fixture
def api(client, seeded, auth):  # type: ignore[no-untyped-def]
    for code in PM_EDITS:
        _let_pm_edit(client, auth, code)

    class Api:
        def get(self, path, role="oversight"):  # type: ignore[no-untyped-def]
            return client.get(path, headers=auth(role))

        def post(self, path, body, role="programme_manager"):  # type: ignore[no-untyped-def]
            return client.post(path, json=body, headers=auth(role))

        def upload(self, content: bytes, name: str, role="cpmo", **form):  # type: ignore[no-untyped-def]
            data = {"file": (io.BytesIO(content), name), **form}
            response = client.post(
                "/api/v1/plans/import",
                data=data,
                headers=auth(role),
                content_type="multipart/form-data",
            )
            if response.status_code == 201:
                _let_pm_edit(client, auth, response.json["plan"])
            return response

    return Api()


def test_lists_the_five_seeded_plans_with_their_sizes(api):
    plans = {p["code"]: p for p in api.get("/api/v1/plans").json}
    assert set(plans) == {
        "goj-coo-2020", "goj-coo-summary", "kcc-hr-2013-14", "pmf-implementation-plan",
        "sbc-resources-sip-2008-11",
    }  # fmt: skip
    assert plans["kcc-hr-2013-14"]["counts"] == {"priorities": 6, "actions": 90, "milestones": 29}
    assert plans["goj-coo-2020"]["department"] == "coo"


def test_a_plan_reads_as_one_tree(api):
    plan = api.get(HR).json
    prevention = plan["priorities"][0]
    action = next(a for a in prevention["actions"] if a["number"] == "1.3")
    assert (action["parent"], action["end_text"], action["end_date"]) == (
        "1",
        "Ongoing into 2014",
        "2014-12-31",
    )
    assert (
        action["accountable_officer"]
        == "HR Business Partner (Integrated Adolescent Support Services)"
    )
    assert prevention["milestones"][1] == {
        **prevention["milestones"][1],
        "letter": "B",
        "covers": ["1.3"],
        "due_text": "Various into 2014",
    }
    assert [c["timescale"] for c in plan["continuity"]] == [
        "Between 48 hours and 2 weeks dependent on when disruption occurs", "3 days", "4 hours",
    ]  # fmt: skip
    kent_manager = next(k for k in plan["kpis"] if k["code"] == "kcc-hr-pi-kent-manager")
    assert kent_manager["targets"][0]["period"] == "2013-14 Q4"


def test_links_and_framework_elements_show_on_the_tree(api):
    coo = api.get("/api/v1/plans/goj-coo-2020").json
    cyber = next(p for p in coo["priorities"] if "Cyber" in p["title"])
    assert {link["to"] for link in cyber["links"]} == {
        "programme:ttp-cyber",
        "objective:obj-coo-11",
    }
    pmf = api.get("/api/v1/plans/pmf-implementation-plan").json
    sprint = pmf["priorities"][6]["actions"][0]
    assert len(sprint["elements"]) == 7 and len(pmf["elements"]) == 7


@pytest.mark.parametrize("code", ["no-such-plan", "Bad Code", "x" * 200])
def test_an_unknown_plan_is_404(api, code):
    response = api.get(f"/api/v1/plans/{code}")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


def test_progress_as_of_a_date_lists_overdue_and_due_items(api):
    body = api.get(f"{HR}/progress?as_of=2013-09-30").json
    assert (body["as_of"], body["window_end"]) == ("2013-09-30", "2013-12-31")
    assert len(body["overdue"]) == 11 and len(body["due_next_quarter"]) == 15
    assert body["overdue"][0] == {
        "kind": "milestone",
        "key": "2/C",
        "title": "Workforce Strategy to build capacity developed and agreed",
        "due": "2013-04-30",
        "due_text": "April 2013",
        "status": "not_started",
        "percent_complete": 0,
    }


@pytest.mark.parametrize("as_of", ["2013-13-01", "yesterday", "0001-01-01", "9999-12-31", ""])
def test_an_invalid_as_of_is_refused_with_the_field_named(api, as_of):
    response = api.get(f"{HR}/progress?as_of={as_of}")
    assert response.status_code == 422
    assert "as_of" in response.json["errors"]


def test_a_progress_note_moves_an_action_out_of_overdue(api):
    created = api.post(
        f"{HR}/actions/16.2/progress", {"status": "done", "note": "Live", "as_of": "2013-08-30"}
    )
    assert created.status_code == 201
    assert created.json | {"plan": "kcc-hr-2013-14"} == {
        "plan": "kcc-hr-2013-14", "kind": "action", "key": "16.2", "status": "done",
        "percent_complete": 100, "status_as_of": "2013-08-30", "due": "2013-08-31",
        "due_text": "August 2013", "title": created.json["title"],
    }  # fmt: skip
    overdue = api.get(f"{HR}/progress?as_of=2013-09-30").json["overdue"]
    assert "16.2" not in {i["key"] for i in overdue}


def test_a_milestone_is_named_by_its_priority_and_letter(api):
    response = api.post(
        f"{HR}/priorities/2/milestones/C/progress",
        {
            "status": "late",
            "percent_complete": 60,
            "note": "Consultation ran over",
            "as_of": "2013-05-02",
        },
        role="cpmo",
    )
    assert response.status_code == 201
    assert (response.json["key"], response.json["status"]) == ("2/C", "late")


@pytest.mark.parametrize(
    ("path", "body", "status"),
    [
        ("actions/99/progress", {"status": "done", "note": "n"}, 404),
        ("actions/5.3/progress", {"status": "done", "percent_complete": 50, "note": "n"}, 422),
        ("actions/5.3/progress", {"status": "finished", "note": "n"}, 422),
        ("actions/5.3/progress", {"status": "done"}, 422),
        ("actions/5.3/progress", {"status": "done", "note": "n", "as_of": "2999-01-01"}, 422),
        ("priorities/2/milestones/Z/progress", {"status": "done", "note": "n"}, 404),
    ],
)
def test_bad_progress_notes_are_refused(api, path, body, status):
    response = api.post(f"{HR}/{path}", body)
    assert response.status_code == status, response.json


def test_oversight_reads_progress_but_cannot_write_it(api):
    assert api.get(f"{HR}/progress").status_code == 200
    response = api.post(
        f"{HR}/actions/5.3/progress", {"status": "done", "note": "n"}, role="oversight"
    )
    assert response.status_code == 403


# --- import -----------------------------------------------------------------------------------


def _plan(direction: str = "lower") -> dict:
    header = {"code": "imported", "title": "Imported", "organisation": "Council"}
    kpi = {"code": "imported-complaints", "name": "Complaints", "direction": direction}
    return {
        "kind": "business_plan",
        "plan": {**header, "risk_tolerance": 9, **SRC},
        "priorities": [{"number": "1", "title": "Only", **SRC}],
        "actions": [{"number": "1.1", "priority": "1", "title": "Act", "end": "Q2", **SRC}],
        "kpis": [{**kpi, **SRC}],
        "targets": [{"kpi": "imported-complaints", "period": "2020", "value": 10, **SRC}],
    }


def test_a_json_plan_imports_and_importing_it_again_changes_nothing(api):
    first = api.upload(json.dumps(_plan()).encode(), "plan.json")
    assert first.status_code == 201, first.json
    assert first.json["plan"] == "imported" and first.json["counts"]["plan_actions"] == 1
    again = api.upload(json.dumps(_plan()).encode(), "plan.json")
    assert again.json == first.json
    assert api.get("/api/v1/plans/imported").json["priorities"][0]["actions"][0]["end_text"] == "Q2"


def test_an_import_names_each_problem_by_row_and_field(api):
    from tests.unit.plans.conftest import workbook

    content = workbook(
        {
            "plan": [
                ["code", "bad-import"],
                ["title", "T"],
                ["organisation", "O"],
                ["source", "s §1"],
            ],
            "priorities": [["number", "title", "source"], ["1", "P", "s §1"]],
            "actions": [
                ["number", "priority", "title", "status", "source"],
                ["1.1", "9", "A", "nearly", "s §1"],
            ],
        }
    )
    response = api.upload(content, "plan.xlsx")
    assert response.status_code == 422
    assert response.json["errors"] == {
        "actions.2.status": ["Must be one of: not_started, on_track, at_risk, late, done."]
    }
    assert "actions row 2 (1.1): status" in response.json["detail"]


@pytest.mark.parametrize(
    ("content", "name", "form", "status"),
    [
        (b"kind: business_plan", "plan.yaml", {}, 422),
        (b"\x00\x01", "plan.bin", {}, 422),
        (b"{}", "plan.bin", {"format": "json"}, 422),
        (b"{}", "plan.json", {"format": "pdf"}, 422),
    ],
)
def test_unusable_uploads_are_refused(api, content, name, form, status):
    assert api.upload(content, name, **form).status_code == status


def test_only_cpmo_officers_import_plans(api):
    response = api.upload(json.dumps(_plan()).encode(), "plan.json", role="programme_manager")
    assert response.status_code == 403


# --- KPIs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "rag"), [(100, "green"), (96, "amber"), (80, "red")])
def test_a_kpi_where_higher_is_better_is_rated_against_its_target(api, value, rag):
    response = api.post(
        "/api/v1/kpis/kcc-hr-pi-kent-manager/actuals", {"period": "2013/14 Q4", "value": value}
    )
    assert response.status_code == 201
    assert (response.json["rag"], response.json["latest_actual"]["period"]) == (rag, "2013-14 Q4")
    assert response.json["target"] == {"period": "2013-14 Q4", "value": 100.0, "text": "100%"}


@pytest.mark.parametrize(("value", "rag"), [(8, "green"), (10.4, "amber"), (12, "red")])
def test_a_kpi_where_lower_is_better_is_rated_the_other_way(api, value, rag):
    api.upload(json.dumps(_plan()).encode(), "plan.json")
    response = api.post(
        "/api/v1/kpis/imported-complaints/actuals", {"period": "2020 Q3", "value": value}
    )
    assert response.json["rag"] == rag


def test_the_kpi_register_shows_the_latest_actual_and_recording_again_corrects_it(api):
    path = "/api/v1/kpis/kcc-hr-pi-kent-manager/actuals"
    api.post(path, {"period": "2013-14 Q3", "value": 70})
    api.post(path, {"period": "2013-14 Q4", "value": 50, "note": "typo"})
    api.post(path, {"period": "2013-14 Q4", "value": 100, "note": "corrected"}, role="cpmo")
    kpi = next(
        k
        for k in api.get("/api/v1/kpis?plan=kcc-hr-2013-14").json
        if k["code"] == "kcc-hr-pi-kent-manager"
    )
    assert (kpi["latest_actual"]["value"], kpi["latest_actual"]["recorded_by"], kpi["rag"]) == (
        100,
        "cpmo",
        "green",
    )
    unrated = next(
        k for k in api.get("/api/v1/kpis").json if k["code"] == "kcc-hr-pi-case-resolution"
    )
    assert (unrated["rag"], unrated["rag_reason"]) == ("unrated", "no actual recorded")


@pytest.mark.parametrize(
    ("path", "body", "status"),
    [
        ("no-such-kpi", {"period": "2020", "value": 1}, 404),
        ("kcc-hr-pi-kent-manager", {"period": "next year", "value": 1}, 422),
        ("kcc-hr-pi-kent-manager", {"period": "2020", "value": 1e300}, 422),
        ("kcc-hr-pi-kent-manager", {"period": "2020", "value": "NaN"}, 422),
    ],
)
def test_bad_actuals_are_refused(api, path, body, status):
    assert api.post(f"/api/v1/kpis/{path}/actuals", body).status_code == status


# --- risks ------------------------------------------------------------------------------------


def _risk(code: str, likelihood: int | None, impact: int | None, **extra) -> dict:
    return {
        "plan": "kcc-hr-2013-14",
        "code": code,
        "title": code,
        "likelihood": likelihood,
        "impact": impact,
        **extra,
    }


def test_the_register_orders_by_score_and_escalates_above_tolerance(api):
    for body in (
        _risk("low", 2, 2),
        _risk("edge", 3, 4),
        _risk("high", 5, 4),
        _risk("strict", 2, 3, tolerance=5),
    ):
        assert api.post("/api/v1/risks", body).status_code == 201
    register = api.get("/api/v1/risks?plan=kcc-hr-2013-14").json
    assert [(r["code"], r["score"], r["escalate"]) for r in register][:4] == [
        ("high", 20, True), ("edge", 12, False), ("strict", 6, True), ("low", 4, False),
    ]  # fmt: skip
    assert [r["score"] for r in register[4:]] == [None] * 4  # the plan's own risks, unassessed
    escalated = api.get("/api/v1/risks?escalated=true").json
    assert {r["code"] for r in escalated} == {"high", "strict"}


def test_a_plans_tolerance_and_escalation_route_apply_to_its_risks(api, client, auth):
    api.upload(json.dumps(_plan()).encode(), "plan.json")  # risk tolerance 9, no route
    created = api.post("/api/v1/risks", {**_risk("imported-r", 2, 4), "plan": "imported"})
    assert (created.json["score"], created.json["tolerance"], created.json["escalate"]) == (
        8,
        9,
        False,
    )
    patch = client.patch(
        "/api/v1/risks/imported-r", json={"impact": 5, "rationale": "Worse"}, headers=auth("cpmo")
    )
    assert (patch.json["score"], patch.json["escalate"], patch.json["escalate_to"]) == (
        10,
        True,
        None,
    )
    coo = api.post("/api/v1/risks", {**_risk("coo-r", 4, 4), "plan": "goj-coo-2020"})
    assert (
        coo.json["escalate_to"] == "Executive Management Team, through the Departmental Risk Group"
    )


def test_risk_writes_are_checked(api, client, auth):
    assert api.post("/api/v1/risks", _risk("dup", 1, 1)).status_code == 201
    assert api.post("/api/v1/risks", _risk("dup", 1, 1)).status_code == 409
    assert api.post("/api/v1/risks", {**_risk("x", 1, 1), "plan": "nope"}).status_code == 404
    assert api.post("/api/v1/risks", _risk("y", 6, 1)).status_code == 422
    patch = client.patch(
        "/api/v1/risks/dup",
        json={"likelihood": 5, "impact": 5, "rationale": "Worse"},
        headers=auth("cpmo"),
    )
    assert (patch.status_code, patch.json["score"], patch.json["escalate"]) == (200, 25, True)
    assert (
        client.patch(
            "/api/v1/risks/nope", json={"title": "Changed"}, headers=auth("cpmo")
        ).status_code
        == 404
    )
