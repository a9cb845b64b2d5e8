"""Attributed claims on the seed article: who says what about the 16 December outage."""

from __future__ import annotations


def claims_by(record: dict, claimant_word: str) -> list[dict]:
    return [c for c in record["claims"] if claimant_word in c["claimant_text"].lower()]


def outage_of_the_day(record: dict) -> dict:
    return next(e for e in record["events"] if e["type"] == "OUTAGE"
                and e["date"] and e["date"]["value"] == "2016-12-16")


def test_ministry_claims_technical_reasons(seed_record):
    (claim,) = [c for c in claims_by(seed_record, "ministry of information")
                if "technical reasons" in c["text"]]
    assert claim["stance"] == "assert"
    assert claim["causal"] is True
    assert outage_of_the_day(seed_record)["id"] in claim["about_events"]
    ministry = next(e for e in seed_record["entities"] if e["name"] == "Ministry of Information")
    assert claim["claimant"] == ministry["id"]


def test_activists_claim_the_block_targeted_ablyazov(seed_record):
    (claim,) = [c for c in claims_by(seed_record, "activists") if c["causal"]]
    assert claim["stance"] == "suggest"
    assert "intended to limit" in claim["text"]
    outage = outage_of_the_day(seed_record)
    broadcast = next(e for e in seed_record["events"] if e["type"] == "BROADCAST")
    assert outage["id"] in claim["about_events"] and broadcast["id"] in claim["about_events"]
    assert {"cause": broadcast["id"], "effect": outage["id"]} in claim["links"]


def test_the_two_explanations_compete(seed_record):
    ministry = next(c for c in claims_by(seed_record, "ministry") if c["causal"])
    activists = next(c for c in claims_by(seed_record, "activists") if c["causal"])
    assert ministry["contested"] and activists["contested"]
    assert activists["id"] in ministry["contested_with"]
    assert ministry["id"] in activists["contested_with"]


def test_a_promise_is_a_claim_not_an_event(seed_record):
    (promise,) = [c for c in seed_record["claims"] if c["stance"] == "promise"]
    assert "restore access" in promise["text"]
    assert not [e for e in seed_record["events"] if e["type"] == "RESTORATION"]


def test_claim_offsets_point_into_the_article(seed_record, seed_path):
    text = seed_path.read_text(encoding="utf-8")
    for claim in seed_record["claims"]:
        assert text[claim["start"]:claim["end"]] == claim["text"]
        sentence = claim["sentence"]
        assert text[sentence["start"]:sentence["end"]] == sentence["text"]


def test_uncontested_reports_stay_uncontested(seed_record):
    (report,) = [c for c in claims_by(seed_record, "civil society activists")]
    assert report["stance"] == "assert" and not report["contested"]
