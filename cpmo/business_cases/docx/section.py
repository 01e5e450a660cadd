"""One case's blocks, with look-ups for its labelled values, sub-sections and tables."""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from cpmo.business_cases.docx.blocks import Block
from cpmo.business_cases.docx.layout import (
    LABELLED,
    LABELS,
    SENTENCE,
    SENTENCE_FIELDS,
    is_label,
)
from cpmo.business_cases.docx.values import MONEY_IN_TEXT, header_unit, parse_money


@dataclass
class Section:
    """A case's blocks, what was found and missed in them, and which tables were read."""

    case: str
    blocks: list[Block]
    content: dict = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    claimed: set[int] = field(default_factory=set)  # tables read as a kind (options, risks …)
    labelled: set[int] = field(default_factory=set)  # tables read as label/value rows

    def miss(self, item: str, why: str = "not found") -> None:
        """Record that an item of this case could not be extracted."""
        self.missing.append(f"{self.case}.{item}: {why}")

    def _pattern(self, item: str) -> str:
        """The label pattern of one of this case's items."""
        return LABELS[self.case][item]

    def _labelled(self, text: str, item: str) -> str | None:
        """The value when text reads 'Label: value' (or 'The label is value.') for item."""
        forms = (LABELLED, SENTENCE) if item in SENTENCE_FIELDS else (LABELLED,)
        for form in forms:
            found = form.fullmatch(text)
            if found and is_label(found["label"], self._pattern(item)):
                return found["value"].strip()
        return None

    def inline(self, item: str) -> tuple[str, str] | None:
        """(label, value) from a labelled paragraph or a label/value table row."""
        for index, block in enumerate(self.blocks):
            if block.rows is None:
                if (value := self._labelled(block.text, item)) is not None:
                    return block.text, value
                continue
            for row in () if index in self.claimed else block.rows:
                values = list(dict.fromkeys(c for c in row[1:] if c and c != row[0]))
                if 0 < len(values) <= 2 and is_label(row[0], self._pattern(item)):
                    self.labelled.add(index)
                    return row[0], values[0]
        return None

    def _ends(self, start: Block, other: Block) -> bool:
        """Whether other closes the sub-section that start heads."""
        if other.rows is not None:
            return False
        if any(
            is_label(other.text, p) or self._labelled(other.text, item)
            for item, p in LABELS[self.case].items()
        ):
            return True
        deeper = None not in (start.level, other.level) and other.level > start.level
        return other.heading and not deeper

    def part(self, item: str) -> list[int] | None:
        """Indices of the blocks under the sub-heading naming item; None if no such heading."""
        for index, block in enumerate(self.blocks):
            if block.rows is None and is_label(block.text, self._pattern(item)):
                after = range(index + 1, len(self.blocks))
                ends = (i for i in after if self._ends(block, self.blocks[i]))
                return list(range(index + 1, next(ends, len(self.blocks))))
        return None

    def text(self, item: str) -> str | None:
        """An item's text: its labelled value, else the paragraphs under its sub-heading."""
        if (found := self.inline(item)) is not None:
            return found[1]
        paragraphs = [self.blocks[i].text for i in self.part(item) or [] if not self.blocks[i].rows]
        return "\n\n".join(paragraphs) or None

    def opening(self) -> str | None:
        """The case's paragraphs before its first sub-heading or labelled item."""
        texts = []
        for block in self.blocks:
            if block.rows is None and self._ends(Block(), block):
                break
            texts += [block.text] if block.rows is None and not block.listed else []
        return "\n\n".join(texts) or None

    def items(self, item: str) -> list[str]:
        """An item's list: bullets under its heading, else its paragraphs or ';'-split value."""
        if (found := self.inline(item)) is not None:
            return [v.strip() for v in re.split(r";", found[1]) if v.strip()]
        indices = self.part(item) or []
        paragraphs = [self.blocks[i] for i in indices if self.blocks[i].rows is None]
        listed = [b.item for b in paragraphs if b.listed]
        if listed:
            return listed
        for i in (i for i in indices if self.blocks[i].rows):
            self.claimed.add(i)
            return [row[0] for row in self.blocks[i].rows[1:] if row[0]]
        return [b.item for b in paragraphs if not b.text.endswith(":")]

    def amount(self, item: str) -> tuple[int | None, str | None]:
        """An item's money (pounds) and the text it came from; mentions in sentences count."""
        if (found := self.inline(item)) is not None:
            figure = parse_money(found[1])
            if figure is None:  # a bare number after its label: '£m' in the label is the unit
                figure = parse_money(found[1], unit=header_unit(found[0]), cell=True)
            return figure, found[1]
        if (text := self.text(item)) is not None:
            return parse_money(text), text
        for block in self.blocks:
            mention = re.search(rf"\b(?:{self._pattern(item)})\b", block.text, re.IGNORECASE)
            rest = block.text[mention.end() :] if mention else ""
            first = MONEY_IN_TEXT.search(rest)
            if first and first.start() <= 80 and ". " not in rest[: first.start()]:
                return parse_money(rest), block.text
        return None, None

    def tables(self) -> Iterator[tuple[int, tuple[tuple[str, ...], ...]]]:
        """(index, rows) of each table not yet read."""
        for index, block in enumerate(self.blocks):
            if block.rows is not None and index not in self.claimed | self.labelled:
                yield index, block.rows

    def unread_tables(self) -> int:
        """How many of this case's tables nothing recognised."""
        return sum(1 for _ in self.tables())
