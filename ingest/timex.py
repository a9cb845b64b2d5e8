"""Normalize temporal expressions to TimeML TIMEX3 values, relative to an anchor date.

This module is pure Python (no spaCy). :func:`normalize` turns the text of a temporal
expression (``"last week"``, ``"Tuesday"``, ``"Dec. 9"``, ``"three days"``) into a
:class:`Timex`: its TIMEX3 ``type`` (``DATE``, ``TIME``, ``DURATION``, ``SET``), its
``value``, a ``granularity`` and an optional TimeML ``mod``. Relative expressions are
resolved against an *anchor*, normally the article's publication date (the document
creation time, DCT, of TimeML).

Value conventions follow TIMEX3 (Pustejovsky et al. 2003, "TimeML: Robust
Specification of Event and Temporal Expressions in Text"; ISO 24617-1:2012,
ISO-TimeML) as used in TempEval-3 (UzZaman et al. 2013, "SemEval-2013 Task 1:
TempEval-3"):

========================  ==================================================
DATE                      ``2016-12-09``, ``2016-12``, ``2016``, ``2016-W49``,
                          ``2016-W49-WE`` (weekend), ``199`` (the 1990s), ``19``
                          (the 20th century), ``2016-SU`` (season), ``2016-Q1``,
                          ``2016-H2``, ``FY2016``, ``PRESENT_REF``, ``PAST_REF``,
                          ``FUTURE_REF``
TIME                      ``2016-12-16T14:30``, ``2016-12-16T08:00Z`` (UTC),
                          ``2016-12-16TNI`` / ``TMO`` / ``TAF`` / ``TEV``
DURATION                  ``P3D``, ``P1M``, ``P2W``, ``P2Y``, ``PT2H``, ``PT30M``,
                          ``PXD`` ("days"), ``PTXH`` ("hours"), ``P7DE`` ("seven
                          decades"), ``PXDE`` ("decades"), ``P2CE`` (centuries),
                          ``P2Q`` (quarters), ``P1WE`` (weekend); a fractional amount
                          in the next smaller unit when that makes it whole (``P30M``
                          "two and a half years", ``PT36H`` "a day and a half")
SET                       ``P1W`` ("every week", "weekly"), ``P1Y`` ("annual"),
                          ``P1D`` ("nightly"), ``P1M`` ("60 litres a month"),
                          ``XXXX-WXX-5`` ("every Friday"), ``TMO`` ("every morning")
========================  ==================================================

Decisions (documented so that callers can rely on them):

* **Bare weekday.** With ``tense="past"`` a bare weekday is the most recent such day
  *on or before* the anchor, so "on Sunday" in a past-tense sentence of an article
  published on a Sunday is that same Sunday; with ``tense="future"`` it is the next
  such day on or after the anchor; with ``tense="present"`` the nearest one (ties go
  to the past). "last Friday" is strictly before the anchor, "next Friday" strictly
  after it, "this Friday" is in the anchor's ISO week, and "Tuesday last week" is the
  Tuesday of the previous ISO week.
* **Early / late.** "early on Friday" is a DATE (day) with ``mod="START"``; only an
  explicit part of day ("Friday morning", "Sunday night", "tonight") gives a TIME with
  ``TMO``/``TAF``/``TEV``/``TNI``.
* **Month or day without a year.** "in May" is the most recent May on or before the
  anchor's month in the past tense, the next May on or after it in the future tense.
  "December 9" takes the anchor's year, unless in the past tense that date would lie
  more than :data:`GRACE_DAYS` after the anchor (then the previous year), or in the
  future tense more than :data:`GRACE_DAYS` before it (then the next year).
* **Anaphora.** "two days later", "the previous year", "a year earlier" are resolved
  against the anchor, not against the event they really refer to (the normalizer
  does not see the discourse; the spaCy component re-anchors them on the story's own
  timeline, see :mod:`ingest.components.narrative`). "the day", "the week", "the year"
  mean the anchor's own day, week and year (true in most news, where "shares fell 3%
  on the day" means the publication day).
* **"X ago".** Days and weeks ago give a day ("a week ago" is the date seven days
  before), months ago a month, years ago a year.
* **"The past N units"** is a DURATION (``P2W``); "the past" alone is ``PAST_REF``.
* **No anchor.** Absolute expressions ("9 December 2016", "2011", "the 1990s",
  durations, sets, ``PRESENT_REF``…) are resolved without an anchor; relative ones
  keep their type and granularity but get ``value=None``.
* **Not dates.** Ages ("25-year-old"), anniversaries ("the 25th anniversary"), bare
  numbers and holidays whose date depends on the country ("Independence Day") give
  None. Holidays with a fixed date everywhere (Christmas, New Year's Day, Halloween,
  Valentine's Day, Boxing Day) are resolved like a month and day without a year.

:func:`normalize` never raises on odd input: anything it cannot read gives None.
Results are cached (``functools.lru_cache``) on the exact arguments.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["GRACE_DAYS", "TIMEX3_VALUE", "Timex", "granularity_of", "normalize"]

#: Days a month-and-day without a year may lie on the "wrong" side of the anchor
#: before the year is moved (see the module docstring).
GRACE_DAYS = 10

#: A regular expression every DATE or TIME value returned by :func:`normalize` matches.
TIMEX3_VALUE = re.compile(
    r"^(?:\d{4}(?:-\d{2}(?:-\d{2}(?:T(?:MO|AF|EV|NI|\d{2}(?::\d{2})?Z?))?)?)?"
    r"|\d{4}-W\d{2}(?:-WE|-\d)?|\d{2,3}|\d{4}-(?:SP|SU|FA|WI|Q[1-4]|H[12])"
    r"|FY\d{4}|PRESENT_REF|PAST_REF|FUTURE_REF)$"
)


@dataclass(frozen=True)
class Timex:
    """A normalized temporal expression, after TimeML's TIMEX3.

    Parameters
    ----------
    type : str
        ``"DATE"``, ``"TIME"``, ``"DURATION"`` or ``"SET"``.
    value : str or None
        The TIMEX3 value (``"2016-12-16"``, ``"P3D"``…), or None when the expression
        is relative and no anchor was given.
    granularity : str or None
        ``"day"``, ``"month"``, ``"year"``, ``"week"``, ``"decade"``, ``"century"``,
        ``"season"``, ``"quarter"``, ``"half"``, ``"part_of_day"``, ``"hour"``,
        ``"minute"``, ``"second"``, or None (``PRESENT_REF`` and the like). For a
        DURATION or SET, the unit of the period.
    mod : str or None
        A TimeML ``mod``: ``START``, ``MID``, ``END``, ``APPROX``, ``LESS_THAN``,
        ``MORE_THAN``, ``EQUAL_OR_MORE``…

    Examples
    --------
    >>> Timex("DATE", "2016-W49", "week")
    Timex(type='DATE', value='2016-W49', granularity='week', mod=None)
    """

    type: str
    value: str | None
    granularity: str | None
    mod: str | None = None


# ---------------------------------------------------------------------------------
# Word tables
# ---------------------------------------------------------------------------------

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
    "overnight": "NI", "midday": "MI", "noon": "MI", "daytime": "DT",
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
    "4th": 4, "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7,
    "eighth": 8, "8th": 8, "ninth": 9, "9th": 9, "tenth": 10, "10th": 10,
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21, "final": -1, "last": -1,
}  # fmt: skip
NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a": 1, "an": 1, "one hundred": 100, "a hundred": 100, "hundred": 100,
    "a dozen": 12, "dozen": 12, "a couple of": 2, "a couple": 2, "couple of": 2,
    "a pair of": 2, "half a": 0.5, "half an": 0.5,
}  # fmt: skip
#: Quantity words that leave the number unspecified (TIMEX3 ``X``).
VAGUE_NUMBERS = (
    "a few", "few", "several", "some", "many", "numerous", "a number of", "dozens of",
    "hundreds of", "thousands of", "a couple of", "the past few", "the last few",
    "recent", "the", "more", "multiple", "countless",
)  # fmt: skip
#: Fixed-date holidays (month, day) that do not depend on the country.
HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "xmas": (12, 25),
    "christmas eve": (12, 24), "boxing day": (12, 26), "new year's day": (1, 1),
    "new years day": (1, 1), "new year's eve": (12, 31), "new years eve": (12, 31),
    "halloween": (10, 31), "valentine's day": (2, 14), "valentines day": (2, 14),
    "st. valentine's day": (2, 14),
}  # fmt: skip
#: Unit word -> (TIMEX3 duration unit, is a time unit (after ``T``), granularity).
UNITS = {
    "second": ("S", True, "second"), "sec": ("S", True, "second"),
    "minute": ("M", True, "minute"), "min": ("M", True, "minute"),
    "hour": ("H", True, "hour"), "hr": ("H", True, "hour"),
    "day": ("D", False, "day"), "night": ("D", False, "day"),
    "week": ("W", False, "week"), "fortnight": ("W", False, "week"),
    "weekend": ("WE", False, "week"), "month": ("M", False, "month"),
    "quarter": ("Q", False, "quarter"), "season": ("Q", False, "season"),
    "year": ("Y", False, "year"), "yr": ("Y", False, "year"),
    "decade": ("DE", False, "decade"), "century": ("CE", False, "century"),
    "millennium": ("ML", False, "century"),
}  # fmt: skip
_UNIT_ALT = (
    r"seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|fortnights?|weekends?"
    r"|months?|quarters?|seasons?|years?|yrs?|decades?|century|centuries|millenni(?:um|a)"
)

PRESENT_WORDS = {
    "now", "currently", "current", "right now", "just now", "at present", "presently",
    "present", "at the moment", "the moment", "the present", "nowadays", "these days",
    "today's", "the time being", "ongoing", "at this time", "this time", "by now",
    "so far", "to date", "as yet", "yet", "still",
}  # fmt: skip
PAST_WORDS = {
    "recently", "recent", "lately", "the past", "previously", "formerly", "once",
    "earlier", "in the past", "history", "in recent years", "recent years",
    "recent months", "recent weeks", "recent days", "more recently", "most recently",
    "the recent past", "some time ago", "long ago", "years ago", "ago", "before",
    "in recent history", "the old days",
}  # fmt: skip
FUTURE_WORDS = {
    "soon", "the future", "future", "in the future", "later", "eventually",
    "the near future", "the long term", "the long run", "the near term",
    "the short term", "the medium term", "short-term", "long-term", "near-term",
    "medium-term", "in the coming years", "the coming years", "coming years",
    "the years ahead", "the coming months", "the coming weeks", "the coming days",
    "very soon", "shortly", "someday", "one day", "in due course", "later on",
    "forthcoming", "upcoming", "the days ahead", "the months ahead", "down the road",
}  # fmt: skip

_MONTH_ALT = (
    r"january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_WD_ALT = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs"
    r"|thur|thu|fri|sat|sun"
)
_NUM_ALT = (
    r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty"
    r"|forty|fifty|sixty|seventy|eighty|ninety|hundred|a hundred|one hundred|a dozen"
    r"|dozen|a couple of|a couple|couple of|a pair of|half an?|an?"
    r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](?:one|two|three"
    r"|four|five|six|seven|eight|nine)"
)
_DAY_RE = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR_RE = r"(\d{4}|'\d{2})"

_LEADING_PREPS = (
    "on", "in", "at", "by", "since", "until", "till", "til", "from", "during", "before",
    "after", "of", "as of", "through", "throughout", "within", "into", "to", "for",
    "starting", "beginning", "ending", "circa", "ca.", "effective",
)  # fmt: skip
_APPROX_PREFIXES = (
    ("about", "APPROX"), ("around", "APPROX"), ("approximately", "APPROX"),
    ("roughly", "APPROX"), ("some", "APPROX"), ("circa", "APPROX"), ("nearly", "LESS_THAN"),
    ("almost", "LESS_THAN"), ("less than", "LESS_THAN"), ("under", "LESS_THAN"),
    ("fewer than", "LESS_THAN"), ("up to", "EQUAL_OR_LESS"), ("no more than", "EQUAL_OR_LESS"),
    ("more than", "MORE_THAN"), ("over", "MORE_THAN"), ("upwards of", "MORE_THAN"),
    ("at least", "EQUAL_OR_MORE"), ("just over", "MORE_THAN"), ("just under", "LESS_THAN"),
    ("well over", "MORE_THAN"), ("at most", "EQUAL_OR_LESS"),
)  # fmt: skip
_POSITION_PREFIXES = (
    ("the beginning of", "START"), ("the start of", "START"), ("the dawn of", "START"),
    ("the very beginning of", "START"), ("the early part of", "START"),
    ("the end of", "END"), ("the close of", "END"), ("the very end of", "END"),
    ("the latter part of", "END"), ("the last part of", "END"), ("the turn of", "START"),
    ("the middle of", "MID"), ("the mid", "MID"), ("the height of", "MID"),
    ("the first half of", "START"), ("the second half of", "END"),
    ("beginning of", "START"), ("start of", "START"), ("end of", "END"),
    ("middle of", "MID"), ("early", "START"), ("late", "END"), ("mid-", "MID"),
    ("mid", "MID"), ("earlier", None), ("later", None), ("the rest of", None),
    ("the remainder of", None), ("the course of", None), ("the whole of", None),
    ("all of", None), ("the entire", None), ("the whole", None), ("the full", None),
    ("all", None), ("same", None), ("just", None), ("only", None), ("barely", None),
    ("merely", None), ("fully", None), ("a full", None), ("a further", None),
    ("another", None), ("an additional", None), ("exactly", None), ("precisely", None),
)  # fmt: skip


# ---------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------


def _num(word: str) -> float | None:
    """The number a word or digit string denotes, or None."""
    word = word.strip().replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        val = float(word)
        return int(val) if val.is_integer() else val
    if word in NUMBERS:
        return NUMBERS[word]
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    return None


def _fmt_num(n: float) -> str:
    if isinstance(n, float) and not n.is_integer():
        return f"{n:g}"
    return str(int(n))


def _week(d: _dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + delta
    return idx // 12, idx % 12 + 1


def _year2(two: str, anchor: _dt.date | None) -> int:
    """A two-digit year: the latest century that does not put it far in the future."""
    n = int(two)
    ref = anchor.year if anchor else 2000
    year = (ref // 100) * 100 + n
    if year > ref + 10:
        year -= 100
    return year


def _safe_date(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def _pick_year_for_day(
    month: int, day: int, anchor: _dt.date, tense: str
) -> _dt.date | None:
    """The date of ``month``/``day`` nearest the anchor, as the tense allows."""
    cands = [
        c for y in (anchor.year - 1, anchor.year, anchor.year + 1)
        if (c := _safe_date(y, month, day)) is not None
    ]  # fmt: skip
    if not cands:
        return None
    grace = _dt.timedelta(days=GRACE_DAYS)
    if tense == "past":
        ok = [c for c in cands if c <= anchor + grace]
        return max(ok) if ok else None
    if tense == "future":
        ok = [c for c in cands if c >= anchor - grace]
        return min(ok) if ok else None
    return min(cands, key=lambda c: (abs((c - anchor).days), c > anchor))


def _pick_year_for_month(month: int, anchor: _dt.date, tense: str) -> int:
    if tense == "future":
        return anchor.year if month >= anchor.month else anchor.year + 1
    if tense == "present":
        best = min(
            (anchor.year - 1, anchor.year, anchor.year + 1),
            key=lambda y: (abs((y * 12 + month) - (anchor.year * 12 + anchor.month)), y),
        )
        return best
    return anchor.year if month <= anchor.month else anchor.year - 1


def _weekday_date(wd: int, anchor: _dt.date, tense: str, rel: str | None) -> _dt.date:
    """Resolve a weekday against the anchor (see the module docstring)."""
    back = (anchor.weekday() - wd) % 7
    fwd = (wd - anchor.weekday()) % 7
    if rel == "last":
        return anchor - _dt.timedelta(days=back or 7)
    if rel == "next":
        return anchor + _dt.timedelta(days=fwd or 7)
    if rel == "this":
        return anchor + _dt.timedelta(days=wd - anchor.weekday())
    if rel in ("last week", "previous week"):
        return anchor + _dt.timedelta(days=wd - anchor.weekday() - 7)
    if rel in ("next week", "following week"):
        return anchor + _dt.timedelta(days=wd - anchor.weekday() + 7)
    if rel == "this week":
        return anchor + _dt.timedelta(days=wd - anchor.weekday())
    if tense == "future":
        return anchor + _dt.timedelta(days=fwd)
    if tense == "present" and fwd < back:
        return anchor + _dt.timedelta(days=fwd)
    return anchor - _dt.timedelta(days=back)


def granularity_of(value: str | None) -> str | None:
    """The granularity a TIMEX3 DATE or TIME value expresses.

    Parameters
    ----------
    value : str or None
        A TIMEX3 value.

    Returns
    -------
    str or None
        ``"day"``, ``"month"``, ``"year"``, ``"week"``… or None.

    Examples
    --------
    >>> granularity_of("2016-W49"), granularity_of("199"), granularity_of("2016-12-16TNI")
    ('week', 'decade', 'part_of_day')
    """
    if not value:
        return None
    patterns = (
        (r"\d{4}-\d{2}-\d{2}", "day"), (r"\d{4}-\d{2}", "month"), (r"\d{4}", "year"),
        (r"\d{3}", "decade"), (r"\d{2}", "century"), (r"\d{4}-W\d{2}(-WE)?", "week"),
        (r"\d{4}-W\d{2}-\d", "day"), (r"\d{4}-(SP|SU|FA|WI)", "season"),
        (r"\d{4}-Q\d", "quarter"), (r"\d{4}-H\d", "half"), (r"FY\d{4}", "year"),
        (r".*T(MO|AF|EV|NI|MI|DT)", "part_of_day"), (r".*T\d{2}", "hour"),
        (r".*T\d{2}:\d{2}Z?", "minute"), (r".*T\d{2}:\d{2}:\d{2}Z?", "second"),
    )  # fmt: skip
    for pat, gran in patterns:
        if re.fullmatch(pat, value):
            return gran
    return None


def _date(value: str | None, gran: str | None = None, mod: str | None = None) -> Timex:
    return Timex("DATE", value, gran or granularity_of(value), mod)


def _day(d: _dt.date | None, mod: str | None = None) -> Timex:
    return Timex("DATE", d.isoformat() if d else None, "day", mod)


# ---------------------------------------------------------------------------------
# Cleaning
# ---------------------------------------------------------------------------------


def _clean(text: str) -> str:
    s = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-")
    s = s.replace("\u2014", "-").replace("\u00a0", " ")
    s = re.sub(r"\s+", " ", s).strip().lower()
    s = re.sub(r"\s*,(?!\d{3}(?!\d))\s*", ", ", s)  # not in "1,000"
    s = re.sub(r"\s*-\s*(?=[a-z])", "-", s) if re.search(r"\w -\w|\w- \w", s) else s
    s = re.sub(r"\(\s*", "(", s)
    s = re.sub(r"\s*\)", ")", s)
    s = s.strip(" ,;:!?\"()[]")
    if s.endswith(".") and not re.search(r"(?:\b[ap]\.m|\b\w)\.$", s):
        s = s[:-1]
    s = re.sub(r"'s$", "", s)
    return s.strip()


def _strip_preps(s: str) -> str:
    changed = True
    while changed:
        changed = False
        for p in _LEADING_PREPS:
            if s.startswith(p + " ") and len(s) > len(p) + 1:
                s = s[len(p) + 1 :]
                changed = True
    return s


# ---------------------------------------------------------------------------------
# Rules. Each takes the cleaned text and returns a Timex, None (not mine), or _NOT
# (definitely not a temporal expression).
# ---------------------------------------------------------------------------------

_NOT = Timex("NOT", None, None)


def _rule_not_dates(s: str, anchor, tense) -> Timex | None:
    if re.search(r"\banniversar|\b(?:years?|months?|weeks?|days?)[- ]olds?\b|\baged?\b", s):
        return _NOT
    if re.search(r"\b\d+(?:st|nd|rd|th) (?:birthday|edition|season|century-old)\b", s):
        return _NOT
    if re.fullmatch(r"\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d{5,}", s):
        return _NOT
    return None


def _rule_refs(s: str, anchor, tense) -> Timex | None:
    if s in PRESENT_WORDS:
        return Timex("DATE", "PRESENT_REF", None)
    if s in PAST_WORDS:
        return Timex("DATE", "PAST_REF", None)
    if s in FUTURE_WORDS:
        return Timex("DATE", "FUTURE_REF", None)
    return None


def _rule_sets(s: str, anchor, tense) -> Timex | None:
    adverbs = {
        "daily": ("P1D", "day"), "nightly": ("P1D", "day"), "weekly": ("P1W", "week"),
        "monthly": ("P1M", "month"), "quarterly": ("P3M", "quarter"),
        "yearly": ("P1Y", "year"), "annually": ("P1Y", "year"), "annual": ("P1Y", "year"),
        "hourly": ("PT1H", "hour"), "biannual": ("P6M", "month"),
        "biennial": ("P2Y", "year"), "fortnightly": ("P2W", "week"),
        "semiannual": ("P6M", "month"), "semi-annual": ("P6M", "month"),
        "bi-annual": ("P6M", "month"), "every day": ("P1D", "day"),
        "each day": ("P1D", "day"), "a day": None, "per day": ("P1D", "day"),
        "per year": ("P1Y", "year"), "a year": None, "per month": ("P1M", "month"),
        "per week": ("P1W", "week"), "per annum": ("P1Y", "year"),
        "year-round": ("P1Y", "year"),
    }  # fmt: skip
    if s in ("single-day", "one-day", "single day", "intraday", "an intraday", "overnight"):
        return Timex("DURATION", "P1D", "day") if s != "overnight" else None
    if s in adverbs and adverbs[s]:
        val, gran = adverbs[s]
        return Timex("SET", val, gran)
    m = re.fullmatch(r"(?:every|each|per)(?: (other|single|(" + _NUM_ALT + r")))? (.+?)s?", s)
    if not m:
        m2 = re.fullmatch(
            r"(once|twice|thrice|(?:" + _NUM_ALT + r") times) (?:a|an|per|every|each) (\w+)", s
        )
        if m2 and m2.group(2) in UNITS:
            unit, is_t, gran = UNITS[m2.group(2)]
            return Timex("SET", ("PT1" if is_t else "P1") + unit, gran)
        return None
    other, number, what = m.group(1), m.group(2), m.group(3)
    n = 2 if other == "other" else (_num(number) if number else 1)
    if what in WEEKDAYS or what.rstrip("s") in WEEKDAYS:
        wd = WEEKDAYS.get(what, WEEKDAYS.get(what.rstrip("s")))
        return Timex("SET", f"XXXX-WXX-{wd + 1}", "day")
    pod = re.fullmatch(r"(?:(" + _WD_ALT + r") )?(morning|afternoon|evening|night)", what)
    if pod:
        wd_part = f"XXXX-WXX-{WEEKDAYS[pod.group(1)] + 1}" if pod.group(1) else ""
        return Timex("SET", f"{wd_part}T{PARTS_OF_DAY[pod.group(2)]}", "part_of_day")
    if what in MONTHS:
        return Timex("SET", f"XXXX-{MONTHS[what]:02d}", "month")
    if what in UNITS and n:
        unit, is_t, gran = UNITS[what]
        return Timex("SET", ("PT" if is_t else "P") + _fmt_num(n) + unit, gran)
    return None


_TZ_RE = (
    r"(?:\s*\(?\s*(?P<tz>utc|gmt|z|zulu|(?!at\b)[a-z]{1,3}t\b)"
    r"(?:\s*(?P<off>[+-]\s*\d{1,2}(?::?\d{2})?))?\s*\)?)?"
)


def _rule_clock(s: str, anchor, tense) -> Timex | None:
    clock = (
        r"(?:(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)(?![a-z])"
        r"|(?P<h2>\d{1,2}):(?P<m2>\d{2})(?::\d{2})?|(?P<h3>[0-2]\d)(?P<m3>[0-5]\d)\s*(?=utc|gmt|hours|hrs|z\b)"
        r"|(?P<noon>noon|midday|midnight))"
    )
    m = re.search(clock + _TZ_RE + r"(?:\s*(?:hours|hrs)\b)?", s)
    if not m:
        return None
    if m.group("noon"):
        hh, mm = (12, 0) if m.group("noon") in ("noon", "midday") else (0, 0)
    elif m.group("h"):
        hh, mm = int(m.group("h")), int(m.group("m") or 0)
        if hh > 12:
            return None
        pm = m.group("ampm").startswith("p")
        hh = (hh % 12) + (12 if pm else 0)
    elif m.group("h2"):
        hh, mm = int(m.group("h2")), int(m.group("m2"))
    else:
        hh, mm = int(m.group("h3")), int(m.group("m3"))
    if hh > 23 or mm > 59:
        return None
    tz = m.group("tz")
    zone = "Z" if tz in ("utc", "gmt", "z", "zulu") and not m.group("off") else ""
    rest = (s[: m.start()] + " " + s[m.end() :]).strip(" ,")
    rest = re.sub(r"^(?:local time|local)\b", "", rest).strip(" ,")
    rest = re.sub(r"^(?:at|on|of)\s+|\s+(?:at|on|of)$", "", rest).strip(" ,")
    rest = re.sub(r"^(?:at|on|of)\s+", "", rest).strip(" ,")
    day: str | None
    if not rest or rest in ("today", "this", "local time", "local", "et", "est", "edt"):
        day = anchor.isoformat() if anchor else None
    else:
        sub = _normalize_core(rest, anchor, tense)
        if sub is None or sub is _NOT or sub.type != "DATE" or sub.granularity != "day":
            if sub is not None and sub.type == "DATE" and sub.granularity == "day":
                day = sub.value
            else:
                return None
        else:
            day = sub.value
    if day is None:
        return Timex("TIME", None, "minute")
    return Timex("TIME", f"{day}T{hh:02d}:{mm:02d}{zone}", "minute")


def _rule_part_of_day(s: str, anchor, tense) -> Timex | None:
    if s == "tonight":
        return Timex("TIME", f"{anchor.isoformat()}TNI" if anchor else None, "part_of_day")
    if s in ("last night", "overnight"):
        d = anchor - _dt.timedelta(days=1) if anchor else None
        return Timex("TIME", f"{d.isoformat()}TNI" if d else None, "part_of_day")
    m = re.fullmatch(
        r"(?:(early|late)(?: on)? )?(?:(?P<pre>.+?) )?"
        r"(morning|afternoon|evening|night|overnight|midday)(?: of (?P<post>.+)|,? (?P<post2>.+))?",
        s,
    )
    if not m:
        return None
    mod = {"early": "START", "late": "END"}.get(m.group(1) or "")
    pod = PARTS_OF_DAY[m.group(3)]
    pre = m.group("pre")
    post = m.group("post") or m.group("post2")
    if pre and post:
        if pre not in WEEKDAYS:
            return None
        pre = None  # "Sunday afternoon, 7 February": the date in apposition names the day
    day_expr = pre or post
    if day_expr in (None, "this", "the", "that", "in the", "this early", "early this"):
        if day_expr is None and m.group(3) in ("night",) and not mod:
            return None  # "night" alone: too vague
        d = anchor
    elif day_expr in ("last", "yesterday", "the previous", "previous"):
        d = anchor - _dt.timedelta(days=1) if anchor else None
    elif day_expr in ("tomorrow", "next"):
        d = anchor + _dt.timedelta(days=1) if anchor else None
    else:
        sub = _normalize_core(day_expr, anchor, tense)
        if sub is None or sub is _NOT or sub.type != "DATE" or sub.granularity != "day":
            return None
        if sub.value is None:
            return Timex("TIME", None, "part_of_day", mod)
        return Timex("TIME", f"{sub.value}T{pod}", "part_of_day", mod)
    if d is None:
        return Timex("TIME", None, "part_of_day", mod)
    return Timex("TIME", f"{d.isoformat()}T{pod}", "part_of_day", mod)


def _rule_deictic_days(s: str, anchor, tense) -> Timex | None:
    offsets = {
        "today": 0, "earlier today": 0, "later today": 0, "this day": 0, "the day": 0,
        "this very day": 0, "yesterday": -1, "tomorrow": 1,
        "the day before yesterday": -2, "the day after tomorrow": 2,
        "yesterday's": -1, "tomorrow's": 1, "the previous day": -1, "the day before": -1,
        "the prior day": -1, "a day earlier": -1, "a day before": -1,
        "the next day": 1, "the following day": 1, "the day after": 1, "a day later": 1,
    }  # fmt: skip
    if s in offsets:
        if anchor is None:
            return _day(None)
        return _day(anchor + _dt.timedelta(days=offsets[s]))
    return None


def _rule_weekday(s: str, anchor, tense) -> Timex | None:
    m = re.fullmatch(
        r"(?:(early|late|earlier|later)(?: on)? )?(?:(last|next|this|past|coming|previous|"
        r"the previous|the following|following|the next|the last|the past|the coming) )?"
        r"(" + _WD_ALT + r")\.?(?:,? (?:(?:of )?(last|next|this|the previous|previous|"
        r"the following|following) week|(?:of )?that week))?",
        s,
    )
    if not m:
        m = re.fullmatch(
            r"(last|next|this) week(?:'s)?,? (?:on )?(" + _WD_ALT + r")", s
        )
        if not m:
            return None
        wd = WEEKDAYS[m.group(2)]
        rel = m.group(1) + " week"
        mod = None
    else:
        wd = WEEKDAYS[m.group(3)]
        mod = {"early": "START", "late": "END"}.get(m.group(1) or "")
        rel = m.group(2)
        rel = {
            "past": "last", "previous": "last", "the previous": "last", "the past": "last",
            "the last": "last", "coming": "next", "the following": "next",
            "following": "next", "the next": "next", "the coming": "next",
        }.get(rel or "", rel)  # fmt: skip
        if m.group(4):
            week = {"previous": "last", "the previous": "last", "the following": "next",
                    "following": "next"}.get(m.group(4), m.group(4))  # fmt: skip
            rel = week + " week"
    if anchor is None:
        return _day(None, mod)
    return _day(_weekday_date(wd, anchor, tense, rel), mod)


def _month_num(word: str) -> int | None:
    return MONTHS.get(word.rstrip("."))


def _rule_calendar(s: str, anchor, tense) -> Timex | None:
    s = re.sub(r"^(?:" + _WD_ALT + r")\.?,? (?=\d|" + _MONTH_ALT + r")", "", s)
    s = re.sub(r"^the ", "", s)
    if re.search(_MONTH_ALT, s):
        s = re.sub(
            r"\b(?:the )?(" + "|".join(k for k in ORDINALS if k.isalpha() and ORDINALS[k] > 0)
            + r")\b(?= of| (?:" + _MONTH_ALT + r")|$)",
            lambda m: str(ORDINALS[m.group(1)]),
            s,
        )
    # ISO and numeric dates
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:t.*)?", s)
    if m:
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return _day(d) if d else None
    m = re.fullmatch(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})", s)
    if m:
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return _day(d) if d else None
    m = re.fullmatch(r"(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})", s)
    if m:
        a, b = int(m.group(1)), int(m.group(3))
        y = int(m.group(4)) if len(m.group(4)) == 4 else _year2(m.group(4), anchor)
        mon, day = (a, b) if m.group(2) == "/" else (b, a)  # US m/d/y; European d.m.y
        if mon > 12 and day <= 12:
            mon, day = day, mon
        d = _safe_date(y, mon, day)
        return _day(d) if d else None
    m = re.fullmatch(r"(\d{4})-(\d{2})", s)
    if m and 1 <= int(m.group(2)) <= 12:
        return _date(f"{m.group(1)}-{m.group(2)}")
    mon_re = r"(" + _MONTH_ALT + r")\.?"
    year_tail = r"(?:,? (?:of )?" + _YEAR_RE + r")?"
    # Month day(, year)
    m = re.fullmatch(mon_re + r" (?:the )?" + _DAY_RE + year_tail, s)
    if m:
        mon, day, year = _month_num(m.group(1)), int(m.group(2)), m.group(3)
    else:
        m = re.fullmatch(r"(?:the )?" + _DAY_RE + r" (?:of )?" + mon_re + year_tail, s)
        if m:
            mon, day, year = _month_num(m.group(2)), int(m.group(1)), m.group(3)
    if m:
        if not mon or not 1 <= day <= 31:
            return None
        if year:
            y = _year2(year[1:], anchor) if year.startswith("'") else int(year)
            d = _safe_date(y, mon, day)
            return _day(d) if d else None
        if anchor is None:
            return _day(None)
        if _safe_date(2000, mon, day) is None:
            return None
        return _day(_pick_year_for_day(mon, day, anchor, tense))
    # Month year
    m = re.fullmatch(mon_re + r",? (?:of )?" + _YEAR_RE, s)
    if m:
        year = m.group(2)
        y = _year2(year[1:], anchor) if year.startswith("'") else int(year)
        return _date(f"{y:04d}-{_month_num(m.group(1)):02d}")
    # (last|this|next)? Month
    m = re.fullmatch(
        r"(?:(last|this|next|past|previous|coming|the past|the previous|the coming|"
        r"the last|the next|this past|this coming) )?" + mon_re + r"(?:,? (?:of )?(this|last|next)"
        r" year)?",
        s,
    )
    if m:
        mon = _month_num(m.group(2))
        if mon is None:
            return None
        if anchor is None:
            return _date(None, "month")
        rel, yrel = m.group(1), m.group(3)
        if yrel:
            y = anchor.year + {"this": 0, "last": -1, "next": 1}[yrel]
        elif rel in ("last", "past", "previous", "the past", "the previous", "the last",
                     "this past"):  # fmt: skip
            y = anchor.year if mon < anchor.month else anchor.year - 1
        elif rel in ("next", "coming", "the coming", "the next", "this coming"):
            y = anchor.year if mon > anchor.month else anchor.year + 1
        elif rel == "this":
            y = anchor.year
        else:
            y = _pick_year_for_month(mon, anchor, tense)
        return _date(f"{y:04d}-{mon:02d}")
    return None


def _rule_week_of_month(s: str, anchor, tense) -> Timex | None:
    m = re.fullmatch(
        r"(?:the )?(first|second|third|fourth|last|final|1st|2nd|3rd|4th) week (?:of|in) (.+)", s
    )
    if not m:
        return None
    month = _normalize_core(m.group(2), anchor, tense, 3)
    if month is None or month is _NOT or month.granularity != "month":
        return None
    if month.value is None:
        return _date(None, "week")
    y, mo = int(month.value[:4]), int(month.value[5:7])
    n = ORDINALS.get(m.group(1), 0)
    # The n-th week of a month is the ISO week holding its n-th Thursday.
    first = _dt.date(y, mo, 1)
    thursday = first + _dt.timedelta(days=(3 - first.weekday()) % 7)
    if n == -1:
        ny, nm = _add_months(y, mo, 1)
        last = _dt.date(ny, nm, 1) - _dt.timedelta(days=1)
        thursday = last - _dt.timedelta(days=(last.weekday() - 3) % 7)
    else:
        thursday += _dt.timedelta(weeks=n - 1)
    return _date(_week(thursday))


def _rule_holiday(s: str, anchor, tense) -> Timex | None:
    m = re.fullmatch(r"(?:(last|this|next) )?(.+?)(?:,? (\d{4}))?", s)
    if not m or m.group(2) not in HOLIDAYS:
        return None
    mon, day = HOLIDAYS[m.group(2)]
    if m.group(3):
        return _day(_safe_date(int(m.group(3)), mon, day))
    if anchor is None:
        return _day(None)
    rel = m.group(1)
    if rel == "this":
        return _day(_safe_date(anchor.year, mon, day))
    if rel:
        tense = "past" if rel == "last" else "future"
        d = _pick_year_for_day(mon, day, anchor, tense)
        if d is not None and rel == "last" and d >= anchor:
            d = _safe_date(d.year - 1, mon, day)
        if d is not None and rel == "next" and d <= anchor:
            d = _safe_date(d.year + 1, mon, day)
        return _day(d)
    return _day(_pick_year_for_day(mon, day, anchor, tense))


def _rule_quarter(s: str, anchor, tense) -> Timex | None:
    s = re.sub(r"^the ", "", s)
    m = re.fullmatch(
        r"(?:(?:fiscal|financial|calendar) )?(?:(q[1-4])|(first|second|third|fourth|final|last"
        r"|1st|2nd|3rd|4th)[- ](quarter|half))(?:,? (?:of )?(?:(?:the |fiscal |financial )"
        r"?(?:year )?)?(\d{4}|'\d{2}|this year|last year|next year|the year|the previous year"
        r"|the current year|the fiscal year|fiscal \d{4}|the same year))?",
        s,
    )
    if not m:
        m2 = re.fullmatch(r"(q[1-4]|h[12])[ -]?('?\d{2}|\d{4})|(\d{4})[ -]?(q[1-4]|h[12])", s)
        if m2:
            code = (m2.group(1) or m2.group(4)).upper()
            yr = m2.group(2) or m2.group(3)
            y = int(yr) if len(yr) == 4 else _year2(yr.lstrip("'"), anchor)
            return _date(f"{y}-{code}")
        m3 = re.fullmatch(
            r"(last|this|next|previous|the previous|the last|current|the current|"
            r"the next|the coming|the same|same|the following|the prior|prior) (quarter|half)",
            s,
        )
        if not m3:
            return None
        unit = m3.group(2)
        size = 3 if unit == "quarter" else 6
        letter = "Q" if unit == "quarter" else "H"
        if anchor is None:
            return _date(None, unit if unit == "quarter" else "half")
        cur = (anchor.month - 1) // size
        delta = {"last": -1, "previous": -1, "the previous": -1, "the last": -1,
                 "prior": -1, "the prior": -1, "next": 1, "the next": 1,
                 "the coming": 1, "the following": 1}.get(m3.group(1), 0)  # fmt: skip
        idx = anchor.year * (12 // size) + cur + delta
        per = 12 // size
        return _date(f"{idx // per}-{letter}{idx % per + 1}")
    unit = m.group(3) or "quarter"
    letter = "Q" if unit == "quarter" else "H"
    if m.group(2) == "last" and not m.group(4):
        return _rule_quarter("the previous " + unit, anchor, tense)
    if m.group(1):
        n = int(m.group(1)[1])
    else:
        n = ORDINALS.get(m.group(2), 0)
        if n == -1:
            n = 4 if unit == "quarter" else 2
    if (unit == "half" and n > 2) or not 1 <= n <= 4:
        return None
    yr = m.group(4)
    size = 3 if unit == "quarter" else 6
    if yr and re.fullmatch(r"\d{4}", yr):
        y = int(yr)
    elif yr and yr.startswith("'"):
        y = _year2(yr[1:], anchor)
    elif yr and yr.startswith("fiscal "):
        y = int(yr.split()[1])
    elif anchor is None:
        return _date(None, "quarter" if unit == "quarter" else "half")
    elif yr in ("last year", "the previous year"):
        y = anchor.year - 1
    elif yr == "next year":
        y = anchor.year + 1
    elif yr:
        y = anchor.year
    else:
        cur = (anchor.month - 1) // size + 1
        if tense == "future":
            y = anchor.year if n >= cur else anchor.year + 1
        else:
            y = anchor.year if n <= cur else anchor.year - 1
    return _date(f"{y}-{letter}{n}")


def _rule_season(s: str, anchor, tense) -> Timex | None:
    m = re.fullmatch(
        r"(?:(last|this|next|past|the past|the last|the coming|the next|this past|"
        r"the)\s)?(spring|summer|autumn|fall|winter)(?:,? (?:of )?(\d{4}|this year|last year"
        r"|next year))?",
        s,
    )
    if not m:
        return None
    code = SEASONS[m.group(2)]
    yr = m.group(3)
    if yr and yr.isdigit():
        return _date(f"{yr}-{code}")
    if anchor is None:
        return _date(None, "season")
    if yr:
        y = anchor.year + {"this year": 0, "last year": -1, "next year": 1}[yr]
        return _date(f"{y}-{code}")
    start, _end = SEASON_MONTHS[code]
    # The season (year, code) containing or most recently started before the anchor.
    season_year = anchor.year
    start_date = _dt.date(season_year, start, 1)
    if start_date > anchor:
        season_year -= 1
    end_month_date = _dt.date(
        season_year + (1 if code == "WI" else 0), SEASON_MONTHS[code][1], 28
    )
    in_season = _dt.date(season_year, start, 1) <= anchor <= end_month_date
    rel = m.group(1)
    if rel in ("last", "past", "the past", "the last", "this past"):
        y = season_year - 1 if in_season else season_year
    elif rel in ("next", "the coming", "the next"):
        y = season_year + 1
    elif rel == "this" or in_season:
        y = season_year
    elif tense == "future":
        y = season_year + 1
    else:
        y = season_year
    return _date(f"{y}-{code}")


def _rule_year(s: str, anchor, tense) -> Timex | None:
    m = re.fullmatch(r"(?:the )?(?:(?:calendar |the )?year )?(\d{4})(?: ad| a\.d\.| ce)?", s)
    if m:
        y = int(m.group(1))
        if 1000 <= y <= 2199:
            return _date(f"{y:04d}")
        return None
    m = re.fullmatch(r"'(\d{2})", s)
    if m:
        return _date(f"{_year2(m.group(1), anchor):04d}")
    m = re.fullmatch(
        r"(?:the )?(?:fiscal|financial)(?: year)? (\d{4}|'?\d{2})|fy ?(\d{4}|'?\d{2})", s
    )
    if m:
        yr = (m.group(1) or m.group(2)).lstrip("'")
        y = int(yr) if len(yr) == 4 else _year2(yr, anchor)
        return _date(f"FY{y:04d}", "year")
    m = re.fullmatch(r"(?:between|from) (\d{4}) (?:and|to|until|through|-) (\d{4})", s)
    if m and 1000 <= int(m.group(1)) < int(m.group(2)) <= 2199:
        return Timex("DURATION", f"P{int(m.group(2)) - int(m.group(1))}Y", "year")
    m = re.fullmatch(r"(\d{4}) ?(?:-|to|through) ?(\d{4}|\d{2})", s)
    if m and 1000 <= int(m.group(1)) <= 2199:
        end = m.group(2)
        end_y = int(end) if len(end) == 4 else int(m.group(1)[:2] + end)
        if end_y > int(m.group(1)):
            return Timex("DURATION", f"P{end_y - int(m.group(1))}Y", "year")
    return None


def _rule_decade(s: str, anchor, tense) -> Timex | None:
    m = re.fullmatch(r"(?:the )?(?:(early|mid|late)[- ]?)?(\d{2})(\d)0'?s", s)
    if m and m.group(1) is None and m.group(2) + m.group(3) in ("00",):
        return None
    if m:
        mod = {"early": "START", "mid": "MID", "late": "END"}.get(m.group(1) or "")
        if m.group(3) == "0" and m.group(2) != "20":
            return _date(f"{int(m.group(2)) - 0:02d}", "century", mod)
        return _date(f"{m.group(2)}{m.group(3)}", "decade", mod)
    m = re.fullmatch(r"(?:the )?(?:(early|mid|late)[- ]?)?'?(\d)0'?s", s)
    if m:
        mod = {"early": "START", "mid": "MID", "late": "END"}.get(m.group(1) or "")
        y = _year2(m.group(2) + "0", anchor)
        return _date(f"{y // 10:03d}", "decade", mod)
    m = re.fullmatch(
        r"(?:the )?(?:(early|mid|late)[- ]?)?(\d{1,2})(?:st|nd|rd|th) century|(?:the )?"
        r"(?:(early|mid|late)[- ]?)?(\w+(?:-\w+)?) century",
        s,
    )
    if m:
        mod = {"early": "START", "mid": "MID", "late": "END"}.get(m.group(1) or m.group(3) or "")
        n = int(m.group(2)) if m.group(2) else ORDINALS.get(m.group(4) or "")
        if n and n > 0:
            return _date(f"{n - 1:02d}", "century", mod)
    return None


_REL_UNIT = {"week": "week", "month": "month", "year": "year", "decade": "decade",
             "century": "century", "weekend": "weekend", "day": "day"}  # fmt: skip


def _shift(anchor: _dt.date, unit: str, n: int) -> tuple[str, str]:
    """The value of the ``unit`` that is ``n`` units away from the anchor's one."""
    if unit == "day":
        return (anchor + _dt.timedelta(days=n)).isoformat(), "day"
    if unit == "week":
        return _week(anchor + _dt.timedelta(weeks=n)), "week"
    if unit == "weekend":
        return _week(anchor + _dt.timedelta(weeks=n)) + "-WE", "week"
    if unit == "month":
        y, m = _add_months(anchor.year, anchor.month, n)
        return f"{y:04d}-{m:02d}", "month"
    if unit == "year":
        return f"{anchor.year + n:04d}", "year"
    if unit == "decade":
        return f"{anchor.year // 10 + n:03d}", "decade"
    if unit == "century":
        return f"{anchor.year // 100 + n:02d}", "century"
    raise ValueError(unit)


