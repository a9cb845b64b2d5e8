"""Claims in the graph: Claim nodes from articles, fact-checkers' claims, evidence, reviews.

Runs against every store kind in ``graph_fixtures.STORE_KINDS`` (the embedded store
and a real Neo4j), on the real extraction of the seed article.
"""

from __future__ import annotations

import copy

import pytest

from graph.claim_records import claim_review_jsonld
from graph.model import extracted_claim_id
from ingest.errors import ClaimError, NotFoundError
from tests.graph_fixtures import entity, event, extraction, store  # noqa: F401 - a fixture

SEED_DOC = "doc-d465a2e18e5b181d"


def _by_claimant(claims, name, stance=None):
    found = [c for c in claims if c.claimant == name and (stance is None or c.stance == stance)]
    assert found, f"no claim by {name!r} in {[c.claimant for c in claims]}"
    return found[0]


def _outage(store):  # noqa: F811
    (outage,) = [e for e in store.list_events(type="OUTAGE", country="Kazakhstan")
                 if e.value == "2016-12-16"]
    return outage


@pytest.fixture
def seeded(store, seed_record):  # noqa: F811
    store.write_extraction(seed_record)
    return store


def test_seed_claims_become_claim_nodes_about_the_outage(seeded):
    claims = seeded.list_claims(document=SEED_DOC)
    outage = _outage(seeded)
    ministry = next(c for c in claims if c.claimant == "Ministry of Information"
                    and "technical reasons" in c.text)
    activists = next(c for c in claims if c.claimant == "activists" and c.causal)
    for claim in (ministry, activists):
        assert claim.origin == "extracted"
        assert claim.source.document == SEED_DOC
        assert claim.text in claim.source.sentence
        assert outage.id in [a["id"] for a in claim.about]
        assert claim.contested
    # CLAIMS: the claimant is an entity of the graph; CONTESTS: each names the other
    assert ministry.claimant_entity == "ent:government:ministry-of-information"
    assert seeded.get_entity(activists.claimant_entity).type == "GROUP"
    assert ministry.contested_with == (activists.id,)
    assert activists.contested_with == (ministry.id,)
    # the activists' causal claim links the outage to the broadcast
    broadcast = [a for a in activists.about if a.get("type") == "BROADCAST"]
    assert broadcast and broadcast[0]["date"] == "2016-12-16"
    # ids come from the document and offsets: the same in every store
    assert ministry.id == extracted_claim_id(SEED_DOC, ministry.source.start,
                                             ministry.source.end, ministry.text,
                                             "Ministry of Information")


def test_claims_are_found_by_event_claimant_and_origin(seeded):
    outage = _outage(seeded)
    about = seeded.list_claims(about=outage.id)
    assert {"Ministry of Information", "activists"} <= {c.claimant for c in about}
    ministry = seeded.list_claims(claimant="ent:government:ministry-of-information")
    assert ministry and {c.claimant for c in ministry} == {"Ministry of Information"}
    assert seeded.list_claims(origin="checker") == []
    assert len(seeded.list_claims(origin="extracted", limit=2)) == 2
    with pytest.raises(ClaimError):
        seeded.list_claims(origin="rumour")
    # the document keeps its claims as extracted, with the global ids added
    stored = seeded.get_document(SEED_DOC).claims
    assert {c["claim"] for c in stored} == {c.id for c in seeded.list_claims(
        document=SEED_DOC)}


