"""UK Government Major Projects Portfolio (GMPP) annual-report CSVs.

The parser is pure (``parse``, ``build``, ``headers``, ``table``, values, dates, money, ranges →
``records``); the import writes a year as its own portfolio: ``models`` (tables), ``rows``
(records → column values), ``write`` (upsert programmes and side records) and ``service``
(read, refuse or import a file, all or nothing).
"""

from cpmo.imports.gmpp.parse import parse_gmpp, year_from_filename
from cpmo.imports.gmpp.records import GmppParseResult, GmppProblem, GmppProject

__all__ = ["GmppParseResult", "GmppProblem", "GmppProject", "parse_gmpp", "year_from_filename"]
