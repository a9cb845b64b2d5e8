"""How fast does newsgraph export, and how fast does SPARQL answer the example question?

A seeded synthetic store of about 100k events is built through the real write path
(``SQLiteStore.write_extraction`` on contract-shaped extractions: 3 events per article,
40 countries, dates spread over seven years at about 40 events a day, as in
``benchmarks/query_speed.py``). Then every export format is written to a temporary file
and timed (statements per second for the RDF formats, bytes per second for all), and
the example SPARQL query of ``docs/export.md`` ("which outages followed an opposition
broadcast within three days in the same country") is run with each engine: the time to
load the dataset once, and the median latency of the query over a few runs. The query's
pairs are checked against ``store.followed``. Oxigraph is timed on the full store; both
engines are timed on a second store of 10k events, because rdflib needs about three
minutes and 12 GB to load 100k events and then does not answer within two minutes.

Building 100k events through the store's real write path takes about ten minutes; keep
the store with ``--db`` and later runs reuse it. The exports then take about nine
minutes (three and a half of them GraphML and GEXF through networkx) and SPARQL about
five; ``--formats`` picks the formats to time (none: SPARQL only).

Run::

    .venv/bin/python benchmarks/export_speed.py --db /tmp/bench100k.db   # 100k events
    .venv/bin/python benchmarks/export_speed.py --events 10000 --small 0  # quicker
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.export import FORMATS, RDF_FORMATS, export  # noqa: E402
from graph.export.rdf import Iris, model_of  # noqa: E402
from graph.sparql import ENGINES, check_query, result_format, run_forked  # noqa: E402
from graph.stores import make_store  # noqa: E402
from ingest.errors import QueryError  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TYPES = {"BROADCAST": 0.05, "OUTAGE": 0.05, "PROTEST": 0.2, "ARREST": 0.2, "POLICY": 0.2,
         "LEGAL_ACTION": 0.2, "ELECTION": 0.1}
ROLES = {"BROADCAST": "speaker", "OUTAGE": "actor", "PROTEST": "participant",
         "ARREST": "target", "POLICY": "actor", "LEGAL_ACTION": "target",
         "ELECTION": "participant"}
EVENTS_PER_DAY = 40
DAY0 = date(2015, 1, 1).toordinal()
COUNTRIES = ["Kazakhstan", "Uganda", "Belarus", "Myanmar", "Iran", "Ethiopia", "Egypt",
             "Sudan", "Pakistan", "India", "Turkey", "Russia", "Cuba", "Venezuela", "Brazil",
             "Ghana", "Zimbabwe", "Togo", "Tanzania", "Senegal", "Iraq", "Bangladesh", "Gabon",
             "Morocco", "France", "Tonga", "Ukraine", "Lithuania", "Nigeria", "Kenya", "Chad",
             "Mali", "Peru", "Chile", "Nepal", "Laos", "Oman", "Yemen", "Syria", "Jordan"]
CITY_PARTS = ["Harbour", "Upland", "Riverside"]
"""Distinct names, so that the store's fuzzy entity matching does not merge them."""


def example_query() -> str:
    """The example query, as written in docs/export.md."""
    text = (ROOT / "docs" / "export.md").read_text(encoding="utf-8")
    return re.search(r"```sparql\n(.*?)```", text, re.S)[1]


