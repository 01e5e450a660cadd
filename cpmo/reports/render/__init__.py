"""Presenting a composed report: HTML, CSV, PDF, XLSX and the static charts."""
