import xml.etree.ElementTree as ET
from datetime import date

import networkx as nx
import pytest

from cpmo.errors import NotFound
from cpmo.graph import NodeRecord, build_graph, to_graphml, to_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_graphml_round_trips_nodes_edges_and_attributes(portfolio):
    back = nx.parse_graphml(to_graphml(portfolio))
    assert set(back.nodes) == set(portfolio.nodes)
    assert set(back.edges) == set(portfolio.edges)
    assert back.nodes["benefit:cash-releasing"]["value_gbp"] == 70_000_000
    assert back.nodes["programme:ttp-ms-foundation"]["planned_start"] == "2020-01-01"
    assert back.edges["programme:ttp-cyber", "programme:ttp-its"]["kind"] == "enables"


def test_graphml_drops_attributes_that_are_none(portfolio):
    back = nx.parse_graphml(to_graphml(portfolio))
    assert "value_gbp" not in back.nodes["benefit:better-service"]


def test_graphml_strips_characters_xml_cannot_hold():
    node = NodeRecord("kpi:k", "kpi", "bell\x07 & <tag>", {"when": date(2021, 1, 2)})
    graph = build_graph([node], [])
    back = nx.parse_graphml(to_graphml(graph))
    assert back.nodes["kpi:k"] == {"kind": "kpi", "label": "bell & <tag>", "when": "2021-01-02"}


def test_svg_is_valid_xml_with_one_box_per_node_and_one_arrow_per_edge(portfolio):
    root = ET.fromstring(to_svg(portfolio))
    assert root.tag == f"{SVG}svg"
    nodes = [g for g in root.iter(f"{SVG}g") if g.get("class", "").startswith("node ")]
    edges = [line for line in root.iter(f"{SVG}line") if line.get("class", "").startswith("edge")]
    assert len(nodes) == portfolio.number_of_nodes()
    assert len(edges) == portfolio.number_of_edges()


def test_svg_legend_names_every_kind_in_words(portfolio):
    text = " ".join(t.text or "" for t in ET.fromstring(to_svg(portfolio)).iter(f"{SVG}text"))
    for words in ("PRG programme", "BEN benefit", "OBJ objective", "PRI priority", "KPI kpi"):
        assert words in text


def test_svg_arrows_point_rightwards_from_source_to_target(portfolio):
    for line in ET.fromstring(to_svg(portfolio)).iter(f"{SVG}line"):
        assert float(line.get("x2")) > float(line.get("x1"))


def test_svg_escapes_labels():
    graph = build_graph([NodeRecord("programme:p", "programme", 'A <b> & "c"\x0b')], [])
    svg = to_svg(graph)
    ET.fromstring(svg)
    assert "A &lt;b&gt; &amp;" in svg


def test_svg_of_an_impact_shows_only_the_node_and_what_it_reaches(portfolio):
    root = ET.fromstring(to_svg(portfolio, focus="kpi:kpi-cash"))
    boxes = [g for g in root.iter(f"{SVG}g") if g.get("class") != "legend"]
    titles = [g.find(f"{SVG}title").text for g in boxes]
    assert len(titles) == 4
    assert any("kpi:kpi-cash" in t for t in titles)
    assert "Impact of Cash released (£)" in root.find(f"{SVG}title").text


def test_svg_of_an_unknown_focus_is_not_found(portfolio):
    with pytest.raises(NotFound):
        to_svg(portfolio, focus="kpi:nope")


def test_svg_of_an_empty_graph_is_still_a_picture():
    root = ET.fromstring(to_svg(build_graph([], [])))
    assert "No nodes" in " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
