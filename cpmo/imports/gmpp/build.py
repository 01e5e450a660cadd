"""One data row (header → cell) → a GmppProject, or the problems that stop it being read."""

import re
from collections.abc import Mapping

from cpmo.imports.gmpp.dates import UNPARSEABLE, DateValue, parse_date
from cpmo.imports.gmpp.headers import MONEY_FIELDS, money_unit
from cpmo.imports.gmpp.money import Money, parse_money
from cpmo.imports.gmpp.records import GmppProblem, GmppProject
from cpmo.imports.gmpp.stages import stage_of
from cpmo.imports.gmpp.values import Rating, clean, delivery_confidence, normalise_rating

# From the 2024-25 report the independent assessment is NISTA's (the IPA's before).
NISTA_FROM_YEAR = "2024-25"


def independent_assessor(year: str) -> str:
    """The independent assessor: NISTA for reports from 2024-25 on, the IPA before."""
    return "nista" if year >= NISTA_FROM_YEAR else "ipa"


def slug(*parts: str) -> str:
    """A stable lower-case slug: "DfE", "Children's Homes" → "dfe-childrens-homes"."""
    text = "-".join(parts).lower().replace("'", "").replace("’", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


class RowReader:
    """Reads canonical fields from one row, collecting problems instead of raising."""

    def __init__(self, row: int, headers: list[str], cells: list[str], columns: Mapping[str, int]):
        self.row, self.headers, self.cells, self.columns = row, headers, cells, columns
        self.problems: list[GmppProblem] = []
        self.notes: list[GmppProblem] = []

    def raw(self, field: str) -> str | None:
        """The published cell for a canonical field, or None when the year has no such column."""
        index = self.columns.get(field)
        return None if index is None else self.cells[index]

    def text(self, field: str) -> str | None:
        """The cleaned cell text, or None when absent or blank."""
        return clean(self.raw(field)) or None

    def problem(self, field: str, message: str, *, note: bool = False) -> None:
        """Record a problem (or a note) against the field's published header."""
        index = self.columns[field]
        entry = GmppProblem(self.row, self.headers[index], self.cells[index], message)
        (self.notes if note else self.problems).append(entry)

    def rating(self, field: str) -> Rating:
        """A normalised rating, or a problem when the text is not one."""
        try:
            return normalise_rating(self.raw(field))
        except ValueError as error:
            self.problem(field, str(error))
            return Rating("unrated", "unreadable")

    def money(self, field: str) -> Money:
        """Exact pounds in the column's unit, or a problem when the cell is not money."""
        if field not in self.columns:
            return Money(None)
        try:
            return parse_money(self.raw(field), money_unit(self.headers[self.columns[field]]))
        except ValueError as error:
            self.problem(field, str(error))
            return Money(None)

    def date(self, field: str) -> DateValue:
        """A date; an unparseable one is kept (raw + reason) and noted, not a problem."""
        if field not in self.columns:
            return DateValue(None)
        parsed = parse_date(self.raw(field))
        if parsed.reason and parsed.reason.startswith(UNPARSEABLE):
            self.problem(field, parsed.reason, note=True)
        return parsed


def build_project(year: str, reader: RowReader) -> GmppProject | None:
    """The project in ``reader``'s row, or None (with reader.problems) if it cannot be read."""
    name, department = reader.text("name"), (reader.text("department") or "").upper()
    if name is None:
        reader.problem("name", "no project name")
    ipa, sro = reader.rating("ipa_rating"), reader.rating("sro_rating")
    confidence = delivery_confidence(ipa, sro, independent_assessor(year))
    money = {field: reader.money(field) for field in MONEY_FIELDS}
    start, end = reader.date("start_date"), reader.date("end_date")
    if reader.problems or name is None:
        return None
    published_id = (reader.text("project_id") or "").upper()
    wlc, budget, benefits = money["whole_life_cost"], money["budget"], money["benefits"]
    forecast, stage_raw = money["budget_forecast"], reader.text("stage")
    return GmppProject(
        year=year,
        row=reader.row,
        project_id=published_id or slug(department, name),
        project_id_published=bool(published_id),
        name=name,
        department=department,
        description=reader.text("description"),
        category=reader.text("category"),
        rag=confidence.rag,
        rag_reason=confidence.reason,
        rag_basis=confidence.basis,
        ipa_rating_raw=reader.raw("ipa_rating"),
        sro_rating_raw=reader.raw("sro_rating"),
        whole_life_cost_gbp=wlc.gbp,
        whole_life_cost_withheld=wlc.withheld,
        whole_life_cost_range=wlc.range,
        whole_life_cost_reason=wlc.reason,
        budget_gbp=budget.gbp,
        budget_withheld=budget.withheld,
        budget_reason=budget.reason,
        benefits_gbp=benefits.gbp,
        benefits_withheld=benefits.withheld,
        benefits_range=benefits.range,
        benefits_reason=benefits.reason,
        start_date=start.value,
        start_date_raw=reader.raw("start_date"),
        start_date_reason=start.reason,
        end_date=end.value,
        end_date_raw=reader.raw("end_date"),
        end_date_reason=end.reason,
        raw=dict(zip(reader.headers, reader.cells, strict=False)),
        budget_forecast_gbp=forecast.gbp,
        budget_forecast_withheld=forecast.withheld,
        budget_forecast_reason=forecast.reason,
        stage_raw=stage_raw[:300] if stage_raw else None,
        stage=stage_of(stage_raw),
    )
