"""The Five Cases of a business case: what each item is read from.

Strategic, economic and commercial (options, preferred option, NPV, lots), then financial and
management (money, profile, SRO, milestones, risks, benefits).
"""

import re

from cpmo.business_cases.docx.profile import extract_profile
from cpmo.business_cases.docx.section import Section
from cpmo.business_cases.docx.tables import Row, table_rows
from cpmo.business_cases.docx.values import (
    MONEY_IN_TEXT,
    THREE_POINT,
    clean,
    find_date,
    parse_money,
    rating,
    rating_scale,
)

OBJECTIVE_KEY = re.compile(r"\bobjective:[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?")
SEPARATOR = re.compile(r"\s*(?::|\s[-–—]\s|\s[-–—]$)\s*")
NAMED_LINE = {  # a line naming an option or a lot, e.g. "Option 2: Shared service"
    "options": re.compile(r"option\s+\w+(?:\.\d+)?\s*(?::|\s[-–—]\s).*", re.IGNORECASE),
    "lots": re.compile(r"(?:lot|tranche)\s+\w+(?:\.\d+)?\s*(?::|\s[-–—]\s).*", re.IGNORECASE),
}
NPV = re.compile(
    r"[,;(]?\s*\b(?:npv|net\s+present\s+value)\b\s*(?:of|is|[:=–—-])?\s*", re.IGNORECASE
)
PREFERRED_MARK = re.compile(
    r"\s*[(\[]\s*(?:preferred|recommended)(?:\s+option)?\s*[)\]]", re.IGNORECASE
)
YES = frozenset({"yes", "y", "✓", "✔", "x", "true", "preferred", "recommended"})
CONNECTIVE = re.compile(r"\s+(?:by|due|on|in|at|from|date|until)\s*$", re.IGNORECASE)
MEASURE = re.compile(
    r"\(?\s*(?:measured\s+(?:by|through|via|as|in)|measure:)\s*(?P<measure>[^)]+)"
    r"\)?",
    re.IGNORECASE,
)
NO_VALUE = re.compile(r"|[-–—]|n/?a|none|tbc|tbd", re.IGNORECASE)


def named(text: str) -> dict[str, str]:
    """'Name: description' or 'Name – description' → {'name', 'description'} (if any)."""
    name, *rest = SEPARATOR.split(text.strip(" ,;–—-"), maxsplit=1)
    description = rest[0].strip(" ,;") if rest else ""
    return (
        {"name": name.strip(), "description": description}
        if description
        else {"name": name.strip()}
    )


def named_lines(section: Section, item: str) -> list[str]:
    """Bullets under the item's sub-heading, else lines anywhere naming an option or lot."""
    part = section.part(item)
    blocks = [section.blocks[i] for i in part] if part is not None else section.blocks
    return [
        b.item
        for b in blocks
        if b.rows is None
        and (NAMED_LINE[item].fullmatch(b.item) or (part is not None and b.listed))
    ]


def option_line(text: str) -> dict:
    """An option written as a line: name, description and an 'NPV £…' figure if given."""
    preferred = PREFERRED_MARK.search(text) is not None
    text, npv = PREFERRED_MARK.sub("", text), None
    if (label := NPV.search(text)) and (figure := MONEY_IN_TEXT.match(text, label.end())):
        npv = parse_money(figure.group())
        text = text[: label.start()] + text[figure.end() :]
    option: dict = named(re.sub(r"\(\s*\)", "", text))
    return option | ({"npv": npv} if npv is not None else {}) | {"preferred": preferred}


def option_row(row: Row) -> dict:
    """An option from a table row."""
    option: dict = {"name": PREFERRED_MARK.sub("", row.get("name")).strip()}
    option |= {"description": row.get("description")} if row.get("description") else {}
    option |= {"npv": npv} if (npv := row.money("npv")) is not None else {}
    marked = row.get("preferred").lower() in YES or PREFERRED_MARK.search(row.get("name"))
    return option | {"preferred": bool(marked)}


def _lot_row(row: Row) -> dict[str, str]:
    """A lot from a table row."""
    lot = {"name": row.get("name")}
    return lot | ({"description": row.get("description")} if row.get("description") else {})


def strategic(section: Section) -> None:
    """Case for change (text) and objectives (graph keys where written, else texts)."""
    if (text := section.text("case_for_change")) is not None:
        section.content["case_for_change"] = text
    elif (text := section.opening()) is not None:
        section.content["case_for_change"] = text
        section.notes.append("strategic.case_for_change: read from the case's opening paragraphs")
    else:
        section.miss("case_for_change")
    items = section.items("objectives")
    objectives = [key for item in items for key in (OBJECTIVE_KEY.findall(item) or [item])]
    if objectives:
        section.content["objectives"] = objectives
    else:
        section.miss("objectives")


def _preferred(value: str, names: list[str], section: Section) -> str:
    """The option name a preferred-option statement mentions first (else the statement)."""
    places = {
        m.start(): name
        for name in names
        if (m := re.search(rf"\b{re.escape(name)}\b", value, re.IGNORECASE))
    }
    if places:
        return places[min(places)]
    short = [n for n in names if re.match(rf"{re.escape(value)}\b", n, re.IGNORECASE)]
    if len(short) == 1:  # "Option 1" for an option named "Option 1 – Do nothing"
        return short[0]
    if names:
        section.notes.append(f"economic.preferred_option {value!r} names none of the options")
    return value


def economic(section: Section) -> None:
    """Options (table or lines) with their NPVs, and the preferred option."""
    rows = table_rows(section, "options")
    read = (
        [option_row(r) for r in rows]
        if rows is not None
        else [option_line(line) for line in named_lines(section, "options")]
    )
    options = [{k: v for k, v in o.items() if k != "preferred"} for o in read]
    if options:
        section.content["options"] = options
        section.missing.extend(
            f"economic.options: no NPV for {o['name']!r}" for o in options if "npv" not in o
        )
    else:
        section.miss("options", "no options table or list found")
    value = section.text("preferred_option")
    marked = [o["name"] for o in read if o["preferred"]]
    if value is None and marked:
        value = marked[0]
    if value is None:
        section.miss("preferred_option")
    else:
        section.content["preferred_option"] = _preferred(
            value, [o["name"] for o in options], section
        )


def commercial(section: Section) -> None:
    """Procurement route (text) and lots (table or lines)."""
    if (route := section.text("procurement_route")) is not None:
        section.content["procurement_route"] = route
    else:
        section.miss("procurement_route")
    rows = table_rows(section, "lots")
    lots = (
        [_lot_row(r) for r in rows]
        if rows
        else [named(line) for line in named_lines(section, "lots")]
    )
    if lots:
        section.content["lots"] = lots
    else:
        section.miss("lots")


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
        "value_gbp": parse_money(text),
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
