"""Importers: pure parsers that turn published files into plain records."""
