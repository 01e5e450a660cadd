"""Where things are: the five case headings and, inside a case, its labelled items."""

import re
from collections import Counter

from cpmo.business_cases.docx.blocks import Block

CASES: dict[str, str] = {  # case key → the words naming it before "case"
    "strategic": r"strategic",
    "economic": r"economic",
    "commercial": r"commercial",
    "financial": r"financial",
    "management": r"management",
}
NUMBERING = (
    r"(?:(?:section|part|chapter)\s+)?"
    r"(?:(?:\d+(?:\.\d+)*|[ivx]+|[a-e])[.):]?\s*[-–—:]?\s+|\d+(?:\.\d+)*\.?(?=[a-z]))?"
)
CASE_HEADINGS = {
    case: (
        re.compile(rf"{NUMBERING}(?:the\s+)?{words}\s+case"),
        re.compile(rf"{NUMBERING}(?:the\s+)?{words}\s+case\s*(?:[-–—:(].*)?"),  # headings only
    )
    for case, words in CASES.items()
}
# Each case's items and the labels (sub-headings, "Label: value" lead-ins, first table
# cells) that name them; matched against the whole label, "the" and numbering ignored.
LABELS: dict[str, dict[str, str]] = {
    "strategic": {
        "case_for_change": r"(?:case|need|rationale|drivers?)\s+for\s+change|why\s+change\s+is"
        r"\s+needed|rationale|problem\s+statement",
        "objectives": r"(?:(?:spending|investment|smart|strategic|programme|project|business"
        r"|key)\s+)?objectives",
    },
    "economic": {
        "options": r"(?:(?:short|long)[-\s]?list(?:ed)?\s+)?options(?:\s+(?:appraisal|considered"
        r"|analysis|assessed))?|option\s+appraisal|short[-\s]?list",
        "preferred_option": r"(?:preferred|recommended)\s+(?:option|way\s+forward)",
    },
    "commercial": {
        "procurement_route": r"(?:procurement|sourcing|commercial)\s+(?:route|strategy|approach)"
        r"|route\s+to\s+market",
        "lots": r"(?:procurement\s+)?(?:lots?|lotting|tranches?)(?:\s+(?:structure|strategy))?",
    },
    "financial": {
        "whole_life_cost": r"(?:total\s+)?whole[-\s]?life\s+costs?(?:\s+\(wlc\))?|wlc"
        r"|total\s+(?:programme\s+|project\s+)?costs?",
        "funding_source": r"sources?\s+of\s+funding|funding(?:\s+(?:sources?|route))?"
        r"|funded\s+(?:from|by)",
        "profile": r"(?:funding|spend(?:ing)?|expenditure|cost|financial|budget)\s+profile"
        r"|profile\s+of\s+(?:spend|costs?|expenditure)|(?:annual|yearly)\s+costs",
    },
    "management": {
        "senior_responsible_owner": r"(?:programme\s+|project\s+)?(?:senior\s+responsible"
        r"\s+(?:owner|officer)(?:\s+\(sro\))?|sro)",
        "milestones": r"(?:(?:key|major)\s+)?milestones|(?:(?:delivery|programme|project)\s+)?"
        r"timetable|(?:indicative\s+)?timeline|key\s+dates",
        "risks": r"(?:(?:key|main|principal|major)\s+)?risks(?:\s+and\s+issues)?"
        r"|risk\s+(?:register|management|log)",
        "benefits": r"(?:(?:key|expected|main|anticipated)\s+)?benefits(?:\s+realisation"
        r"(?:\s+plan)?|\s+register)?",
    },
}
SENTENCE_FIELDS = frozenset(  # items also read from "The <label> is <value>." sentences
    {
        "preferred_option",
        "procurement_route",
        "whole_life_cost",
        "funding_source",
        "senior_responsible_owner",
    }
)
LABELLED = re.compile(r"(?P<label>[^:]{1,80}?)\s*(?::|\s[-–—]\s)\s*(?P<value>\S.*)")
SENTENCE = re.compile(r"(?P<label>.{1,80}?)\s+(?:is|are|will\s+be)\s+(?P<value>.+?)\.?")
UNITS = re.compile(r"\s*\((?:£|in\s+£)[^)]*\)|\s*£\s?(?:m|k|000)?\b")


def label_key(text: str) -> str:
    """A label reduced for matching: lower case, no numbering, units, bullets or end colon."""
    text = UNITS.sub("", re.sub(r"^[•·▪*–-]\s*", "", text.strip().lower()))
    text = re.sub(rf"^{NUMBERING}", "", " ".join(text.split()))
    return re.sub(r"^the\s+", "", text.rstrip(" :.;"))


def is_label(text: str, pattern: str) -> bool:
    """Whether the whole text is a label matching the pattern."""
    return re.fullmatch(pattern, label_key(text)) is not None


def case_of(block: Block) -> str | None:
    """The case a block's text names as its heading, or None."""
    if block.rows is not None or len(block.text) > 120:
        return None
    text = " ".join(block.text.lower().rstrip(" :.").split())
    for case, (strict, headed) in CASE_HEADINGS.items():
        if strict.fullmatch(text) or (block.heading and headed.fullmatch(text)):
            return case
    return None


def split_cases(blocks: list[Block]) -> tuple[dict[str, list[Block]], list[str]]:
    """Blocks grouped by case (the last non-empty occurrence of a heading wins) and notes."""
    runs: list[tuple[str | None, int | None, list[Block]]] = [(None, None, [])]
    for block in blocks:
        case, level, content = runs[-1]
        if (found := case_of(block)) is not None:
            runs.append((found, block.level, []))
        elif case and block.heading and None not in (level, block.level) and block.level <= level:
            runs.append((None, None, [block]))  # a heading as high as the case's ends it
        else:
            content.append(block)
    sections = {case: content for case, _, content in runs if case and content}
    sections |= {case: [] for case, _, _ in runs if case and case not in sections}
    counts = Counter(case for case, _, content in runs if case and content)
    notes = [
        f"{case} case: heading appears {n} times; the last one was read"
        for case, n in counts.items()
        if n > 1
    ]
    outside = sum(1 for case, _, content in runs if not case for b in content if b.rows)
    if outside:
        notes.append(f"{outside} table(s) outside the five cases were not read")
    return sections, notes
