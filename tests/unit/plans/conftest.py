import io
from typing import Any

import pytest
import yaml


def minimal_plan() -> dict[str, Any]:
    """A small valid plan file."""
    src = {"source": "test document §1"}
    return {
        "kind": "business_plan",
        "plan": {"code": "test-plan", "title": "Test plan", "organisation": "Council", **src},
        "priorities": [{"number": "1", "title": "Prevention", **src}],
        "actions": [
            {"number": "1", "priority": "1", "title": "Heading action", **src},
            {"number": "1.1", "parent": "1", "title": "Do it", "end": "March 2014", **src},
        ],
        "milestones": [
            {"priority": "1", "letter": "A", "title": "Done it", "covers": ["1.1"], **src}
        ],
        "kpis": [{"code": "test-kpi", "name": "Things done", "direction": "higher", **src}],
        "targets": [{"kpi": "test-kpi", "period": "2013/14", "value": 100, **src}],
    }


def workbook(sheets: dict[str, list[list[Any]]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def plan_yaml() -> bytes:
    return yaml.safe_dump(minimal_plan()).encode()
