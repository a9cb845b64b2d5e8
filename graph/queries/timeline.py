"""Timelines: events in the order they happened, each with its sources."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from graph.model import EventRecord
from graph.queries.filters import select_events


def timeline(
    events: Iterable[EventRecord],
    *,
    entity: str | None = None,
    place: str | None = None,
    country: str | None = None,
    type: str | None = None,  # noqa: A002 - the name users know from the CLI
    start: date | str | None = None,
    end: date | str | None = None,
) -> list[EventRecord]:
    """The events matching the filters, ordered by start day, then end day, then id.

    A month-granular event sorts on the first day of its month; its ``date`` field
    says how precise it is.

    Parameters
    ----------
    events : iterable of EventRecord
    entity, place : str, optional
        Entity ids: a participant (or place), the place.
    country, type : str, optional
        Country name, event type.
    start, end : date or str, optional
        Keep events overlapping ``[start, end]``.
    """
    selected = select_events(events, type=type, entity=entity, country=country, place=place,
                             start=start, end=end)
    return sorted(selected, key=lambda e: (e.start, e.end, e.id))
