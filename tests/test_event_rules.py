"""The syntactic rules of event extraction, one by one, on real parses."""

from __future__ import annotations

import pytest

from ingest.components.event_rules import is_realis, relation, tree_distance


def token(nlp, text, word):
    doc = nlp(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize("text,word,realis", [
    ("The authorities blocked Facebook on Friday.", "blocked", True),
    ("The ministry promised to restore access soon.", "restore", False),
    ("The government did not block Twitter.", "block", False),
    ("The government occasionally blocks social media websites.", "blocks", False),
    ("The regulator will block the site next week.", "block", False),
    ("Officials ordered providers to block Facebook.", "block", True),
    ("The protest passed without a new shutdown.", "shutdown", False),
    ("NetBlocks has recorded similar blocks since January.", "blocks", False),
    ("Lukashenko blamed the disruption on attacks from abroad.", "attacks", False),
])
def test_realis(nlp, text, word, realis):
    etype = "OUTAGE" if word != "attacks" else "VIOLENCE"
    assert is_realis(token(nlp, text, word), etype) is realis


def test_agent_and_patient(nlp):
    doc = nlp("Police arrested the opposition leader in Minsk.")
    arrested = next(t for t in doc if t.text == "arrested")
    police = next(t for t in doc if t.text == "Police")
    leader = next(t for t in doc if t.text == "leader")
    assert relation(police, [arrested]) == "agent"
    assert relation(leader, [arrested]) == "patient"
    assert tree_distance(police, arrested) == 1


# -- whole-extractor rules, on made-up sentences ---------------------------------------

def events(nlp, text, published="2023-06-05"):
    from ingest.pipeline import extract
    from ingest.records import Article

    return extract(Article(text=text, published=published), nlp)["events"]


def kinds(evs):
    return sorted((e["type"], (e["date"] or {}).get("value"), e["country"]) for e in evs)


@pytest.mark.parametrize("text,etype", [
    # phrases outside the old lexicon
    ("Government buildings in Fredville, Ghana, were set on fire on Monday.", "VIOLENCE"),
    ("The regulator told operators in Ghana to switch off the internet on Monday.", "OUTAGE"),
    ("The singer walked out of a Ghanaian prison on Monday after his sentence ended.", "RELEASE"),
    # a head word with an argument (taxonomy `with_arguments`)
    ("Drivers in Ghana blocked roads on Monday.", "PROTEST"),
    ("Demonstrators in Accra clashed with police on Monday.", "PROTEST"),
    ("Soldiers surrounded the opposition leader's home in Accra on Monday.", "ARREST"),
    ("Ghana's parliament approved the new media bill on Monday.", "POLICY"),
    ("The government of Ghana announced on Monday that fuel prices would double.", "POLICY"),
    ("A failed military uprising shook Ghana on Monday.", "COUP"),
    ("Prosecutors in Ghana brought a case against the editor on Monday.", "LEGAL_ACTION"),
    ("The electoral commission of Ghana declared Mahama the winner on Monday.", "ELECTION"),
    ("Connectivity in Ghana dropped to 20 percent of normal levels on Monday.", "OUTAGE"),
])
def test_new_triggers(nlp, text, etype):
    assert etype in {e["type"] for e in events(nlp, text)}


def test_head_with_argument_wins_over_plain_lemma(nlp):
    # "blocked roads" is a protest, not an outage; "restrictions on movement" a policy
    types = {e["type"] for e in events(nlp, "Drivers in Ghana blocked roads on Monday.")}
    assert "OUTAGE" not in types
    types = {e["type"] for e in events(
        nlp, "Restrictions on movement were imposed across Ghana's internet-connected north.")}
    assert "POLICY" in types and "OUTAGE" not in types


def test_phrase_wins_over_plain_lemma(nlp):
    evs = events(nlp, "Their phone lines in Ghana went dead on Monday night.")
    assert {e["type"] for e in evs} == {"OUTAGE"}


def test_same_sentence_different_dates_are_two_events(nlp):
    evs = events(nlp, "Police arrested Mensah in Accra on 29 May. On Thursday, the Supreme "
                      "Court of Ghana declared the arrest illegal, and on Friday the High Court "
                      "granted Mensah bail.")
    legal = [e for e in evs if e["type"] == "LEGAL_ACTION"]
    assert sorted(e["date"]["value"] for e in legal) == ["2023-06-01", "2023-06-02"]
    assert [e["date"]["value"] for e in evs if e["type"] == "RELEASE"] == ["2023-06-02"]
    # "the arrest" is the ruling's theme: the arrest of 29 May, not a new one
    assert [e["date"]["value"] for e in evs if e["type"] == "ARREST"] == ["2023-05-29"]


def test_platform_block_and_network_cut_are_two_events(nlp):
    evs = events(nlp, "On Tuesday, access to WhatsApp and Facebook in Ghana was cut first, "
                      "and the whole internet was switched off later that day.")
    assert len([e for e in evs if e["type"] == "OUTAGE"]) == 2


def test_date_of_a_coordinated_clause_is_its_own(nlp):
    text = ("On Friday the government of Ghana raised fuel prices. Within hours, drivers "
            "blocked roads in Accra, and by Saturday the protests had spread to Kumasi.")
    dates = sorted(e["date"]["value"] for e in events(nlp, text) if e["type"] == "PROTEST")
    assert dates == ["2023-06-02", "2023-06-03"]


def test_marked_as_new_event_is_not_merged(nlp):
    text = ("President Akufo-Addo addressed Ghana on state television on Monday. Later that "
            "day, in a second televised address, he announced new measures.")
    assert len([e for e in events(nlp, text) if e["type"] == "BROADCAST"]) == 2
    text = "Service in Ghana returned on Monday and was cut again before the hearing."
    assert {e["type"] for e in events(nlp, text)} == {"RESTORATION", "OUTAGE"}


def test_lede_reference_joins_the_event_told_later(nlp):
    text = ("Internet access came back in Ghana on Monday after a nationwide shutdown.\n\n"
            "The shutdown began on 1 June, when the regulator ordered operators to cut "
            "mobile data.")
    outages = [e for e in events(nlp, text) if e["type"] == "OUTAGE"]
    assert [e["date"]["value"] for e in outages] == ["2023-06-01"]


def test_background_and_evaluative_mentions_are_no_new_events(nlp):
    text = ("Ghana's internet collapsed on Saturday. By Sunday, in what experts called the "
            "most severe shutdown in years, mobile data remained unavailable.")
    assert len([e for e in events(nlp, text) if e["type"] == "OUTAGE"]) == 1
    text = ("The unrest in Ghana followed a televised address late on Saturday 3 June.\n\n"
            "Protests broke out in Accra on Monday.")
    assert [e["date"]["value"] for e in events(nlp, text) if e["type"] == "PROTEST"] == [
        "2023-06-05"]


def test_irrealis_forms(nlp):
    # a mandative subjunctive, an event timed by a modal clause, a generic activity
    assert "RESTORATION" not in {
        e["type"] for e in events(nlp, "The court in Accra ordered that full access be restored.")}
    for text in ("Ghana's encyclopedia would be reopened as soon as the court published "
                 "its decision.",
                 "Cutting off social networks is a tool the authorities of Ghana have used."):
        assert not events(nlp, text), text
    assert not [e for e in events(nlp, "Under Ghanaian law the authorities may close sites.")
                if e["type"] == "POLICY"]


def test_future_dated_event_is_not_an_event(nlp):
    evs = events(nlp, "The ruling could bar him from next year's presidential election in Ghana.")
    assert "ELECTION" not in {e["type"] for e in evs}


def test_weekday_in_undated_article_follows_the_story(nlp):
    text = ("Ghana lost the internet on 28 January 2011. On Friday, thousands marched in "
            "Accra. The last internet provider went dark on Monday.")
    found = kinds(events(nlp, text, published=None))
    assert ("PROTEST", "2011-01-28", "Ghana") in found
    assert ("OUTAGE", "2011-01-31", "Ghana") in found


def test_places_of_other_clauses_are_not_the_events(nlp):
    evs = events(nlp, "On Tuesday, Mensah said in a video from Accra that she had left "
                      "for Togo.", published="2023-06-05")
    assert [e["country"] for e in evs if e["type"] == "BROADCAST"] == ["Ghana"]
    evs = events(nlp, "Russia accuses the banker of embezzlement, and prosecutors in Ghana "
                      "and Togo have brought their own cases against him.")
    assert sorted(e["country"] for e in evs if e["type"] == "LEGAL_ACTION") == [
        "Ghana", "Russia", "Togo"]


def test_listed_countries_named_by_several_words(nlp):
    evs = events(nlp, "Côte d'Ivoire and Burkina Faso saw major internet disruption on "
                      "Monday.")
    assert {e["country"] for e in evs if e["type"] == "OUTAGE"} == {"Côte d'Ivoire",
                                                                   "Burkina Faso"}


def test_a_restoration_does_not_negate_an_outage_in_its_subordinate_clause(nlp):
    evs = events(nlp, "Mobile internet in Ghana was restored on Tuesday, ten days after the "
                      "government cut it.")
    assert {e["type"] for e in evs} == {"RESTORATION", "OUTAGE"}
    # but "lifted the ban" is no outage
    evs = events(nlp, "The regulator in Ghana lifted the ban on Facebook on Tuesday.")
    assert {e["type"] for e in evs} == {"RESTORATION"}
