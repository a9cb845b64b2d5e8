"""Narrative time: dates that point back at the story's own timeline.

"That night", "the same day", "the following evening", "two days later": news writing
dates events relative to the last date the story told, not to the day it was published.
TimeML calls these *anaphoric* temporal expressions; their anchor is the reference time
of the discourse (Reichenbach 1947; Pustejovsky et al. 2003, ``anchorTimeID``). This
module resolves them against the most recent explicit day-level date before them.

It also gives dates written without a year ("25 January") the TIMEX3 value with an
unknown year (``XXXX-01-25``) when the article has no publication date, rather than no
value at all.

References
----------
.. [1] H. Reichenbach, *Elements of Symbolic Logic*, 1947 (reference time).
.. [2] J. Pustejovsky et al., "TimeML: Robust Specification of Event and Temporal
   Expressions in Text", IWCS-5, 2003.
"""

from __future__ import annotations

import datetime as _dt
import re

from ingest.timex import Timex, normalize

NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10}
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_N = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)"
_PART = r"(?P<part>morning|afternoon|evening|night)"

# (pattern, day offset or None to read it from the match, sign)
ANAPHORA: list[tuple[re.Pattern, int | None, int]] = [
    (re.compile(rf"^(?:later )?(?:that|the same|that same) (?:day|{_PART})$", re.I), 0, 1),
    (re.compile(r"^(?:the|that) day$", re.I), 0, 1),
    (re.compile(rf"^(?:the )?(?:following|next) (?:day|{_PART})$", re.I), 1, 1),
    (re.compile(r"^the day after$", re.I), 1, 1),
    (re.compile(rf"^(?:the )?(?:day|{_PART}) before$", re.I), 1, -1),
    (re.compile(rf"^the previous (?:day|{_PART})$", re.I), 1, -1),
    (re.compile(rf"^{_N} days? (?:later|after)(?:wards)?$", re.I), None, 1),
    (re.compile(rf"^{_N} days? (?:earlier|before)$", re.I), None, -1),
]
WEEK_ANAPHORA = [
    (re.compile(r"^(?:that|the same) week$", re.I), 0),
    (re.compile(r"^(?:the )?(?:following|next) week$|^a week later$", re.I), 7),
    (re.compile(r"^(?:the )?(?:previous|preceding) week$|^a week (?:earlier|before)$", re.I), -7),
]
MONTH_WORDS = re.compile(
    r"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|"
    r"oct(ober)?|nov(ember)?|dec(ember)?)\b", re.I)
YEAR = re.compile(r"\b\d{4}\b")
LEADING = re.compile(r"^(?:on|in|at|by|from|since|until|during|early|late)\s+", re.I)


# Anaphoric phrases the model does not tag as dates, found in the text itself.
_NW = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)"
ANAPHORIC_TEXT = re.compile(
    r"\b(?:later )?(?:that|the same|that same) (?:day|night|morning|afternoon|evening)\b"
    r"|\b(?:the )?(?:following|next) (?:day|night|morning|afternoon|evening)\b"
    # "the day before" / "four days before" only at the end of a phrase: "the day before
    # the vote" is relative to the vote, not to the story's last date
    r"|\b(?:the )?(?:day|night|morning|afternoon|evening) (?:before|after)(?=\s*[,.;:)]|$)"
    r"|\bthe previous (?:day|night|morning|afternoon|evening)\b"
    rf"|\b{_NW} days? (?:later|earlier)\b"
    rf"|\b{_NW} days? (?:after|before)(?=\s*[,.;:)]|$)",
    re.I,
)
CLOCK = re.compile(r"^(?:at |around |about |by )?\d{1,2}[:.]\d{2}(?:\s*(?:a\.?m\.?|p\.?m\.?))?"
                   r"(?:\s*(?:UTC|GMT|local time))?$", re.I)


def anaphoric_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of anaphoric date phrases in a text.

    >>> anaphoric_spans("They were detained the following day, and released two days later.")
    [(19, 36), (51, 65)]
    >>> anaphoric_spans("Five days after the authorities cut the connection")
    []
    """
    return [(m.start(), m.end()) for m in ANAPHORIC_TEXT.finditer(text)]


def _reference(timex: Timex) -> _dt.date | None:
    """The day a resolved DATE or TIME value names, if it names one."""
    if timex is None or not timex.value or timex.type not in ("DATE", "TIME"):
        return None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", timex.value)
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def resolve_anaphoric(text: str, reference: _dt.date) -> Timex | None:
    """Resolve an anaphoric expression against the story's reference day.

    >>> resolve_anaphoric("that night", _dt.date(2021, 1, 12))
    Timex(type='TIME', value='2021-01-12TNI', granularity='part_of_day', mod=None)
    >>> resolve_anaphoric("two days later", _dt.date(2021, 1, 12)).value
    '2021-01-14'
    >>> resolve_anaphoric("last week", _dt.date(2021, 1, 12)) is None
    True
    """
    phrase = LEADING.sub("", " ".join(text.split())).strip()
    for pattern, offset, sign in ANAPHORA:
        m = pattern.match(phrase)
        if not m:
            continue
        n = offset if offset is not None else _count(m.group("n"))
        day = reference + _dt.timedelta(days=sign * n)
        part = m.groupdict().get("part")
        if part:
            return Timex("TIME", f"{day.isoformat()}T{PARTS[part.lower()]}", "part_of_day")
        return Timex("DATE", day.isoformat(), "day")
    for pattern, offset in WEEK_ANAPHORA:
        if pattern.match(phrase):
            year, week, _ = (reference + _dt.timedelta(days=offset)).isocalendar()
            return Timex("DATE", f"{year}-W{week:02d}", "week")
    return None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word.lower()]


def yearless(text: str) -> Timex | None:
    """A date with a month and no year, as TIMEX3 with the year unknown (``XXXX-01-25``).

    >>> yearless("25 January").value
    'XXXX-01-25'
    >>> yearless("in May").value
    'XXXX-05'
    >>> yearless("Friday") is None
    True
    """
    if not MONTH_WORDS.search(text) or YEAR.search(text):
        return None
    probe = normalize(text, _dt.date(2000, 7, 1), tense="present")
    if probe is None or probe.type != "DATE" or not probe.value or probe.granularity not in (
        "day", "month"
    ):
        return None
    return Timex("DATE", "XXXX" + probe.value[4:], probe.granularity, probe.mod)


def apply_narrative_time(items: list, anchor: _dt.date | None) -> list:
    """Re-anchor anaphoric expressions on the story's timeline, in document order.

    ``items`` are ``(start, end, label, Timex, text)`` tuples sorted by position; the
    result has the same shape. The reference day is the last explicit day-level date
    (or a date resolved from one); anaphoric expressions before any such date keep the
    value the normalizer gave them.
    """
    out = []
    reference: _dt.date | None = None
    for start, end, label, timex, text in items:
        resolved = resolve_anaphoric(text, reference) if reference is not None else None
        if resolved is None and reference is not None and timex is not None and \
                timex.type == "TIME" and timex.value and CLOCK.match(text.strip()):
            # a bare clock time ("15:40 UTC") is on the story's current day
            resolved = Timex("TIME", reference.isoformat() + timex.value[10:], timex.granularity)
        if resolved is not None:
            timex = resolved
        elif anchor is None and (timex is None or timex.value is None):
            timex = yearless(text) or timex
        day = _reference(timex)
        if day is not None and timex.granularity in ("day", "part_of_day", "minute", "hour"):
            reference = day
        out.append((start, end, label, timex, text))
    return out
