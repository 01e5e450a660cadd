"""Parser for UK Government Major Projects Portfolio (GMPP) annual-report CSVs."""

from cpmo.imports.gmpp.parse import parse_gmpp, year_from_filename
from cpmo.imports.gmpp.records import GmppParseResult, GmppProblem, GmppProject

__all__ = ["GmppParseResult", "GmppProblem", "GmppProject", "parse_gmpp", "year_from_filename"]
