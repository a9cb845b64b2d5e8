"""Checking a claim against the graph: what supports it, what disagrees, who said what.

A fact-checker pastes a claim ("Facebook and YouTube were blocked in Kazakhstan on 16
December 2016"). :func:`check_claim` runs the same extraction over the claim's text,
then, for each event the claim states, looks in the store for events of the same type:

* **supporting**: same type, dates that overlap at the claim's granularity, the same
  country when the claim names one, and the claim's platforms among the event's
  affected platforms when it names them;
* **disagreeing**: same type and country but a date that does not overlap (within a
  year), the same date but another country, or affected platforms the claim names that
  the event does not have;
* **attributed claims**: what others said about the supporting events, from the claims
  extracted from their source articles.

The verdict is one of a small scale (:data:`LABELS`), never more than the sources say:
``no evidence in this graph`` means the graph holds nothing on it, not that it is false.

It uses only the :class:`~graph.store.GraphStore` interface, so it runs on every store.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.dates import timex_interval
from graph.model import EventRecord, independent_sources
from graph.store import GraphStore

LABELS = {
    "supported": "Every event the claim states is in the graph as stated, with sources.",
    "partly supported": (
        "Some of what the claim states is in the graph as stated; some is missing or "
        "disagrees (a date, a place or a platform)."
    ),
    "contradicted": (
        "The graph holds the same kind of event, but on another date or in another place, "
        "and nothing as the claim states it."
    ),
    "no evidence in this graph": (
        "The graph holds nothing on what the claim states. This is not the same as false: "
        "the graph only knows the articles it was given."
    ),
}
DISAGREEMENT_WINDOW_DAYS = 366


@dataclass
class ClaimCheck:
    """The result of :func:`check_claim` (JSON via :meth:`as_json`)."""

    claim: str
    label: str
    stated: list[dict] = field(default_factory=list)
    supporting: list[dict] = field(default_factory=list)
    disagreeing: list[dict] = field(default_factory=list)
    attributed_claims: list[dict] = field(default_factory=list)
    independent_outlets: int = 0

    def as_json(self) -> dict:
        return {
            "claim": self.claim,
            "label": self.label,
            "label_meaning": LABELS[self.label],
            "stated_events": self.stated,
            "supporting": self.supporting,
            "disagreeing": self.disagreeing,
            "attributed_claims": self.attributed_claims,
            "independent_outlets": self.independent_outlets,
            "note": ("A verdict from the articles in this graph only; 'no evidence in this "
                     "graph' is not 'false'."),
        }


def _stated_events(extraction: dict) -> list[dict]:
    ents = {e["id"]: e for e in extraction["entities"]}
    stated = []
    for ev in extraction["events"]:
        platforms = sorted({ents[p["entity"]]["name"] for p in ev["participants"]
                            if ents[p["entity"]]["type"] == "PLATFORM"})
        stated.append({"type": ev["type"], "date": ev["date"], "country": ev["country"],
                       "platforms": platforms, "trigger": ev["trigger"]})
    return stated


def _platforms_of(event: EventRecord) -> set[str]:
    return {p.name for p in event.participants if p.type == "PLATFORM"}


def _compare(stated: dict, event: EventRecord) -> tuple[bool, list[str]]:
    """Whether a graph event supports a stated one, and the disagreements if not."""
    problems = []
    interval = timex_interval((stated["date"] or {}).get("value"))
    if interval is not None:
        if event.end < interval.start.toordinal() or event.start > interval.end.toordinal():
            problems.append(f"date: the graph has {event.value}, the claim "
                            f"{stated['date']['value']}")
    if stated["country"] and event.country and stated["country"].casefold() != \
            event.country.casefold():
        problems.append(f"place: the graph has {event.country}, the claim {stated['country']}")
    missing = set(stated["platforms"]) - _platforms_of(event)
    if missing and _platforms_of(event):
        problems.append(f"platform: the graph's sources do not name {sorted(missing)} "
                        f"(they name {sorted(_platforms_of(event))})")
    return not problems, problems


def _closest_disagreements(stated: dict, compared: list) -> list:
    """Events that differ from the stated one on exactly one point: the date (same
    country, the nearest within a year), the place (dates that overlap) or the platforms.
    """
    interval = timex_interval((stated["date"] or {}).get("value"))
    one_point = [(e, ok, p) for e, ok, p in compared if len(p) == 1]
    by_date = [c for c in one_point if c[2][0].startswith("date")]
    if interval is not None:
        by_date = [c for c in by_date
                   if abs(c[0].start - interval.start.toordinal()) <= DISAGREEMENT_WINDOW_DAYS]
        by_date.sort(key=lambda c: abs(c[0].start - interval.start.toordinal()))
    others = [c for c in one_point if not c[2][0].startswith("date")]
    return others or by_date[:1]  # the same day elsewhere / other platforms say more


def check_claim(store: GraphStore, extraction: dict, claim_text: str) -> ClaimCheck:
    """Check a claim, given the extraction of its own text, against the store.

    Parameters
    ----------
    store : GraphStore
        Any store.
    extraction : dict
        The extraction record of the claim's text (``ingest.pipeline.extract``).
    claim_text : str
        The claim as the fact-checker gave it.

    Returns
    -------
    ClaimCheck
    """
    stated = _stated_events(extraction)
    result = ClaimCheck(claim=claim_text, label="no evidence in this graph", stated=stated)
    if not stated:
        return result
    matched = 0
    support_events: list[EventRecord] = []
    for s in stated:
        candidates = store.list_events(type=s["type"], limit=10_000)
        compared = [(event, *_compare(s, event)) for event in candidates]
        support = [event for event, ok, _ in compared if ok]
        if support:
            matched += 1
            for event in support:
                if event.id not in {e.id for e in support_events}:
                    support_events.append(event)
                    result.supporting.append(event.as_json())
            continue
        # nothing as stated: the closest facts that disagree on one point
        for event, _, problems in _closest_disagreements(s, compared):
            if event.id not in {d["event"]["id"] for d in result.disagreeing}:
                result.disagreeing.append({"event": event.as_json(),
                                           "disagreements": problems})
    sources = [src for e in support_events for src in e.sources]
    result.independent_outlets = independent_sources(sources)
    result.attributed_claims = _attributed_claims(store, support_events)
    if matched == len(stated) and not result.disagreeing:
        result.label = "supported"
    elif matched:
        result.label = "partly supported"
    elif result.disagreeing:
        result.label = "contradicted"
    return result


def _attributed_claims(store: GraphStore, events: list[EventRecord]) -> list[dict]:
    """Claims about the supporting events: quoted in articles (``origin`` ``extracted``)
    and stored by fact-checkers (``checker``, with their evidence and review)."""
    out, seen = [], set()
    for event in events:
        claims = store.list_claims(about=event.id, limit=500)
        claims.sort(key=lambda c: (c.origin != "extracted", c.source.document if c.source
                                   else "", c.source.start or 0 if c.source else 0, c.id))
        for claim in claims:
            if claim.id in seen:
                continue
            seen.add(claim.id)
            relations = sorted({e["relation"] for e in claim.evidence
                                if e["target"] == event.id})
            out.append({
                "event": event.id, "claim": claim.id, "origin": claim.origin,
                "document": claim.source.document if claim.source else None,
                "url": claim.source.url if claim.source else claim.checker_url,
                "outlet": claim.source.outlet if claim.source else None,
                "claimant": claim.claimant, "stance": claim.stance, "text": claim.text,
                "causal": claim.causal, "contested": claim.contested,
                "evidence": relations,
                "review": claim.review.get("rating") if claim.review else None,
            })
    return out
