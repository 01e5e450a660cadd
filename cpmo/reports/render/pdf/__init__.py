"""The oversight report as a PDF (reportlab): document, page furniture, style, sections."""