def synthetic_extractions(events: int, seed: int = 0, first: int = 0) -> list[dict]:
    """Contract-shaped extractions with 3 events each, ``events`` events in all, numbered
    from document ``first``."""
    rng = random.Random(seed)
    span = max(1, events // EVENTS_PER_DAY)
    people = [(f"Person{i} Surname{i}", rng.choice(["opposition", "government",
                                                    "civil_society"])) for i in range(2000)]
    platforms = ["YouTube", "Telegram", "WhatsApp", "Facebook", "Instagram", "TikTok"]
    kinds, weights = list(TYPES), list(TYPES.values())
    result = []
    for i in range(first, first + (events + 2) // 3):
        country = rng.choice(COUNTRIES)
        city = f"{CITY_PARTS[rng.randrange(3)]} of {country}"
        picked = rng.sample(people, 3)
        entities = [{"id": f"e{j}", "name": name, "type": "PERSON", "aliases": [],
                     "attributes": {"affiliation": [affiliation]},
                     "mentions": [{"start": 10 * j, "end": 10 * j + len(name), "text": name}]}
                    for j, (name, affiliation) in enumerate(picked)]
        entities.append({"id": "e3", "name": rng.choice(platforms), "type": "PLATFORM",
                         "attributes": {}, "mentions": [{"start": 50, "end": 57, "text": "x"}]})
        entities.append({"id": "e4", "name": city, "type": "CITY",
                         "attributes": {"country": country},
                         "mentions": [{"start": 60, "end": 66, "text": "y"}]})
        extraction_events = []
        for j in range(3):
            kind = rng.choices(kinds, weights)[0]
            day = date.fromordinal(DAY0 + rng.randrange(span))
            value = day.isoformat() if rng.random() < 0.95 else day.isoformat()[:7]
            extraction_events.append({
                "id": f"ev{j}", "type": kind, "trigger": "x",
                "date": {"value": value, "granularity": "day" if len(value) == 10 else "month"},
                "place": "e4", "country": country,
                "participants": [{"entity": f"e{j}", "role": ROLES[kind]},
                                 {"entity": "e3", "role": "platform" if kind == "BROADCAST"
                                  else "affected_platform"}],
                "evidence": {"sentence": f"Sentence {j} of document {i}.", "start": 100 * j,
                             "end": 100 * j + 30},
                "confidence": 0.8})
        result.append({"document": {"id": f"bench-{i:06d}", "title": f"Article {i}",
                                    "url": f"https://news.example/{i}",
                                    "outlet": rng.choice(["Reuters", "AP", "AFP", "RFE/RL"]),
                                    "published": date.fromordinal(DAY0 + span).isoformat(),
                                    "source_path": None,
                                    "content_hash": f"{i:064x}"},
                       "entities": entities, "dates": [], "events": extraction_events})
    return result


def build_store(path: Path, events: int):  # noqa: ANN201
    """The synthetic store at ``path``, built unless it is already there."""
    store = make_store("embedded", path=path)
    began = time.perf_counter()
    batch = 0
    while (stored := store.counts())["events"] < events:
        # a few reports merge into existing events: top up until the store holds enough
        wanted = events if stored["documents"] == 0 else events - stored["events"]
        for item in synthetic_extractions(wanted, seed=7 + batch, first=stored["documents"]):
            store.write_extraction(item)
        batch += 1
    return store, time.perf_counter() - began


def bench_exports(store, folder: Path, formats: list[str]) -> list[dict]:  # noqa: ANN001
    rows = []
    for name in formats:
        target = folder / f"export{'.zip' if name == 'csv' else '.' + name}"
        began = time.perf_counter()
        result = export(store, name, target)
        seconds = time.perf_counter() - began
        rows.append({"format": name, "seconds": seconds, "bytes": result["bytes"],
                     "statements": result["statements"]})
        print(f"  exported {name} in {seconds:.1f} s", file=sys.stderr, flush=True)
        target.unlink()
    return rows


def bench_sparql(store, engines: list[str], runs: int,  # noqa: ANN001
                 timeout_s: float) -> list[dict]:
    query = example_query()
    form = check_query(query)
    fmt, _ = result_format(form, "json")
    iris = Iris.for_namespace()
    expected = {(iris.event(p.cause.id), iris.event(p.effect.id))
                for p in store.followed("BROADCAST", "OUTAGE", "3d",
                                        cause_affiliation="opposition", same_place=True)}
    began = time.perf_counter()
    model = model_of(store)
    snapshot_s = time.perf_counter() - began
    rows = []
    for name in engines:
        began = time.perf_counter()
        engine = ENGINES[name](model)
        load_s = time.perf_counter() - began
        times, body = [], None
        for _ in range(runs if name != "rdflib" else 1):  # rdflib takes minutes a run
            began = time.perf_counter()
            try:  # in a forked worker, as run_sparql does, so a slow engine is stopped
                body = run_forked(engine, query, form, fmt, timeout_s)
            except QueryError as exc:
                if exc.code != "NG416":  # not the time limit: a real failure
                    raise
                times.append(float("inf"))
                break
            times.append(time.perf_counter() - began)
        got = None
        if body is not None:
            bindings = json.loads(body)["results"]["bindings"]
            got = {(b["broadcast"]["value"], b["outage"]["value"]) for b in bindings}
        rows.append({"engine": name, "events": store.counts()["events"], "load_s": load_s,
                     "snapshot_s": snapshot_s,
                     "median_s": statistics.median(times), "runs": len(times),
                     "pairs": len(got) if got is not None else None,
                     "equal_to_followed": got == expected if got is not None else None,
                     "timeout_s": timeout_s})
        print(f"  sparql {name}: load {load_s:.1f} s, query {statistics.median(times):.2f} s",
              file=sys.stderr, flush=True)
        del engine
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3, help="runs of the SPARQL query")
    parser.add_argument("--db", help="keep the synthetic store in this file and reuse it")
    parser.add_argument("--formats", nargs="*", default=list(FORMATS),
                        help="export formats to time (none: only SPARQL)")
    parser.add_argument("--engines", nargs="+", default=["oxigraph"],
                        help="engines to time on the full-size store")
    parser.add_argument("--small", type=int, default=10_000,
                        help="events of a second, small store on which every engine is "
                             "timed (rdflib needs minutes and ~12 GB to load 100k events)")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="seconds after which a SPARQL run is stopped and reported as >")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(args.db) if args.db else Path(folder) / "bench.db"
        store, ingest_s = build_store(db, args.events)
        counts = store.counts()
        print(f"store: {counts['documents']:,} documents, {counts['events']:,} events, "
              f"{counts['entities']:,} entities, built in {ingest_s:.0f} s")
        rows = bench_exports(store, Path(folder), args.formats)
        print(f"{'format':>8} {'seconds':>8} {'MB':>8} {'statements':>11} {'stmts/s':>9}")
        for r in rows:
            rate = (f"{r['statements'] / r['seconds']:>9,.0f}" if r["format"] in RDF_FORMATS
                    else f"{'':>9}")
            statements = f"{r['statements']:>11,}" if r["statements"] is not None else f"{'':>11}"
            print(f"{r['format']:>8} {r['seconds']:>8.1f} {r['bytes'] / 1e6:>8.1f} "
                  f"{statements} {rate}")
        pairs = store.followed("BROADCAST", "OUTAGE", "3d", cause_affiliation="opposition",
                               same_place=True)
        print(f"the expected pairs (store.followed): {len(pairs):,}")
        sparql = bench_sparql(store, args.engines, args.runs, args.timeout)
        store.close()
        if args.small:
            small, _ = build_store(Path(folder) / "small.db", args.small)
            sparql += bench_sparql(small, list(ENGINES), args.runs, args.timeout)
            small.close()
        print(f"{'engine':>9} {'events':>8} {'snapshot s':>10} {'load s':>7} {'query s':>8} "
              f"{'pairs':>6} {'= followed':>10}")
        for r in sparql:
            latency = (f"{r['median_s']:>8.3f}" if r["median_s"] != float("inf")
                       else f"{'>' + format(r['timeout_s'], 'g'):>8}")
            print(f"{r['engine']:>9} {r['events']:>8,} {r['snapshot_s']:>10.1f} "
                  f"{r['load_s']:>7.1f} {latency} {str(r['pairs']):>6} "
                  f"{str(r['equal_to_followed']):>10}")


if __name__ == "__main__":
    main()
