"""The financial and management cases: money, profile, SRO, milestones, risks, benefits."""

import re

from cpmo.business_cases.docx_profile import extract_profile
from cpmo.business_cases.docx_section import Section
from cpmo.business_cases.docx_tables import Row, table_rows
from cpmo.business_cases.docx_values import (
    THREE_POINT,
    clean,
    find_date,
    money,
    rating,
    rating_scale,
)

CONNECTIVE = re.compile(r"\s+(?:by|due|on|in|at|from|date|until)\s*$", re.IGNORECASE)
MEASURE = re.compile(
    r"\(?\s*(?:measured\s+(?:by|through|via|as|in)|measure:)\s*(?P<measure>[^)]+)"
    r"\)?",
    re.IGNORECASE,
)
NO_VALUE = re.compile(r"|[-–—]|n/?a|none|tbc|tbd", re.IGNORECASE)


def _found(section: Section, item: str, value: object, why: str = "not found") -> None:
    """Store a found item in the draft, or record it as missing."""
    if value in (None, [], {}):
        section.miss(item, why)
    else:
        section.content[item] = value


def financial(section: Section) -> None:
    """Whole-life cost, funding source and the profile by year."""
    profile = extract_profile(section)  # first, so its table is not read as label/value rows
    cost, source = section.amount("whole_life_cost")
    why = f"no figure found in {source!r}" if source else "no figure found"
    _found(section, "whole_life_cost", cost, why)
    _found(section, "funding_source", section.text("funding_source"))
    _found(section, "profile", profile, "no profile table found")


def _milestone(name: str, written: str, section: Section) -> dict[str, str]:
    """A milestone with its due date if one can be read from `written`."""
    due = find_date(written)
    if due is None:
        section.missing.append(f"management.milestones: no date for {name!r} ({written!r})")
        return {"name": name}
    return {"name": name, "due": due[0]}


def _milestone_line(text: str, section: Section) -> dict[str, str]:
    """'Go live – 31/03/2022' → a milestone named by the text around the date."""
    due = find_date(text)
    before, after = (text[: due[1].start()], text[due[1].end() :]) if due else (text, "")
    name = re.sub(r"\(\s*\)", "", f"{CONNECTIVE.sub('', before)} {after}")
    return _milestone(clean(name).strip(" –—-:,;"), text, section)


def milestones(section: Section) -> list[dict[str, str]]:
    """Milestones from a Milestone/Date table, else from lines under their sub-heading."""
    rows = table_rows(section, "milestones")
    if rows:
        return [_milestone(r.get("name"), r.get("due"), section) for r in rows]
    lines = [section.blocks[i] for i in section.part("milestones") or []]
    dated = [b for b in lines if b.rows is None and (b.listed or find_date(b.text))]
    return [_milestone_line(b.item, section) for b in dated]


def _risk(row: Row, scales: dict[str, dict[str, int]], section: Section) -> dict:
    """A risk with each of its ratings and owner that can be read."""
    risk: dict = {"title": row.get("title")}
    for name in ("likelihood", "impact"):
        if (value := rating(row.get(name), scales[name])) is not None:
            risk[name] = value
        else:
            section.missing.append(
                f"management.risks: no {name} for {risk['title']!r} ({row.get(name)!r})"
            )
    if row.get("owner"):
        risk["owner"] = row.get("owner")
    else:
        section.missing.append(f"management.risks: no owner for {risk['title']!r}")
    return risk


def risks(section: Section) -> list[dict]:
    """Risks from a risk table, each rating read on its column's scale."""
    rows = table_rows(section, "risks") or []
    scales = {name: rating_scale(r.get(name) for r in rows) for name in ("likelihood", "impact")}
    for name, scale in scales.items():
        if scale is THREE_POINT:
            section.notes.append(f"management.risks: {name} read as Low 1, Medium 3, High 5")
    return [_risk(row, scales, section) for row in rows if row.get("title")]


def _benefit_line(text: str) -> dict:
    """'Lower licence costs – £1.2m a year (measured by licence spend)' → a benefit."""
    measure = MEASURE.search(text)
    title = re.split(r"\s*(?::|\s[-–—]\s|\(|£)", text, maxsplit=1)[0].strip()
    return {
        "title": title,
        "value_gbp": money(text),
        "measure": measure["measure"].strip(" .") if measure else None,
    }


def benefits(section: Section) -> list[dict]:
    """Benefits from a Benefit/Value/Measure table, else bullets under their sub-heading."""
    rows = table_rows(section, "benefits")
    if rows:
        return [
            {
                "title": r.get("title"),
                "value_gbp": None
                if NO_VALUE.fullmatch(r.get("value_gbp"))
                else r.money("value_gbp"),
                "measure": None if NO_VALUE.fullmatch(r.get("measure")) else r.get("measure"),
            }
            for r in rows
            if r.get("title")
        ]
    lines = [section.blocks[i] for i in section.part("benefits") or []]
    return [_benefit_line(b.item) for b in lines if b.listed]


def management(section: Section) -> None:
    """Senior responsible owner, milestones, risks and benefits."""
    sro = section.text("senior_responsible_owner")
    _found(section, "senior_responsible_owner", sro and re.sub(r"^the\s+", "", sro, flags=re.I))
    _found(section, "milestones", milestones(section))
    _found(section, "risks", risks(section), "no risk table found")
    _found(section, "benefits", benefits(section))
