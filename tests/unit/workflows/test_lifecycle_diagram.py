"""The lifecycle pictures are drawn from the declaration and the committed docs match them."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from cpmo.workflows.diagram import MERMAID_BLOCK, to_mermaid, to_svg, write_docs
from cpmo.workflows.gates import GATE_TABLE
from cpmo.workflows.lifecycle import OPEN_STAGES, STATES, TRANSITIONS

DOCS = Path(__file__).resolve().parents[3] / "docs"
SVG = "{http://www.w3.org/2000/svg}"


def svg_texts() -> list[str]:
    return [t.text or "" for t in ET.fromstring(to_svg()).iter(f"{SVG}text")]


def test_every_trigger_appears_in_the_mermaid_text() -> None:
    words = set(re.findall(r"\w+", to_mermaid()))
    assert {t["trigger"] for t in TRANSITIONS} <= words


def test_every_state_appears_in_the_mermaid_text() -> None:
    words = set(re.findall(r"\w+", to_mermaid()))
    assert set(STATES) <= words


def test_every_state_appears_as_a_box_label_in_the_svg() -> None:
    assert set(STATES) <= set(svg_texts())


def test_every_trigger_is_named_in_the_svg() -> None:
    words = set(re.findall(r"\w+", " ".join(svg_texts())))
    assert {t["trigger"] for t in TRANSITIONS} <= words


def test_the_mermaid_text_is_a_state_diagram_with_start_and_ends() -> None:
    text = to_mermaid()
    assert text.startswith("stateDiagram-v2\n")
    assert "[*] --> proposed" in text
    assert "closed --> [*]" in text
    assert "stopped --> [*]" in text


def test_the_gate_flow_is_drawn_edge_by_edge_in_the_mermaid_text() -> None:
    text = to_mermaid()
    for spec in GATE_TABLE:
        gate, work, review, after = spec.name, spec.prepared_in, spec.review, spec.approved_to
        assert f"{work} --> {review} : submit_{gate}" in text
        assert f"{review} --> {after} : approve_{gate}" in text
        assert f"{review} --> {work} : return_{gate}" in text
        assert f"{review} --> {review} : endorse_{gate}" in text


def test_pause_and_stop_from_every_open_stage_are_collapsed_into_notes() -> None:
    text = to_mermaid()
    for stage in OPEN_STAGES:
        assert f"{stage} --> on_hold" not in text
        assert f"{stage} --> stopped" not in text
    assert "pause: any open stage → on_hold" in text
    assert "stop: any open stage → stopped" in text
    assert "resume: on_hold → the stage it left" in text


def test_the_svg_parses_and_has_a_title() -> None:
    root = ET.fromstring(to_svg())
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title") is not None
    assert (root.findtext(f"{SVG}title") or "").strip()


def test_every_arrow_in_the_svg_has_an_arrowhead() -> None:
    root = ET.fromstring(to_svg())
    assert root.find(f".//{SVG}marker[@id='arrow']") is not None
    paths = [p for p in root.iter(f"{SVG}path") if p.get("fill") == "none"]
    assert paths
    assert all(p.get("marker-end") == "url(#arrow)" for p in paths)


def test_write_docs_writes_the_svg_and_refreshes_only_the_mermaid_block(tmp_path: Path) -> None:
    page = tmp_path / "lifecycle.md"
    page.write_text("# Title\n\nProse.\n\n```mermaid\nstale\n```\n\nMore prose.\n", "utf-8")
    write_docs(tmp_path)
    assert (tmp_path / "lifecycle.svg").read_text(encoding="utf-8") == to_svg()
    text = page.read_text(encoding="utf-8")
    assert text.startswith("# Title\n\nProse.\n\n```mermaid\nstateDiagram-v2\n")
    assert text.endswith("```\n\nMore prose.\n")
    assert "stale" not in text


def test_write_docs_creates_a_page_when_there_is_none(tmp_path: Path) -> None:
    write_docs(tmp_path / "docs")
    assert to_mermaid() in (tmp_path / "docs" / "lifecycle.md").read_text(encoding="utf-8")


def test_the_committed_svg_is_current() -> None:
    # if this fails: .venv/bin/python -c "from pathlib import Path; from
    # cpmo.workflows.diagram import write_docs; write_docs(Path('docs'))"
    assert (DOCS / "lifecycle.svg").read_text(encoding="utf-8") == to_svg()


def test_the_mermaid_block_in_the_committed_page_is_current() -> None:
    found = MERMAID_BLOCK.search((DOCS / "lifecycle.md").read_text(encoding="utf-8"))
    assert found is not None
    assert found.group(0) == f"```mermaid\n{to_mermaid()}```\n"
