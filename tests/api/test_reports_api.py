"""Report, snapshot and GMPP import endpoints over HTTP."""

import csv
import io
from pathlib import Path

from openpyxl import load_workbook

EXCERPTS = Path(__file__).resolve().parents[1] / "data" / "gmpp"
REPORT = "/api/v1/reports/oversight"


def test_the_oversight_group_reads_the_report_as_json(client, seeded, auth) -> None:
    response = client.get(
        f"{REPORT}?portfolio=goj-change&as_of=2020-07-01", headers=auth("oversight")
    )
    assert response.status_code == 200
    body = response.json
    assert body["portfolio"] == "goj-change" and body["as_of"] == "2020-07-01"
    assert body["headline"]["programmes"] == 14
    assert body["exceptions"][0]["kind"] == "overdue_gate"
    assert {p["code"] for p in body["programmes"]} >= {"ttp", "ttp-cyber"}
    assert body["programmes"][0]["change"]["direction"] == "no_comparison"


def test_html_pdf_xlsx_and_csv_are_served_with_their_content_types(client, seeded, auth) -> None:
    query = "?portfolio=goj-change&as_of=2020-07-01"
    html = client.get(f"{REPORT}.html{query}", headers=auth("oversight"))
    assert html.status_code == 200 and html.mimetype == "text/html"
    assert b"Oversight report: Government of Jersey Change Portfolio" in html.data
    pdf = client.get(f"{REPORT}.pdf{query}", headers=auth("oversight"))
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    assert 'filename="oversight-goj-change-2020-07-01.pdf"' in pdf.headers["Content-Disposition"]
    xlsx = client.get(f"{REPORT}.xlsx{query}", headers=auth("scorer"))
    assert "Programmes" in load_workbook(io.BytesIO(xlsx.data)).sheetnames
    status = client.get(f"/api/v1/reports/status.csv{query}", headers=auth("programme_manager"))
    assert status.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(status.data.decode())))
    assert len(rows) == 14 and rows[0].keys() >= {"code", "rag", "rag_change"}


def test_bad_queries_are_refused_not_crashed(client, seeded, auth) -> None:
    headers = auth("oversight")
    assert client.get(f"{REPORT}?portfolio=nope", headers=headers).status_code == 404
    assert client.get(REPORT, headers=headers).status_code == 422
    assert (
        client.get(f"{REPORT}?portfolio=goj-change&as_of=0001-01-01", headers=headers).status_code
        == 422
    )
    assert client.get(f"{REPORT}.pdf?portfolio=goj-change&x=1", headers=headers).status_code == 422


def test_a_cpmo_officer_takes_snapshots_that_anyone_may_list(client, seeded, auth) -> None:
    body = {"portfolio": "goj-change", "as_of": "2020-06-30", "label": "June board"}
    created = client.post("/api/v1/reports/snapshots", json=body, headers=auth("cpmo"))
    assert created.status_code == 201, created.json
    assert created.json["programme_count"] == 14 and created.json["by_rag"]["unrated"] == 14
    refused = client.post("/api/v1/reports/snapshots", json=body, headers=auth("oversight"))
    assert refused.status_code == 403
    listed = client.get("/api/v1/reports/snapshots?portfolio=goj-change", headers=auth("oversight"))
    assert [s["label"] for s in listed.json] == ["June board"]
    report = client.get(f"{REPORT}?portfolio=goj-change&as_of=2020-07-01", headers=auth("cpmo"))
    assert report.json["compared_with"] == "2020-06-30"
    assert report.json["programmes"][0]["change"]["direction"] == "unchanged"
    future = client.post(
        "/api/v1/reports/snapshots", json={**body, "as_of": "2999-01-01"}, headers=auth("cpmo")
    )
    assert future.status_code == 422


def _upload(client, auth, name: str, data: bytes, **form):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/v1/imports/gmpp",
        data={"file": (io.BytesIO(data), name), **form},
        headers=auth("cpmo"),
        content_type="multipart/form-data",
    )


