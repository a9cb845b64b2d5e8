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


def test_the_day_before_an_infinitive_is_anaphoric(nlp):
    got = values(nlp, "On 3 March the regulator blocked the site. It cited a ruling the day "
                      "before to justify the order.", published="2022-03-10")
    assert got["the day before"] == "2022-03-02"


def test_an_explicit_date_in_apposition_wins_over_the_timeline(nlp):
    got = values(nlp, "The army cut mobile data on 4 June. The day after that, a court heard "
                      "the case. The following evening, on 9 June, access returned.",
                 published="2022-06-12")
    assert got["The following evening"] == "2022-06-09TEV"


def test_times_in_a_paragraph_without_a_day_are_on_the_day_of_the_lead(nlp):
    text = ("Streaming sites were blocked on Tuesday while the opposition leader spoke.\n\n"
            "Police had raided his office on Monday night.\n\n"
            "The blocks began at 10:15 local time. It was not the first outage of the day.")
    got = values(nlp, text, published="2022-03-10")  # a Thursday
    assert got["Monday night"] == "2022-03-07TNI"
    assert got["10:15"] == "2022-03-08T10:15"
    assert got["the day"] == "2022-03-08"


def test_anaphora_still_follow_the_last_day_told_across_paragraphs(nlp):
    text = ("Access came back on Wednesday.\n\n"
            "The outage began on Sunday, the day of the vote.\n\n"
            "That night, the commission announced the results.")
    got = values(nlp, text, published="2020-08-13")
    assert got["That night"] == "2020-08-09TNI"


def test_a_bare_part_of_day_is_on_the_story_day(nlp):
    got = values(nlp, "The company said on Tuesday that sales rose. Its shares gained in "
                      "morning trading.", published="2010-03-04")
    assert got["Tuesday"] == "2010-03-02"
    assert got["morning"] == "2010-03-02TMO"


def test_years_and_months_relative_to_the_story(nlp):
    got = values(nlp, "The law was passed in 2015. The following year, the court struck it "
                      "down, and two years later parliament passed it again.",
                 published="2021-05-01")
    assert got["The following year"] == "2016"
    assert got["two years later"] == "2018"
    got = values(nlp, "Exports fell 8% in March compared with the same month a year earlier.",
                 published="2021-04-15")
    assert got["the same month a year earlier"] == "2020-03"
    got = values(nlp, "Profit rose in the third quarter from the same period last year.",
                 published="2021-10-20")
    assert got["the same period last year"] == "2020-Q3"


def test_years_and_months_relative_to_the_story_need_a_publication_date(nlp):
    got = values(nlp, "Cables were cut on 14 March 2024. The previous month, another cable "
                      "had failed.", published=None)
    assert got["The previous month"] is None


def test_the_following_weekday_and_weeks_later_count_from_the_story_day(nlp):
    got = values(nlp, "Police detained him on 12 January. The following Monday, a court freed "
                      "him. Protests began on 2 January, and two weeks later they were still "
                      "going on.", published="2021-02-10")
    assert got["The following Monday"] == "2021-01-18"
    assert got["two weeks later"] == "2021-W02"  # the week of 16 January


def test_hours_later_is_no_future_reference(nlp):
    got = values(nlp, "The shutdown began on 14 January. Hours later, the president spoke.")
    assert got == {"14 January": "2021-01-14", "Hours": "PTXH"}


def test_a_clock_time_with_am_pm_is_on_the_story_day(nlp):
    got = values(nlp, "Last Sunday's election was marred by a shutdown that started at around "
                      "7pm.", published="2020-08-13")
    assert got["around 7pm"] == "2020-08-09T19:00"


def test_that_weekend_and_the_18th_are_on_the_story_timeline(nlp):
    got = values(nlp, "Troops entered the capital on Thursday 7 January. That weekend, police "
                      "arrested dozens. The curfew ended on the 18th.", published="2021-02-10")
    assert got["That weekend"] == "2021-W01-WE"
    assert got["the 18th"] == "2021-01-18"


def test_no_day_of_month_in_centuries_and_rounds(nlp):
    got = values(nlp, "The palace was built in the 18th century. Talks resumed after the 18th "
                      "round.", published="2021-02-10")
    assert got == {"the 18th century": "17"}


def test_a_military_clock_time_with_a_zone_is_on_the_story_day(nlp):
    got = values(nlp, "Polls closed on 14 January at 4 p.m. local time (1300 GMT).")
    assert got["1300 GMT"] == "2021-01-14T13:00Z"


def test_a_chronological_story_keeps_its_last_day_across_paragraphs(nlp):
    text = ("Protesters gathered on 12 January.\n\nOn 13 January, police moved in.\n\n"
            "At 10:15, the internet went down.")
    got = values(nlp, text, published="2021-01-19")
    assert got["10:15"] == "2021-01-13T10:15"


def test_election_day_is_the_day_the_article_gives_the_vote(nlp):
    text = ("Access returned on Friday after an outage that began on election day. On "
            "Monday, 11 January, two days before the vote, the regulator blocked Facebook. "
            "Ugandans voted on Wednesday, 13 January.")
    got = values(nlp, text, published="2021-01-16")
    assert got["election day"] == "2021-01-13"