def _rule_relative_unit(s: str, anchor, tense) -> Timex | None:
    m = re.fullmatch(
        r"(?:(earlier|later|early|late|mid|the rest of)(?:[- ]| in )?)?(?:the )?"
        r"(last|this|next|previous|past|coming|current|present|prior|following|same|"
        r"upcoming|that)[- ](week|month|year|decade|century|weekend|day)",
        s,
    )
    if not m:
        m2 = re.fullmatch(r"(?:the )?(week|month|year|decade|weekend)", s)
        if m2 and s.startswith("the") or (m2 and m2.group(1) in ("week", "weekend")):
            unit = m2.group(1)
            if anchor is None:
                return _date(None, "week" if unit == "weekend" else unit)
            if unit == "weekend":
                wd = anchor.weekday()
                n = 0 if wd >= 5 or tense == "future" else -1
                val, gran = _shift(anchor, "weekend", n)
                return _date(val, gran)
            val, gran = _shift(anchor, unit, 0)
            return _date(val, gran)
        return None
    pos, rel, unit = m.group(1), m.group(2), m.group(3)
    mod = {"early": "START", "late": "END", "mid": "MID"}.get(pos or "")
    if rel == "same" or rel == "that":
        return None
    if s.startswith(("the past", "the last", "past ", "the coming", "the next")) and unit in (
        "week", "month", "year", "decade", "century", "day"
    ):  # fmt: skip
        # "the past week", "the next year": a period ending (starting) at the anchor.
        val = {"week": "P1W", "month": "P1M", "year": "P1Y", "decade": "P1DE",
               "century": "P1CE", "day": "P1D"}[unit]  # fmt: skip
        return Timex("DURATION", val, unit)
    n = {"last": -1, "previous": -1, "past": -1, "prior": -1, "next": 1, "coming": 1,
         "following": 1, "upcoming": 1}.get(rel, 0)  # fmt: skip
    if unit == "day":
        if rel in ("this", "current", "present"):
            return _day(anchor) if anchor else _day(None)
        return None
    if unit == "weekend" and anchor is not None and rel in ("this", "current"):
        n = 0 if anchor.weekday() >= 5 or tense == "future" else -1
    if anchor is None:
        return _date(None, "week" if unit == "weekend" else unit, mod)
    val, gran = _shift(anchor, unit, n)
    return _date(val, gran, mod)


