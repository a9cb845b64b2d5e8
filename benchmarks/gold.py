"""Scoring newsgraph's extraction against the hand-annotated gold in ``tests/gold/``.

The gold conventions are in ``tests/gold/README.md``. Entities are scored at the
entity level (one canonical entity per document, matched by type and by any of its
names or aliases); events by type, date and country; dates by value, where a gold
expression counts as found when a predicted expression overlaps one of its
occurrences in the text and has the same TIMEX3 value.

All scores are micro-averaged over documents: precision = tp / (tp + fp), recall =
tp / (tp + fn), F1 their harmonic mean.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "gold"
CORE_TYPES = ("PERSON", "GOVERNMENT", "PLATFORM", "CITY", "COUNTRY")
ALL_TYPES = CORE_TYPES + ("ORGANIZATION", "LOCATION")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class GoldDoc:
    path: Path
    document: Path
    published: str | None
    entities: list[dict]
    dates: list[dict]
    events: list[dict]
    claims: list[dict] = field(default_factory=list)


def load_gold(gold_dir: Path = GOLD_DIR) -> list[GoldDoc]:
    """Every ``tests/gold/*.yaml`` file, with its article path resolved."""
    docs = []
    for path in sorted(gold_dir.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        published = data.get("published")
        docs.append(GoldDoc(
            path=path, document=ROOT / data["document"],
            published=str(published) if published else None,
            entities=data.get("entities") or [], dates=data.get("dates") or [],
            events=data.get("events") or [], claims=data.get("claims") or [],
        ))
    return docs


def fold(name: str) -> str:
    name = name.replace("’", "'")
    name = re.sub(r"^(the|The) ", "", name.strip())
    name = re.sub(r"'s$", "", name)
    name = unicodedata.normalize("NFKD", name)
    return "".join(c for c in name if not unicodedata.combining(c)).casefold()


def names_of(entity: dict) -> set[str]:
    return {fold(n) for n in [entity["name"], *(entity.get("aliases") or [])] if n}


def same_entity(pred: dict, gold: dict) -> bool:
    """Same type, and a name or alias of one equals (or nearly equals) one of the other."""
    if pred["type"] != gold["type"]:
        return False
    a, b = names_of(pred), names_of(gold)
    if a & b:
        return True
    return any(fuzz.ratio(x, y) >= 90 for x in a for y in b)


def _match(preds: list, golds: list, same: Callable[[dict, dict], bool]) -> tuple[int, int, int]:
    used: set[int] = set()
    tp = 0
    for g in golds:
        for i, p in enumerate(preds):
            if i not in used and same(p, g):
                used.add(i)
                tp += 1
                break
    return tp, len(preds) - tp, len(golds) - tp


def score_entities(pred_entities: list[dict], gold: GoldDoc, types: Iterable[str]) -> dict:
    types = set(types)
    preds = [e for e in pred_entities if e["type"] in types]
    golds = [e for e in gold.entities if e["type"] in types]
    return dict(zip(("tp", "fp", "fn"), _match(preds, golds, same_entity), strict=True))


def event_matches(pred: dict, gold: dict, names: dict[str, dict]) -> bool:
    """Same type; same date value when gold gives one; same country when gold gives one."""
    if pred["type"] != gold["type"]:
        return False
    gdate = gold.get("date")
    pdate = (pred.get("date") or {}).get("value")
    if gdate and (pdate is None or not str(pdate).startswith(str(gdate))):
        return False
    gcountry = gold.get("country")
    return not (gcountry and fold(pred.get("country") or "") != fold(gcountry))


def score_events(record: dict, gold: GoldDoc) -> dict:
    names = {e["id"]: e for e in record["entities"]}
    tp, fp, fn = _match(record["events"], gold.events,
                        lambda p, g: event_matches(p, g, names))
    return {"tp": tp, "fp": fp, "fn": fn}


def score_dates(record: dict, gold: GoldDoc, text: str) -> dict:
    """Value accuracy over gold dates, and span precision/recall."""
    correct = found = 0
    used: set[int] = set()
    preds = record["dates"]
    for g in gold.dates:
        spans = [(m.start(), m.end()) for m in re.finditer(re.escape(g["text"]), text)]
        hit_value = hit_span = False
        for i, p in enumerate(preds):
            if any(p["start"] < e and s < p["end"] for s, e in spans):
                hit_span = True
                if i not in used and str(p.get("value")) == str(g.get("value")):
                    used.add(i)
                    hit_value = True
                    break
        correct += hit_value
        found += hit_span
    return {"gold": len(gold.dates), "value_correct": correct, "span_found": found,
            "predicted": len(preds)}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    shorter = min(a[1] - a[0], b[1] - b[0]) or 1
    return inter / shorter


def claim_matches(pred: dict, gold: dict, text: str, names: dict[str, dict]) -> bool:
    """Same claimant (entity name or alias, or group word) and overlapping content
    (at least half of the shorter of the two spans)."""
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(gold["text"]), text)]
    if not any(_overlap((pred["start"], pred["end"]), span) >= 0.5 for span in spans):
        return False
    claimant = fold(gold["claimant"])
    entity = names.get(pred.get("claimant") or "")
    candidates = names_of(entity) if entity else set()
    candidates.add(fold(pred.get("claimant_text") or ""))
    return any(claimant == c or claimant in c or c in claimant for c in candidates if c)


def score_claims(record: dict, gold: GoldDoc, text: str) -> dict:
    """Claim P/R counts and how many matched claims have the gold stance and causality."""
    names = {e["id"]: e for e in record["entities"]}
    preds = record.get("claims") or []
    used: set[int] = set()
    tp = stance = causal = 0
    for g in gold.claims:
        for i, p in enumerate(preds):
            if i not in used and claim_matches(p, g, text, names):
                used.add(i)
                tp += 1
                stance += p["stance"] == g.get("stance")
                causal += bool(p["causal"]) == bool(g.get("causal"))
                break
    return {"tp": tp, "fp": len(preds) - tp, "fn": len(gold.claims) - tp,
            "stance_ok": stance, "causal_ok": causal}
