"""The oversight reading room: the latest report in HTML with its PDF and earlier reports;
only a CPMO officer keeps a snapshot."""

from tests.web.conftest import csrf_token


def test_an_oversight_member_reads_the_report_without_any_action(signed_in, seeded) -> None:
    client = signed_in("oversight")
    page = client.get("/reports").get_data(as_text=True)
    main = page.split('<main class="govuk-main-wrapper" id="main-content">')[1].split("</main>")[0]
    assert '<iframe class="cpmo-report" src="/reports/goj-change/oversight.html"' in main
    assert "/reports/goj-change/oversight.pdf" in main
    assert "<form" not in main and "<button" not in main and "govuk-button" not in main
    html = client.get("/reports/goj-change/oversight.html")
    assert html.status_code == 200 and html.mimetype == "text/html"
    assert "Government of Jersey" in html.get_data(as_text=True)
    pdf = client.get("/reports/goj-change/oversight.pdf")
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    assert pdf.headers["Content-Disposition"].startswith("attachment;")
    assert (
        client.post(
            "/reports/goj-change/snapshots", data={"csrf_token": csrf_token(client, "/reports")}
        ).status_code
        == 403
    )


def test_a_cpmo_officer_keeps_a_report_that_is_then_listed(signed_in, seeded) -> None:
    client = signed_in("cpmo")
    assert "No earlier report has been kept yet." in client.get("/reports").get_data(as_text=True)
    response = client.post(
        "/reports/goj-change/snapshots", data={"csrf_token": csrf_token(client, "/reports")}
    )
    assert response.status_code == 302
    page = client.get("/reports").get_data(as_text=True)
    assert "Earlier reports" in page and "oversight.html?as_of=" in page
    assert client.get("/reports/goj-change/oversight.html?as_of=not-a-date").status_code == 404


def test_the_framed_report_names_its_charset_once_and_runs_no_script(signed_in, seeded) -> None:
    client = signed_in("oversight")
    html = client.get("/reports/goj-change/oversight.html")
    assert html.headers["Content-Type"] == "text/html; charset=utf-8"
    policy = html.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert "frame-ancestors 'self'" in policy  # the reading room frames it
    assert "'nonce-'" not in policy


def test_the_reading_room_offers_the_report_in_full_before_the_frame(signed_in, seeded) -> None:
    page = signed_in("oversight").get("/reports").get_data(as_text=True)
    link = page.index('href="/reports/goj-change/oversight.html">Open the report in full</a>')
    assert link < page.index("<iframe")
