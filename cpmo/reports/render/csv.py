"""CSV of the portfolio status: one row per programme, with its RAG change and flags."""

import csv
import io
from datetime import date

from cpmo.reports.compose.content import OversightReport
from cpmo.reports.render.xlsx.sheets import FORMULA_START

HEADER = [
    "code",
    "name",
    "department",
    "parent",
    "stage",
    "rag",
    "rag_reason",
    "previous_rag",
    "rag_change",
    "whole_life_cost_gbp",
    "next_gate",
    "next_gate_date",
    "honesty_flags",
    "exceptions",
]


def _safe(value: object) -> object:
    """Text that a spreadsheet would run as a formula is quoted (CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return "" if value is None else value


def render_status_csv(report: OversightReport) -> str:
    """The CSV text (UTF-8, comma-separated, header row first)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for p in report.programmes:
        row = [v.isoformat() if isinstance(v, date) else v for v in p.status_cells()]
        writer.writerow([_safe(v) for v in row])
    return buffer.getvalue()
