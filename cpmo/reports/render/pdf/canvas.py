"""Header and footer on every PDF page: title, page X of Y, date, as-of and provenance.

"Page X of Y" needs the page count, so pages are kept until the document is saved, then each
is finished with its furniture (the usual reportlab two-pass canvas).
"""

from dataclasses import dataclass
from typing import Any

from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from cpmo.reports.render.pdf.style import BOLD, FONT, GREY, RULE, register_fonts

MARGIN = 36  # points
FOOT_SIZE = 7


@dataclass(frozen=True)
class Furniture:
    title: str
    portfolio: str
    as_of: str
    generated: str
    provenance: str


def numbered_canvas(furniture: Furniture) -> type[Canvas]:
    """A canvas class that writes ``furniture`` on every page once the page count is known."""
    register_fonts()

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._furnish(total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _furnish(self, total: int) -> None:
            width, height = self._pagesize
            f = furniture
            self.saveState()
            self.setStrokeColor(RULE)
            self.setFillColor(GREY)
            self.setFont(BOLD, 8)
            self.drawString(MARGIN, height - MARGIN + 14, f.title)
            self.setFont(FONT, 8)
            self.drawRightString(width - MARGIN, height - MARGIN + 14, f"As of {f.as_of}")
            self.line(MARGIN, height - MARGIN + 10, width - MARGIN, height - MARGIN + 10)
            self.line(MARGIN, MARGIN + 2, width - MARGIN, MARGIN + 2)
            self.setFont(BOLD, FOOT_SIZE)
            self.drawString(MARGIN, MARGIN - 8, f"Page {self._pageNumber} of {total}")
            self.setFont(FONT, FOOT_SIZE)
            self.drawRightString(
                width - MARGIN, MARGIN - 8, f"As of {f.as_of} · generated {f.generated}"
            )
            lines = simpleSplit(f"Data: {f.provenance}", FONT, FOOT_SIZE, width - 2 * MARGIN)
            for i, line in enumerate(lines[:2]):
                self.drawString(MARGIN, MARGIN - 17 - 8 * i, line)
            self.restoreState()

    return NumberedCanvas
