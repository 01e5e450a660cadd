"""Composing an oversight report from gathered facts: pure functions, no database.

``content`` is the report as plain data; ``report.build_report`` assembles it from the
attention items, honesty flags, sections, budget profile and register section.
"""