def _rule_ago(s: str, anchor, tense) -> Timex | None:
    m = re.fullmatch(
        r"(?:(?:about|around|some|nearly|almost|roughly|more than|over|less than|just|only)"
        r" )?(" + _NUM_ALT + r"|a few|few|several|some|many)[- ](?:more |full |whole )?("
        + _UNIT_ALT
        + r")( ago| earlier| before| previously| prior| back| later| after| afterwards"
        r"| hence| from now| on| since| into the future| in the future)",
        s,
    )
    if not m:
        m = re.fullmatch(r"(?:in|within) (?:the )?(" + _NUM_ALT + r")[- ](" + _UNIT_ALT + r")", s)
        if not m or tense != "future":
            return None
        direction = 1
    else:
        direction = -1 if m.group(3).strip() in (
            "ago", "earlier", "before", "previously", "prior", "back"
        ) else 1  # fmt: skip
    n = _num(m.group(1))
    unit_word = re.sub(r"s$", "", m.group(2)).replace("centurie", "century")
    unit_word = {"sec": "second", "min": "minute", "hr": "hour", "yr": "year"}.get(
        unit_word, unit_word
    )
    if unit_word not in ("day", "week", "month", "year", "decade", "century", "hour",
                         "minute", "second", "fortnight", "night", "quarter"):  # fmt: skip
        return None
    if n is None:
        # "a few days ago": vague, keep the direction.
        return Timex("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF", None)
    if anchor is None:
        gran = {"week": "day", "fortnight": "day", "night": "day", "hour": "day",
                "minute": "day", "second": "day"}.get(unit_word, unit_word)  # fmt: skip
        return _date(None, gran)
    if unit_word in ("hour", "minute", "second"):
        return _day(anchor)
    if unit_word in ("day", "night", "week", "fortnight"):
        days = {"day": 1, "night": 1, "week": 7, "fortnight": 14}[unit_word] * n
        return _day(anchor + _dt.timedelta(days=round(direction * days)))
    if unit_word == "quarter":
        y, mth = _add_months(anchor.year, anchor.month, round(direction * n * 3))
        return _date(f"{y}-Q{(mth - 1) // 3 + 1}")
    if unit_word == "month":
        if isinstance(n, float) and not n.is_integer():
            return None
        y, mth = _add_months(anchor.year, anchor.month, int(direction * n))
        return _date(f"{y:04d}-{mth:02d}")
    mult = {"year": 1, "decade": 10, "century": 100}[unit_word]
    if isinstance(n, float) and not n.is_integer():
        return None
    return _date(f"{anchor.year + int(direction * n * mult):04d}", "year")