def test_a_gmpp_year_uploads_as_a_portfolio_and_again_idempotently(client, session, auth) -> None:
    data = (EXCERPTS / "gmpp_2022_23.csv").read_bytes()
    first = _upload(client, auth, "gmpp_2022_23.csv", data)
    assert first.status_code == 201, first.json
    assert (
        first.json["portfolio"] == "gmpp-2022-23"
        and first.json["created"] == first.json["projects"]
    )
    again = _upload(client, auth, "gmpp_2022_23.csv", data)
    assert again.status_code == 200 and again.json["unchanged"] == first.json["projects"]
    named = _upload(client, auth, "upload.csv", data, year="2022-23")
    assert named.status_code == 200
    report = client.get(f"{REPORT}?portfolio=gmpp-2022-23", headers=auth("oversight"))
    assert report.json["register"]["year"] == "2022-23"


def test_a_broken_upload_is_refused_with_rows_and_columns_and_nothing_imported(
    client, session, auth
) -> None:
    data = (EXCERPTS / "gmpp_2021_22.csv").read_bytes().replace(b'"Amber"', b'"Purple"', 1)
    refused = _upload(client, auth, "gmpp_2021_22.csv", data)
    assert refused.status_code == 422 and refused.mimetype == "application/problem+json"
    assert "nothing was imported" in refused.json["detail"]
    assert refused.json["errors"]["file"][0].startswith("row ")
    assert refused.json["problems"][0]["value"] == "Purple"
    missing = client.get(f"{REPORT}?portfolio=gmpp-2021-22", headers=auth("cpmo"))
    assert missing.status_code == 404
    no_file = client.post(
        "/api/v1/imports/gmpp", data={}, headers=auth("cpmo"), content_type="multipart/form-data"
    )
    assert no_file.status_code == 422
    programme_manager = _upload(
        client, lambda role: auth("programme_manager"), "gmpp_2021_22.csv", data
    )
    assert programme_manager.status_code == 403


def test_a_pack_bigger_than_a_request_can_build_is_refused_with_what_to_do(
    app, client, seeded, auth
) -> None:
    app.config["CPMO_REPORT_MAX_PROGRAMMES"] = 10
    query = "?portfolio=goj-change&as_of=2020-07-01"
    for fmt in ("pdf", "xlsx", "html"):
        refused = client.get(f"{REPORT}.{fmt}{query}", headers=auth("oversight"))
        assert refused.status_code == 413, fmt
        assert refused.mimetype == "application/problem+json"
        detail = refused.json["detail"]
        assert "14 programmes" in detail and "limit 10" in detail
        assert "cpmo report oversight --portfolio goj-change --format " + fmt in detail
    assert client.get(f"{REPORT}{query}", headers=auth("oversight")).status_code == 200
    app.config["CPMO_REPORT_MAX_PROGRAMMES"] = 14
    assert client.get(f"{REPORT}.xlsx{query}", headers=auth("oversight")).status_code == 200


def test_an_imported_gmpp_project_refuses_lifecycle_events_with_a_reason(
    client, session, auth
) -> None:
    data = (EXCERPTS / "gmpp_2022_23.csv").read_bytes()
    assert _upload(client, auth, "gmpp_2022_23.csv", data).status_code == 201
    listed = client.get("/api/v1/portfolios/gmpp-2022-23/status", headers=auth("cpmo"))
    code = listed.json["programmes"][0]["code"]
    assert listed.json["programmes"][0]["stage"] is None
    offered = client.get(f"/api/v1/programmes/{code}/workflow", headers=auth("cpmo"))
    assert offered.status_code == 200 and offered.json["available_events"] == []
    version = offered.json["version"]
    read = client.get(f"/api/v1/programmes/{code}", headers=auth("cpmo"))
    assert read.status_code == 200 and read.json["stage"] is None
    assert "gate events do not apply" in read.json["outside_gates"]
    for event in ("submit_obc", "pause"):
        fired = client.post(
            f"/api/v1/programmes/{code}/events",
            json={"event": event, "version": version},
            headers=auth("cpmo"),
        )
        assert fired.status_code == 409, fired.json
        assert "gate events do not apply" in fired.json["detail"]
    report = client.get(f"{REPORT}?portfolio=gmpp-2022-23", headers=auth("oversight"))
    assert report.json["stage_funnel"]["not_stated"] == len(report.json["programmes"])
