"""The oversight report as an XLSX workbook (openpyxl, write-only sheets)."""
