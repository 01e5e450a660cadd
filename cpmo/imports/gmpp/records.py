"""Plain records: the parser's output (normalised projects, row problems, the file summary)
and what an import wrote (:class:`ImportResult`)."""

from dataclasses import dataclass, field
from datetime import date

MoneyRange = tuple[int | None, int | None, int | None]


@dataclass(frozen=True)
class GmppProject:
    """One project in one year's GMPP data, normalised; ``raw`` keeps the published cells."""

    year: str
    row: int  # 1-based line where the record starts, or 1-based column (transposed 2019-20)
    project_id: str  # published GMPP / Major Projects ID (upper case), else a department+name slug
    project_id_published: bool
    name: str
    department: str  # department code as published, upper case ("MoJ" → "MOJ")
    description: str | None
    category: str | None
    rag: str  # green, amber_green, amber, amber_red, red or unrated
    rag_reason: str | None  # why unrated: "not published", "withheld: Exempt …", …
    rag_basis: str  # "ipa", "nista", "sro" or "none"
    ipa_rating_raw: str | None  # independent (IPA/NISTA) assessment exactly as published
    sro_rating_raw: str | None  # SRO assessment exactly as published (None: no such column)
    whole_life_cost_gbp: int | None
    whole_life_cost_withheld: bool
    whole_life_cost_range: MoneyRange | None  # (low, mid, high) in pounds, when a range is given
    whole_life_cost_reason: str | None
    budget_gbp: int | None  # financial-year baseline
    budget_withheld: bool
    budget_reason: str | None
    benefits_gbp: int | None  # total baseline (monetised) benefits
    benefits_withheld: bool
    benefits_range: MoneyRange | None
    benefits_reason: str | None
    start_date: date | None
    start_date_raw: str | None
    start_date_reason: str | None
    end_date: date | None
    end_date_raw: str | None
    end_date_reason: str | None
    raw: dict[str, str] = field(hash=False, repr=False)  # published header → published value
    budget_forecast_gbp: int | None = None  # financial-year forecast
    budget_forecast_withheld: bool = False
    budget_forecast_reason: str | None = None
    stage_raw: str | None = None  # the stage or phase as published; None: the year states none
    stage: str | None = None  # the cpmo stage it clearly means; None: not stated


@dataclass(frozen=True)
class GmppProblem:
    """A cell that could not be read: where, which column, its value and why."""

    row: int  # 1-based line in the file, or 1-based column in the transposed 2019-20 file
    column: str  # the header (or, transposed, the field label) exactly as published
    value: str
    message: str

    def __str__(self) -> str:
        return f"{self.row}: {self.column!r}: {self.message}"


@dataclass(frozen=True)
class GmppParseResult:
    """Everything parsed from one file: records, problems (import-blocking) and notes."""

    filename: str
    year: str
    encoding: str  # "utf-8-sig", "utf-8" or "cp1252"
    transposed: bool  # projects in columns (2019-20): ``row`` numbers are then columns
    price_basis: str | None  # e.g. "2024/25 real prices" when the money headers say so
    projects: tuple[GmppProject, ...]
    problems: tuple[GmppProblem, ...]  # unreadable rows; a caller importing all-or-nothing stops
    notes: tuple[GmppProblem, ...]  # read, but worth knowing: replaced bytes, unparseable dates


@dataclass
class ImportResult:
    portfolio: str
    year: str
    filename: str
    encoding: str
    transposed: bool
    projects: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    departments_created: int = 0
    notes: list[str] = field(default_factory=list)
