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
    (re.compile(rf"^(?:later |earlier )?(?:that|the same|that same) (?:day|{_PART})$", re.I),
     0, 1),
    (re.compile(r"^that day$", re.I), 0, 1),
    (re.compile(rf"^(?:the )?(?:following|next) (?:day|{_PART})$", re.I), 1, 1),
    (re.compile(r"^the day after$", re.I), 1, 1),
    (re.compile(rf"^(?:the )?(?:day|{_PART}) before$", re.I), 1, -1),
    (re.compile(rf"^the previous (?:day|{_PART})$", re.I), 1, -1),
    (re.compile(rf"^{_N} days? (?:later|after)(?:wards)?$", re.I), None, 1),
    (re.compile(rf"^{_N} days? (?:earlier|before)$", re.I), None, -1),
]
# (pattern, weeks or None to read them from the match, sign)
WEEK_ANAPHORA: list[tuple[re.Pattern, int | None, int]] = [
    (re.compile(r"^(?:that|the same) week$", re.I), 0, 1),
    (re.compile(r"^(?:the )?(?:following|next) week$", re.I), 1, 1),
    (re.compile(r"^(?:the )?(?:previous|preceding) week$", re.I), 1, -1),
    (re.compile(rf"^{_N} weeks? (?:later|after(?:wards)?)$", re.I), None, 1),
    (re.compile(rf"^{_N} weeks? (?:earlier|before)$", re.I), None, -1),
]
WEEKEND_ANAPHORA = re.compile(
    r"^(?:that|the same|(?:the )?(?P<rel>following|next|previous|preceding)) weekend$", re.I)
DAY_OF_MONTH = re.compile(r"^the (\d{1,2})(?:st|nd|rd|th)$", re.I)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# "the following Monday": the first Monday after the story's day
WEEKDAY_ANAPHORA = re.compile(
    r"^the (?P<rel>following|next|previous|preceding) (?P<wd>" + "|".join(_WEEKDAYS) + r")$",
    re.I)
# Years and months told relative to the story's current year or month: "the following
# year", "two months later", "compared with the same period last year".
# (pattern, unit or None for the unit of the reference, offset or None to read it, sign)
_YM = r"(?P<unit>year|month)"
PERIOD_ANAPHORA: list[tuple[re.Pattern, int | None, int]] = [
    (re.compile(rf"^(?:earlier |later )?(?:in )?(?:that|the same|that same) {_YM}$", re.I), 0, 1),
    (re.compile(rf"^(?:the )?(?:previous|preceding|prior) {_YM}$", re.I), 1, -1),
    (re.compile(rf"^the {_YM} (?:before|previous|earlier|prior)$", re.I), 1, -1),
    (re.compile(rf"^{_N} {_YM}s? (?:earlier|before)$", re.I), None, -1),
    (re.compile(rf"^(?:the )?following {_YM}$", re.I), 1, 1),
    (re.compile(rf"^the {_YM} after$", re.I), 1, 1),
    (re.compile(rf"^{_N} {_YM}s? later$", re.I), None, 1),
]
SAME_PERIOD = re.compile(
    r"^the same (?P<unit>month|quarter|period|time)(?: of)? (?:last year|the (?:previous|prior)"
    r" year|(?:a|one) year (?:ago|earlier|before))$", re.I)
MONTH_WORDS = re.compile(
    r"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|"
    r"oct(ober)?|nov(ember)?|dec(ember)?)\b", re.I)
YEAR = re.compile(r"\b\d{4}\b")
LEADING = re.compile(r"^(?:on|in|at|by|from|since|until|during|early|late)\s+", re.I)


