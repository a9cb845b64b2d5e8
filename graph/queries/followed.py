"""What followed what: pairs of events where the effect starts soon after the cause.

Semantics
---------
A pair (cause, effect) is returned when the effect may start between 0 and
``within`` days after the cause starts: the lag ``effect.start - cause.start``
lies in ``[0, window]``. The effect never comes before the cause. Two events on
the same day have lag 0.

Dates coarser than a day (week, month, quarter, year) are intervals of days. Such a
pair is returned when *some* choice of days inside the two intervals gives a lag in
``[0, window]``, i.e. ``effect.start - cause.end <= window`` and
``effect.end >= cause.start``; it is flagged ``precise: false`` and its
``lag_days`` is the smallest lag the intervals allow, ``max(0, effect.start -
cause.end)``.

Algorithm
---------
Effects are grouped by interval length and sorted by start day; for each cause the
effects that can follow it are found with two binary searches per group, so the
work is ``O(n log n + k)`` for ``n`` events and ``k`` candidate pairs, never all
pairs.
"""

from __future__ import annotations

import gc
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from graph.dates import parse_window, window_days
from graph.model import EventRecord
from graph.queries.filters import select_events


@dataclass(frozen=True, slots=True)
class FollowedPair:
    """A cause and an effect that started within the window after it."""

    cause: EventRecord
    effect: EventRecord
    lag_days: int
    precise: bool
    shared_entities: tuple[str, ...] = ()

    def as_json(self) -> dict:
        """The public JSON shape: ``cause``, ``effect``, ``lag_days``, ``shared_entities``,
        ``precise``."""
        names = {p.entity: p.name for p in self.cause.participants + self.effect.participants}
        return {
            "cause": self.cause.as_json(),
            "effect": self.effect.as_json(),
            "lag_days": self.lag_days,
            "shared_entities": [names.get(e, e) for e in self.shared_entities],
            "shared_entity_ids": list(self.shared_entities),
            "precise": self.precise,
        }


def pair_lag(cause: EventRecord, effect: EventRecord, window: int) -> tuple[int, bool] | None:
    """The lag in days and precision of ``effect`` after ``cause``, or None when it
    cannot fall in ``[0, window]``."""
    if effect.start - cause.end > window or effect.end < cause.start:
        return None
    precise = cause.precise and effect.precise
    lag = effect.start - cause.start if precise else max(0, effect.start - cause.end)
    return lag, precise


def _accept(cause: EventRecord, effect: EventRecord, same_place: bool,
            shared_entity: bool) -> tuple[str, ...] | None:
    if cause.id == effect.id:
        return None
    if same_place and not _same_country(cause, effect):
        return None
    shared = tuple(sorted(cause.entities & effect.entities))
    if shared_entity and not shared:
        return None
    return shared


def _same_country(cause: EventRecord, effect: EventRecord) -> bool:
    """``--same-place``: both events in the same country (the issue's definition: a city
    and its country count as the same place). Events without a country never match."""
    a, b = cause.country, effect.country
    return a is not None and b is not None and a.casefold() == b.casefold()


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building many small objects.

    Building a million result objects next to a million event records otherwise
    triggers full collections that walk every record again and again, which makes the
    sweep grow faster than ``n log n``. The objects built hold no reference cycles.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def sweep_pairs(causes: list[EventRecord], effects: list[EventRecord], window: int, *,
                same_place: bool = False, shared_entity: bool = False) -> list[FollowedPair]:
    """All (cause, effect) pairs within ``window`` days, by sort and binary search.

    Parameters
    ----------
    causes, effects : list of EventRecord
        Already filtered by type and the other per-event filters.
    window : int
        The largest lag in whole days.
    same_place, shared_entity : bool
        Keep only pairs in the same country / with at least one entity in common.

    Returns
    -------
    list of FollowedPair
        Ordered by cause start, effect start, cause id, effect id.
    """
    with gc_paused():
        return _sweep(causes, effects, window, same_place, shared_entity)


