"""Search: one query over programmes, business cases, plans, plan actions, risks, workshops
and workshop candidates, grouped by kind, best first."""

from typing import Any

from flask import url_for
from marshmallow import fields, validate

from cpmo.api.blueprints import make_blueprint
from cpmo.api.schemas.common import OneOf, StrictSchema, Text
from cpmo.app import request_session
from cpmo.errors import RuleViolation
from cpmo.search import service
from cpmo.search.service import Hit
from cpmo.search.sources import KIND_KEYS

blp = make_blueprint(
    "search",
    "/search",
    "Full-text search over programmes, business cases, plans, plan actions, risks, workshops "
    "and workshop candidates (the database's own index: FTS5 on SQLite, tsvector on "
    "PostgreSQL)",
)


class SearchQuery(StrictSchema):
    q = Text(
        required=True,
        max_length=1000,
        metadata={
            "description": "the words to look for (up to 200 characters and 12 words; every "
            'word must appear); "a phrase" must appear as written, -word leaves out what has '
            "it; other punctuation only separates words"
        },
    )
    kind = fields.List(
        OneOf(list(KIND_KEYS)),
        metadata={"description": "the kinds to search (repeat for several); all by default"},
    )
    limit = fields.Integer(
        strict=True,
        load_default=service.DEFAULT_LIMIT,
        validate=validate.Range(min=1, max=service.MAX_LIMIT),
        metadata={"description": "the most hits returned of each kind"},
    )


class SnippetPart(StrictSchema):
    text = fields.String(required=True)
    matched = fields.Boolean(required=True)


class HitRead(StrictSchema):
    kind = fields.String(required=True)
    title = fields.String(required=True)
    context = fields.String(allow_none=True, metadata={"description": "where the record belongs"})
    snippet = fields.String(required=True, metadata={"description": "why it matched"})
    snippet_parts = fields.List(
        fields.Nested(SnippetPart), metadata={"description": "the snippet, matched words marked"}
    )
    href = fields.String(
        allow_none=True, metadata={"description": "the page that shows the record (None: none)"}
    )
    score = fields.Float(metadata={"description": "relevance within its kind: higher is better"})


class GroupRead(StrictSchema):
    kind = fields.String(required=True)
    label = fields.String(required=True)
    count = fields.Integer(required=True, metadata={"description": "every match of this kind"})
    hits = fields.List(fields.Nested(HitRead), required=True)


class SearchRead(StrictSchema):
    q = fields.String(required=True)
    total = fields.Integer(required=True)
    groups = fields.List(fields.Nested(GroupRead), required=True)


def _href(hit: Hit) -> str | None:
    if hit.link is None:
        return None
    href = url_for(hit.link.endpoint, **hit.link.params)
    return f"{href}#{hit.link.anchor}" if hit.link.anchor else href


@blp.get("", query=SearchQuery, schema=SearchRead, errors=(422,))
def search(args: dict[str, Any]) -> dict[str, Any]:
    """Search every kind (or those given by `kind`): per kind, how many match and the best
    `limit` hits with a snippet saying why each matched and the page that shows it. A query
    with nothing to search for (empty, only punctuation, too long) is refused with 422."""
    results = service.search(
        request_session(), text=args["q"], kinds=args.get("kind"), limit=args["limit"]
    )
    if results.message:
        raise RuleViolation(results.message)
    return {
        "q": results.text,
        "total": results.total,
        "groups": [
            {
                "kind": g.kind,
                "label": g.label,
                "count": g.count,
                "hits": [
                    {
                        "kind": h.kind,
                        "title": h.title,
                        "context": h.context,
                        "snippet": "".join(t for t, _ in h.snippet),
                        "snippet_parts": [{"text": t, "matched": m} for t, m in h.snippet],
                        "href": _href(h),
                        "score": h.score,
                    }
                    for h in g.hits
                ],
            }
            for g in results.groups
        ],
    }
