"""Checking a claim against a graph of the samples and the seed article (issue 7)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from graph.claims import check_claim

CLAIM = "Facebook and YouTube were blocked in Kazakhstan on 16 December 2016"


@pytest.fixture(scope="module")
def graph_with_seed(tmp_path_factory, sample_records, seed_record):
    from graph.stores import make_store

    store = make_store("embedded", path=str(tmp_path_factory.mktemp("check") / "g.db"))
    for record in [*sample_records, seed_record]:
        store.write_extraction(record)
    yield store
    store.close()


def run_check(store, nlp, text):
    from ingest.pipeline import extract
    from ingest.records import Article

    return check_claim(store, extract(Article(text=text), nlp), text).as_json()


def test_supported_with_the_seed_as_evidence(graph_with_seed, nlp, seed_record):
    result = run_check(graph_with_seed, nlp, CLAIM)
    assert result["label"] == "supported"
    (event,) = result["supporting"]
    assert event["type"] == "OUTAGE" and event["date"]["value"] == "2016-12-16"
    documents = {s["document"] for s in event["sources"]}
    assert seed_record["document"]["id"] in documents
    assert result["independent_outlets"] >= 1
    assert not result["disagreeing"]
    claimants = {c["claimant"] for c in result["attributed_claims"]}
    assert "Ministry of Information" in claimants
    assert any(c["contested"] for c in result["attributed_claims"])


def test_a_year_off_reports_the_date_disagreement(graph_with_seed, nlp):
    result = run_check(graph_with_seed, nlp, CLAIM.replace("2016", "2017"))
    assert result["label"] == "contradicted"
    assert not result["supporting"]
    (item,) = result["disagreeing"]
    assert item["event"]["date"]["value"] == "2016-12-16"
    assert any(d.startswith("date") for d in item["disagreements"])


def test_an_unrelated_claim_has_no_evidence_and_says_so(graph_with_seed, nlp):
    result = run_check(graph_with_seed, nlp,
                       "The mayor of Lyon opened a new bridge on 3 March 2015.")
    assert result["label"] == "no evidence in this graph"
    assert "not" in result["label_meaning"] and "false" in result["label_meaning"]


def test_a_platform_that_stayed_up_is_flagged(graph_with_seed, nlp):
    result = run_check(graph_with_seed, nlp,
                       "Twitter was blocked in Kazakhstan on 16 December 2016")
    assert result["label"] == "contradicted"
    assert any(d.startswith("platform") for item in result["disagreeing"]
               for d in item["disagreements"])


def test_the_http_endpoint_gives_the_same_verdict(graph_with_seed, nlp):
    from api.app import create_app

    with TestClient(create_app(store=graph_with_seed)) as client:
        response = client.post("/v1/claims/check", json={"text": CLAIM})
        assert response.status_code == 200, response.text
        assert response.json()["label"] == "supported"
        bad = client.post("/v1/claims/check", json={"text": ""})
        assert bad.status_code == 422
        assert bad.headers["content-type"].startswith("application/problem+json")