def _sweep(causes: list[EventRecord], effects: list[EventRecord], window: int,
           same_place: bool, shared_entity: bool) -> list[FollowedPair]:
    groups: dict[int, list[EventRecord]] = defaultdict(list)
    for effect in effects:
        groups[effect.end - effect.start].append(effect)
    indexed = []
    for length, members in groups.items():
        members.sort(key=lambda e: (e.start, e.id))
        indexed.append((length, [e.start for e in members], members))
    pairs = []
    for cause in causes:
        for length, starts, members in indexed:
            low = bisect_left(starts, cause.start - length)
            high = bisect_right(starts, cause.end + window)
            for effect in members[low:high]:
                shared = _accept(cause, effect, same_place, shared_entity)
                if shared is None:
                    continue
                lag, precise = pair_lag(cause, effect, window)
                pairs.append(FollowedPair(cause, effect, lag, precise, shared))
    pairs.sort(key=lambda p: (p.cause.start, p.effect.start, p.cause.id, p.effect.id))
    return pairs


def followed_pairwise(causes: list[EventRecord], effects: list[EventRecord], window: int, *,
                      same_place: bool = False,
                      shared_entity: bool = False) -> list[FollowedPair]:
    """The naive ``O(n * m)`` reference for :func:`sweep_pairs`: every pair is tested."""
    pairs = []
    for cause in causes:
        for effect in effects:
            found = pair_lag(cause, effect, window)
            if found is None:
                continue
            shared = _accept(cause, effect, same_place, shared_entity)
            if shared is None:
                continue
            pairs.append(FollowedPair(cause, effect, found[0], found[1], shared))
    pairs.sort(key=lambda p: (p.cause.start, p.effect.start, p.cause.id, p.effect.id))
    return pairs


def followed(
    events: list[EventRecord],
    cause_type: str,
    effect_type: str,
    within: str | timedelta | int,
    *,
    cause_affiliation: str | None = None,
    effect_affiliation: str | None = None,
    cause_entity: str | None = None,
    effect_entity: str | None = None,
    country: str | None = None,
    place: str | None = None,
    same_place: bool = False,
    shared_entity: bool = False,
) -> list[FollowedPair]:
    """Pairs (cause, effect) where the effect starts within ``within`` after the cause.

    Parameters
    ----------
    events : list of EventRecord
        The events to search.
    cause_type, effect_type : str
        Event types from ``ontology/taxonomy.yaml``, e.g. ``BROADCAST`` and ``OUTAGE``.
    within : str, timedelta or int
        The window: ``3d``, ``12h``, ``2w``, ``P3D`` (see :func:`graph.dates.parse_window`);
        at most 366 days.
    cause_affiliation, effect_affiliation : str, optional
        Keep causes (effects) with a participant of this affiliation.
    cause_entity, effect_entity : str, optional
        Keep causes (effects) with this entity id among participants or place.
    country, place : str, optional
        Keep causes and effects in this country (name) / at this place (entity id).
    same_place : bool
        Keep pairs whose cause and effect have the same place.
    shared_entity : bool
        Keep pairs whose cause and effect share a participant.

    Returns
    -------
    list of FollowedPair
        With ``lag_days`` (the exact lag, or for imprecise dates the smallest lag the
        intervals allow) and ``precise``.

    Raises
    ------
    QueryError
        When the window is unreadable or longer than 366 days.

    Examples
    --------
    >>> from graph.model import EventRecord
    >>> a = EventRecord("a", "BROADCAST", 738000, 738000)
    >>> b = EventRecord("b", "OUTAGE", 738002, 738002)
    >>> pairs = followed([a, b], "BROADCAST", "OUTAGE", "3d")
    >>> [(p.cause.id, p.effect.id, p.lag_days) for p in pairs]
    [('a', 'b', 2)]
    """
    window = window_days(parse_window(within))
    causes = select_events(events, type=cause_type, affiliation=cause_affiliation,
                           entity=cause_entity, country=country, place=place)
    effects = select_events(events, type=effect_type, affiliation=effect_affiliation,
                            entity=effect_entity, country=country, place=place)
    return sweep_pairs(causes, effects, window, same_place=same_place,
                       shared_entity=shared_entity)
