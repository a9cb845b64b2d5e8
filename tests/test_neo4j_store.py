"""The Neo4j store against the embedded store: same ids, same answers, on a real Neo4j.

The shared suite (tests/test_store.py, tests/test_queries.py) already runs on both
stores; these tests compare the two stores answer by answer on the same data, including
the example question on ``samples/`` through the real extraction pipeline.
"""

from __future__ import annotations

import json

import pytest
from neo4j import GraphDatabase

from graph.stores import make_store
from graph.stores.neo4j import Neo4jStore
from ingest.errors import StoreError
from tests.graph_fixtures import corpus, synthetic_extractions

pytestmark = pytest.mark.neo4j

QUESTION = dict(cause_type="BROADCAST", effect_type="OUTAGE", within="3d",
                cause_affiliation="opposition", same_place=True)


@pytest.fixture
def both(neo4j_clean, tmp_path):
    embedded = make_store("embedded", path=tmp_path / "graph.db")
    neo = make_store("neo4j", uri=neo4j_clean)
    yield embedded, neo
    embedded.close()
    neo.close()


def write_all(stores, items):
    for store in stores:
        for item in items:
            store.write_extraction(item)


def as_json(value):
    return json.loads(json.dumps(value, default=lambda o: o.as_json(), sort_keys=True))


def entity_ids(embedded):
    return [row[0] for row in embedded.dump()["entities"]]


def assert_same_graph(embedded, neo):
    assert neo.counts() == embedded.counts()
    assert as_json(neo.event_records()) == as_json(embedded.event_records())
    for gid in entity_ids(embedded):
        assert neo.get_entity(gid) == embedded.get_entity(gid)
    for record in embedded.event_records():
        assert neo.sources(record.id) == embedded.sources(record.id)
    for row in embedded.dump()["documents"]:
        a, b = embedded.get_document(row[0]), neo.get_document(row[0])
        assert (a.title, a.url, a.outlet, a.published, a.content_hash, a.claims, a.counts) == (
            b.title, b.url, b.outlet, b.published, b.content_hash, b.claims, b.counts)
    assert claims_of(neo) == claims_of(embedded)


def claims_of(store):
    """Every claim as JSON, by id, without the ingestion time of extracted claims."""
    found = [c.as_json() for c in store.list_claims(limit=500)]
    for claim in found:
        if claim["origin"] == "extracted":
            claim.pop("created_at")
    return sorted(found, key=lambda c: c["id"])


def test_schema_is_created_on_first_use(neo4j_clean):
    with make_store("neo4j", uri=neo4j_clean), GraphDatabase.driver(neo4j_clean,
                                                                     auth=None) as driver:
        constraints = {r["name"] for r in driver.execute_query("SHOW CONSTRAINTS").records}
        indexes = {r["name"]: r["type"] for r in driver.execute_query("SHOW INDEXES").records}
    assert {"ng_entity_id", "ng_event_id", "ng_document_id", "ng_date_id"} <= constraints
    assert indexes["ng_names"] == "FULLTEXT"
    assert indexes["ng_event_type_start"] == "RANGE"


