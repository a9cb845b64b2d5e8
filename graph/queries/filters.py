"""Selecting events by type, affiliation, entity, country, place and date range."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from graph.dates import timex_interval
from graph.model import EventRecord
from ingest.errors import QueryError


def _day_bounds(day: date | str | None) -> tuple[int, int] | None:
    """First and last day ordinal of a date or a TIMEX3 value (``2022``, ``2022-01``)."""
    if day is None:
        return None
    if isinstance(day, str):
        interval = timex_interval(day)
        if interval is None:
            raise QueryError(f"cannot read the date {day!r}; write YYYY-MM-DD, YYYY-MM or YYYY.",
                             code="NG403")
        return interval.start.toordinal(), interval.end.toordinal()
    return day.toordinal(), day.toordinal()


def select_events(
    events: Iterable[EventRecord],
    *,
    type: str | None = None,  # noqa: A002 - the name users know from the CLI
    affiliation: str | None = None,
    entity: str | None = None,
    country: str | None = None,
    place: str | None = None,
    start: date | str | None = None,
    end: date | str | None = None,
) -> list[EventRecord]:
    """The events that pass every given filter (a filter left as None passes all).

    Parameters
    ----------
    events : iterable of EventRecord
    type : str, optional
        Event type, e.g. ``OUTAGE`` (case-insensitive).
    affiliation : str, optional
        Keep events with a participant of this affiliation (case-insensitive).
    entity : str, optional
        Keep events with this entity id as participant or place.
    country : str, optional
        Keep events in this country (case-insensitive name).
    place : str, optional
        Keep events whose place is this entity id.
    start, end : date or str, optional
        Keep events whose interval overlaps ``[start, end]``.
    """
    wanted_type = type.upper() if type else None
    wanted_affiliation = affiliation.casefold() if affiliation else None
    wanted_country = country.casefold() if country else None
    first = _day_bounds(start)[0] if start is not None else None
    last = _day_bounds(end)[1] if end is not None else None
    selected = []
    for event in events:
        if wanted_type and event.type != wanted_type:
            continue
        if wanted_affiliation and wanted_affiliation not in event.affiliations:
            continue
        if entity and entity not in event.entities and entity != event.place:
            continue
        if wanted_country and (event.country or "").casefold() != wanted_country:
            continue
        if place and event.place != place:
            continue
        if first is not None and event.end < first:
            continue
        if last is not None and event.start > last:
            continue
        selected.append(event)
    return selected