# Anaphoric phrases the model does not tag as dates, found in the text itself.
_NW = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)"
ANAPHORIC_TEXT = re.compile(
    # the lookahead on the first letters of every branch makes the scan 2.5 times faster
    r"\b(?=[\dadefilmnost])(?:"
    r"\b(?:later |earlier )?(?:that|the same|that same) (?:day|night|morning|afternoon|evening)\b"
    r"|\b(?:the )?(?:following|next) (?:day|night|morning|afternoon|evening)\b"
    # "the day before" / "four days before" only at the end of a phrase: "the day before
    # the vote" is relative to the vote, not to the story's last date
    # ("the day before to remove ..." too: an infinitive does not start the anchor phrase)
    r"|\b(?:the )?(?:day|night|morning|afternoon|evening) (?:before|after)"
    r"(?=\s*[,.;:)]|$|\s+(?:to|and|but|or)\s)"
    r"|\bthe previous (?:day|night|morning|afternoon|evening)\b"
    rf"|\b{_NW} days? (?:later|earlier)\b"
    rf"|\b{_NW} days? (?:after|before)(?=\s*[,.;:)]|$|\s+(?:to|and|but|or)\s)"
    r"|\bthe (?:following|next|previous|preceding) (?:Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday)\b"
    # years and months on the story's timeline (resolved only in dated articles)
    r"|\bthe same (?:month|quarter|period|time) (?:of )?(?:last year|the (?:previous|prior) "
    r"year|(?:a|one) year (?:ago|earlier|before))\b"
    r"|\b(?:later |earlier )?(?:that|that same) (?:year|month)\b"
    r"|\bthe (?:previous|preceding|prior|following) (?:year|month)\b"
    r"|\bthe (?:year|month) (?:before|previous|earlier|prior|after)"
    r"(?=\s*[,.;:)]|$|\s+(?:to|and|but|or)\s)"
    rf"|\b{_NW} (?:years?|months?) (?:later|earlier)\b"
    r"|\b(?:that|the same|the following|the previous) weekend\b)",
    re.I,
)
# "election day": the day of a vote the article dates elsewhere (see dates.py)
EVENT_DAY = re.compile(r"^(?:(?:election|polling|voting|referendum) day|the day of the "
                       r"(?:vote|election|poll|referendum))$", re.I)
EVENT_DAY_TEXT = re.compile(r"\b(?:election|polling|voting|referendum) day\b|\bthe day of "
                            r"the (?:vote|election|poll|referendum)\b", re.I)
# "on the 18th": a day of the story's month (the group), after a preposition and before
# the end of the phrase ("the 18th century", "the 18th time" are no dates)
DAY_OF_MONTH_TEXT = re.compile(
    r"\b(?:on|by|until|till|since|from|before|after) (the \d{1,2}(?:st|nd|rd|th))"
    r"(?=\s*(?:[,.;:)]|$|and\b|or\b))", re.I)
TOPIC_DAY = re.compile(r"^(?:on |during )?the day$", re.I)
BARE_PART = re.compile(
    r"^(?:in |during )?(?:the )?(?:early |late )?(?:morning|afternoon|evening)$", re.I)
_AMPM = r"(?:a\.?m\.?|p\.?m\.?)"
CLOCK = re.compile(rf"^(?:at |around |about |by |until )?(?:\d{{1,2}}[:.]\d{{2}}(?:\s*{_AMPM})?"
                   rf"|\d{{1,2}}\s*{_AMPM}|[0-2]\d[0-5]\d(?=\s*(?:UTC|GMT|hours|hrs))"
                   r"|noon|midday|midnight)"
                   r"(?:\s*(?:UTC|GMT|local time|hours|hrs))?$", re.I)


