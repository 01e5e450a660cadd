"""Importers: pure parsers that turn published files and uploaded spreadsheets into plain
records, each problem named by sheet, row and column."""
