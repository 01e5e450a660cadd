"""The PDF board pack, checked as a reader would: text by pdftotext, pages by pdftoppm.

Needs poppler-utils (pdftotext, pdftoppm); skipped with the reason where they are missing.
"""

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session

from cpmo.imports.gmpp.service import import_gmpp
from cpmo.reports.service import render
from cpmo.reports.snapshots import take_snapshot
from cpmo.seeding import load_seeds

EXCERPTS = Path(__file__).resolve().parents[1] / "data" / "gmpp"
POPPLER = ("pdftotext", "pdftoppm")
MISSING = [tool for tool in POPPLER if shutil.which(tool) is None]
if MISSING:
    print(f"PDF checks skipped: {', '.join(MISSING)} not on PATH (install poppler-utils)")
pytestmark = pytest.mark.skipif(
    bool(MISSING), reason=f"{', '.join(MISSING)} not on PATH (install poppler-utils)"
)


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout


def page_images(pdf: Path, folder: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))


def embedded_images(pdf: Path) -> int:
    """Images in the PDF: pdfimages when present, else the image objects reportlab wrote."""
    if shutil.which("pdfimages"):
        listing = subprocess.run(
            ["pdfimages", "-list", str(pdf)], capture_output=True, check=True, text=True
        ).stdout
        rows = [line.split() for line in listing.strip().splitlines()[2:]]
        return sum(1 for row in rows if row[2] == "image")  # not their alpha masks ("smask")
    data = pdf.read_bytes()
    return data.count(b"/Subtype /Image") - data.count(b"/SMask ")


def write(session: Session, code: str, tmp_path: Path) -> Path:
    rendered = render(session, code=code, fmt="pdf")
    assert rendered.data.startswith(b"%PDF") and rendered.mimetype == "application/pdf"
    pdf = tmp_path / rendered.filename
    pdf.write_bytes(rendered.data)
    return pdf


def check_pages(text: str, pngs: list[Path]) -> None:
    """Every page numbered 'Page X of N' with the as-of date and the data's provenance."""
    total = len(pngs)
    assert total >= 2
    numbers = re.findall(r"Page (\d+) of (\d+)", text)
    assert numbers == [(str(i), str(total)) for i in range(1, total + 1)]
    assert text.count("Data: ") == total and text.count("generated ") >= total
    assert all(p.stat().st_size > 1_000 for p in pngs)


def test_the_seeded_jersey_portfolio_renders_a_paginated_pdf_with_charts(
    session: Session, tmp_path: Path
) -> None:
    load_seeds(session)
    take_snapshot(session, code="goj-change", actor="test", as_of=date(2026, 1, 1))
    pdf = write(session, "goj-change", tmp_path)
    text = pdf_text(pdf)
    for expected in (
        "Oversight report: Government of Jersey Change Portfolio",
        "Headline figures",
        "Exceptions",
        "RAG honesty flags",
        "Awaiting oversight endorsement",
        "Delivery confidence (RAG)",
        "Stage funnel",
        "Budget profile against the CSP allocation",
        "Benefits at risk",
        "Dependencies",
        "KPIs and plan progress",
        "Top risks",
        "Technology Transformation Programme",
        "£99.0m",
        "000_098c8a075ef0603b.txt",
    ):
        assert expected in text, expected
    check_pages(text, page_images(pdf, tmp_path))
    assert embedded_images(pdf) == 5  # funnel, RAG, budget, benefits, dependencies


def test_an_imported_gmpp_year_renders_through_the_same_pipeline(
    session: Session, tmp_path: Path
) -> None:
    path = EXCERPTS / "gmpp_2024_25.csv"
    import_gmpp(session, data=path.read_bytes(), filename=path.name, actor="test")
    pdf = write(session, "gmpp-2024-25", tmp_path)
    text = pdf_text(pdf)
    for expected in (
        "UK Government Major Projects Portfolio 2024-25",
        "Headline figures",
        "Major projects register 2024-25",
        "By department",
        "Top whole-life costs",
        "Withheld or not published",
        "Open Government Licence",
        "As of 2025-03-31",
    ):
        assert expected in text, expected
    check_pages(text, page_images(pdf, tmp_path))
    assert embedded_images(pdf) >= 4  # no dependencies between GMPP projects: no picture
