"""Neo4j against the embedded store on the same synthetic graphs, side by side.

For each size (events), seeded contract-shaped extractions are generated (20 events
and their participants per article, 40 events a day, entities drawn from a pool with
distinct names so that merges are rare and deliberate). Then, in one run:

* **ingest**: the articles are written into the embedded store (one SQLite transaction
  per article) and, for the first ``--neo4j-docs`` articles, into Neo4j one managed
  transaction per article (``write_extraction``);
* **push**: the whole embedded graph is copied into Neo4j with ``push`` (``--batch``
  articles per transaction), which is how a large graph gets there;
* **queries** on both stores (warm, median of ``--repeat``): ``followed`` BROADCAST ->
  OUTAGE within 3 days (all pairs, and only after opposition broadcasts in the same
  country), ``correlation_stats`` (200 permutations), ``paths`` between entity pairs
  (``max_depth`` 4), ``neighbors`` (depth 1) and ``search``; both stores must give
  equal answers, which is checked.

It starts its own Neo4j 5.26 with the test launcher (``tests/neo4j_server.py``; needs
a JDK and Maven), heap ``NEO4J_TEST_HEAP`` (default here 1500m), page cache
``NEO4J_TEST_PAGECACHE_MB`` (default here 512). Wall-clock seconds.

Run::

    .venv/bin/python benchmarks/neo4j_vs_embedded.py                    # 10k and 100k events
    .venv/bin/python benchmarks/neo4j_vs_embedded.py --sizes 10000 --repeat 5
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.stores import make_store  # noqa: E402
from graph.stores.neo4j_sync import push  # noqa: E402

EVENTS_PER_DOC = 20
EVENTS_PER_DAY = 40
TYPES = {"BROADCAST": 0.05, "OUTAGE": 0.05, "PROTEST": 0.2, "ARREST": 0.2, "POLICY": 0.2,
         "LEGAL_ACTION": 0.2, "ELECTION": 0.1}
COUNTRIES = ["Kazakhstan", "Uzbekistan", "Kyrgyzstan", "Tajikistan", "Belarus"]
SYLLABLES = ["ka", "zu", "mi", "ro", "te", "sha", "no", "bek", "lan", "dar", "vi", "qo", "yel",
             "tur", "gan", "sol", "per", "xi", "ab", "ul"]
DAY0 = date(2000, 1, 1).toordinal()


def pool_names(count: int, rng: random.Random) -> list[str]:
    """``count`` distinct two-word names far apart for the fuzzy matcher."""
    names: set[str] = set()
    while len(names) < count:
        words = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).title()
                 for _ in range(2)]
        names.add(" ".join(words))
    return sorted(names)


def synthetic_corpus(n_events: int, seed: int = 0) -> list[dict]:
    """Extractions holding ``n_events`` reports in all, ``EVENTS_PER_DOC`` per article."""
    rng = random.Random(seed)
    people = pool_names(max(200, n_events // 20), rng)
    affiliation = {name: rng.choice(["opposition", "government", None]) for name in people}
    span = max(1, n_events // EVENTS_PER_DAY)
    kinds, weights = list(TYPES), list(TYPES.values())
    docs = []
    for d in range(0, n_events, EVENTS_PER_DOC):
        entities: dict[str, dict] = {}
        events = []
        for j in range(min(EVENTS_PER_DOC, n_events - d)):
            who = rng.sample(people, 2 if rng.random() < 0.5 else 1)
            participants = []
            for name in who:
                if name not in entities:
                    local = f"e{len(entities) + 1}"
                    aff = affiliation[name]
                    entities[name] = {
                        "id": local, "name": name, "type": "PERSON", "aliases": [],
                        "attributes": {"affiliation": [aff] if aff else []},
                        "mentions": [{"text": name, "start": 0, "end": len(name)}]}
                participants.append({"entity": entities[name]["id"], "role": "actor"})
            day = DAY0 + rng.randrange(span)
            value = date.fromordinal(day).isoformat()
            if rng.random() < 0.05:
                value = value[:7]
            sentence = f"Report {j} of article {d // EVENTS_PER_DOC}."
            events.append({"id": f"ev{j}", "type": rng.choices(kinds, weights)[0],
                           "date": {"value": value}, "country": rng.choice(COUNTRIES),
                           "participants": participants, "place": None,
                           "evidence": {"sentence": sentence, "start": 40 * j,
                                        "end": 40 * j + len(sentence)},
                           "confidence": 0.8})
        docs.append({"document": {"id": f"bench-{seed}-{d // EVENTS_PER_DOC:06d}",
                                  "title": f"Article {d}", "url": f"https://bench.example/{d}",
                                  "outlet": rng.choice(["Reuters", "AP", "AFP", None]),
                                  "published": date.fromordinal(DAY0 + span).isoformat()},
                     "entities": list(entities.values()), "dates": [], "events": events})
    return docs


def log(text: str) -> None:
    print(f"  {text}", file=sys.stderr, flush=True)


def median_time(repeat: int, function, *args, **kw) -> tuple[float, object]:
    times, result = [], None
    function(*args, **kw)  # warm up (plans, caches, the embedded store's loads)
    for _ in range(repeat):
        began = time.perf_counter()
        result = function(*args, **kw)
        times.append(time.perf_counter() - began)
    return statistics.median(times), result


def as_json(value: object) -> str:
    return json.dumps(value, default=lambda o: o.as_json() if hasattr(o, "as_json") else str(o),
                      sort_keys=True)


def bench_size(n_events: int, uri: str, workdir: Path, args: argparse.Namespace) -> dict:
    from neo4j import GraphDatabase

    from tests.neo4j_server import wipe_database

    docs = synthetic_corpus(n_events, seed=n_events)
    row: dict = {"events": n_events, "documents": len(docs)}
    with GraphDatabase.driver(uri, auth=None) as driver:
        wipe_database(driver)
    embedded = make_store("embedded", path=workdir / f"bench-{n_events}.db")
    began = time.perf_counter()
    for doc in docs:
        embedded.write_extraction(doc)
    seconds = time.perf_counter() - began
    row["embedded_ingest_docs_s"] = len(docs) / seconds
    row["embedded_ingest_events_s"] = n_events / seconds
    log(f"{n_events:,}: embedded ingest {seconds:.1f} s")
    neo = make_store("neo4j", uri=uri)
    sample = docs[:args.neo4j_docs]
    began = time.perf_counter()
    for doc in sample:
        neo.write_extraction(doc)
    seconds = time.perf_counter() - began
    row["neo4j_ingest_docs_s"] = len(sample) / seconds
    row["neo4j_ingest_events_s"] = len(sample) * EVENTS_PER_DOC / seconds
    log(f"{n_events:,}: Neo4j ingest of {len(sample)} documents {seconds:.1f} s")
    summary = push(embedded, neo, batch=args.batch)
    row["push_docs_s"] = summary["documents_per_second"]
    row["push_events_s"] = (summary["added"] * EVENTS_PER_DOC / summary["seconds"]
                            if summary["seconds"] else None)
    row["push_seconds"] = summary["seconds"]
    counts = embedded.counts()
    assert neo.counts() == counts, "push must give the same graph"
    row["stored_events"], row["entities"] = counts["events"], counts["entities"]

    queries = {
        "followed": lambda s: s.followed("BROADCAST", "OUTAGE", "3d"),
        "followed_filtered": lambda s: s.followed("BROADCAST", "OUTAGE", "3d",
                                                  cause_affiliation="opposition",
                                                  same_place=True),
        "stats_200": lambda s: s.correlation_stats("BROADCAST", "OUTAGE", "3d",
                                                   permutations=200, seed=1),
    }
    rng = random.Random(n_events)
    entities = [r[0] for r in embedded.dump()["entities"]]
    pairs = [tuple(rng.sample(entities, 2)) for _ in range(3)]
    queries["path_x3"] = lambda s: [s.paths(a, b, max_depth=4, limit=10) for a, b in pairs]
    queries["neighbors_x3"] = lambda s: [s.neighbors(a, 1) for a, _ in pairs]
    names = [embedded.get_entity(a).name for a, _ in pairs]
    queries["search_x3"] = lambda s: [s.search_entities(n[:-1]) for n in names]
    log(f"{n_events:,}: ingest and push done")
    for name, query in queries.items():
        t_embedded, expected = median_time(args.repeat, query, embedded)
        t_neo, got = median_time(args.repeat, query, neo)
        log(f"{n_events:,}: {name} embedded {t_embedded:.4f} s, Neo4j {t_neo:.4f} s")
        row[f"{name}_embedded_s"], row[f"{name}_neo4j_s"] = t_embedded, t_neo
        row[f"{name}_equal"] = as_json(expected) == as_json(got)
        if name.startswith("followed"):
            row[f"{name}_pairs"] = len(got)
    began = time.perf_counter()
    embedded.close()
    cold = make_store("embedded", path=workdir / f"bench-{n_events}.db")
    cold.followed("BROADCAST", "OUTAGE", "3d")
    row["followed_cold_embedded_s"] = time.perf_counter() - began
    cold.close()
    neo.close()
    return row


def print_table(rows: list[dict]) -> None:
    def fmt(value: object) -> str:
        if isinstance(value, float):
            return f"{value:,.4f}" if value < 10 else f"{value:,.1f}"
        return f"{value:,}" if isinstance(value, int) else str(value)

    print("\n## rates (higher is better)\n")
    print("| events | docs | embedded ingest docs/s | Neo4j ingest docs/s (1 tx/doc) | "
          "ratio N/E | push docs/s (batched) | push events/s | push s |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['events']:,} | {r['documents']:,} | {fmt(r['embedded_ingest_docs_s'])} | "
              f"{fmt(r['neo4j_ingest_docs_s'])} | "
              f"{r['neo4j_ingest_docs_s'] / r['embedded_ingest_docs_s']:.2f} | "
              f"{fmt(r['push_docs_s'])} | {fmt(r['push_events_s'])} | {fmt(r['push_seconds'])} |")
    print("\n## query latency, warm median seconds (lower is better)\n")
    print("| events | query | embedded s | Neo4j s | ratio N/E | same answer |")
    print("|---:|---|---:|---:|---:|---|")
    for r in rows:
        for name in ("followed", "followed_filtered", "stats_200", "path_x3",
                     "neighbors_x3", "search_x3"):
            e, n = r[f"{name}_embedded_s"], r[f"{name}_neo4j_s"]
            print(f"| {r['events']:,} | {name} | {e:.4f} | {n:.4f} | {n / e:.1f} | "
                  f"{r[f'{name}_equal']} |")
        print(f"| {r['events']:,} | followed, embedded cold (open + load + query) | "
              f"{r['followed_cold_embedded_s']:.3f} | | | |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--neo4j-docs", type=int, default=200,
                        help="articles written one transaction each into Neo4j")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args()
    os.environ.setdefault("NEO4J_TEST_HEAP", "1500m")
    os.environ.setdefault("NEO4J_TEST_PAGECACHE_MB", "512")
    from tests.neo4j_server import Neo4jServer, _find_java

    java = _find_java()
    if java is None:
        sys.exit("java not found: the benchmark starts Neo4j with the test launcher")
    server = Neo4jServer(java)
    began = time.perf_counter()
    server.build()
    uri = server.start(300)
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for n in args.sizes:
                rows.append(bench_size(n, uri, Path(tmp), args))
                log(json.dumps(rows[-1]))
                print(f"  done {n:,} events at {time.perf_counter() - began:.0f} s",
                      file=sys.stderr, flush=True)
    finally:
        server.stop()
    print_table(rows)
    print(f"\nwhole run: {time.perf_counter() - began:.0f} s wall-clock")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