def test_a_fact_checkers_claim_with_evidence_and_review(seeded):
    outage = _outage(seeded)
    claim, created = seeded.add_claim(
        "The social networks were down for technical reasons, not because of any broadcast.",
        claimant="Ministry of Information",
        claimant_entity="ent:government:ministry-of-information",
        where="https://gov.example/statement", when="2016-12-17",
        checker_url="https://check.example/kz-outage", about=[outage.id])
    assert created and claim.origin == "checker"
    assert claim.claimant_entity == "ent:government:ministry-of-information"
    assert [a["id"] for a in claim.about] == [outage.id]
    again, created = seeded.add_claim(
        "The social networks were down for technical reasons, not because of any  broadcast.",
        claimant="Ministry of Information", where="https://gov.example/statement",
        when="2016-12-17")
    assert not created and again.id == claim.id

    claim = seeded.add_claim_evidence(claim.id, outage.id, "refutes",
                                      "Blocked during Ablyazov's livestream only.")
    claim = seeded.add_claim_evidence(claim.id, SEED_DOC, "refutes", "Activists' account.")
    claim = seeded.add_claim_evidence(claim.id, outage.id, "refutes", "Updated note.")
    evidence = {(e["target"], e["relation"]): e for e in claim.evidence}
    assert set(evidence) == {(outage.id, "refutes"), (SEED_DOC, "refutes")}
    assert evidence[(outage.id, "refutes")]["note"] == "Updated note."
    assert evidence[(SEED_DOC, "refutes")]["kind"] == "document"
    assert seeded.list_claims(about=SEED_DOC, origin="checker")[0].id == claim.id

    claim = seeded.review_claim(claim.id, {"rating": "Misleading", "rating_value": 2,
                                           "best_rating": 5, "worst_rating": 1,
                                           "author": "Steppe Fact Check",
                                           "date_published": "2016-12-20"})
    review = claim_review_jsonld(claim)
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == claim.text
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Misleading",
                                      "ratingValue": 2, "bestRating": 5, "worstRating": 1}
    assert review["url"] == "https://check.example/kz-outage"
    assert review["itemReviewed"]["appearance"]["url"] == "https://gov.example/statement"
    assert review["itemReviewed"]["author"]["name"] == "Ministry of Information"
    assert seeded.get_claim(claim.id).review["rating"] == "Misleading"
    assert claim_review_jsonld(seeded.review_claim(claim.id, None)) is None


def test_fact_checkers_work_survives_reingest_and_deletion(seeded, seed_record):
    outage = _outage(seeded)
    claim, _ = seeded.add_claim("Facebook was blocked in Kazakhstan on 16 December 2016.",
                                about=[outage.id])
    seeded.add_claim_evidence(claim.id, outage.id, "supports")
    seeded.delete_document(SEED_DOC)
    assert seeded.list_claims(origin="extracted") == []  # they went with their article
    kept = seeded.get_claim(claim.id)
    assert kept.evidence[0]["exists"] is False and kept.about[0]["exists"] is False
    seeded.write_extraction(seed_record)
    back = seeded.get_claim(claim.id)
    assert back.evidence[0]["exists"] is True and back.about[0]["label"].startswith("OUTAGE")
    assert len(seeded.list_claims(origin="extracted")) == len(seed_record["claims"])


def test_replacing_an_article_replaces_its_claims(seeded, seed_record):
    changed = copy.deepcopy(seed_record)
    changed["document"]["content_hash"] = "changed"
    changed["claims"] = changed["claims"][:1]
    assert seeded.write_extraction(changed).status == "replaced"
    assert len(seeded.list_claims(document=SEED_DOC)) == 1


def test_bad_claims_are_refused_and_nothing_is_stored(seeded):
    outage = _outage(seeded)
    bad = [({"text": "  "}, "NG441"),
           ({"text": "x", "checker_url": "ftp://example.org/x"}, "NG443"),
           ({"text": "x", "when": "16 December"}, "NG444"),
           ({"text": "x", "when": "2016-02-30"}, "NG444"),
           ({"text": "x" * 2001}, "NG442")]
    for kwargs, code in bad:
        text = kwargs.pop("text")
        with pytest.raises(ClaimError) as err:
            seeded.add_claim(text, **kwargs)
        assert err.value.code == code
    with pytest.raises(NotFoundError):
        seeded.add_claim("x", about=["ev:outage:doesnotexist"])
    assert seeded.list_claims(origin="checker") == []
    claim, _ = seeded.add_claim("A claim to check.")
    with pytest.raises(ClaimError) as err:
        seeded.add_claim_evidence(claim.id, outage.id, "proves")
    assert err.value.code == "NG446"
    with pytest.raises(NotFoundError):
        seeded.add_claim_evidence(claim.id, "ent:platform:facebook", "supports")
    with pytest.raises(ClaimError):
        seeded.review_claim(claim.id, {"rating": "False", "rating_value": 9, "best_rating": 5})
    with pytest.raises(ClaimError):
        seeded.review_claim(claim.id, {"verdict": "False"})
    assert seeded.get_claim(claim.id).evidence == () and seeded.get_claim(claim.id).review is None
    extracted = seeded.list_claims(origin="extracted")[0]
    with pytest.raises(ClaimError) as err:
        seeded.add_claim_evidence(extracted.id, outage.id, "supports")
    assert err.value.code == "NG448"
    with pytest.raises(NotFoundError):
        seeded.get_claim("claim:nope")
    seeded.delete_claim(claim.id)
    with pytest.raises(NotFoundError):
        seeded.get_claim(claim.id)


