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
    ScopeQuery,
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


@blp.get("/impact/<key>", query=ScopeQuery, schema=ImpactRead, refused=(404,))
def impact(args: dict[str, Any], key: str) -> Any:
    """Everything that depends on a node, by kind, with the benefit value at risk; with
    `portfolio`, only within that portfolio (edges leaving it are listed, not followed)."""
    return service.get_impact(request_session(), key=key, portfolio=args.get("portfolio"))


@blp.get("/order", query=ScopeQuery, schema=OrderRead, refused=(404,))
def order(args: dict[str, Any]) -> Any:
    """Programmes in delivery order: generations that can each run in parallel."""
    return service.get_order(request_session(), portfolio=args.get("portfolio"))


@blp.get("/critical-path", query=ScopeQuery, schema=CriticalPathRead, refused=(404,))
def critical_path(args: dict[str, Any]) -> Any:
    """The chain of enabling programmes with the greatest total duration (planned dates, else
    duration_days; programmes with neither count as 0 days and are listed)."""
    return service.get_critical_path(request_session(), portfolio=args.get("portfolio"))


@blp.get("/orphans", query=ScopeQuery, schema=OrphansRead, refused=(404,))
def orphans(args: dict[str, Any]) -> Any:
    """Programmes serving no objective, objectives no programme reaches, undelivered benefits;
    with `portfolio`, the objectives of the departments its programmes belong to."""
    return service.get_orphans(request_session(), portfolio=args.get("portfolio"))


@blp.get("/enablers", query=EnablerQuery, schema=EnablerRead(many=True), refused=(404,))
def enablers(args: dict[str, Any]) -> Any:
    """Programmes ranked by the benefit value they unlock downstream (within `portfolio`)."""
    return service.list_enablers(
        request_session(), limit=args.get("limit"), portfolio=args.get("portfolio")
    )


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
