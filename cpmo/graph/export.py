"""GraphML export, and the XML-safe text helpers shared with the SVG picture."""

import re
from datetime import date
from typing import Any

import networkx as nx

# Characters XML 1.0 forbids anywhere in a document (control characters, lone surrogates, …).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: object) -> str:
    """Text with the characters XML 1.0 cannot hold removed (escaping is the writer's job)."""
    return _NOT_XML.sub("", str(value))


def graphml_value(value: Any) -> str | int | float | bool | None:
    """A GraphML-safe attribute value: dates as ISO text, other objects as text, None kept."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, date):
        return value.isoformat()
    return xml_text(value)


def graphml_graph(graph: nx.DiGraph) -> nx.DiGraph:
    """A copy of graph whose attributes GraphML can hold (None-valued attributes dropped)."""
    out = nx.DiGraph()
    for key, data in graph.nodes(data=True):
        out.add_node(key, **_clean(data))
    for source, target, data in graph.edges(data=True):
        out.add_edge(source, target, **_clean(data))
    return out


def to_graphml(graph: nx.DiGraph) -> str:
    """The graph as GraphML text."""
    return "\n".join(nx.generate_graphml(graphml_graph(graph))) + "\n"


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Attributes with GraphML-safe values, dropping those that are None."""
    cleaned = {name: graphml_value(value) for name, value in data.items()}
    return {name: value for name, value in cleaned.items() if value is not None}