#: unit -> (smaller unit, how many of it make one, granularity); for fractional amounts.
_SMALLER_UNIT = {
    "ML": ("Y", 1000, "year"), "CE": ("Y", 100, "year"), "DE": ("Y", 10, "year"),
    "Y": ("M", 12, "month"), "Q": ("M", 3, "month"), "W": ("D", 7, "day"),
    "D": ("H", 24, "hour"), "H": ("M", 60, "minute"), "M": ("S", 60, "second"),
}  # fmt: skip


def _whole(unit: str, n: float, gran: str) -> tuple[str, float, str]:
    """A fractional duration amount in the next smaller unit, when that makes it whole
    (``P2.5Y`` is ``P30M``); unchanged otherwise. A calendar month does not divide
    into days, so a month stays a month.

    >>> _whole("Y", 2.5, "year"), _whole("H", 1.5, "hour"), _whole("M", 1.5, "month")
    (('M', 30, 'month'), ('M', 90, 'minute'), ('M', 1.5, 'month'))
    """
    if unit not in _SMALLER_UNIT or gran == "month":
        return unit, n, gran
    smaller, factor, smaller_gran = _SMALLER_UNIT[unit]
    amount = round(n * factor, 6)
    if not float(amount).is_integer():
        return unit, n, gran  # "2.5 weeks" stays P2.5W
    return smaller, int(amount), smaller_gran


