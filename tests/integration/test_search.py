"""Search over the seeded data, on the database's own full-text index (FTS5 on SQLite,
tsvector on PostgreSQL): every kind found, titles ranked first, hostile text answered safely,
and the index kept in step with inserts, updates, deletes and raw bulk writes."""

import importlib.util

import pytest
from sqlalchemy import text as sql
from sqlmodel import Session, select

from cpmo.business_cases import service as cases
from cpmo.errors import RuleViolation
from cpmo.models import Portfolio, Programme
from cpmo.search.service import Results, search
from cpmo.search.sources import KINDS
from cpmo.users import service as users
from tests.conftest import REPO_ROOT
from tests.support.cases import complete_case


def titles(results: Results, kind: str) -> list[str]:
    return [h.title for g in results.groups if g.kind == kind for h in g.hits]


def add_programme(session: Session, code: str, name: str, description: str = "") -> Programme:
    portfolio = session.exec(select(Portfolio).where(Portfolio.code == "goj-change")).one()
    row = Programme(code=code, name=name, description=description, portfolio_id=portfolio.id)
    session.add(row)
    session.commit()
    return row


@pytest.mark.parametrize(
    ("kind", "words", "expected"),
    [
        ("programmes", "cyber", "Cyber Security"),
        ("plans", "divisional", "Divisional Business Plan 2013-14 - DRAFT"),
        (
            "plan_actions",
            "recruitment management",
            "16.1 Implement new recruitment management system",
        ),
        (
            "risks",
            "cyber attack",
            "Vulnerability to cyber-attack and limited capability to respond",
        ),
        (
            "risks",
            "HR advice",
            "Reduced capacity in HR division to support change or provide HR advice to managers",
        ),
        ("workshops", "prioritisation", "Technology Transformation Programme prioritisation"),
        ("candidates", "foundation", "MS Foundation"),
    ],
)
def test_a_search_finds_each_kind_in_the_seeded_data(seeded, kind, words, expected) -> None:
    results = search(seeded, text=words)
    assert results.message is None
    assert expected in titles(results, kind)
    group = next(g for g in results.groups if g.kind == kind)
    assert group.count >= len(group.hits) >= 1
    assert all(h.link is None or h.link.endpoint.startswith("web.") for h in group.hits)


def test_a_business_case_is_found_by_what_its_content_says(seeded) -> None:
    author, _ = users.create(seeded, username="search-cpmo", role="cpmo")
    body = complete_case("obc")
    body.pop("kind")
    body["strategic"]["case_for_change"] = "Replace the obsolete Quillwort ledger."
    cases.create_version(seeded, actor=author, code="ttp-cyber", kind="obc", content=body)
    seeded.commit()
    results = search(seeded, text="quillwort", kinds=["business_cases"])
    [group] = results.groups
    [hit] = group.hits
    assert (hit.title, hit.context) == (
        "Outline business case, version 1",
        "Programme: Cyber Security",
    )
    assert (hit.link.endpoint, dict(hit.link.params)) == (
        "web.business_case",
        {"code": "ttp-cyber", "kind": "obc", "number": 1},
    )
    assert any(matched and text.lower() == "quillwort" for text, matched in hit.snippet)
    body["strategic"]["case_for_change"] = "Replace the obsolete Sorrelwood ledger."
    cases.update_draft(
        seeded, actor=author, code="ttp-cyber", kind="obc", number=1, revision=1, content=body
    )
    seeded.commit()
    assert search(seeded, text="quillwort", kinds=["business_cases"]).total == 0
    assert search(seeded, text="sorrelwood", kinds=["business_cases"]).total == 1


def test_a_title_match_ranks_before_matches_in_the_description(seeded) -> None:
    add_programme(seeded, "s-body", "Ledger upgrade", "Zephyrine " * 3 + "work on the ledger.")
    add_programme(seeded, "s-title", "Zephyrine gateway", "A gateway for payments.")
    results = search(seeded, text="zephyrine", kinds=["programmes"])
    assert titles(results, "programmes") == ["Zephyrine gateway", "Ledger upgrade"]


