"""Dependency-graph endpoints: the graph, its changes, its analyses and its pictures."""

from typing import Any

from flask import Response

from cpmo.api.auth import current_user
from cpmo.api.blueprints import make_blueprint, no_content
from cpmo.api.schemas.graph import (
    CriticalPathRead,
    EdgeCreate,
    EdgeRead,
    EnablerQuery,
    EnablerRead,
    GraphProblem,
    GraphQuery,
    GraphRead,
    ImpactRead,
    NodeCreate,
    NodeRead,
    OrderRead,
    OrphansRead,
    PictureQuery,
)
from cpmo.app import request_session
from cpmo.graph import edits, service

blp = make_blueprint(
    "graph",
    "/graph",
    "Dependency graph: programmes, objectives, benefits, priorities and KPIs joined by typed "
    "edges pointing the way impact flows",
    problem=GraphProblem,
)
GRAPHML = "application/graphml+xml"
SVG = "image/svg+xml"


@blp.get("", query=GraphQuery, schema=GraphRead)
def read_graph(args: dict[str, Any]) -> Any:
    """Every node and edge, optionally only nodes of some kinds (`kind=programme&kind=benefit`)
    and edges of some kinds (`edge_kind=enables`); edges are shown between shown nodes."""
    return service.list_graph(
        request_session(), kinds=args.get("kind"), edge_kinds=args.get("edge_kind")
    )


@blp.post("/nodes", body=NodeCreate, status=201, schema=NodeRead, refused=(409, 422))
def create_node(data: dict[str, Any]) -> Any:
    """Add a node that no table holds (programmes, objectives, benefits, priorities and KPIs
    are nodes already). 409 if the key is taken."""
    session = request_session()
    node = edits.create_node(session, actor=current_user().username, **data)
    return {**node.model_dump(), "origin": "graph_node"}


@blp.post("/edges", body=EdgeCreate, status=201, schema=EdgeRead, refused=(409, 422))
def create_edge(data: dict[str, Any]) -> Any:
    """Add an edge. 422 if its kind may not join those kinds of node (or a node is unknown);
    409 if the nodes are already joined, or if it would close a cycle (`cycle` gives the path)."""
    session = request_session()
    edge = edits.create_edge(session, actor=current_user().username, **data)
    return edge


@blp.delete("/edges/<int:edge_id>", status=204, refused=(404,))
def delete_edge(edge_id: int) -> Response:
    """Remove an edge."""
    session = request_session()
    edits.delete_edge(session, edge_id=edge_id)
    return no_content()


@blp.get("/impact/<key>", schema=ImpactRead, refused=(404,))
def impact(key: str) -> Any:
    """Everything that depends on a node, by kind, with the benefit value at risk."""
    return service.get_impact(request_session(), key=key)


@blp.get("/order", schema=OrderRead)
def order() -> Any:
    """Programmes in delivery order: generations that can each run in parallel."""
    return {"generations": service.get_order(request_session())}


@blp.get("/critical-path", schema=CriticalPathRead)
def critical_path() -> Any:
    """The chain of enabling programmes with the greatest total duration (planned dates, else
    duration_days; programmes with neither count as 0 days and are listed)."""
    return service.get_critical_path(request_session())


@blp.get("/orphans", schema=OrphansRead)
def orphans() -> Any:
    """Programmes serving no objective, objectives no programme reaches, undelivered benefits."""
    return service.get_orphans(request_session())


@blp.get("/enablers", query=EnablerQuery, schema=EnablerRead(many=True))
def enablers(args: dict[str, Any]) -> Any:
    """Programmes ranked by the benefit value they unlock downstream."""
    return service.list_enablers(request_session(), limit=args.get("limit"))


@blp.get(
    "/export.graphml",
    schema={"type": "string"},
    content_type=GRAPHML,
    description="GraphML document",
)
def export_graphml() -> Response:
    """The whole graph as GraphML (for yEd, Gephi, networkx …)."""
    text = service.export_graphml(request_session())
    disposition = 'attachment; filename="cpmo-graph.graphml"'
    return Response(text, mimetype=GRAPHML, headers={"Content-Disposition": disposition})


@blp.get(
    "/picture.svg",
    query=PictureQuery,
    schema={"type": "string"},
    content_type=SVG,
    description="SVG picture",
    refused=(404,),
)
def picture(args: dict[str, Any]) -> Response:
    """A picture of the whole graph, or of one node (`focus`) and everything it reaches."""
    return Response(service.picture(request_session(), focus=args.get("focus")), mimetype=SVG)
