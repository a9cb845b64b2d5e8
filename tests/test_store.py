"""The store contract: idempotent ingest, replacement, merges, deletion, sources.

Runs against every store kind in ``graph_fixtures.STORE_KINDS``.
"""

from __future__ import annotations

import copy
import sqlite3

import pytest

from graph.model import edge_id
from graph.stores import make_store
from graph.stores.memory_graph import load_graph
from graph.stores.sqlite import SQLiteStore
from ingest.errors import NewsgraphError, NotFoundError, StoreError
from tests.graph_fixtures import (  # noqa: F401 - store is a fixture
    ap_outage,
    changed,
    corpus,
    entity,
    eurasianet_family,
    event,
    extraction,
    reuters_broadcast_and_outage,
    store,
)


def entity_named(store, name, kind=None):  # noqa: F811
    hits = store.search_entities(name, type=kind, limit=1)
    assert hits, f"no entity named {name}"
    return hits[0][0]


def outage_events(store):  # noqa: F811
    return [e for e in store.event_records() if e.type == "OUTAGE"]


def test_write_then_read_a_document(store):  # noqa: F811
    result = store.write_extraction(reuters_broadcast_and_outage())
    assert result.status == "added"
    assert result.counts["events_added"] == 2
    doc = store.get_document("reuters-2022-01-05")
    assert doc.outlet == "Reuters"
    assert doc.published == "2022-01-05T18:00:00Z"
    assert doc.ingested_at  # the third clock
    assert doc.content_hash
    counts = store.counts()
    assert counts["documents"] == 1
    assert counts["events"] == 2
    assert counts["edges"]["REPORTS"] == 2


def test_same_article_twice_changes_nothing(store):  # noqa: F811
    store.write_extraction(reuters_broadcast_and_outage())
    before = (store.counts(), store.get_document("reuters-2022-01-05").ingested_at)
    again = store.write_extraction(reuters_broadcast_and_outage())
    assert again.status == "unchanged"
    assert (store.counts(), store.get_document("reuters-2022-01-05").ingested_at) == before


def test_ids_are_stable_across_stores(tmp_path):
    ids = []
    for name in ("one.db", "two.db"):
        with make_store("embedded", path=tmp_path / name) as s:
            for item in corpus():
                s.write_extraction(item)
            ids.append(sorted(e.id for e in s.event_records()))
    assert ids[0] == ids[1]


def test_changed_article_replaces_only_its_own_facts(store):  # noqa: F811
    store.write_extraction(reuters_broadcast_and_outage())
    store.write_extraction(eurasianet_family())
    madina = entity_named(store, "Madina Ablyazova", "PERSON")
    eurasianet_events = {e.id for e in store.event_records()
                         if any(s.document == "eurasianet-2022-01-07" for s in e.sources)}
    new_version = reuters_broadcast_and_outage()
    new_version["document"]["content_hash"] = "edited"
    new_version["events"] = new_version["events"][:1]  # the outage sentence was removed
    result = store.write_extraction(new_version)
    assert result.status == "replaced"
    assert outage_events(store) == []
    assert store.get_entity(madina.id).name == "Madina Ablyazova"
    assert eurasianet_events <= {e.id for e in store.event_records()}
    assert store.counts()["documents"] == 2


def test_one_event_two_reports(store):  # noqa: F811
    store.write_extraction(reuters_broadcast_and_outage())
    store.write_extraction(ap_outage())
    outages = outage_events(store)
    assert len(outages) == 1
    outage = outages[0]
    assert {s.document for s in outage.sources} == {"reuters-2022-01-05", "ap-2022-01-06"}
    assert outage.source_count == 2
    assert store.counts()["edges"]["REPORTS"] == 4  # 2 from Reuters, 2 from AP
    reports = [s for s in store.sources(outage.id)]
    assert {s.sentence for s in reports} >= {
        "On Wednesday YouTube was blocked in Almaty, NetBlocks said."}


