"""A Five Case Model business case in a .docx file → a draft content dict (pure, no I/O).

Layout read: a heading per case ("Strategic Case", "1. The Economic Case", bold or styled),
labelled items inside ("Preferred option: Option 2", "The SRO is …", sub-headings followed
by text or bullets, label/value table rows) and tables recognised by their header row
(see tables.TABLE_KINDS). Money becomes integer pounds; dates become ISO 8601, a month
alone meaning its last day; risk ratings in words use Low/Medium/High → 1/3/5 when a column
uses only those words, and the five-point scale (very low 1 … very high 5) otherwise.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from cpmo.business_cases.docx.blocks import read_blocks
from cpmo.business_cases.docx.cases import commercial, economic, financial, management, strategic
from cpmo.business_cases.docx.layout import split_cases
from cpmo.business_cases.docx.section import Section

EXTRACTORS: dict[str, Callable[[Section], None]] = {
    "strategic": strategic,
    "economic": economic,
    "commercial": commercial,
    "financial": financial,
    "management": management,
}


@dataclass(frozen=True)
class DocxExtraction:
    """The draft content found, what could not be found, and remarks on how it was read."""

    content: dict = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def extract_business_case(data: bytes) -> DocxExtraction:
    """Read a business case .docx into a draft; InvalidInput if it is not a readable .docx."""
    sections, notes = split_cases(read_blocks(data))
    content: dict = {}
    missing: list[str] = []
    for case, extract in EXTRACTORS.items():
        if case not in sections:
            missing.append(f"{case} case: section not found")
            continue
        section = Section(case, sections[case])
        extract(section)
        if section.content:
            content[case] = section.content
        missing.extend(section.missing)
        notes.extend(section.notes)
        if unread := section.unread_tables():
            notes.append(f"{unread} table(s) in the {case} case were not recognised")
    return DocxExtraction(content=content, missing=missing, notes=notes)
