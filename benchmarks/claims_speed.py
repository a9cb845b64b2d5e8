"""What claims cost: ingest with and without claim nodes, and the claim reads and writes.

Synthetic contract-shaped extractions (``tests/graph_fixtures.synthetic_extractions``)
are written into the embedded store twice: as they are, and with three claims each (an
assertion by the first person about the first event, a denial by the second contesting
it, a group's claim about the platform), which is about what the samples quote per
article. The ratio of the two ingest rates is the cost of keeping Claim nodes. Then,
on the store with claims: ``list_claims(about=event)`` (what the event page and the
claim check call), ``get_claim``, and a fact-checker's ``add_claim`` +
``add_claim_evidence`` + ``review_claim``, each timed over many calls (median and p95).
``--neo4j URI`` runs the same reads and writes on a Neo4j store filled by ``push``.

Run::

    .venv/bin/python benchmarks/claims_speed.py                    # 2,000 articles
    .venv/bin/python benchmarks/claims_speed.py --documents 10000
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.stores import make_store  # noqa: E402
from tests.graph_fixtures import synthetic_extractions  # noqa: E402


def with_claims(extraction: dict, index: int) -> dict:
    """The extraction plus three claims about its entities and first event."""
    out = copy.deepcopy(extraction)
    first = out["events"][0]["id"]
    out["claims"] = [
        {"id": "c1", "claimant": "e1", "claimant_text": out["entities"][0]["name"],
         "verb": "said", "stance": "assert", "text": f"the {index} shutdown was ordered",
         "start": 10, "end": 40, "sentence": {"text": "x", "start": 0, "end": 80},
         "date": None, "about_events": [first], "about_entities": ["e3"], "causal": True,
         "contested": True, "contested_with": ["c2"]},
        {"id": "c2", "claimant": "e2", "claimant_text": out["entities"][1]["name"],
         "verb": "denied", "stance": "deny", "text": f"any order in case {index}",
         "start": 90, "end": 120, "sentence": {"text": "y", "start": 80, "end": 160},
         "date": None, "about_events": [first], "about_entities": [], "causal": False,
         "contested": True, "contested_with": ["c1"]},
        {"id": "c3", "claimant": None, "claimant_text": "residents", "verb": "told",
         "stance": "assert", "text": f"the service {index} was down", "start": 170,
         "end": 200, "sentence": {"text": "z", "start": 160, "end": 240}, "date": None,
         "about_events": [], "about_entities": ["e3"], "causal": False,
         "contested": False, "contested_with": []},
    ]
    return out


def ingest(path: Path, extractions: list[dict]) -> float:
    began = time.perf_counter()
    with make_store("embedded", path=path) as store:
        for item in extractions:
            store.write_extraction(item)
    return time.perf_counter() - began


def timed(calls: int, work) -> tuple[float, float]:  # noqa: ANN001
    """Median and p95 milliseconds of ``calls`` runs of ``work(i)``."""
    times = []
    for i in range(calls):
        began = time.perf_counter()
        work(i)
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def reads_and_writes(store, calls: int) -> list[tuple[str, float, float]]:  # noqa: ANN001
    events = [e.id for e in store.list_events(limit=calls)]
    claims = [c.id for c in store.list_claims(limit=min(calls, 500))]
    rows = [("list_claims(about=event)",
             *timed(len(events), lambda i: store.list_claims(about=events[i]))),
            ("get_claim", *timed(len(claims), lambda i: store.get_claim(claims[i])))]

    def fact_check(i: int) -> None:
        claim, _ = store.add_claim(f"Claim {i} to check.", claimant="someone",
                                   when="2021-01-01", about=[events[i % len(events)]])
        store.add_claim_evidence(claim.id, events[i % len(events)], "refutes", "a note")
        store.review_claim(claim.id, {"rating": "False"})

    rows.append(("add + evidence + review", *timed(min(calls, 200), fact_check)))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--neo4j", help="bolt:// URI of a Neo4j to run the reads on too")
    args = parser.parse_args(argv)
    plain = synthetic_extractions(args.documents, seed=7)
    claimed = [with_claims(x, i) for i, x in enumerate(plain)]
    with tempfile.TemporaryDirectory() as tmp:
        base = ingest(Path(tmp) / "plain.db", plain)
        cost = ingest(Path(tmp) / "claims.db", claimed)
        n = args.documents
        print(f"ingest of {n:,} synthetic articles into the embedded store")
        print(f"{'':28}{'articles/s':>12}{'ratio':>8}")
        print(f"{'without claims':28}{n / base:>12,.0f}{1:>8.2f}")
        print(f"{'with 3 claims each':28}{n / cost:>12,.0f}{base / cost:>8.2f}")
        with make_store("embedded", path=Path(tmp) / "claims.db") as store:
            print(f"\nclaim reads and writes, embedded store ({store.counts()['events']:,} "
                  f"events, {3 * n:,} quoted claims)")
            print(f"{'':28}{'median ms':>10}{'p95 ms':>10}")
            for name, median, p95 in reads_and_writes(store, args.calls):
                print(f"{name:28}{median:>10.2f}{p95:>10.2f}")
            if args.neo4j:
                from graph.stores.neo4j_sync import push

                with make_store("neo4j", uri=args.neo4j) as neo:
                    push(store, neo, batch=200)
                    print("\nthe same on Neo4j")
                    for name, median, p95 in reads_and_writes(neo, args.calls):
                        print(f"{name:28}{median:>10.2f}{p95:>10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