def test_same_outlet_twice_counts_as_one_independent_source(store):  # noqa: F811
    store.write_extraction(ap_outage())
    second = changed(ap_outage(), id="ap-2022-01-06-update")
    store.write_extraction(second)
    (outage,) = outage_events(store)
    assert len({s.document for s in outage.sources}) == 2
    assert outage.source_count == 1


def test_events_of_different_countries_or_participants_do_not_merge(store):  # noqa: F811
    def outage(doc, outlet, platform, country, value="2022-01-05"):
        entities = [entity("e1", platform, "PLATFORM")] if platform else []
        participants = [("e1", "affected_platform")] if platform else []
        return extraction(doc, outlet=outlet, entities=entities,
                          events=[event("ev1", "OUTAGE", value, participants=participants,
                                        country=country)])

    a = outage("a", "X", "Telegram", "Kazakhstan")
    b = outage("b", "Y", "Telegram", "Uzbekistan")
    c = outage("c", "Z", "WhatsApp", "Kazakhstan")
    d = outage("d", "W", None, "Kazakhstan", "2022-01")
    e = outage("e", "V", None, "Kazakhstan", "2022-01-20")
    for item in (a, b, c, d, e):
        store.write_extraction(item)
    assert len(outage_events(store)) == 4  # d (month, no participants) and e (day) merge
    merged = [o for o in outage_events(store) if len(o.sources) == 2]
    assert len(merged) == 1
    assert merged[0].value == "2022-01-20"  # the narrower date wins


def test_entities_merge_by_key_possessive_and_near_miss(store):  # noqa: F811
    for item in corpus():
        store.write_extraction(item)
    mukhtar = entity_named(store, "Mukhtar Ablyazov", "PERSON")
    assert {"Mukhtar Ablyazov's", "Mukhtar Ablyasov"} <= set(mukhtar.aliases)
    assert mukhtar.documents == 3
    almaty = entity_named(store, "Almaty", "CITY")
    assert almaty.external_ids["geonames_id"] == 1526384
    assert almaty.attributes["country"] == "Kazakhstan"


def test_different_people_with_one_surname_do_not_merge(store):  # noqa: F811
    for item in corpus():
        store.write_extraction(item)
    mukhtar = entity_named(store, "Mukhtar Ablyazov", "PERSON")
    madina = entity_named(store, "Madina Ablyazova", "PERSON")
    assert mukhtar.id != madina.id
    assert "Madina Ablyazova" not in mukhtar.aliases


def test_external_id_merges_different_spellings(store):  # noqa: F811
    store.write_extraction(extraction("a", entities=[entity("e1", "Almaty", "CITY",
                                                            geonames_id=1526384)]))
    store.write_extraction(extraction("b", entities=[entity("e1", "Alma-Ata", "CITY",
                                                            geonames_id=1526384)]))
    assert store.counts()["entities"] == 1
    assert "Alma-Ata" in entity_named(store, "Almaty", "CITY").aliases


def test_delete_removes_only_what_the_document_alone_supported(store):  # noqa: F811
    store.write_extraction(reuters_broadcast_and_outage())
    store.write_extraction(ap_outage())
    (outage,) = outage_events(store)
    kazakhtelecom = entity_named(store, "Kazakhtelecom")
    store.delete_document("ap-2022-01-06")
    (still,) = outage_events(store)
    assert still.id == outage.id
    assert [s.document for s in still.sources] == ["reuters-2022-01-05"]
    with pytest.raises(NotFoundError):
        store.get_entity(kazakhtelecom.id)
    assert not [e for e in store.event_records() if e.type == "PROTEST"]
    assert "Mukhtar Ablyazov's" not in entity_named(store, "Mukhtar Ablyazov").aliases
    with pytest.raises(NotFoundError):
        store.get_document("ap-2022-01-06")
    store.delete_document("reuters-2022-01-05")
    counts = store.counts()
    assert counts["events"] == counts["entities"] == counts["dates"] == 0
    assert counts["edges"] == {}


def test_delete_then_reingest_restores_the_graph(store):  # noqa: F811
    for item in corpus():
        store.write_extraction(item)
    before = store.counts()
    store.delete_document("ap-2022-01-06")
    store.write_extraction(ap_outage())
    assert store.counts() == before


