"""Spreadsheets: the ranking exported as .xlsx imports back into a new workshop with the same
result; import problems name sheet, row and column; CSV works too."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from cpmo.users import service as users
from tests.support.workshops import BASE, HAND_CRITERIA, HAND_SCORES, build_workshop

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _upload(client, headers, url: str, content: bytes, name: str):  # type: ignore[no-untyped-def]
    return client.post(
        url,
        data={"file": (io.BytesIO(content), name)},
        headers=headers,
        content_type="multipart/form-data",
    )


def _book(**sheets: list[list[object]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def closed(session, tokens):  # type: ignore[no-untyped-def]
    build_workshop(session, code="hand", status="closed", scores=HAND_SCORES)


def _own_rows(exported: bytes, scorer: str) -> bytes:
    """The exported Scores sheet cut down to one scorer's rows (each imports only their own)."""
    rows = list(load_workbook(io.BytesIO(exported))["Scores"].iter_rows(values_only=True))
    return _book(Scores=[list(rows[0])] + [list(r) for r in rows[1:] if r[0] == scorer])


def test_the_exported_workbook_imports_back_to_the_same_ranking(
    client, auth, closed, session
) -> None:
    exported = client.get(f"{BASE}/hand/ranking.xlsx", headers=auth("oversight"))
    assert exported.status_code == 200 and exported.mimetype == XLSX
    book = load_workbook(io.BytesIO(exported.data))
    assert book.sheetnames == ["Ranking", "Criteria", "Candidates", "Scores"]
    ranking = list(book["Ranking"].iter_rows(values_only=True))
    assert ranking[0][:5] == ("rank", "candidate", "name", "programme", "total")
    assert [(r[0], r[1], r[4]) for r in ranking[1:]] == [
        (1, "a", 92.5),
        (2, "b", 72.5),
        (2, "c", 72.5),
        (4, "d", 22.5),
    ]
    headers = auth("facilitator")
    second = {"Authorization": f"Bearer {users.create(session, username='s2', role='scorer')[1]}"}
    session.commit()
    copy = {
        "code": "copy",
        "name": "Copy",
        "criteria": HAND_CRITERIA,
        "scorers": [
            {"name": "scorer", "username": "scorer"},
            {"name": "scorer2", "username": "s2"},
        ],
        "budgets": {"2020": 100, "2021": 80},
    }
    assert client.post(BASE, json=copy, headers=headers).status_code == 201
    url = f"{BASE}/copy/import"
    imported = _upload(client, headers, f"{url}/candidates", exported.data, "hand.xlsx")
    assert imported.status_code == 201, imported.json
    assert imported.json == {"imported": 4, "what": "candidates"}
    client.post(f"{BASE}/copy/status", json={"status": "scoring"}, headers=headers)
    for name, scorer in (("scorer", auth("scorer")), ("scorer2", second)):
        own = _own_rows(exported.data, name)
        scores = _upload(client, scorer, f"{url}/scores", own, "hand.xlsx")
        assert scores.status_code == 201 and scores.json["imported"] == 8, scores.json
    everyone = _upload(client, auth("scorer"), f"{url}/scores", exported.data, "hand.xlsx")
    assert everyone.status_code == 422  # the other scorer's rows are not theirs to import
    original = client.get(f"{BASE}/hand/ranking", headers=headers).json
    again = client.get(f"{BASE}/copy/ranking", headers=headers).json
    assert again["candidates"] == original["candidates"]
    costs = {
        c["key"]: c["costs"] for c in client.get(f"{BASE}/copy", headers=headers).json["candidates"]
    }
    assert costs["a"] == {"2020": 60, "2021": 40}


def test_import_problems_name_the_sheet_row_and_column(client, auth, session, tokens) -> None:
    linked = [{"name": "scorer", "username": "scorer"}, {"name": "scorer2"}]
    build_workshop(session, code="hand", status="scoring", scorers=linked)
    content = _book(
        Scores=[
            ["scorer", "candidate", "criterion", "value"],
            ["scorer", "a", "quality", 7],
            ["scorer", "b", "quality", 11],
            ["nobody", "a", "cost", 2],
            ["scorer", "zz", "cost", "high"],
        ]
    )
    response = _upload(client, auth("scorer"), f"{BASE}/hand/import/scores", content, "s.xlsx")
    assert response.status_code == 422
    errors = response.json["errors"]
    assert "outside the scale" in errors["Scores row 3 column D"][0]
    assert "only your own scores" in errors["Scores row 4 column A"][0]
    assert "no active candidate" in errors["Scores row 5 column B"][0]
    assert "not a number" in errors["Scores row 5 column D"][0]
    assert {"sheet": "Scores", "row": 3, "column": "D"}.items() <= response.json["problems"][
        0
    ].items()
    assert client.get(f"{BASE}/hand/scores", headers=auth("cpmo")).json == []


def test_unknown_and_missing_columns_are_named(client, auth, session, tokens) -> None:
    build_workshop(session, code="hand", status="draft", candidates=[])
    content = _book(Candidates=[["key", "colour", "2020"], ["x", "red", 5]])
    response = _upload(
        client, auth("facilitator"), f"{BASE}/hand/import/candidates", content, "c.xlsx"
    )
    assert response.status_code == 422
    assert response.json["errors"]["Candidates row 1 column B"] == ["unknown column 'colour'"]
    assert response.json["errors"]["Candidates row 1"] == ["the column 'name' is missing"]


def test_candidates_import_from_csv_with_costs_per_year(client, auth, session, tokens) -> None:
    build_workshop(session, code="hand", status="draft", candidates=[])
    csv = (
        b"key,name,programme,sponsors,cost 2020,cost 2021\n"
        b"cyber-2,Cyber phase 2,ttp-cyber,COO; HCS,1000,2000\n"
        b"bad key,Broken,,,1.5,\n"
    )
    seeded_url = f"{BASE}/hand/import/candidates"
    response = _upload(client, auth("facilitator"), seeded_url, csv, "new.csv")
    assert response.status_code == 422
    errors = response.json["errors"]
    assert "not a lowercase code" in errors["new.csv row 3 column A"][0]
    assert "whole pounds" in errors["new.csv row 3 column E"][0]
    assert "unknown programme" in errors["new.csv row 2 column C"][0]


def test_a_file_that_is_not_a_spreadsheet_is_refused(client, auth, session, tokens) -> None:
    build_workshop(session, code="hand", status="draft", candidates=[])
    for content in (b"PK\x03\x04 not really a zip", b"\xff\xfe\x00bad"):
        response = _upload(
            client, auth("facilitator"), f"{BASE}/hand/import/candidates", content, "x.xlsx"
        )
        assert response.status_code == 422, response.json


def test_the_ranking_exports_as_csv_with_formulas_defused(client, auth, session, tokens) -> None:
    candidates = [{"key": "a", "name": "=HYPERLINK(1)"}, {"key": "b", "name": "B"}]
    build_workshop(
        session,
        code="hand",
        status="closed",
        candidates=candidates,
        scores={"scorer": {"a": (5, 2), "b": (4, 2)}},
    )
    response = client.get(f"{BASE}/hand/ranking.csv", headers=auth("scorer"))
    assert response.status_code == 200 and response.mimetype == "text/csv"
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0].startswith("rank,candidate,name,programme,total")
    assert lines[1].startswith("1,a,'=HYPERLINK(1)")
    book = load_workbook(
        io.BytesIO(client.get(f"{BASE}/hand/ranking.xlsx", headers=auth("cpmo")).data)
    )
    assert book["Ranking"]["C2"].value == "=HYPERLINK(1)" and book["Ranking"]["C2"].data_type == "s"
