"""Attributed claims on the seed article: who says what about the 16 December outage."""

from __future__ import annotations

import re

import pytest

from ingest.components.claims import calendar_date


def claims_by(record: dict, claimant_word: str) -> list[dict]:
    return [c for c in record["claims"] if claimant_word in c["claimant_text"].lower()]


def outage_of_the_day(record: dict) -> dict:
    return next(
        e
        for e in record["events"]
        if e["type"] == "OUTAGE" and e["date"] and e["date"]["value"] == "2016-12-16"
    )


def test_ministry_claims_technical_reasons(seed_record):
    (claim,) = [
        c
        for c in claims_by(seed_record, "ministry of information")
        if "technical reasons" in c["text"]
    ]
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
        assert text[claim["start"] : claim["end"]] == claim["text"]
        sentence = claim["sentence"]
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]


def test_uncontested_reports_stay_uncontested(seed_record):
    (report,) = [c for c in claims_by(seed_record, "civil society activists")]
    assert report["stance"] == "assert" and not report["contested"]


def test_claim_dates_are_calendar_values(seed_record):
    # "promised to restore access soon": "soon" is FUTURE_REF, which dates no statement
    calendar = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
    ministry = claims_by(seed_record, "ministry of information")
    assert ministry and all(c["date"] is None for c in ministry)
    for claim in seed_record["claims"]:
        assert claim["date"] is None or calendar.match(claim["date"]), claim["date"]


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2016-12-16", "2016-12-16"),
        ("2016-12", "2016-12"),
        ("2011", "2011"),
        ("2021-10-04T15:40", "2021-10-04"),
        ("2019-11-16TNI", "2019-11-16"),
        ("FUTURE_REF", None),
        ("PAST_REF", None),
        ("PRESENT_REF", None),
        ("2021-W02", None),
        ("XXXX-01-25", None),
        ("P3D", None),
        (None, None),
    ],
)
def test_calendar_date_keeps_only_calendar_values(value, date):
    assert calendar_date(value) == date


def claims_in(nlp, text: str) -> list[tuple[str, str, str]]:
    doc = nlp(text)
    return [(c["claimant_text"], c["stance"], c["text"]) for c in doc._.claims]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an appositive name is the speaker, not the organization that owns the title
        (
            "Telegram's founder, Pavel Durov, said the app gained 70 million users.",
            ("Pavel Durov", "assert", "the app gained 70 million users"),
        ),
        # "engineers at X" speak for X
        (
            "Engineers at Cloudflare said Facebook had withdrawn its routes.",
            ("Cloudflare", "assert", "Facebook had withdrawn its routes"),
        ),
        # a that-clause in a phrase of the speech verb
        (
            "Amnesty International said in a report that at least 20 people had died.",
            ("Amnesty International", "assert", "at least 20 people had died"),
        ),
        # quote with the speaker after it
        (
            '"The shutdown is illegal," the lawyer said.',
            ("the lawyer", "assert", "The shutdown is illegal"),
        ),
        (
            "The minister was quoted as saying that the internet would return.",
            ("The minister", "assert", "the internet would return"),
        ),
        (
            "Police warned that protesters would be arrested.",
            ("police", "assert", "protesters would be arrested"),
        ),
        (
            "The minister promised an investigation.",
            ("The minister", "promise", "an investigation"),
        ),
        (
            "Lukashenko blamed the outage on foreign attacks, and Beltelecom pointed to "
            "cyberattacks.",
            ("Beltelecom", "blame", "cyberattacks"),
        ),
        (
            "Rights groups called the shutdown collective punishment.",
            ("rights groups", "assert", "the shutdown collective punishment"),
        ),
        (
            "The company said it had found no evidence of malicious activity.",
            ("The company", "deny", "it had found no evidence of malicious activity"),
        ),
    ],
)
def test_reported_speech_forms(nlp, text, expected):
    assert expected in claims_in(nlp, text)


def test_two_clauses_joined_by_and_that_are_two_claims(nlp):
    claims = claims_in(
        nlp,
        "Vodafone said all operators had been told to suspend services, and that the "
        "authorities had the right to issue such an order.",
    )
    assert [c[2] for c in claims] == [
        "all operators had been told to suspend services",
        "the authorities had the right to issue such an order",
    ]


def test_coordinated_speakers_each_make_the_claim(nlp):
    claims = claims_in(nlp, "Mehbooba Mufti and Omar Abdullah said they had been detained.")
    assert {c[0] for c in claims} == {"Mehbooba Mufti", "Omar Abdullah"}


@pytest.mark.parametrize(
    "text",
    [
        "The government announced that fuel prices would more than double.",
        "The regulator told operators to switch off the internet.",
        "The Supreme Court confirmed the move.",
        "Guaidó declared himself interim president.",
        "The story of the banker tells how the money was lost.",
        "No warning page appeared to say the sites had been blocked.",
        "A ruling that found the ban unconstitutional was published on Monday.",
    ],
)
def test_decisions_orders_and_non_speakers_make_no_claim(nlp, text):
    assert claims_in(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("The Interior Ministry's statement said the blocks were temporary.", "Interior Ministry"),
        ("A report by Amnesty International said 20 people had died.", "Amnesty International"),
        (
            "Amnesty International, a rights group, said the shutdown was illegal.",
            "Amnesty International",
        ),
    ],
)
def test_a_document_or_a_description_speaks_for_the_entity_it_names(nlp, text, claimant):
    assert [c[0] for c in claims_in(nlp, text)] == [claimant]


def test_an_unnamed_document_is_no_claimant(nlp):
    assert claims_in(nlp, "The report said the outage lasted a day.") == []


def test_customers_of_a_company_are_not_the_company(nlp):
    claims = claims_in(nlp, "Customers of MTN Ghana reported that mobile data barely worked.")
    assert [c[0].lower() for c in claims] == ["customers"]
