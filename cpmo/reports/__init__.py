"""Oversight reports: one data assembly rendered as JSON, HTML, PDF, XLSX and CSV.

``assembly`` gathers the portfolio's facts and builds a plain :class:`content.OversightReport`;
the renderers (``html``, ``pdf``, ``xlsx``, ``exports``) only present it. Snapshots store a
report's summary so that the next report compares against real figures.
"""
