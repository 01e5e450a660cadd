"""Search: one query over every searched kind, by the database's own full-text index.

SQLite: FTS5 ``MATCH`` with every term quoted, ranked by ``bm25`` (title weighted 10, body
1), with ``snippet``. PostgreSQL: ``websearch_to_tsquery('english', …)`` against the generated
``search_vector`` columns, ranked by ``ts_rank``, with ``ts_headline`` on the top hits only.
What the person typed only ever reaches the database as a bound parameter.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text as sql
from sqlmodel import Session

from cpmo.errors import RuleViolation
from cpmo.search.query import Query, parse
from cpmo.search.sources import KIND_KEYS, KINDS, Kind, Source
from cpmo.vocabulary import case_kind_label

DEFAULT_LIMIT = 10
MAX_LIMIT = 50
START, STOP = "\x02", "\x03"  # snippet markers: never in what people type or store
SNIPPET_WORDS = 16
TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0
# ts_rank's weights for D, C, B (the body) and A (the title); lengths normalised (flag 1)
PG_WEIGHTS = "'{0.0, 0.0, 0.1, 1.0}'::float4[]"
HEADLINE = f"StartSel={START}, StopSel={STOP}, MaxWords=24, MinWords=10, MaxFragments=2"
CASE_STRINGS = (
    "(SELECT string_agg(v #>> '{}', ' ') FROM jsonb_path_query(t.content::jsonb, 'strict $.**') v"
    " WHERE jsonb_typeof(v) = 'string')"
)


@dataclass(frozen=True)
class Link:
    """A page to open: a page endpoint's name, its arguments, and a part of the page."""

    endpoint: str
    params: Mapping[str, Any]
    anchor: str | None = None


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    context: str | None
    snippet: tuple[tuple[str, bool], ...]  # (text, matched?) in order
    link: Link | None
    score: float


@dataclass(frozen=True)
class Group:
    kind: str
    label: str
    count: int
    hits: tuple[Hit, ...]


@dataclass(frozen=True)
class Results:
    """What a search found, by kind; ``message`` (and no groups) when it could not search."""

    text: str
    message: str | None = None
    groups: tuple[Group, ...] = field(default_factory=tuple)

    @property
    def total(self) -> int:
        return sum(g.count for g in self.groups)


def search(
    session: Session,
    *,
    text: str | None,
    kinds: Iterable[str] | None = None,
    limit: int = DEFAULT_LIMIT,
) -> Results:
    """The hits for ``text`` in each of ``kinds`` (all when None), best first, with counts."""
    wanted = _kinds(kinds)
    if not 1 <= limit <= MAX_LIMIT:
        raise RuleViolation(f"Ask for between 1 and {MAX_LIMIT} results of each kind.")
    query = parse(text)
    if isinstance(query, str):
        return Results(text=(text or "").strip(), message=query)
    postgres = session.get_bind().dialect.name == "postgresql"
    groups = []
    for kind in wanted:
        count, hits = 0, []
        for source in kind.sources:
            n, found = (_postgres if postgres else _sqlite)(session, source, query, limit)
            count += n
            hits.extend(found)
        hits.sort(key=lambda h: -h.score)
        groups.append(Group(kind.key, kind.label, count, tuple(hits[:limit])))
    return Results(text=query.text, groups=tuple(groups))


def _kinds(kinds: Iterable[str] | None) -> list[Kind]:
    if kinds is None:
        return list(KINDS)
    asked = set(kinds)
    unknown = sorted(asked - set(KIND_KEYS))
    if unknown:
        raise RuleViolation(
            f"There is no kind {', '.join(unknown)} to search: choose from {', '.join(KIND_KEYS)}."
        )
    return [k for k in KINDS if k.key in asked]


def _sqlite(session: Session, source: Source, query: Query, limit: int) -> tuple[int, list[Hit]]:
    fts, match = source.fts, query.fts5()
    count = session.execute(
        sql(f"SELECT count(*) FROM {fts} WHERE {fts} MATCH :q"), {"q": match}
    ).scalar_one()
    if not count:
        return 0, []
    rows = session.execute(
        sql(
            f"SELECT {source.columns}, -bm25({fts}, :tw, :bw) AS score, "
            f"snippet({fts}, -1, :start, :stop, '…', :words) AS snip "
            f"FROM {fts} JOIN {source.table} t ON t.id = {fts}.rowid {source.join} "
            f"WHERE {fts} MATCH :q ORDER BY bm25({fts}, :tw, :bw), t.id LIMIT :limit"
        ),
        {
            "q": match,
            "tw": TITLE_WEIGHT,
            "bw": BODY_WEIGHT,
            "start": START,
            "stop": STOP,
            "words": SNIPPET_WORDS,
            "limit": limit,
        },
    ).mappings()
    return count, [_hit(source, row) for row in rows]


