"""``/v1/claims`` over real HTTP (uvicorn on loopback): listing extracted claims, a
fact-checker storing a claim, linking evidence, publishing a review, the ClaimReview
JSON-LD, tokens, bad input as problem+json, and persistence across a restart."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.api_fixtures import TOKEN, module_db, samples_db  # noqa: F401
from tests.test_api_server import server  # noqa: F401 - a fixture

WRITE = {"Authorization": f"Bearer {TOKEN}"}
KZ_DOC = "doc-24f02af29ef8422f"
CLAIM = {"text": "The social networks were down for technical reasons, not because of a "
                 "livestream.",
         "claimant": "Ministry of Information",
         "claimant_entity": "Ministry of Information",
         "where": "https://gov.example/kz/statement", "when": "2016-12-17",
         "checker_url": "https://check.example/kz-outage"}


def problem(response, status):
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return response.json()


def kz_outage(base):
    events = httpx.get(f"{base}/v1/events", params={"type": "OUTAGE",
                                                    "country": "Kazakhstan"}).json()["items"]
    return next(e for e in events if e["date"]["value"] == "2016-12-16")


def test_claims_quoted_in_the_samples_are_listed_with_sources(server):  # noqa: F811
    base, _ = server
    outage = kz_outage(base)
    page = httpx.get(f"{base}/v1/claims", params={"about": outage["id"]}).json()
    assert page["items"], page
    quoted = [c for c in page["items"] if c["origin"] == "extracted"]
    assert all(c["source"]["document"] and c["source"]["sentence"] for c in quoted)
    assert any(c["contested"] for c in quoted)
    one = httpx.get(f"{base}/v1/claims/{quoted[0]['id']}").json()
    assert one == quoted[0]
    by_doc = httpx.get(f"{base}/v1/claims", params={"document": KZ_DOC, "limit": 1}).json()
    assert len(by_doc["items"]) == 1 and by_doc["next"]


def test_a_fact_checker_stores_links_and_reviews_a_claim(server):  # noqa: F811
    base, _ = server
    outage = kz_outage(base)
    body = {**CLAIM, "about": [outage["id"]]}
    problem(httpx.post(f"{base}/v1/claims", json=body), 401)
    created = httpx.post(f"{base}/v1/claims", json=body, headers=WRITE)
    assert created.status_code == 201, created.text
    claim = created.json()
    assert claim["created"] and claim["origin"] == "checker"
    assert created.headers["location"] == f"/v1/claims/{claim['id']}"
    assert claim["claimant"] == {"name": "Ministry of Information",
                                 "entity": "ent:government:ministry-of-information"}
    again = httpx.post(f"{base}/v1/claims", json=body, headers=WRITE)
    assert again.status_code == 200 and again.json()["id"] == claim["id"]
    assert not again.json()["created"]

    url = f"{base}/v1/claims/{claim['id']}"
    linked = httpx.post(f"{url}/evidence", headers=WRITE, json={
        "target": outage["id"], "relation": "refutes",
        "note": "The block began when Ablyazov's livestream did."})
    assert linked.status_code == 200, linked.text
    linked = httpx.post(f"{url}/evidence", headers=WRITE, json={
        "target": KZ_DOC, "relation": "refutes", "note": "Activists' account."}).json()
    assert {(e["target"], e["relation"], e["kind"]) for e in linked["evidence"]} == {
        (outage["id"], "refutes", "event"), (KZ_DOC, "refutes", "document")}
    problem(httpx.get(f"{url}/claimreview"), 404)
    reviewed = httpx.put(f"{url}/review", headers=WRITE, json={
        "rating": "Misleading", "rating_value": 2, "best_rating": 5, "worst_rating": 1,
        "author": "Steppe Fact Check", "date_published": "2016-12-20"})
    assert reviewed.status_code == 200, reviewed.text
    markup = httpx.get(f"{url}/claimreview")
    assert markup.headers["content-type"].startswith("application/ld+json")
    review = markup.json()
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["reviewRating"]["alternateName"] == "Misleading"
    assert review["reviewRating"]["ratingValue"] == 2
    assert review["itemReviewed"]["appearance"]["url"] == CLAIM["where"]
    assert review["url"] == CLAIM["checker_url"]
    # the check of a claim about that outage now shows the fact-check beside the quotes
    check = httpx.post(f"{base}/v1/claims/check", json={
        "text": "Facebook and YouTube were blocked in Kazakhstan on 16 December 2016"},
        timeout=120).json()  # the server's first extraction loads spaCy
    checker = [c for c in check["attributed_claims"] if c["origin"] == "checker"]
    assert checker and checker[0]["review"] == "Misleading"
    assert checker[0]["evidence"] == ["refutes"]
    listed = httpx.get(f"{base}/v1/claims", params={"origin": "checker"}).json()["items"]
    assert [c["id"] for c in listed] == [claim["id"]]


BAD = [
    ({"text": ""}, 422, None),
    ({"text": "x", "when": "yesterday"}, 422, "NG444"),
    ({"text": "x", "checker_url": "javascript:alert(1)"}, 422, "NG443"),
    ({"text": "x", "about": ["ev:outage:nothing"]}, 404, "NG304"),
    ({"text": "x", "claimant_entity": "zzqqxx-nobody"}, 404, "NG304"),
    ({"text": "x", "review": {"rating": "False", "rating_value": 7, "best_rating": 5}},
     422, "NG445"),
    ({"text": "x", "unknown": 1}, 422, None),
]


@pytest.mark.parametrize(("body", "status", "code"), BAD)
def test_bad_claims_are_problems_and_store_nothing(server, body, status, code):  # noqa: F811
    base, _ = server
    before = httpx.get(f"{base}/v1/claims", params={"origin": "checker"}).json()["items"]
    found = problem(httpx.post(f"{base}/v1/claims", json=body, headers=WRITE), status)
    if code:
        assert found["code"] == code
    after = httpx.get(f"{base}/v1/claims", params={"origin": "checker"}).json()["items"]
    assert after == before


def test_evidence_and_reviews_need_a_fact_checkers_claim(server):  # noqa: F811
    base, _ = server
    quoted = httpx.get(f"{base}/v1/claims", params={"origin": "extracted"}).json()["items"][0]
    outage = kz_outage(base)
    found = problem(httpx.post(f"{base}/v1/claims/{quoted['id']}/evidence", headers=WRITE,
                               json={"target": outage["id"], "relation": "supports"}), 422)
    assert found["code"] == "NG448"
    problem(httpx.post(f"{base}/v1/claims/claim:nope/evidence", headers=WRITE,
                       json={"target": outage["id"], "relation": "supports"}), 404)
    problem(httpx.post(f"{base}/v1/claims/{quoted['id']}/evidence", headers=WRITE,
                       json={"target": outage["id"], "relation": "proves"}), 422)
    problem(httpx.get(f"{base}/v1/claims/claim:nope"), 404)
    problem(httpx.delete(f"{base}/v1/claims/{quoted['id']}", headers=WRITE), 422)
    problem(httpx.delete(f"{base}/v1/claims/{quoted['id']}"), 401)


def test_stored_claims_persist_in_the_store_file(server, module_db):  # noqa: F811
    from graph.stores import make_store

    base, _ = server
    created = httpx.post(f"{base}/v1/claims", headers=WRITE, json={
        "text": "Internet access was restored in Kazakhstan the same evening.",
        "when": "2016-12-16"}).json()
    with make_store("embedded", path=module_db) as store:  # another process's view
        assert store.get_claim(created["id"]).text == created["text"]
        rows = store.dump()["claims"]
        assert any(row[0] == created["id"] and json.loads(row[4])["when"] == "2016-12-16"
                   for row in rows)
    assert httpx.delete(f"{base}/v1/claims/{created['id']}", headers=WRITE).status_code == 204
    problem(httpx.get(f"{base}/v1/claims/{created['id']}"), 404)
