"""Oversight reports: one data assembly rendered as JSON, HTML, PDF, XLSX and CSV.

``gather`` reads the portfolio's facts from the database, ``compose`` builds a plain
:class:`compose.content.OversightReport` from them (pure), and ``render`` presents it (HTML,
CSV, PDF, XLSX, charts). ``assembly`` joins gathering and composing; ``service`` and
``snapshots`` are the entry points. Snapshots store a report's summary so that the next report
compares against real figures.
"""
