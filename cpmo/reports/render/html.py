"""The oversight report as one self-contained, accessible HTML page (charts inline as SVG)."""

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from cpmo.money import money, short_money
from cpmo.reports.compose.content import OversightReport
from cpmo.reports.compose.rules import EXCEPTION_LABELS
from cpmo.vocabulary import gate_label, long_date, rag_label, stage_label

TEMPLATES = Path(__file__).resolve().parent / "templates"
_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)


def inline_svg(svg: str, title: str) -> Markup:
    """An SVG document as inline markup, announced to screen readers as an image."""
    body = _METADATA.sub("", _PROLOGUE.sub("", svg, count=1), count=1)
    body = body.replace("<svg ", f'<svg role="img" aria-label="{Markup.escape(title)}" ', 1)
    return Markup(body)


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["exception_labels"] = EXCEPTION_LABELS
    env.filters.update(
        money=money,
        short_money=short_money,
        rag=rag_label,
        gate=gate_label,
        stage=stage_label,
        long_date=long_date,
    )
    return env


ENV = _environment()


def render_html(report: OversightReport, charts: dict[str, tuple[str, str | bytes]]) -> str:
    """The report page; ``charts`` maps a chart name to (title, SVG text)."""
    figures = {
        name: {"title": title, "svg": inline_svg(str(svg), title)}
        for name, (title, svg) in charts.items()
    }
    return ENV.get_template("oversight.html").render(r=report, charts=figures)