def _rule_duration(s: str, anchor, tense) -> Timex | None:
    mod = None
    for word, m_ in _APPROX_PREFIXES:
        if s.startswith(word + " "):
            s, mod = s[len(word) + 1 :], m_
            break
    s = re.sub(r"^(?:the )?(?:past|last|next|coming|first|final|previous|following|"
               r"remaining|ensuing|subsequent|intervening|succeeding|preceding)\s", "", s)
    s = re.sub(r"^(?:the|a) (?=\d)", "", s)
    s = re.sub(r"^the (?=" + _NUM_ALT + r")", "", s)
    s = re.sub(r"^(?:the|an?) (?=(?:" + _NUM_ALT + r")-(?:" + _UNIT_ALT + r")\b)", "", s)
    adj = re.fullmatch(r"((?:" + _NUM_ALT + r")-(?:" + _UNIT_ALT + r"))(?:-long)? [a-z][a-z -]*", s)
    if adj:  # "a five-year plan", "41-year history"
        s = adj.group(1)
    m = re.fullmatch(
        r"(?:(" + _NUM_ALT + r"|a few|few|several|some|many|numerous|a number of|dozens of"
        r"|hundreds of|thousands of|multiple|countless|the)"
        r"(?: and a half| and one half| point five)?[- ])?"
        r"(?:more |additional |further |full |whole |straight |consecutive |successive "
        r"|trading |business |working |calendar |long |short |fiscal |financial |solid "
        r"|entire |)*(" + _UNIT_ALT + r")(?: and a half)?(?:[- ]long| in a row| running"
        r"| straight| or so| or more| of .+)?",
        s,
    )
    if not m:
        return None
    qty, unit_word = m.group(1), m.group(2)
    plural = unit_word.endswith("s") and unit_word not in ("hrs", "mins", "secs")
    base = re.sub(r"s$", "", unit_word).replace("centurie", "century")
    base = base.replace("millennia", "millennium")
    base = {"sec": "second", "min": "minute", "hr": "hour", "yr": "year"}.get(base, base)
    if base not in UNITS:
        return None
    unit, is_t, gran = UNITS[base]
    half = bool(re.search(r"and (?:a|one) half|point five", m.group(0)))
    if qty is None or qty == "the":
        if qty == "the" and not plural:
            return None
        if not plural:
            # "a day"-less singular unit alone ("year") is not a duration.
            return None
        n: float | None = None
    else:
        n = _num(qty)
        if n is None and qty not in VAGUE_NUMBERS and qty not in (
            "numerous", "a number of", "dozens of", "hundreds of", "thousands of"
        ):  # fmt: skip
            return None
    if n is not None and half:
        n = n + 0.5
    if base == "fortnight" and n is not None:
        n = n * 2
    if n is not None and isinstance(n, float) and not n.is_integer():
        # a fractional amount in the next smaller unit that makes it whole: "two and a
        # half years" P30M, "an hour and a half" PT90M, "one and a half decades" P15Y
        unit, n, gran = _whole(unit, n, gran)
        is_t = gran in ("hour", "minute", "second")  # after T in TIMEX3: "PT36H"
    amount = "X" if n is None else _fmt_num(n)
    return Timex("DURATION", ("PT" if is_t else "P") + amount + unit, gran, mod)


