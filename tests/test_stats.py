"""The permutation test of correlation_stats on seeded synthetic corpora."""

from __future__ import annotations

import random
from datetime import date

import numpy as np
import pytest

from graph.model import EventRecord
from graph.queries.stats import _CauseIndex, _group_keys, correlation_stats
from ingest.errors import QueryError
from tests.graph_fixtures import corpus, store  # noqa: F401 - store is a fixture

DAY0 = date(2021, 1, 1).toordinal()
PERIOD = 730  # two years


def planted_corpus(seed, causes=60, effects=100):
    """Effects planted 0-2 days after a random cause."""
    rng = random.Random(seed)
    starts = [DAY0 + rng.randint(0, PERIOD - 3) for _ in range(causes)]
    events = [EventRecord(f"c{i}", "BROADCAST", s, s) for i, s in enumerate(starts)]
    for i in range(effects):
        day = rng.choice(starts) + rng.randint(0, 2)
        events.append(EventRecord(f"e{i}", "OUTAGE", day, day))
    return events


def independent_corpus(seed, causes=60, effects=100):
    """Causes and effects at independent uniform times."""
    rng = random.Random(seed)
    events = []
    for i in range(causes):
        day = DAY0 + rng.randint(0, PERIOD)
        events.append(EventRecord(f"c{i}", "BROADCAST", day, day))
    for i in range(effects):
        day = DAY0 + rng.randint(0, PERIOD)
        events.append(EventRecord(f"e{i}", "OUTAGE", day, day))
    return events


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_planted_effects_are_detected(seed):
    result = correlation_stats(planted_corpus(seed), "BROADCAST", "OUTAGE", "3d",
                               permutations=999, seed=seed)
    assert result.observed == 100
    assert result.p_value < 0.01
    assert result.p_value == 1 / 1000  # no permutation reaches 100 (Phipson & Smyth)
    assert result.lift > 2
    assert "very unlikely to be chance" in result.interpretation


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_independent_times_are_not_significant(seed):
    result = correlation_stats(independent_corpus(seed), "BROADCAST", "OUTAGE", "3d",
                               permutations=999, seed=seed)
    assert result.p_value > 0.05
    assert 0.6 < result.lift < 1.6
    assert "could well be chance" in result.interpretation


def test_circular_null_also_detects_planted_effects():
    result = correlation_stats(planted_corpus(5), "BROADCAST", "OUTAGE", "3d",
                               permutations=499, seed=5, null_model="circular")
    assert result.p_value < 0.01 and result.lift > 2


def test_same_seed_same_answer_and_p_value_formula():
    events = independent_corpus(7)
    a = correlation_stats(events, "BROADCAST", "OUTAGE", "2d", permutations=200, seed=11)
    b = correlation_stats(events, "BROADCAST", "OUTAGE", "2d", permutations=200, seed=11)
    assert a == b
    assert a.p_value * 201 == pytest.approx(round(a.p_value * 201))
    assert a.null_low <= a.expected <= a.null_high
    assert a.pairs >= a.observed


@pytest.mark.parametrize("flags", [{}, {"same_place": True}, {"shared_entity": True},
                                   {"same_place": True, "shared_entity": True}])
def test_vectorized_count_equals_the_sweep(flags):
    rng = random.Random(3)
    events = []
    for i in range(300):
        day = DAY0 + rng.randint(0, 200)
        end = day + rng.choice([0, 0, 0, 6, 30])
        events.append(EventRecord(f"x{i}", rng.choice(["A", "B"]), day, end,
                                  place=rng.choice(["p", "q", None]),
                                  entities=frozenset(rng.sample("uvwxyz", 2))))
    causes = [e for e in events if e.type == "A"]
    effects = [e for e in events if e.type == "B"]
    swept = correlation_stats(events, "A", "B", "4d", permutations=1, **flags).observed
    index = _CauseIndex(causes, flags.get("same_place", False), flags.get("shared_entity", False))
    member_effect, member_group = [], []
    for i, effect in enumerate(effects):
        for key in _group_keys(effect, flags.get("same_place", False),
                               flags.get("shared_entity", False)):
            if key in index.group_of:
                member_effect.append(i)
                member_group.append(index.group_of[key])
    counted = index.count(np.array(member_effect, dtype=np.int64),
                          np.array(member_group, dtype=np.int64),
                          np.array([e.start for e in effects], dtype=np.int64),
                          np.array([e.end - e.start for e in effects], dtype=np.int64), 4,
                          len(effects))
    assert counted == swept


def test_bad_parameters_raise_query_error():
    events = independent_corpus(1)
    with pytest.raises(QueryError):
        correlation_stats(events, "BROADCAST", "OUTAGE", "3d", permutations=0)
    with pytest.raises(QueryError):
        correlation_stats(events, "BROADCAST", "OUTAGE", "3d", null_model="bootstrap")
    with pytest.raises(QueryError):
        correlation_stats(events, "BROADCAST", "OUTAGE", "400d")


def test_no_data_says_so():
    result = correlation_stats([], "BROADCAST", "OUTAGE", "3d", permutations=10)
    assert result.observed == 0 and result.lift is None
    assert result.interpretation.startswith("Not enough data")


def test_stats_through_the_store(store):  # noqa: F811
    for item in corpus():
        store.write_extraction(item)
    result = store.correlation_stats("BROADCAST", "OUTAGE", "3d", permutations=99, seed=1)
    assert result.causes == 3 and result.effects == 2 and result.observed == 2
    assert 0 < result.p_value <= 1
    assert result.as_json()["interpretation"]