@pytest.mark.parametrize(
    "hostile",
    [
        "') OR 1=1 --",
        "'; DROP TABLE programme; --",
        "NEAR(",
        "NEAR(cyber security, 2)",
        '"',
        '"cyber',
        "*",
        "cyber*",
        "title: cyber",
        "cyber AND OR NOT",
        "^cyber",
        "cyber -security",
        "{title body}: cyber",
    ],
)
def test_hostile_or_fts_syntax_is_answered_safely(seeded, hostile: str) -> None:
    before = seeded.exec(select(Programme)).all()
    results = search(seeded, text=hostile)
    assert results.message is not None or results.groups
    assert results.total < len(before)  # never "everything"
    assert len(seeded.exec(select(Programme)).all()) == len(before)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("", "Enter a word or phrase to search for."),
        ("   ", "Enter a word or phrase to search for."),
        (None, "Enter a word or phrase to search for."),
        ("x" * 201, "Search for 200 characters or fewer."),
        ("?! -- ()", "Enter a word or phrase with letters or numbers in it."),
        (" ".join(["word"] * 13), "Search for 12 words or fewer."),
    ],
)
def test_queries_that_cannot_be_searched_get_plain_words(seeded, typed, said) -> None:
    results = search(seeded, text=typed)
    assert (results.message, results.groups) == (said, ())


def test_an_unknown_kind_or_limit_is_refused_in_plain_words(seeded) -> None:
    with pytest.raises(RuleViolation, match="no kind nonsense"):
        search(seeded, text="cyber", kinds=["nonsense"])
    with pytest.raises(RuleViolation, match="between 1 and 50"):
        search(seeded, text="cyber", limit=500)


def test_kinds_narrow_the_groups(seeded) -> None:
    results = search(seeded, text="cyber", kinds=["risks", "programmes"])
    assert [g.kind for g in results.groups] == ["programmes", "risks"]


def test_updates_and_deletes_are_reflected_at_once(seeded) -> None:
    row = add_programme(seeded, "s-upd", "Marigold platform", "Old words about bramblecloud.")
    assert titles(search(seeded, text="marigold"), "programmes") == ["Marigold platform"]
    row.name, row.description = "Heliotrope platform", "New words only."
    seeded.add(row)
    seeded.commit()
    assert titles(search(seeded, text="marigold"), "programmes") == []
    assert titles(search(seeded, text="bramblecloud"), "programmes") == []
    assert titles(search(seeded, text="heliotrope"), "programmes") == ["Heliotrope platform"]
    row.stage = "paused"  # an unindexed column: the index is left as it is, and still right
    seeded.add(row)
    seeded.commit()
    assert titles(search(seeded, text="heliotrope"), "programmes") == ["Heliotrope platform"]
    seeded.delete(row)
    seeded.commit()
    assert titles(search(seeded, text="heliotrope"), "programmes") == []


def test_raw_bulk_writes_keep_the_index_right(seeded) -> None:
    portfolio_id = seeded.exec(select(Portfolio.id).where(Portfolio.code == "goj-change")).one()
    seeded.execute(
        sql(
            "INSERT INTO programme (code, name, portfolio_id, stage, version, rag, source, "
            "illustrative, created_at, updated_at) VALUES (:c, :n, :p, 'proposed', 1, 'unrated', "
            "NULL, false, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
        ),
        [{"c": f"bulk-{i}", "n": f"Tamarisk project {i}", "p": portfolio_id} for i in range(5)],
    )
    seeded.execute(sql("UPDATE programme SET name = 'Juniper project' WHERE code = 'bulk-0'"))
    seeded.execute(sql("DELETE FROM programme WHERE code = 'bulk-1'"))
    seeded.commit()
    group = search(seeded, text="tamarisk", kinds=["programmes"]).groups[0]
    assert group.count == 3
    assert titles(search(seeded, text="juniper"), "programmes") == ["Juniper project"]


def test_the_migration_indexes_the_columns_the_service_reads() -> None:
    path = REPO_ROOT / "migrations" / "versions" / "0016_search.py"
    spec = importlib.util.spec_from_file_location("m0015", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    service_side = {s.table: (s.title, s.body) for k in KINDS for s in k.sources}
    assert service_side == module.TABLES


def test_phrases_and_left_out_words_mean_the_same_on_both_databases(seeded) -> None:
    assert titles(search(seeded, text='"cyber security"'), "programmes") == ["Cyber Security"]
    assert titles(search(seeded, text='"security cyber"'), "programmes") == []
    assert titles(search(seeded, text="cyber -security"), "programmes") == []
    assert "Cyber Security" in titles(search(seeded, text="cyber -zzqqxx"), "programmes")
    said = search(seeded, text="-cyber").message
    assert said == "Enter a word to look for as well as the words to leave out."