@lru_cache(maxsize=256)
def _date_data_parser(prefer: str, base: _dt.datetime | None):
    """A dateparser ``DateDataParser`` for these settings (imported lazily: it is slow)."""
    from dateparser.date import DateDataParser

    settings = {
        "PREFER_DATES_FROM": prefer,
        "RETURN_TIME_AS_PERIOD": True,
        "REQUIRE_PARTS": ["year"] if base is None else [],
    }
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=["en"], settings=settings)


def _dateparser_fallback(s: str, anchor: _dt.date | None, tense: str) -> Timex | None:
    """Absolute dates in formats the rules miss, through dateparser (slow, rare)."""
    if not re.search(r"\d", s) or not re.search(r"\b(?:" + _MONTH_ALT + r")\b", s):
        return None
    if re.search(r"\d,? \d|\d[.,]\d", s):
        return None  # numbers ("1, 723.35"), not dates
    vocab = set(MONTHS) | set(WEEKDAYS) | {"of", "the", "at", "on", "am", "pm", "a.m.", "p.m.",
                                            "utc", "gmt", "st", "nd", "rd", "th"}  # fmt: skip
    words = re.findall(r"[a-z][a-z.]*", s)
    if any(w.rstrip(".") not in vocab and w not in vocab for w in words):
        return None  # only calendar words: dateparser is not asked to guess
    if re.search(r"\b(?:ago|later|earlier|next|last|this|in|after|before)\b", s):
        return None
    ddp = _date_data_parser(
        "future" if tense == "future" else "past",
        _dt.datetime(anchor.year, anchor.month, anchor.day, 12) if anchor else None,
    )
    data = ddp.get_date_data(s)
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period
    if period == "year":
        return _date(f"{d.year:04d}")
    if period == "month":
        return _date(f"{d.year:04d}-{d.month:02d}")
    if period == "day":
        return _day(d)
    if period == "week":
        return _date(_week(d))
    if period in ("time", "hour", "minute"):
        t = data.date_obj
        return Timex("TIME", f"{d.isoformat()}T{t.hour:02d}:{t.minute:02d}", "minute")
    return None