def _postgres(session: Session, source: Source, query: Query, limit: int) -> tuple[int, list[Hit]]:
    table = source.table
    params = {"q": query.text, "limit": limit, "opts": HEADLINE}
    count = session.execute(
        sql(
            f"SELECT count(*) FROM {table} t "
            "WHERE t.search_vector @@ websearch_to_tsquery('english', :q)"
        ),
        params,
    ).scalar_one()
    if not count:
        return 0, []
    if table == "business_case":
        body = f"coalesce({CASE_STRINGS}, '')"
    else:
        body = f"coalesce(t.{source.title}, '') || ' — ' || {source.pg_body_text()}"
    rows = session.execute(
        sql(
            "WITH q AS (SELECT websearch_to_tsquery('english', :q) AS q), "
            "top AS MATERIALIZED ("
            f"SELECT t.id, ts_rank({PG_WEIGHTS}, t.search_vector, q.q, 1) AS score "
            f"FROM {table} t, q "
            "WHERE t.search_vector @@ q.q ORDER BY score DESC, t.id LIMIT :limit) "
            f"SELECT {source.columns}, top.score AS score, "
            f"ts_headline('english', {body}, q.q, :opts) AS snip "
            f"FROM top JOIN {table} t ON t.id = top.id {source.join} CROSS JOIN q "
            "ORDER BY top.score DESC, top.id"
        ),
        params,
    ).mappings()
    return count, [_hit(source, row) for row in rows]


def _parts(snip: str | None) -> tuple[tuple[str, bool], ...]:
    """``a \\x02b\\x03 c`` → (("a ", False), ("b", True), (" c", False))."""
    parts: list[tuple[str, bool]] = []
    for i, piece in enumerate((snip or "").split(START)):
        if i == 0:
            if piece:
                parts.append((piece, False))
            continue
        hit, _, rest = piece.partition(STOP)
        parts.extend(p for p in ((hit, True), (rest, False)) if p[0])
    return tuple(parts)


def _anchor(prefix: str, code: str) -> str:
    return prefix + code.replace(".", "-").replace("/", "-")


def _hit(source: Source, row: Mapping[str, Any]) -> Hit:
    title, context, link = _describe(source.table, row)
    return Hit(
        kind=source.kind,
        title=title,
        context=context,
        snippet=_parts(row["snip"]),
        link=link,
        score=float(row["score"]),
    )


def _describe(table: str, r: Mapping[str, Any]) -> tuple[str, str | None, Link | None]:
    """A hit's title, where it belongs, and the page it opens."""
    code = r["code"]
    if table == "programme":
        return r["name"], None, Link("web.programme", {"code": code})
    if table == "business_case":
        title = f"{case_kind_label(r['case_kind']).capitalize()}, version {r['number']}"
        link = Link(
            "web.business_case", {"code": code, "kind": r["case_kind"], "number": r["number"]}
        )
        return title, f"Programme: {r['name']}", link
    if table == "business_plan":
        return r["name"], r["organisation"], Link("web.plan", {"code": code})
    if table == "plan_action":
        link = Link("web.plan", {"code": code}, _anchor("action-", r["number"]))
        return f"{r['number']} {r['name']}", f"Plan: {r['plan_title']}", link
    if table == "risk":
        if code is None:
            return r["name"], "Department risk", None
        link = Link("web.programme_risk", {"code": code, "risk_code": r["risk_code"]})
        return r["name"], f"Programme: {r['programme_name']}", link
    if table == "plan_risk":
        link = Link("web.plan", {"code": code}, _anchor("risk-", r["risk_code"]))
        return r["name"], f"Plan: {r['plan_title']}", link
    if table == "workshop":
        return r["name"], None, Link("web.workshop", {"code": code})
    return r["name"], f"Workshop: {r['workshop_name']}", Link("web.workshop", {"code": code})
