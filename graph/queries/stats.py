"""Is "B followed A" more often than chance? A permutation test.

The statistic is the number of effects (events of ``effect_type``) with at least one
cause (event of ``cause_type``) starting 0 to ``within`` days before them, by the
rules of :mod:`graph.queries.followed`. The null model re-dates the effects at
random and recounts; the p-value is the share of re-datings that do at least as
well as the data.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta

import numpy as np

from graph.dates import parse_window, window_days
from graph.model import EventRecord
from graph.queries.filters import select_events
from graph.queries.followed import sweep_pairs
from ingest.errors import QueryError

NULL_MODELS = ("uniform", "circular")
MAX_PERMUTATIONS = 100_000
_GROUP_STRIDE = 1 << 22  # larger than any day ordinal (date.max is 3_652_059)


@dataclass(frozen=True)
class CorrelationStats:
    """The outcome of :func:`correlation_stats`; see its docstring for the fields."""

    cause_type: str
    effect_type: str
    window_days: int
    causes: int
    effects: int
    observed: int
    pairs: int
    expected: float
    lift: float | None
    p_value: float
    permutations: int
    seed: int
    null_model: str
    null_low: float
    null_high: float
    period_start: str | None
    period_end: str | None
    interpretation: str

    def as_json(self) -> dict:
        return asdict(self)


def _group_keys(event: EventRecord, same_place: bool, shared_entity: bool) -> list:
    country = event.country.casefold() if event.country else None
    if same_place and shared_entity:
        return [(country, e) for e in sorted(event.entities)] if country else []
    if same_place:
        return [country] if country else []
    if shared_entity:
        return sorted(event.entities)
    return [None]


class _CauseIndex:
    """Causes sorted by (group, start) with a running maximum of their ends.

    An effect ``[s, e]`` in group ``g`` has a cause in its window when some cause of
    ``g`` has ``start <= e`` and ``end >= s - window``: one ``searchsorted`` finds the
    causes with ``start <= e``, and the running maximum of their ends answers the
    second condition. Groups are packed into one array by offsetting each group's
    days by ``g * 2**22``.
    """

    def __init__(self, causes: list[EventRecord], same_place: bool, shared_entity: bool):
        self.group_of: dict = {}
        rows = []
        for cause in causes:
            for key in _group_keys(cause, same_place, shared_entity):
                g = self.group_of.setdefault(key, len(self.group_of))
                rows.append((g, cause.start, cause.end))
        rows.sort()
        data = np.array(rows, dtype=np.int64).reshape(-1, 3)
        self.starts = data[:, 0] * _GROUP_STRIDE + data[:, 1]
        self.running_end = np.maximum.accumulate(data[:, 0] * _GROUP_STRIDE + data[:, 2]) \
            if len(data) else np.zeros(0, dtype=np.int64)

    def count(self, member_effect: np.ndarray, member_group: np.ndarray, starts: np.ndarray,
              lengths: np.ndarray, window: int, n_effects: int) -> int:
        """How many effects (given start days) have a cause in the window before them."""
        if len(self.starts) == 0 or len(member_effect) == 0:
            return 0
        s = starts[member_effect]
        e = s + lengths[member_effect]
        offset = member_group * _GROUP_STRIDE
        idx = np.searchsorted(self.starts, offset + e, side="right")
        has = idx > 0
        ok = np.zeros(len(idx), dtype=bool)
        ok[has] = self.running_end[idx[has] - 1] >= offset[has] + s[has] - window
        hit = np.zeros(n_effects, dtype=bool)
        hit[member_effect[ok]] = True
        return int(hit.sum())


def correlation_stats(
    events: list[EventRecord],
    cause_type: str,
    effect_type: str,
    within: str | timedelta | int,
    *,
    permutations: int = 1000,
    seed: int = 0,
    null_model: str = "uniform",
    cause_affiliation: str | None = None,
    effect_affiliation: str | None = None,
    cause_entity: str | None = None,
    effect_entity: str | None = None,
    country: str | None = None,
    place: str | None = None,
    same_place: bool = False,
    shared_entity: bool = False,
) -> CorrelationStats:
    """Do effects follow causes within the window more often than chance? A permutation test.

    Parameters
    ----------
    events : list of EventRecord
    cause_type, effect_type : str
        Event types, e.g. ``BROADCAST`` and ``OUTAGE``.
    within : str, timedelta or int
        The window, as for :func:`graph.queries.followed.followed`.
    permutations : int
        Number of random re-datings of the effects (1 to 100 000).
    seed : int
        Seed of the random generator (``numpy.random.default_rng``); the same seed
        gives the same answer.
    null_model : {"uniform", "circular"}
        ``uniform`` (default): each effect is moved to a start day drawn uniformly from
        the observed period ``[first day, last day]`` of the selected causes and effects,
        keeping its interval length, place and participants. ``circular``: all effects
        are shifted together by one random offset, wrapping around the period, which
        keeps the effects' clustering in time. Offsets within the window of zero (either
        way round) are not drawn, since they would keep the very alignment under test.
    cause_affiliation, effect_affiliation, cause_entity, effect_entity, country, place,
    same_place, shared_entity
        Filters, as for :func:`graph.queries.followed.followed`.

    Returns
    -------
    CorrelationStats
        ``observed``: effects with at least one cause in the window before them;
        ``pairs``: the number of (cause, effect) pairs; ``expected``: the mean of the
        statistic over the permutations; ``lift = observed / expected``;
        ``p_value = (1 + #{null >= observed}) / (1 + permutations)``; ``null_low`` and
        ``null_high``: the 2.5 % and 97.5 % quantiles of the null counts; and a plain-words
        ``interpretation``.

    Notes
    -----
    Why re-date effects uniformly over the period rather than permute the effect dates
    among the effects: without place or entity filters the statistic depends only on
    the set of effect dates, so a permutation of dates among effects leaves it
    unchanged and tests nothing. Re-dating within the observed period asks: "if the
    effects had happened at unrelated times in the same period, how many would land
    within the window after a cause?" Causes stay where they are, so their own
    clustering is kept. The uniform model ignores the clustering of effects (news is
    bursty: one outage is reported as several events over consecutive days), which makes
    the p-value optimistic when effects cluster; the ``circular`` model keeps that
    clustering and is the more conservative check. Either way the test measures
    association in time, not causation.

    When ``cause_type == effect_type`` an event is not its own cause in the observed
    count.

    References
    ----------
    .. [1] Good, P. I. (2005). *Permutation, Parametric and Bootstrap Tests of
       Hypotheses*, 3rd ed. Springer. Chapters 3-4.
    .. [2] Phipson, B., & Smyth, G. K. (2010). Permutation p-values should never be
       zero: calculating exact p-values when permutations are randomly drawn.
       *Statistical Applications in Genetics and Molecular Biology*, 9(1), Article 39.
    .. [3] Fujisawa, S., Amarasingham, A., Harrison, M. T., & Buzsáki, G. (2008).
       Behavior-dependent short-term assembly dynamics in the medial prefrontal cortex.
       *Nature Neuroscience*, 11, 823-833 (jitter and shift surrogates for timing).

    Examples
    --------
    >>> from graph.model import EventRecord
    >>> events = [EventRecord(f"c{i}", "BROADCAST", 738000 + 10 * i, 738000 + 10 * i)
    ...           for i in range(30)]
    >>> events += [EventRecord(f"e{i}", "OUTAGE", 738001 + 10 * i, 738001 + 10 * i)
    ...            for i in range(30)]
    >>> result = correlation_stats(events, "BROADCAST", "OUTAGE", "2d", permutations=199)
    >>> result.observed, result.p_value < 0.01
    (30, True)
    """
    if null_model not in NULL_MODELS:
        raise QueryError(f"unknown null model {null_model!r}; use one of {NULL_MODELS}.",
                         code="NG404")
    if not 1 <= int(permutations) <= MAX_PERMUTATIONS:
        raise QueryError(f"permutations must be between 1 and {MAX_PERMUTATIONS}.",
                         code="NG405")
    window = window_days(parse_window(within))
    causes = select_events(events, type=cause_type, affiliation=cause_affiliation,
                           entity=cause_entity, country=country, place=place)
    effects = select_events(events, type=effect_type, affiliation=effect_affiliation,
                            entity=effect_entity, country=country, place=place)
    pairs = sweep_pairs(causes, effects, window, same_place=same_place,
                        shared_entity=shared_entity)
    observed = len({p.effect.id for p in pairs})
    rng = np.random.default_rng(seed)
    null = np.zeros(int(permutations), dtype=np.int64)
    period = None
    if causes and effects:
        first = min(min(e.start for e in causes), min(e.start for e in effects))
        last = max(max(e.end for e in causes), max(e.end for e in effects))
        period = (first, last)
        index = _CauseIndex(causes, same_place, shared_entity)
        member_effect, member_group = [], []
        for i, effect in enumerate(effects):
            for key in _group_keys(effect, same_place, shared_entity):
                if key in index.group_of:
                    member_effect.append(i)
                    member_group.append(index.group_of[key])
        member_effect = np.array(member_effect, dtype=np.int64)
        member_group = np.array(member_group, dtype=np.int64)
        starts = np.array([e.start for e in effects], dtype=np.int64)
        lengths = np.array([e.end - e.start for e in effects], dtype=np.int64)
        latest_start = np.maximum(first, last - lengths)
        span = last - first + 1
        min_shift = window + 1  # a shift within the window would keep the alignment tested
        for b in range(len(null)):
            if null_model == "uniform":
                shuffled = rng.integers(first, latest_start + 1)
            else:
                shift = int(rng.integers(min_shift, span - min_shift)) \
                    if span > 2 * min_shift else int(rng.integers(0, span))
                shuffled = first + (starts - first + shift) % span
            null[b] = index.count(member_effect, member_group, shuffled, lengths, window,
                                  len(effects))
    expected = float(null.mean()) if len(null) else 0.0
    exceed = int((null >= observed).sum())
    p_value = (1 + exceed) / (1 + len(null))
    lift = observed / expected if expected > 0 else None
    low, high = (float(q) for q in np.quantile(null, [0.025, 0.975]))
    result = dict(
        cause_type=cause_type.upper(), effect_type=effect_type.upper(), window_days=window,
        causes=len(causes), effects=len(effects), observed=observed, pairs=len(pairs),
        expected=round(expected, 3), lift=None if lift is None else round(lift, 3),
        p_value=p_value, permutations=int(permutations), seed=seed, null_model=null_model,
        null_low=low, null_high=high,
        period_start=date.fromordinal(period[0]).isoformat() if period else None,
        period_end=date.fromordinal(period[1]).isoformat() if period else None,
    )
    return CorrelationStats(**result, interpretation=interpret(**result))


def interpret(*, cause_type: str, effect_type: str, window_days: int, effects: int,
              observed: int, expected: float, lift: float | None, p_value: float,
              permutations: int, causes: int, **_: object) -> str:
    """A plain-words reading of a correlation result, for a journalist."""
    if not causes or not effects:
        return (f"Not enough data: {causes} {cause_type} and {effects} {effect_type} events "
                "match the filters.")
    text = (
        f"{observed} of {effects} {effect_type} events began within {window_days} days after a "
        f"{cause_type} event. If their timing were unrelated, about {expected:.1f} would be "
        "expected"
    )
    text += f" (lift {lift:.2f})." if lift is not None else "."
    if p_value <= 0.01:
        verdict = "This is very unlikely to be chance"
    elif p_value <= 0.05:
        verdict = "This is unlikely to be chance"
    else:
        verdict = "This could well be chance"
    text += (
        f" {verdict}: random re-dating did as well or better in a share p = {p_value:.3g} of "
        f"{permutations} trials. It shows that the events go together in time, not that one "
        "caused the other; check the sources of each pair."
    )
    if effects < 10:
        text += " With fewer than 10 effects, treat the result as anecdotal."
    return text