def anaphoric_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of anaphoric date phrases in a text.

    >>> anaphoric_spans("They were detained the following day, and released two days later.")
    [(19, 36), (51, 65)]
    >>> anaphoric_spans("Five days after the authorities cut the connection")
    []
    >>> anaphoric_spans("It ended on the 18th, after the 18th round of talks.")
    [(12, 20)]
    """
    spans = [(m.start(), m.end()) for m in ANAPHORIC_TEXT.finditer(text)]
    if "day" in text:
        spans += [m.span() for m in EVENT_DAY_TEXT.finditer(text)]
        spans.sort()
    if "th" in text or "st" in text or "nd" in text or "rd" in text:
        spans += [m.span(1) for m in DAY_OF_MONTH_TEXT.finditer(text)]
        spans.sort()
    return spans


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
    >>> resolve_anaphoric("the following Monday", _dt.date(2021, 1, 12)).value
    '2021-01-18'
    >>> resolve_anaphoric("two weeks later", _dt.date(2021, 1, 12)).value
    '2021-W04'
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
    for pattern, offset, sign in WEEK_ANAPHORA:
        m = pattern.match(phrase)
        if m:
            n = offset if offset is not None else _count(m.group("n"))
            year, week, _ = (reference + _dt.timedelta(weeks=sign * n)).isocalendar()
            return Timex("DATE", f"{year}-W{week:02d}", "week")
    m = WEEKEND_ANAPHORA.match(phrase)
    if m:
        rel = (m.group("rel") or "that").lower()
        weekend = reference.weekday() >= 5
        weeks = {"following": 0 if not weekend else 1, "next": 0 if not weekend else 1,
                 "previous": -1, "preceding": -1}.get(rel, 0)  # fmt: skip
        year, week, _ = (reference + _dt.timedelta(weeks=weeks)).isocalendar()
        return Timex("DATE", f"{year}-W{week:02d}-WE", "week")
    m = DAY_OF_MONTH.match(phrase)
    if m:
        # "the 18th": that day of the story's month (the next month when it would lie
        # more than a week before the story's day)
        day = _safe_day(reference.year, reference.month, int(m.group(1)))
        if day is not None and day < reference - _dt.timedelta(days=7):
            y, mo = divmod(reference.year * 12 + reference.month, 12)
            day = _safe_day(y, mo + 1, int(m.group(1)))
        return Timex("DATE", day.isoformat(), "day") if day else None
    m = WEEKDAY_ANAPHORA.match(phrase)
    if m:
        wd = _WEEKDAYS.index(m.group("wd").lower())
        if m.group("rel").lower() in ("following", "next"):
            day = reference + _dt.timedelta(days=(wd - reference.weekday() - 1) % 7 + 1)
        else:
            day = reference - _dt.timedelta(days=(reference.weekday() - wd - 1) % 7 + 1)
        return Timex("DATE", day.isoformat(), "day")
    return None


_PERIOD_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4]))?(?:T.*)?$")


def _period(timex: Timex | None) -> str | None:
    """The calendar period (``YYYY``, ``YYYY-MM``, ``YYYY-Qn``, ``YYYY-MM-DD``) a resolved
    DATE or TIME value names, if it names one."""
    if timex is None or not timex.value or timex.type not in ("DATE", "TIME"):
        return None
    m = _PERIOD_VALUE.match(timex.value)
    return timex.value.split("T")[0] if m else None


def resolve_period(text: str, period: str) -> Timex | None:
    """Resolve a year or month told relative to the story's current period.

    >>> resolve_period("the following year", "2015-06-02").value
    '2016'
    >>> resolve_period("two months later", "2015-12").value
    '2016-02'
    >>> resolve_period("the same month a year ago", "2009-01").value
    '2008-01'
    >>> resolve_period("the same period last year", "2009-Q3").value
    '2008-Q3'
    >>> resolve_period("the previous month", "2015") is None
    True
    """
    phrase = LEADING.sub("", " ".join(text.split())).strip()
    m = _PERIOD_VALUE.match(period)
    if not m:
        return None
    year, month, quarter = int(m.group(1)), m.group(2), m.group(4)
    same = SAME_PERIOD.match(phrase)
    if same:
        unit = same.group("unit").lower()
        if unit == "month":
            return Timex("DATE", f"{year - 1}-{month}", "month") if month else None
        if unit == "quarter":
            q = quarter or (str((int(month) - 1) // 3 + 1) if month else None)
            return Timex("DATE", f"{year - 1}-Q{q}", "quarter") if q else None
        value = f"{year - 1}{period[4:]}"  # "the same period": the period told, a year back
        gran = "quarter" if quarter else {4: "year", 7: "month", 10: "day"}[len(period)]
        return Timex("DATE", value, gran)
    for pattern, offset, sign in PERIOD_ANAPHORA:
        pm = pattern.match(phrase)
        if not pm:
            continue
        n = offset if offset is not None else _count(pm.group("n"))
        if pm.group("unit").lower() == "year":
            return Timex("DATE", f"{year + sign * n:04d}", "year")
        if not month:
            return None
        idx = year * 12 + int(month) - 1 + sign * n
        return Timex("DATE", f"{idx // 12:04d}-{idx % 12 + 1:02d}", "month")
    return None


def _safe_day(year: int, month: int, day: int) -> _dt.date | None:
    try:
        return _dt.date(year, month, day)
    except ValueError:
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


def apply_narrative_time(
    items: list,
    anchor: _dt.date | None,
    paragraphs: list[int] | None = None,
    apposition: list[bool] | None = None,
) -> list:
    """Re-anchor anaphoric expressions on the story's timeline, in document order.

    ``items`` are ``(start, end, label, Timex, text)`` tuples sorted by position; the
    result has the same shape. Two reference days are kept:

    * anaphoric expressions ("that night", "the following day", "two days later") refer
      to the last explicit day-level date told (or a date resolved from one), across
      paragraphs; before any such date they keep the value the normalizer gave them;
    * underspecified times, a bare clock time ("15:40 UTC"), a bare part of day ("in
      morning trading") and "the day", are on the day the current paragraph is about:
      the last day it told, or, in a paragraph that has told none yet, the last day told
      before it, unless that was a flashback (a day before the story's main day, its
      first day-level date, normally the lead's): then the main day. So "The
      restrictions began at 12:52" after a paragraph that ended on the eve ("arrested
      him on Wednesday night") is on the day of the lead.

    ``paragraphs`` (optional) gives the paragraph number of each item; without it the
    whole text is one paragraph. ``apposition`` (optional) flags the items followed by a
    date in apposition ("The following evening, on 13 January"): an anaphoric expression
    so flagged takes the apposed date (see :func:`apposed`).
    """
    out = []
    reference: _dt.date | None = None  # the last day told
    main: _dt.date | None = None  # the first day told
    local: _dt.date | None = None  # the last day told in this paragraph
    period: str | None = None  # the last calendar period told ("2009", "2010-02", ...)
    paragraph = None
    for i, (start, end, label, timex, text) in enumerate(items):
        if paragraphs is not None and paragraphs[i] != paragraph:
            paragraph, local = paragraphs[i], None
        phrase = text.strip()
        topic = local or reference
        if local is None and reference is not None and main is not None and reference < main:
            topic = main  # the last paragraph ended in a flashback: back to the main day
        resolved = None
        if apposition is not None and apposition[i] and i + 1 < len(items):
            resolved = apposed(text, items[i + 1][3])
        if resolved is None and topic is not None and TOPIC_DAY.match(phrase):
            resolved = Timex("DATE", topic.isoformat(), "day")
        elif resolved is None and reference is not None:
            resolved = resolve_anaphoric(text, reference)
        if resolved is None and anchor is not None and period is not None:
            # years and months: in dated articles only (without a publication date a
            # relative expression keeps no value, docs/contract.md)
            resolved = resolve_period(text, period)
        if resolved is None and topic is not None and timex is not None and \
                timex.type == "TIME" and timex.value:
            if CLOCK.match(phrase) or BARE_PART.match(phrase):
                # a bare clock time ("15:40 UTC") or part of day ("in the evening") is on
                # the day the paragraph is about
                resolved = Timex("TIME", topic.isoformat() + timex.value[10:],
                                 timex.granularity, timex.mod)
        if resolved is not None:
            timex = resolved
        elif anchor is None and (timex is None or timex.value is None):
            timex = yearless(text) or timex
        period = _period(timex) or period
        day = _reference(timex)
        if day is not None and timex.granularity in ("day", "part_of_day", "minute", "hour"):
            reference = local = day
            if main is None:
                main = day
        out.append((start, end, label, timex, text))
    return out


def apposed(text: str, date: Timex | None) -> Timex | None:
    """The value of an anaphoric expression followed by an explicit date in apposition:
    "The following evening, on 13 January" is the evening of 13 January, whatever the
    story's timeline says. None when ``date`` is not an explicit day or ``text`` is not
    anaphoric.

    >>> apposed("The following evening", Timex("DATE", "2021-01-13", "day")).value
    '2021-01-13TEV'
    >>> apposed("last week", Timex("DATE", "2021-01-13", "day")) is None
    True
    """
    day = _reference(date)
    if day is None or date.granularity != "day":
        return None
    probe = resolve_anaphoric(text, day)
    if probe is None or probe.granularity not in ("day", "part_of_day"):
        return None
    if probe.type == "TIME":  # keep the part of day: "evening" of the apposed date
        return Timex("TIME", day.isoformat() + probe.value[10:], probe.granularity)
    return Timex("DATE", day.isoformat(), "day")
