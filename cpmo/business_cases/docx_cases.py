"""The strategic, economic and commercial cases: what each item is read from."""

import re

from cpmo.business_cases.docx_section import Section
from cpmo.business_cases.docx_tables import Row, table_rows
from cpmo.business_cases.docx_values import MONEY_IN_TEXT, money

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
        npv = money(figure.group())
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