_RULES = (
    _rule_not_dates, _rule_refs, _rule_sets, _rule_clock, _rule_deictic_days,
    _rule_part_of_day, _rule_weekday, _rule_calendar, _rule_week_of_month, _rule_holiday,
    _rule_quarter,
    _rule_season, _rule_year, _rule_decade, _rule_ago, _rule_relative_unit, _rule_duration,
)  # fmt: skip


def _with_mod(t: Timex, mod: str | None) -> Timex:
    if mod is None or t.mod is not None or t is _NOT:
        return t
    return Timex(t.type, t.value, t.granularity, mod)


def _normalize_core(s: str, anchor: _dt.date | None, tense: str, depth: int = 0) -> Timex | None:
    """Apply the rules to cleaned text; peel one modifier and retry when none fits."""
    if not s or depth > 4:
        return None
    for rule in _RULES:
        out = rule(s, anchor, tense)
        if out is not None:
            return out
    stripped = _strip_preps(s)
    if stripped != s:
        return _normalize_core(stripped, anchor, tense, depth + 1)
    for word, mod in _POSITION_PREFIXES + _APPROX_PREFIXES:
        if s.startswith(word) and len(s) > len(word) + 1:
            rest = s[len(word) :].lstrip(" -")
            if not rest or (word[-1].isalpha() and s[len(word)].isalpha()):
                continue
            sub = _normalize_core(rest, anchor, tense, depth + 1)
            if sub is not None and sub is not _NOT:
                if sub.type in ("DATE", "TIME"):
                    return _with_mod(sub, mod)
                if mod in ("APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS"):
                    return _with_mod(sub, mod)
                return sub
    if s.startswith("the ") and depth < 4:
        sub = _normalize_core(s[4:], anchor, tense, depth + 1)
        if sub is not None:
            return sub
    # "a quarter ago"-like leftovers, trailing qualifiers: "2009 and beyond", "May this year"
    m = re.fullmatch(r"(.+?),? (?:and|or) (?:beyond|earlier|later|before|after|so)", s)
    if m:
        return _normalize_core(m.group(1), anchor, tense, depth + 1)
    return None