def test_uri_settings_route_to_neo4j(neo4j_clean, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_STORE", neo4j_clean)
    monkeypatch.setenv("NEWSGRAPH_NEO4J_DATABASE", "neo4j")
    with make_store() as store:
        assert isinstance(store, Neo4jStore)
        assert store.counts()["documents"] == 0
    with make_store(neo4j_clean) as store:
        assert isinstance(store, Neo4jStore)


def test_an_unreachable_server_is_a_store_error():
    with pytest.raises(StoreError) as info:
        make_store("bolt://127.0.0.1:9", connection_timeout=2)
    assert info.value.code == "NG310"


def test_same_ids_and_answers_on_a_synthetic_corpus(both):
    embedded, neo = both
    items = corpus() + synthetic_extractions(40, seed=3)
    write_all(both, items)
    assert_same_graph(embedded, neo)
    for cause, effect, window, filters in [
        ("BROADCAST", "OUTAGE", "3d", {}),
        ("PROTEST", "ARREST", "7d", {"same_place": True}),
        ("BROADCAST", "OUTAGE", "10d", {"cause_affiliation": "opposition",
                                        "shared_entity": True}),
        ("ARREST", "PROTEST", "2d", {"country": "kazakhstan"}),
        ("PROTEST", "PROTEST", "1d", {}),
        ("OUTAGE", "RESTORATION", "5d", {"effect_affiliation": "government"}),
    ]:
        assert as_json(neo.followed(cause, effect, window, **filters)) == as_json(
            embedded.followed(cause, effect, window, **filters))
        assert neo.correlation_stats(cause, effect, window, permutations=99, seed=1,
                                     **filters) == embedded.correlation_stats(
            cause, effect, window, permutations=99, seed=1, **filters)
    mukhtar = embedded.resolve_entity("Mukhtar Ablyazov").id
    almaty = embedded.resolve_entity("Almaty").id
    for kwargs in [{}, {"entity": mukhtar}, {"place": almaty, "type": "outage"},
                   {"country": "Kazakhstan", "start": "2022-01-10", "end": "2022-02"}]:
        assert as_json(neo.timeline(**kwargs)) == as_json(embedded.timeline(**kwargs))
    assert as_json(neo.list_events(type="PROTEST", limit=7, offset=3)) == as_json(
        embedded.list_events(type="PROTEST", limit=7, offset=3))
    for depth in (1, 2, 3):
        assert neo.neighbors(mukhtar, depth) == embedded.neighbors(mukhtar, depth)
    tokayev = embedded.resolve_entity("Kassym-Jomart Tokayev").id
    youtube = embedded.resolve_entity("YouTube").id
    for a, b, depth in [(mukhtar, youtube, 2), (tokayev, almaty, 4), (mukhtar, tokayev, 1)]:
        assert neo.paths(a, b, max_depth=depth, limit=5) == embedded.paths(
            a, b, max_depth=depth, limit=5)
    for q, kind in [("ablyazov", None), ("Tokaev", None), ("tele", None), ("Almaty", "CITY"),
                    ("kazakh", None), ("YouTube", "PLATFORM"), ("zzzz", None)]:
        assert neo.search_entities(q, type=kind) == embedded.search_entities(q, type=kind)


def test_replace_and_delete_leave_the_same_graph(both):
    embedded, neo = both
    items = synthetic_extractions(30, seed=5)
    write_all(both, items)
    edited = json.loads(json.dumps(items[4]))
    edited["document"]["content_hash"] = "v2"
    edited["events"] = edited["events"][:1]
    for store in both:
        assert store.write_extraction(edited).status == "replaced"
        store.delete_document(items[7]["document"]["id"])
        store.delete_document(items[11]["document"]["id"])
    assert_same_graph(embedded, neo)


def test_a_batch_of_documents_in_one_transaction_equals_one_by_one(both):
    embedded, neo = both
    items = corpus() + synthetic_extractions(20, seed=8)
    write_all([embedded], items)
    results = neo.write_extractions(items[:10]) + neo.write_extractions(items[10:])
    assert [r.status for r in results] == ["added"] * len(items)
    assert_same_graph(embedded, neo)
    assert {r.status for r in neo.write_extractions(items)} == {"unchanged"}


def test_example_question_on_the_samples_is_identical(both, sample_records):
    embedded, neo = both
    write_all(both, sample_records)
    answer = [p.as_json() for p in embedded.followed(**QUESTION)]
    assert any(p["effect"]["country"] == "Kazakhstan" for p in answer)
    assert [p.as_json() for p in neo.followed(**QUESTION)] == answer
    government = dict(QUESTION, cause_affiliation="government")
    assert as_json(neo.followed(**government)) == as_json(embedded.followed(**government))
    assert neo.correlation_stats("BROADCAST", "OUTAGE", "3d", permutations=200) == \
        embedded.correlation_stats("BROADCAST", "OUTAGE", "3d", permutations=200)
    assert_same_graph(embedded, neo)
