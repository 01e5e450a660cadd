"""Many programmes' spend from one spreadsheet: all rows or none, problems located."""

import hashlib
import io

from openpyxl import Workbook
from sqlmodel import select

from cpmo.models import AuditEntry, ProgrammeSpend

URL = "/api/v1/portfolios/goj-change/actuals/import"


def _post(client, auth, content: bytes, name: str, role: str = "cpmo"):  # type: ignore[no-untyped-def]
    return client.post(
        URL,
        data={"file": (io.BytesIO(content), name)},
        headers=auth(role),
        content_type="multipart/form-data",
    )


def _xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Actuals"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_workbook_records_every_programmes_months_and_audits_the_file(
    client, seeded, auth
) -> None:
    from datetime import date

    content = _xlsx(
        [
            ["Programme", "Month", "Amount", "Note"],
            ["ttp-its", "2021-04", 1_000, "licences"],
            ["ttp-its", date(2021, 5, 17), 2_000, None],
            ["ttp-cyber", "2021-04", "£3,000", None],
        ]
    )
    answer = _post(client, auth, content, "actuals.xlsx")
    assert answer.status_code == 201, answer.json
    assert answer.json == {"imported": 3, "what": "actuals"}
    rows = seeded.exec(select(ProgrammeSpend.month, ProgrammeSpend.amount_gbp)).all()
    assert sorted(rows) == [
        (date(2021, 4, 1), 1_000),
        (date(2021, 4, 1), 3_000),
        (date(2021, 5, 1), 2_000),
    ]
    entries = seeded.exec(select(AuditEntry).where(AuditEntry.event == "record_actuals")).all()
    assert {e.programme_code for e in entries} == {"ttp-its", "ttp-cyber"}
    assert {e.details["file_sha256"] for e in entries} == {hashlib.sha256(content).hexdigest()}


def test_problems_name_sheet_row_and_column_and_nothing_is_recorded(client, seeded, auth) -> None:
    sheet = (
        b"programme,month,amount\n"
        b"ttp-its,2021-04,10\n"
        b"nowhere,2021-04,10\n"
        b"ttp-its,April,10\n"
        b"ttp-its,2021-05,ten\n"
        b"ttp-its,2021-04,11\n"
    )
    answer = _post(client, auth, sheet, "actuals.csv")
    assert answer.status_code == 422
    errors = answer.json["errors"]
    assert any(
        "row 3" in where and "no programme 'nowhere'" in " ".join(m) for where, m in errors.items()
    )
    assert any("row 4" in where and "YYYY-MM" in " ".join(m) for where, m in errors.items())
    assert any("row 5" in where for where in errors)
    assert any("row 6" in where and "more than once" in " ".join(m) for where, m in errors.items())
    assert seeded.exec(select(ProgrammeSpend)).all() == []


def test_a_manager_may_import_only_their_own_programmes(client, seeded, auth) -> None:
    answer = _post(
        client, auth, b"programme,month,amount\nttp-its,2021-04,10\n", "a.csv", "programme_manager"
    )
    assert answer.status_code == 422
    assert "Only the manager of 'ttp-its' or a CPMO officer" in str(answer.json["errors"])
    assert answer.json["status"] == 422


def test_an_unknown_column_or_a_missing_file_is_refused_plainly(client, seeded, auth) -> None:
    answer = _post(client, auth, b"programme,month,amount,colour\nttp-its,2021-04,1,red\n", "a.csv")
    assert answer.status_code == 422 and "unknown column 'colour'" in str(answer.json)
    empty = client.post(URL, data={}, headers=auth("cpmo"), content_type="multipart/form-data")
    assert empty.status_code == 422 and "multipart field 'file'" in empty.json["detail"]