def test_sources_of_nodes_and_edges(store):  # noqa: F811
    store.write_extraction(reuters_broadcast_and_outage())
    mukhtar = entity_named(store, "Mukhtar Ablyazov")
    mention_sources = store.sources(mukhtar.id)
    assert mention_sources[0].document == "reuters-2022-01-05"
    assert mention_sources[0].sentence == "Mukhtar Ablyazov"
    broadcast = next(e for e in store.event_records() if e.type == "BROADCAST")
    edge = edge_id("PARTICIPANT", broadcast.id, mukhtar.id, "speaker")
    (edge_source,) = store.sources(edge)
    assert edge_source.sentence.startswith("Exiled opposition leader")
    assert edge_source.start == 0
    assert store.sources("reuters-2022-01-05")[0].url.startswith("https://")
    assert store.sources("date:2022-01-04")
    with pytest.raises(NotFoundError):
        store.sources("ev:nothing:here")


def test_reports_of_an_event_carry_their_trigger(store, seed_record):  # noqa: F811
    store.write_extraction(copy.deepcopy(seed_record))
    (outage,) = [e for e in outage_events(store) if e.value == "2016-12-16"]
    (report,) = store.sources(outage.id)
    assert report.trigger == "blocked"
    assert report.sentence[report.trigger_start:report.trigger_end] == "blocked"
    assert "had been blocked in the country" in report.sentence
    assert report.as_json()["trigger"] == "blocked"
    ablyazov = entity_named(store, "Mukhtar Ablyazov")
    assert {s.trigger for s in store.sources(ablyazov.id)} == {None}  # mentions: no trigger
    edge = edge_id("REPORTS", seed_record["document"]["id"], outage.id)
    assert {s.trigger for s in store.sources(edge)} == {None}


def test_trigger_offsets_only_where_the_word_is(store):  # noqa: F811
    def outage(local_id, sentence, start, **trigger):
        found = event(local_id, "OUTAGE", "2022-01-05", country="Kazakhstan",
                      participants=[("e1", "affected_platform")], sentence=sentence, start=start)
        found.pop("trigger")
        return {**found, **trigger}

    s1, s2, s3 = ("Telegram was blocked.", "Blocked, then blocked again: Telegram.",
                  "Telegram went dark.")
    store.write_extraction(extraction("triggers", published="2022-01-06", entities=[
        entity("e1", "Telegram", "PLATFORM")], events=[
        outage("ev1", s1, 0, trigger="blocked", trigger_span=[13, 20]),  # the span
        outage("ev2", s2, 22, trigger="blocked"),  # twice in the sentence: no offsets
        outage("ev3", s3, 61, trigger="went", trigger_span=[0, 4]),  # a span off the word
        outage("ev4", s1, 100, trigger="BLOCKED"),  # once: found, whatever its case
        outage("ev5", s3, 200)]))  # no trigger at all (as reports stored before)
    (record,) = outage_events(store)
    reports = {(s.start, s.trigger, s.trigger_start, s.trigger_end)
               for s in store.sources(record.id)}
    assert reports == {(0, "blocked", 13, 20), (22, "blocked", None, None),
                       (61, "went", 70 - 61, 74 - 61), (100, "BLOCKED", 13, 20),
                       (200, None, None, None)}


def test_keeping_triggers_changes_no_event(store, tmp_path):  # noqa: F811
    def without_triggers(item):
        item = copy.deepcopy(item)
        for found in item["events"]:
            found.pop("trigger", None)
        return item

    reports = [ap_outage(), reuters_broadcast_and_outage()]  # one outage, two places
    reports[0]["entities"].append(entity("e5", "Astana", "CITY", country="Kazakhstan"))
    reports[0]["events"][0]["place"] = "e5"
    reports[0]["events"][0]["trigger"] = "zzz"  # the last tie-break must ignore triggers
    reports[1]["events"][1]["trigger"] = "aaa"
    for item in reports:
        store.write_extraction(item)
    with make_store("embedded", path=tmp_path / "plain.db") as plain:
        for item in reports:
            plain.write_extraction(without_triggers(item))
        assert [e.as_json() for e in store.event_records()] == \
            [e.as_json() for e in plain.event_records()]


