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