def test_claims_in_hand_written_extractions(store):  # noqa: F811
    claims = [{"id": "c1", "claimant": "e1", "claimant_text": "Ministry", "verb": "said",
               "stance": "deny", "text": "there was no block", "start": 10, "end": 28,
               "date": "PRESENT_REF", "about_events": ["ev1"], "about_entities": ["e2"],
               "contested_with": ["c9"]}]
    store.write_extraction(extraction(
        "hand", entities=[entity("e1", "Ministry of Digital Development", "GOVERNMENT"),
                          entity("e2", "Telegram", "PLATFORM")],
        events=[event("ev1", "OUTAGE", "2022-01-05", participants=[("e2", "affected_platform")],
                      country="Kazakhstan")], claims=claims))
    (claim,) = store.list_claims(document="hand")
    assert claim.stance == "deny" and claim.when is None  # PRESENT_REF is no calendar date
    assert claim.contested_with == ()  # c9 is not a claim of this article
    assert {a["kind"] for a in claim.about} == {"event", "entity"}


def test_a_store_made_before_claims_were_nodes_is_upgraded(tmp_path, seed_record):
    """Schema 1 kept claims only as JSON on the document: opening it fills the claim
    tables, with the same ids, claimants, events and competitors a fresh write gives
    (the entities a claim is about cannot be recovered from that JSON: re-ingest)."""
    import json
    import sqlite3

    from graph.stores import make_store

    with make_store("embedded", path=tmp_path / "fresh.db") as fresh:
        fresh.write_extraction(seed_record)
        expected = {c.id: c.as_json() for c in fresh.list_claims(limit=100)}
    old = tmp_path / "old.db"
    with make_store("embedded", path=old) as older:
        older.write_extraction(seed_record)
    conn = sqlite3.connect(old)
    conn.execute("DROP TABLE claim_links")
    conn.execute("DROP TABLE claims")
    conn.execute("UPDATE documents SET claims = ?",
                 (json.dumps(seed_record["claims"], sort_keys=True),))
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with make_store("embedded", path=old) as upgraded:
        found = {c.id: c.as_json() for c in upgraded.list_claims(limit=100)}
        assert upgraded.get_document(SEED_DOC).claims[0]["claim"] in found
    assert set(found) == set(expected)
    for cid, claim in expected.items():
        for key in ("claimant", "contested_with", "source", "text", "stance"):
            assert found[cid][key] == claim[key], (cid, key)
        events = [a for a in claim["about"] if a["kind"] == "event"]
        assert [a for a in found[cid]["about"] if a["kind"] == "event"] == events
    conn = sqlite3.connect(old)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    conn.close()


@pytest.mark.neo4j
def test_the_cypher_example_of_the_docs_finds_the_competing_explanations(neo4j_clean,
                                                                         seed_record):
    import re

    from graph.stores import make_store
    from tests.conftest import ROOT

    text = (ROOT / "docs" / "neo4j.md").read_text(encoding="utf-8")
    query = next(block for block in re.findall(r"```cypher\n(.*?)```", text, re.S)
                 if "CONTESTS" in block)
    with make_store("neo4j", uri=neo4j_clean) as neo:
        neo.write_extraction(seed_record)
        rows = neo.run_cypher(query)["rows"]
    pairs = {(row[1], row[3]) for row in rows}
    assert ("Ministry of Information", "activists") in pairs
    assert all(row[0] == "2016-12-16" for row in rows)