def test_get_missing_things_raises_not_found(store):  # noqa: F811
    for getter in (store.get_document, store.get_entity, store.get_event):
        with pytest.raises(NotFoundError) as info:
            getter("missing")
        assert isinstance(info.value, NewsgraphError)
    with pytest.raises(NotFoundError):
        store.delete_document("missing")


def test_extraction_without_document_id_is_refused(store):  # noqa: F811
    with pytest.raises(StoreError):
        store.write_extraction({"document": {"title": "no id"}})


def test_claims_are_kept_with_their_document(store):  # noqa: F811
    claims = [{"id": "c1", "text": "The outage was ordered by the government.", "speaker": "e1"}]
    store.write_extraction(extraction("with-claims", claims=claims))
    (kept,) = store.get_document("with-claims").claims
    assert {k: kept[k] for k in claims[0]} == claims[0]  # as given, global ids added
    assert kept["claim"].startswith("claim:") and kept["about_event_ids"] == []


def test_content_hash_defaults_to_hash_of_the_extraction(store):  # noqa: F811
    first = extraction("nohash", entities=[entity("e1", "Telegram", "PLATFORM")])
    assert store.write_extraction(first).status == "added"
    assert store.write_extraction(first).status == "unchanged"
    second = extraction("nohash", entities=[entity("e1", "WhatsApp", "PLATFORM")])
    assert store.write_extraction(second).status == "replaced"
    assert [h[0].name for h in store.search_entities("WhatsApp")] == ["WhatsApp"]
    assert not [h for h in store.search_entities("Telegram") if h[1].match == "exact"]


def test_embedded_store_file_settings(tmp_path, monkeypatch):
    path = tmp_path / "from-env.db"
    monkeypatch.setenv("NEWSGRAPH_DB", str(path))
    with make_store("embedded") as s:
        s.write_extraction(ap_outage())
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1
    conn.close()


def test_memory_store_and_unknown_kind():
    with make_store("embedded", path=":memory:") as s:
        s.write_extraction(ap_outage())
        assert s.counts()["documents"] == 1
    with pytest.raises(StoreError):
        make_store("cassandra")


def test_in_memory_graph_follows_writes_and_deletes(store):  # noqa: F811
    store.write_extraction(reuters_broadcast_and_outage())
    mukhtar = entity_named(store, "Mukhtar Ablyazov")
    youtube = entity_named(store, "YouTube")
    assert youtube.id in {n["entity"]["id"] for n in store.neighbors(mukhtar.id)}
    store.write_extraction(eurasianet_family())
    madina = entity_named(store, "Madina Ablyazova")
    assert madina.id in {n["entity"]["id"] for n in store.neighbors(mukhtar.id)}
    store.delete_document("eurasianet-2022-01-07")
    assert madina.id not in {n["entity"]["id"] for n in store.neighbors(mukhtar.id)}
    if isinstance(store, SQLiteStore):  # the patched in-memory graph equals a fresh load
        fresh = load_graph(store._conn)
        assert sorted(store.graph.nodes) == sorted(fresh.nodes)
        assert sorted(store.graph.edges(keys=True)) == sorted(fresh.edges(keys=True))


def test_replacing_keeps_facts_another_document_shares(store):  # noqa: F811
    store.write_extraction(reuters_broadcast_and_outage())
    store.write_extraction(ap_outage())
    ap_sources = {e.id: [s for s in e.sources if s.document == "ap-2022-01-06"]
                  for e in store.event_records()}
    edited = reuters_broadcast_and_outage()
    edited["document"]["content_hash"] = "v2"
    edited["events"] = edited["events"][:1]
    assert store.write_extraction(edited).status == "replaced"
    (outage,) = outage_events(store)
    assert [s.document for s in outage.sources] == ["ap-2022-01-06"]
    assert {e.id: [s for s in e.sources if s.document == "ap-2022-01-06"]
            for e in store.event_records()} == ap_sources
    assert store.get_document("reuters-2022-01-05").content_hash == "v2"
    assert store.write_extraction(edited).status == "unchanged"


