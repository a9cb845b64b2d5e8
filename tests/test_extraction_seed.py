"""The seed article (``../shared/seed/kazakhstan-2016.txt``, published 2016-12-18):
what newsgraph must find in the article that started the product."""

from __future__ import annotations

import pytest


def entity(record: dict, name: str) -> dict:
    hits = [e for e in record["entities"] if e["name"] == name or name in e["aliases"]]
    assert hits, f"{name} not extracted; got {[e['name'] for e in record['entities']]}"
    assert len(hits) == 1, f"{name} split into {len(hits)} entities"
    return hits[0]


def events_of(record: dict, etype: str) -> list[dict]:
    return [e for e in record["events"] if e["type"] == etype]


def names(record: dict, ids) -> set[str]:
    by_id = {e["id"]: e["name"] for e in record["entities"]}
    return {by_id[i] for i in ids}


def test_ablyazov_is_one_opposition_person(seed_record):
    ablyazov = entity(seed_record, "Mukhtar Ablyazov")
    assert ablyazov["type"] == "PERSON"
    assert "Ablyazov" in ablyazov["aliases"]
    assert "opposition" in ablyazov["attributes"]["affiliation"]
    assert "politician" in ablyazov["attributes"]["role"]
    assert len(ablyazov["mentions"]) >= 4  # "Mukhtar Ablyazov" and every bare "Ablyazov"


@pytest.mark.parametrize("name", ["Facebook", "YouTube", "Instagram", "Google", "Twitter",
                                  "VKontakte"])
def test_platforms(seed_record, name):
    platform = entity(seed_record, name)
    assert platform["type"] == "PLATFORM"
    assert platform["attributes"]["wikidata"], f"{name} should carry its Wikidata id"


@pytest.mark.parametrize("name,geonames_id", [
    ("Astana", 1526273), ("Almaty", 1526384), ("Karaganda", 609655), ("Atyrau", 610529),
    ("Zhanaozen", 607610), ("Paris", 2988507),
])
def test_cities_with_country_and_geonames(seed_record, name, geonames_id):
    city = entity(seed_record, name)
    assert city["type"] == "CITY"
    assert city["attributes"]["geonames_id"] == geonames_id
    expected_country = "France" if name == "Paris" else "Kazakhstan"
    assert city["attributes"]["country"] == expected_country


@pytest.mark.parametrize("name,iso", [("Kazakhstan", "KZ"), ("Russia", "RU"), ("Ukraine", "UA")])
def test_countries_with_iso(seed_record, name, iso):
    country = entity(seed_record, name)
    assert country["type"] == "COUNTRY"
    assert country["attributes"]["iso"] == iso


def test_ministry_of_information_is_kazakh_government(seed_record):
    ministry = entity(seed_record, "Ministry of Information")
    assert ministry["type"] == "GOVERNMENT"
    assert ministry["attributes"]["country"] == "Kazakhstan"
    assert any("Kazakhstan" in a for a in ministry["aliases"])


def test_outage_on_independence_day(seed_record):
    outages = [e for e in events_of(seed_record, "OUTAGE")
               if e["date"] and e["date"]["value"] == "2016-12-16"]
    assert len(outages) == 1, "the 16 December block is one event, however often it is told"
    outage = outages[0]
    assert outage["date"]["granularity"] == "day"
    assert outage["country"] == "Kazakhstan"
    affected = names(seed_record, [p["entity"] for p in outage["participants"]
                                   if p["role"] == "affected_platform"])
    assert {"Facebook", "YouTube", "Instagram", "Google"} <= affected
    assert not affected & {"Twitter", "VKontakte"}, "Twitter and VKontakte stayed reachable"
    text = outage["evidence"]["sentence"]
    assert "blocked" in text


def test_broadcast_by_ablyazov_on_youtube(seed_record):
    (broadcast,) = [e for e in events_of(seed_record, "BROADCAST")
                    if e["date"] and e["date"]["value"] == "2016-12-16"]
    roles = {(names(seed_record, [p["entity"]]).pop(), p["role"])
             for p in broadcast["participants"]}
    assert ("Mukhtar Ablyazov", "speaker") in roles
    assert ("YouTube", "platform") in roles
    assert "livestream" in broadcast["evidence"]["sentence"]


def test_release_in_paris(seed_record):
    (release,) = events_of(seed_record, "RELEASE")
    assert release["date"] == {"value": "2016-12-09", "granularity": "day"}
    assert names(seed_record, [release["place"]]) == {"Paris"}
    assert release["country"] == "France"


def test_violence_in_zhanaozen_2011(seed_record):
    (violence,) = events_of(seed_record, "VIOLENCE")
    assert violence["date"] == {"value": "2011", "granularity": "year"}
    assert names(seed_record, [violence["place"]]) == {"Zhanaozen"}


def test_may_outage_and_opposition_mobilization(seed_record):
    may_outages = [e for e in events_of(seed_record, "OUTAGE")
                   if e["date"] and e["date"]["value"] == "2016-05"]
    assert len(may_outages) == 1
    assert may_outages[0]["date"]["granularity"] == "month"
    (mobilization,) = events_of(seed_record, "MOBILIZATION")
    assert mobilization["date"]["value"] == "2016-05"
    by_id = {e["id"]: e for e in seed_record["entities"]}
    actors = [by_id[p["entity"]] for p in mobilization["participants"]]
    assert any("opposition" in a["attributes"]["affiliation"] for a in actors)


def test_no_restoration_from_a_promise(seed_record):
    """'promised to restore access soon' is a promise, not a restoration."""
    assert events_of(seed_record, "RESTORATION") == []


def test_dates_normalized_against_publication(seed_record):
    values = {d["text"]: d["value"] for d in seed_record["dates"]}
    assert values["Friday"] == "2016-12-16"
    assert values["December 9"] == "2016-12-09"
    assert values["2011"] == "2011"
    assert values["May"] == "2016-05"


def test_offsets_point_into_the_article(seed_record, seed_path):
    text = seed_path.read_text(encoding="utf-8")
    for e in seed_record["entities"]:
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for d in seed_record["dates"]:
        assert text[d["start"]:d["end"]] == d["text"]
    for ev in seed_record["events"]:
        ev_text = text[ev["evidence"]["start"]:ev["evidence"]["end"]]
        assert ev_text == ev["evidence"]["sentence"]


def test_without_publication_date_relative_dates_stay_unresolved(nlp, seed_path):
    from ingest.pipeline import extract
    from ingest.readers import read_paths

    (article,) = list(read_paths([seed_path]))
    record = extract(article, nlp)
    values = {d["text"]: d["value"] for d in record["dates"]}
    assert values["Friday"] is None
    assert values["2011"] == "2011"
