"""Narrative time: dates anchored on the story's own timeline, on real parses."""

from __future__ import annotations

from ingest.pipeline import extract
from ingest.records import Article


def values(nlp, text, published="2021-01-19"):
    record = extract(Article(text=text, published=published), nlp)
    return {d["text"]: d["value"] for d in record["dates"]}


def test_that_night_is_the_night_of_the_last_date_told(nlp):
    got = values(nlp, "On 12 January the commission ordered providers to block Facebook. "
                      "That night, President Yoweri Museveni addressed the nation.")
    assert got["12 January"] == "2021-01-12"
    assert got["That night"] == "2021-01-12TNI"


def test_following_days_and_the_day_before(nlp):
    got = values(nlp, "Protesters gathered on 9 August. Police detained hundreds the following "
                      "day, and two days later the internet came back. Organisers had met the "
                      "day before.")
    assert got["the following day"] == "2020-08-10"
    # the reference moves with each date told: two days after the following day
    assert got["two days later"] == "2020-08-12"
    assert got["the day before"] == "2020-08-11"  # the day before the last date told


def test_a_bare_clock_time_is_on_the_story_day(nlp):
    got = values(nlp, "On Monday, 4 October, Facebook went offline at 15:40 UTC.",
                 published="2021-10-05")
    assert got["15:40 UTC"] == "2021-10-04T15:40Z"


def test_days_after_an_event_are_not_read_against_the_story(nlp):
    got = values(nlp, "Access returned on Thursday, five days after the authorities cut it.",
                 published="2019-11-22")
    assert "five days after" not in got


def test_without_publication_date_dates_without_a_year_keep_an_unknown_year(nlp):
    got = values(nlp, "The first mass protests began on 25 January in Cairo.", published=None)
    assert got["25 January"] == "XXXX-01-25"