def test_a_second_process_sees_writes_of_the_first(tmp_path):
    path = tmp_path / "shared.db"
    with make_store("embedded", path=path) as reader, make_store("embedded", path=path) as writer:
        writer.write_extraction(reuters_broadcast_and_outage())
        assert len(reader.event_records()) == 2
        reader_graph_nodes = len(reader.graph)
        writer.write_extraction(ap_outage())
        assert len(reader.event_records()) == 3
        assert len(reader.graph) > reader_graph_nodes
        assert reader.search_entities("Kazakhtelecom")


def test_sparse_extractions_are_stored_without_crashing(store):  # noqa: F811
    sparse = {"document": {"id": "sparse"},
              "entities": [{"id": "e1", "name": "Telegram", "type": "platform"},
                           {"id": "e2", "type": "PERSON", "mentions": [{"text": "Anonymous"}]}],
              "events": [{"id": "ev1", "type": "OUTAGE", "date": None,
                          "participants": [{"entity": "e1"}, {"entity": "missing"}],
                          "place": "nowhere"},
                         {"id": "ev2", "type": "ARREST", "date": {"value": "PRESENT_REF"}},
                         {"id": "ev3", "type": "PROTEST",
                          "date": {"value": "2022-01-05T10:00", "granularity": "time"},
                          "evidence": {"sentence": "People protested."}}]}
    result = store.write_extraction(sparse)
    assert result.status == "added" and result.counts["events_added"] == 3
    assert [e.type for e in store.event_records()] == ["PROTEST"]  # the only dated one
    assert store.search_entities("Anonymous")[0][0].type == "PERSON"
    store.delete_document("sparse")
    assert store.counts()["entities"] == 0


def test_document_facts_lists_its_entities_and_events(store):  # noqa: F811
    store.write_extraction(extraction(
        "facts", entities=[entity("e1", "Telegram", "PLATFORM"),
                           entity("e2", "Almaty", "CITY"),
                           entity("e3", "Kazakhstan", "COUNTRY")],
        events=[event("ev1", "OUTAGE", "2022-01-05", participants=[("e1", "affected_platform")],
                      place="e2", country="Kazakhstan"),
                event("ev2", "PROTEST", None, place="e2", country="Kazakhstan",
                      sentence="People protested.", start=40)]))
    entities, events = store.document_facts("facts")
    assert [e.name for e in entities] == ["Almaty", "Kazakhstan", "Telegram"]
    assert [(e["type"], (e["date"] or {}).get("value")) for e in events] == [
        ("OUTAGE", "2022-01-05"), ("PROTEST", None)]
    assert events[1]["id"].startswith("ev:protest:")
    with pytest.raises(NotFoundError):
        store.document_facts("no-such-document")


def test_an_undated_event_can_be_read_by_its_id(store):  # noqa: F811
    store.write_extraction(extraction(
        "undated", entities=[entity("e1", "Telegram", "PLATFORM"),
                             entity("e2", "Almaty", "CITY")],
        events=[event("ev1", "OUTAGE", None, participants=[("e1", "affected_platform")],
                      place="e2", country="Kazakhstan", sentence="Telegram went dark.")]))
    (_, ((eid, kind),)) = store.document_edges("undated")
    with pytest.raises(NotFoundError):
        store.get_event(eid)  # the query algorithms only ever see dated events
    record = store.undated_event(eid)
    assert record.type == kind == "OUTAGE" and record.start is None
    assert [p.name for p in record.participants] == ["Telegram"]
    detail = store.event_detail(eid)
    assert detail["date"] is None and detail["place"] == "Almaty"
    assert detail["country"] == "Kazakhstan"
    assert [r["sentence"] for r in detail["reports"]] == ["Telegram went dark."]
    assert store.undated_event("ev:outage:nothing") is None
    with pytest.raises(NotFoundError):
        store.event_detail("ev:outage:nothing")
