"""GET /api/v1/search: grouped hits with counts, snippets and page links; refusals are 422
problems in plain words, never a 500."""


def test_search_returns_hits_grouped_by_kind_with_links(client, auth, seeded) -> None:
    response = client.get("/api/v1/search?q=cyber", headers=auth("oversight"))
    assert response.status_code == 200
    groups = {g["kind"]: g for g in response.json["groups"]}
    assert set(groups) == {
        "programmes",
        "business_cases",
        "plans",
        "plan_actions",
        "risks",
        "workshops",
        "candidates",
    }
    [hit] = groups["programmes"]["hits"]
    assert (hit["title"], hit["href"]) == ("Cyber Security", "/programmes/ttp-cyber")
    assert any(p["matched"] for p in hit["snippet_parts"])
    assert response.json["total"] == sum(g["count"] for g in groups.values())


def test_kind_can_be_repeated_to_narrow_the_search(client, auth, seeded) -> None:
    response = client.get(
        "/api/v1/search?q=cyber&kind=risks&kind=workshops", headers=auth("scorer")
    )
    assert [g["kind"] for g in response.json["groups"]] == ["risks", "workshops"]


def test_unsearchable_queries_and_unknown_kinds_are_422_problems(client, auth, seeded) -> None:
    for path in (
        "/api/v1/search?q=",
        "/api/v1/search?q=%22*(",
        "/api/v1/search?q=cyber&kind=nonsense",
        "/api/v1/search?q=cyber&limit=0",
        "/api/v1/search",
    ):
        response = client.get(path, headers=auth("cpmo"))
        assert response.status_code == 422, path
        assert response.mimetype == "application/problem+json"
    said = client.get("/api/v1/search?q=%3F%3F", headers=auth("cpmo")).json["detail"]
    assert said == "Enter a word or phrase with letters or numbers in it."


def test_hostile_text_is_a_normal_search(client, auth, seeded) -> None:
    for q in ("') OR 1=1 --", 'NEAR("x"', "a*", "-"):
        response = client.get("/api/v1/search", query_string={"q": q}, headers=auth("cpmo"))
        assert response.status_code in (200, 422), (q, response.status_code)