@lru_cache(maxsize=65536)
def _normalize_cached(
    expression: str, anchor: _dt.date | None, tense: str, label: str | None
) -> Timex | None:
    s = _clean(expression)
    if not s or len(s) > 120:
        return None
    if tense not in ("past", "present", "future"):
        tense = "past"
    out = _normalize_core(s, anchor, tense)
    if out is None:
        out = _dateparser_fallback(_strip_preps(s), anchor, tense)
    if out is None or out is _NOT:
        return None
    if out.type == "DATE" and out.value is not None and not TIMEX3_VALUE.match(out.value):
        return None
    return out


def normalize(
    expression: str,
    anchor: _dt.date | None,
    *,
    tense: str = "past",
    label: str | None = None,
) -> Timex | None:
    """Normalize a temporal expression to a TIMEX3 type and value.

    Parameters
    ----------
    expression : str
        The expression as written ("on Friday", "Dec. 9", "the past two weeks").
        Leading prepositions are ignored.
    anchor : datetime.date or None
        The reference date relative expressions are resolved against, normally the
        publication date. With None, relative expressions keep ``value=None``.
    tense : {"past", "present", "future"}, optional
        The tense of the sentence; it decides which way an underspecified date goes
        ("Friday", "in May", "December 9"). Default "past".
    label : str, optional
        The entity label the expression came with (``"DATE"``, ``"TIME"``,
        ``"CARDINAL"``); informative only, kept for callers and the cache key.

    Returns
    -------
    Timex or None
        The normalized expression, or None when the text is not a temporal expression
        the normalizer understands (it never raises).

    References
    ----------
    .. [1] J. Pustejovsky et al., "TimeML: Robust Specification of Event and Temporal
       Expressions in Text", IWCS-5, 2003.
    .. [2] ISO 24617-1:2012, Language resource management - Semantic annotation
       framework - Part 1: Time and events (SemAF-Time, ISO-TimeML).
    .. [3] N. UzZaman et al., "SemEval-2013 Task 1: TempEval-3: Evaluating Time
       Expressions, Events, and Temporal Relations", SemEval 2013.

    Examples
    --------
    >>> from datetime import date
    >>> sunday = date(2016, 12, 18)
    >>> normalize("Friday", sunday).value
    '2016-12-16'
    >>> normalize("Friday", sunday, tense="future").value
    '2016-12-23'
    >>> normalize("last week", sunday).value
    '2016-W49'
    >>> normalize("Tuesday last week", sunday).value
    '2016-12-06'
    >>> normalize("on Sunday night", sunday)
    Timex(type='TIME', value='2016-12-18TNI', granularity='part_of_day', mod=None)
    >>> normalize("early on Friday", sunday)
    Timex(type='DATE', value='2016-12-16', granularity='day', mod='START')
    >>> normalize("Dec. 9", sunday).value
    '2016-12-09'
    >>> normalize("the 1990s", None).value
    '199'
    >>> normalize("the past two weeks", sunday)
    Timex(type='DURATION', value='P2W', granularity='week', mod=None)
    >>> normalize("recently", sunday).value
    'PAST_REF'
    >>> normalize("every Friday", sunday).value
    'XXXX-WXX-5'
    >>> normalize("yesterday", None)
    Timex(type='DATE', value=None, granularity='day', mod=None)
    >>> normalize("the 25th anniversary", sunday) is None
    True
    """
    if not isinstance(expression, str):
        return None
    if anchor is not None and isinstance(anchor, _dt.datetime):
        anchor = anchor.date()
    if anchor is not None and not isinstance(anchor, _dt.date):
        return None
    try:
        return _normalize_cached(expression, anchor, tense, label)
    except (ValueError, OverflowError, TypeError, KeyError, IndexError, RecursionError):
        return None
