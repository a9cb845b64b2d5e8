"""Calendar intervals for TIMEX3 date values, and time windows for queries.

An event's date is kept as the value the extractor found (``2022-01-05``,
``2022-01``, ``2022``, ``2022-W01``, ``2022-01-05T14:30``) and as the closed
interval of calendar days it may fall on. A day or a time is precise (one day);
a week, month, quarter or year is an interval of several days.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ingest.errors import QueryError

MAX_WINDOW = timedelta(days=366)
"""The longest ``within`` window a query accepts; longer ones make unbounded work."""

PRECISE_GRANULARITIES = frozenset({"day", "time"})

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T.*$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True, slots=True)
class DayInterval:
    """A closed interval of calendar days ``[start, end]`` with its TIMEX3 value.

    Attributes
    ----------
    value : str
        The normalized TIMEX3 value (a time is cut to its day).
    granularity : str
        ``day``, ``week``, ``month``, ``quarter`` or ``year``.
    start, end : datetime.date
        First and last day the date may denote.
    """

    value: str
    granularity: str
    start: date
    end: date

    @property
    def precise(self) -> bool:
        """True when the interval is a single day."""
        return self.start == self.end


def timex_interval(value: str | None) -> DayInterval | None:
    """The interval of days a TIMEX3 date value denotes, or None when it has none.

    Parameters
    ----------
    value : str or None
        ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``, ``YYYY-Www``, ``YYYY-Qn`` or a TIME
        ``YYYY-MM-DDTHH:MM`` / ``YYYY-MM-DDTNI`` (treated as its day).

    Returns
    -------
    DayInterval or None
        None for values with no calendar anchor (``PRESENT_REF``, ``XXXX-12-25``) or
        impossible dates.

    Examples
    --------
    >>> timex_interval("2022-02").end
    datetime.date(2022, 2, 28)
    >>> timex_interval("2022-01-05T14:30").granularity
    'day'
    """
    if not value:
        return None
    text = str(value).strip()
    try:
        if m := _DAY.match(text) or _TIME.match(text):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return DayInterval(day.isoformat(), "day", day, day)
        if m := _MONTH.match(text):
            year, month = int(m[1]), int(m[2])
            last = calendar.monthrange(year, month)[1]
            return DayInterval(text, "month", date(year, month, 1), date(year, month, last))
        if m := _YEAR.match(text):
            year = int(m[1])
            return DayInterval(text, "year", date(year, 1, 1), date(year, 12, 31))
        if m := _WEEK.match(text):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return DayInterval(text, "week", monday, monday + timedelta(days=6))
        if m := _QUARTER.match(text):
            year, quarter = int(m[1]), int(m[2])
            first_month = 3 * quarter - 2
            last = calendar.monthrange(year, first_month + 2)[1]
            return DayInterval(
                text, "quarter", date(year, first_month, 1), date(year, first_month + 2, last)
            )
    except ValueError:
        return None
    return None


def published_day(published: str | None) -> date | None:
    """The calendar day of an ISO date or datetime string, or None."""
    if not published:
        return None
    try:
        return datetime.fromisoformat(str(published).replace("Z", "+00:00")).date()
    except ValueError:
        interval = timex_interval(str(published))
        return interval.start if interval and interval.precise else None


_SHORT_WINDOW = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$", re.IGNORECASE)
_ISO_WINDOW = re.compile(
    r"^P(?:(?P<w>\d+(?:\.\d+)?)W)?(?:(?P<d>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$",
    re.IGNORECASE,
)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def parse_window(window: str | timedelta | int | float) -> timedelta:
    """Parse a ``within`` window: ``3d``, ``12h``, ``2w``, ISO 8601 ``P3D``, ``PT12H``.

    Parameters
    ----------
    window : str, timedelta, int or float
        A window; a bare number is a number of days.

    Returns
    -------
    datetime.timedelta
        Between zero and :data:`MAX_WINDOW` (366 days).

    Raises
    ------
    QueryError
        When the window cannot be read, is negative, or is longer than 366 days.

    Examples
    --------
    >>> parse_window("3d")
    datetime.timedelta(days=3)
    >>> parse_window("PT12H")
    datetime.timedelta(seconds=43200)
    """
    try:
        result = _window_delta(window)
    except OverflowError:  # "1000000000d": far past any bound, and past what timedelta holds
        result = MAX_WINDOW + timedelta(days=1)
    if result < timedelta(0):
        raise QueryError(f"the window {window!r} is negative; give a duration such as 3d.",
                         code="NG401")
    if result > MAX_WINDOW:
        raise QueryError(
            f"the window {window!r} is longer than 366 days; narrow it (e.g. 30d) so the "
            "query stays bounded.",
            code="NG402",
        )
    return result


def _window_delta(window: str | timedelta | int | float) -> timedelta:
    """A window as a timedelta (unbounded; :func:`parse_window` checks the bounds)."""
    if isinstance(window, timedelta):
        result = window
    elif isinstance(window, int | float):
        result = timedelta(days=window)
    else:
        text = str(window).strip()
        if m := _SHORT_WINDOW.match(text):
            result = timedelta(seconds=float(m[1]) * _UNIT_SECONDS[m[2].lower()])
        elif (m := _ISO_WINDOW.match(text)) and text.upper() not in {"P", "PT"}:
            parts = {k: float(v) for k, v in m.groupdict().items() if v}
            if not parts:
                raise QueryError(_window_help(text), code="NG401")
            seconds = sum(parts[k] * _UNIT_SECONDS[k] for k in parts)
            result = timedelta(seconds=seconds)
        elif re.fullmatch(r"\d+", text):
            result = timedelta(days=int(text))
        else:
            raise QueryError(_window_help(text), code="NG401")
    return result


def window_days(window: timedelta) -> int:
    """The largest whole number of days a lag may be to fit in ``window``.

    Event dates are calendar days, so a 12-hour window admits only lag 0 and a
    3-day window lags 0, 1, 2 and 3.
    """
    return int(window.total_seconds() // 86400)


def _window_help(text: str) -> str:
    return (
        f"cannot read the window {text!r}; write e.g. 3d, 12h, 2w, or ISO 8601 P3D, PT12H."
    )
