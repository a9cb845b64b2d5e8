"""How fast are `followed` and `correlation_stats`, and how fast does the store ingest?

Seeded synthetic graphs of 10k, 100k and 1M events are generated directly as event
records (the query algorithms' input). Events arrive at a constant 40 per day, so the
archive grows in time as it grows in size, and the number of (cause, effect) pairs
grows linearly with it. Each size times ``followed`` (BROADCAST -> OUTAGE within 3
days) and ``correlation_stats`` (permutation test), and on the small sizes the naive
all-pairs baseline, side by side with ratios; the growth exponent of ``followed`` is
the least-squares slope of log(time) on log(n). Separately, the ingest rate of the
embedded SQLite store is measured in documents per second on synthetic extractions.

Run::

    .venv/bin/python benchmarks/query_speed.py                 # 10k, 100k, 1M
    .venv/bin/python benchmarks/query_speed.py --sizes 10000 30000 --documents 500
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.model import EventRecord  # noqa: E402
from graph.queries.filters import select_events  # noqa: E402
from graph.queries.followed import followed, followed_pairwise  # noqa: E402
from graph.queries.stats import correlation_stats  # noqa: E402
from graph.stores import make_store  # noqa: E402

TYPES = {"BROADCAST": 0.05, "OUTAGE": 0.05, "PROTEST": 0.2, "ARREST": 0.2, "POLICY": 0.2,
         "LEGAL_ACTION": 0.2, "ELECTION": 0.1}
EVENTS_PER_DAY = 40
DAY0 = date(1990, 1, 1).toordinal()
WINDOW = "3d"


def synthetic_events(n: int, seed: int = 0) -> list[EventRecord]:
    """``n`` seeded event records; 95 % day dates, 5 % month dates."""
    rng = random.Random(seed)
    span = max(1, n // EVENTS_PER_DAY)
    kinds = list(TYPES)
    weights = list(TYPES.values())
    entity_sets = [frozenset({f"ent:{rng.randrange(5000)}", f"ent:{rng.randrange(5000)}"})
                   for _ in range(4096)]
    affiliation_sets = [frozenset({"opposition"}), frozenset({"government"}), frozenset()]
    places = [f"ent:city:{i}" for i in range(300)]
    events = []
    types = rng.choices(kinds, weights, k=n)
    for i in range(n):
        day = DAY0 + rng.randrange(span)
        if rng.random() < 0.05:
            first = date.fromordinal(day).replace(day=1)
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            start, end, granularity = first.toordinal(), following.toordinal() - 1, "month"
        else:
            start = end = day
            granularity = "day"
        events.append(EventRecord(
            id=f"ev:{i}", type=types[i], start=start, end=end, granularity=granularity,
            value=date.fromordinal(start).isoformat(), place=places[rng.randrange(300)],
            entities=entity_sets[rng.randrange(4096)],
            affiliations=affiliation_sets[rng.randrange(3)], country="Kazakhstan"))
    return events


def naive_stats(events: list[EventRecord], permutations: int, seed: int) -> int:
    """All-pairs baseline of the permutation test: re-date effects, test every pair."""
    causes = select_events(events, type="BROADCAST")
    effects = select_events(events, type="OUTAGE")
    first = min(e.start for e in causes + effects)
    last = max(e.end for e in causes + effects)
    rng = np.random.default_rng(seed)
    total = 0
    for _ in range(permutations):
        starts = rng.integers(first, np.maximum(first, last - np.array(
            [e.end - e.start for e in effects])) + 1)
        hits = 0
        for effect, start in zip(effects, starts.tolist(), strict=True):
            end = start + effect.end - effect.start
            if any(start - c.end <= 3 and end >= c.start for c in causes):
                hits += 1
        total += hits
    return total


def timed(function, *args, **kw) -> tuple[float, object]:
    """CPU seconds of this process spent in ``function`` (robust to other load on the
    machine), and its result."""
    began = time.process_time()
    result = function(*args, **kw)
    return time.process_time() - began, result


def bench_queries(sizes: list[int], naive_limit: int, permutations: int,
                  big_permutations: int) -> list[dict]:
    rows = []
    for n in sizes:
        events = synthetic_events(n, seed=n)
        row = {"n": n}
        row["followed_s"], pairs = timed(followed, events, "BROADCAST", "OUTAGE", WINDOW)
        row["pairs"] = len(pairs)
        del pairs
        perms = permutations if n < 1_000_000 else big_permutations
        row["permutations"] = perms
        row["stats_s"], result = timed(correlation_stats, events, "BROADCAST", "OUTAGE", WINDOW,
                                       permutations=perms, seed=1)
        row["p_value"] = result.p_value
        if n <= naive_limit:
            causes = select_events(events, type="BROADCAST")
            effects = select_events(events, type="OUTAGE")
            row["naive_followed_s"], slow = timed(followed_pairwise, causes, effects, 3)
            assert len(slow) == row["pairs"], "the sweep and the naive baseline disagree"
            naive_perms = 5
            seconds, _ = timed(naive_stats, events, naive_perms, 1)
            row["naive_stats_per_perm_s"] = seconds / naive_perms
        rows.append(row)
        print(f"  done n={n:,}", file=sys.stderr, flush=True)
    return rows


def synthetic_extractions(count: int, seed: int = 0) -> list[dict]:
    """Contract-shaped extractions: 6 entities and 3 events per article."""
    rng = random.Random(seed)
    people = [f"Person{i} Surname{i}" for i in range(400)]
    platforms = ["YouTube", "Telegram", "WhatsApp", "Facebook", "Instagram", "TikTok", "X"]
    cities = [f"City{i}" for i in range(100)]
    result = []
    for i in range(count):
        names = rng.sample(people, 3)
        entities = [{"id": f"e{j}", "name": name, "type": "PERSON", "aliases": [],
                     "attributes": {"affiliation": [rng.choice(["opposition", "government"])]},
                     "mentions": [{"start": 10 * j, "end": 10 * j + len(name), "text": name}]}
                    for j, name in enumerate(names)]
        entities.append({"id": "e3", "name": rng.choice(platforms), "type": "PLATFORM",
                         "attributes": {}, "mentions": [{"start": 50, "end": 57, "text": "x"}]})
        entities.append({"id": "e4", "name": rng.choice(cities), "type": "CITY",
                         "attributes": {"country": "Kazakhstan"},
                         "mentions": [{"start": 60, "end": 66, "text": "y"}]})
        entities.append({"id": "e5", "name": "Kazakhstan", "type": "COUNTRY",
                         "attributes": {"iso": "KZ"}, "mentions": []})
        events = []
        for j in range(3):
            day = date.fromordinal(DAY0 + rng.randrange(365)).isoformat()
            events.append({
                "id": f"ev{j}", "type": rng.choice(list(TYPES)), "trigger": "x",
                "date": {"value": day, "granularity": "day"}, "place": "e4",
                "country": "Kazakhstan",
                "participants": [{"entity": f"e{rng.randrange(3)}", "role": "actor"},
                                 {"entity": "e3", "role": "platform"}],
                "evidence": {"sentence": f"Sentence {j} of document {i}.", "start": 100 * j,
                             "end": 100 * j + 30},
                "confidence": 0.8})
        result.append({"document": {"id": f"bench-{i:06d}", "title": f"Article {i}",
                                    "url": f"https://news.example/{i}",
                                    "outlet": rng.choice(["Reuters", "AP", "AFP", "RFE/RL"]),
                                    "published": date.fromordinal(DAY0 + 400).isoformat(),
                                    "source_path": None},
                       "entities": entities, "dates": [], "events": events})
    return result


def bench_ingest(documents: int) -> dict:
    extractions = synthetic_extractions(documents, seed=7)
    with tempfile.TemporaryDirectory() as folder:
        store = make_store("embedded", path=Path(folder) / "bench.db")
        began, cpu = time.perf_counter(), time.process_time()  # ingest waits on the disk too
        for item in extractions:
            store.write_extraction(item)
        first = time.perf_counter() - began
        first_cpu = time.process_time() - cpu
        began = time.perf_counter()
        for item in extractions:
            store.write_extraction(item)
        again = time.perf_counter() - began
        load_s, records = timed(store.event_records)
        counts = store.counts()
        store.close()
    return {"documents": documents, "ingest_docs_per_s": documents / first,
            "ingest_docs_per_cpu_s": documents / first_cpu,
            "reingest_docs_per_s": documents / again, "events": counts["events"],
            "entities": counts["entities"], "load_events_s": load_s, "records": len(records)}


def growth_exponent(rows: list[dict], key: str) -> float | None:
    points = [(math.log(r["n"]), math.log(r[key])) for r in rows if r.get(key)]
    if len(points) < 2:
        return None
    xs, ys = zip(*points, strict=True)
    return float(np.polyfit(xs, ys, 1)[0])


def print_report(rows: list[dict], ingest: dict | None) -> None:
    print("times are CPU seconds of the benchmark process; 'stats s' includes the observed "
          "sweep, 's/perm' is the cost of one permutation")
    header = (f"{'events':>10} {'pairs':>9} {'followed s':>11} {'naive s':>9} {'ratio':>7} "
              f"{'perms':>6} {'stats s':>8} {'s/perm':>8} {'naive s/perm':>13} {'ratio':>7}")
    print(header)
    print("-" * len(header))
    measured = [r for r in rows if r.get("naive_followed_s")]
    largest = measured[-1] if measured else None
    for r in rows:
        naive = r.get("naive_followed_s")
        estimated = ""
        if naive is None and largest is not None:
            # all pairs is quadratic: extrapolate from the largest measured size
            naive = largest["naive_followed_s"] * (r["n"] / largest["n"]) ** 2
            estimated = "~"
        per_perm = max(r["stats_s"] - r["followed_s"], 1e-9) / r["permutations"]
        naive_perm = r.get("naive_stats_per_perm_s")
        print(f"{r['n']:>10,} {r['pairs']:>9,} {r['followed_s']:>11.3f} "
              f"{estimated + format(naive, '.3f') if naive else 'nan':>9} "
              f"{estimated + format(naive / r['followed_s'], '.1f') if naive else 'nan':>7} "
              f"{r['permutations']:>6} {r['stats_s']:>8.2f} {per_perm:>8.4f} "
              f"{naive_perm if naive_perm else float('nan'):>13.4f} "
              f"{naive_perm / per_perm if naive_perm else float('nan'):>7.0f}")
    exponent = growth_exponent(rows, "followed_s")
    if exponent is not None:
        print(f"growth exponent of followed (log-log slope of time on n): {exponent:.2f}; "
              "~ marks naive times extrapolated as n**2")
    if ingest:
        print(f"ingest into SQLite: {ingest['documents']:,} documents at "
              f"{ingest['ingest_docs_per_s']:.0f} docs/s wall-clock "
              f"({ingest['ingest_docs_per_cpu_s']:.0f} per CPU second) "
              f"({ingest['events']:,} events, {ingest['entities']:,} entities); "
              f"unchanged re-ingest {ingest['reingest_docs_per_s']:.0f} docs/s; "
              f"loading {ingest['records']:,} event records {ingest['load_events_s']:.2f} s")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+",
                        default=[10_000, 30_000, 100_000, 1_000_000])
    parser.add_argument("--naive-limit", type=int, default=30_000,
                        help="largest size to run the naive all-pairs baseline on")
    parser.add_argument("--permutations", type=int, default=1000)
    parser.add_argument("--big-permutations", type=int, default=200,
                        help="permutations at 1M events and above")
    parser.add_argument("--documents", type=int, default=2000,
                        help="documents for the ingest benchmark (0 to skip)")
    args = parser.parse_args(argv)
    rows = bench_queries(sorted(args.sizes), args.naive_limit, args.permutations,
                         args.big_permutations)
    ingest = bench_ingest(args.documents) if args.documents else None
    print_report(rows, ingest)


if __name__ == "__main__":
    main()
