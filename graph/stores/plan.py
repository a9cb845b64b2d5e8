"""What both writers decide the same way: reading an extraction's entities and events,
the order of the entity lookups, the event merge choice and what a report keeps.

The embedded writer (:mod:`graph.stores.sqlite_writer`) looks things up in SQLite as it
goes; the Neo4j writer (:mod:`graph.stores.neo4j_writer`) in a snapshot it fetched in a
few batched reads. Both call these functions for every decision, so that the two stores
make the same merges and give the same ids (the store test suite and ``push``/``pull``
hold them to it). The merge rules themselves are in :mod:`graph.merge`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from graph.dates import DayInterval, timex_interval
from graph.merge import participants_overlap
from graph.model import canonical_key, event_id

EXTERNAL_COLUMNS = ("wikidata", "geonames_id", "iso")
TRIGGER_KEYS = ("trigger", "trigger_start", "trigger_end")
"""Keys of an event report about its trigger word: read by ``sources()``, never by the
recomputation of an event's date, place, country and confidence."""


def as_list(value: object) -> list:
    """A list of the non-empty values of ``value`` (a list, one value or None)."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [v for v in value if v not in (None, "")]
    return [value]


# -- entities ------------------------------------------------------------------------------
@dataclass(frozen=True)
class EntityIn:
    """An extraction's entity as the writers read it.

    Attributes
    ----------
    names : dict
        Canonical key -> the spelling first given for it (name first, then aliases).
    """

    type: str
    name: str
    names: dict
    attributes: dict
    mentions: list

    @property
    def key(self) -> str:
        return canonical_key(self.name)

    @property
    def external(self) -> dict:
        """The external ids the extraction gives (``None`` when missing or empty)."""
        return {c: self.attributes.get(c) or None for c in EXTERNAL_COLUMNS}


def entity_in(entity: dict) -> EntityIn:
    """Read one entity of an extraction (type defaults to ORGANIZATION, name to its
    first mention, then ``unnamed``)."""
    entity_type = str(entity.get("type") or "ORGANIZATION").upper()
    mentions = entity.get("mentions") or []
    name = entity.get("name") or (mentions[0].get("text") if mentions else "") or "unnamed"
    names: dict[str, str] = {}
    for candidate in [name, *as_list(entity.get("aliases"))]:
        key = canonical_key(str(candidate))
        if key and key not in names:
            names[key] = str(candidate)
    return EntityIn(entity_type, str(name), names, entity.get("attributes") or {}, mentions)


def external_lookups(entity_type: str, attributes: dict) -> list[tuple[str, object]]:
    """The external ids to look an entity up by, in order: Wikidata, GeoNames, and for
    a country its ISO code; empty values left out."""
    lookups = [("wikidata", attributes.get("wikidata")),
               ("geonames_id", attributes.get("geonames_id"))]
    if entity_type == "COUNTRY":
        lookups.append(("iso", attributes.get("iso")))
    return [(column, value) for column, value in lookups if value not in (None, "")]


def find_entity(entity_type: str, keys: Iterable[str], attributes: dict, *,
                by_external: Callable[[str, str, object], str | None],
                by_key: Callable[[str, str], str | None],
                fuzzy: Callable[[str, str], str | None]) -> str | None:
    """The existing entity this one is: by an external id, then by the canonical key of
    its name or an alias, then by a fuzzy near-miss (:func:`graph.merge.fuzzy_match`).

    Each store answers the three lookups its own way; the order is this one.
    """
    keys = list(keys)
    for column, value in external_lookups(entity_type, attributes):
        found = by_external(entity_type, column, value)
        if found:
            return found
    for key in keys:
        found = by_key(entity_type, key)
        if found:
            return found
    for key in keys:
        found = fuzzy(entity_type, key)
        if found:
            return found
    return None


def merged_attributes(attribute_sets: Iterable[dict]) -> dict:
    """Attributes merged over several sets (one document's local entities, or an
    entity's documents): lists are joined (first seen first), a single value is the
    first non-empty one."""
    merged: dict = {}
    for attributes in attribute_sets:
        for key, value in attributes.items():
            if isinstance(value, list):
                merged.setdefault(key, [])
                merged[key] += [v for v in value if v not in merged[key]]
            elif value not in (None, "") and merged.get(key) in (None, ""):
                merged[key] = value
    return merged


# -- events --------------------------------------------------------------------------------
@dataclass(frozen=True)
class EventIn:
    """An extraction's event as the writers read it, its entities as store ids."""

    type: str
    interval: DayInterval | None
    participants: list
    place: str | None
    country: str | None
    sentence: str | None
    start: object
    end: object

    @property
    def country_key(self) -> str:
        return canonical_key(self.country) if self.country else ""

    @property
    def participant_ids(self) -> set[str]:
        return {gid for gid, _ in self.participants}

    @property
    def new_id(self) -> str:
        """The id a new event gets from this report."""
        return event_id(self.type, self.interval.value if self.interval else None,
                        self.country_key, sorted(self.participant_ids), self.place)


def event_in(event: dict, local: dict[str, str], local_records: dict[str, dict]) -> EventIn:
    """Read one event of an extraction; ``local`` maps its local entity ids to store ids,
    ``local_records`` store ids to the extraction's entity records. Without a country,
    the place's (a country itself, or a city's ``country`` attribute) is used."""
    participants = [(local[str(p.get("entity"))], p.get("role"))
                    for p in event.get("participants") or [] if str(p.get("entity")) in local]
    place = local.get(str(event.get("place"))) if event.get("place") is not None else None
    country = event.get("country")
    if not country and place:
        place_record = local_records.get(place, {})
        if str(place_record.get("type", "")).upper() == "COUNTRY":
            country = place_record.get("name")
        else:
            country = (place_record.get("attributes") or {}).get("country")
    evidence = event.get("evidence") or {}
    return EventIn(str(event.get("type") or "UNKNOWN").upper(),
                   timex_interval((event.get("date") or {}).get("value")), participants,
                   place, country, evidence.get("sentence"), evidence.get("start"),
                   evidence.get("end"))


def best_event(candidates: Iterable[str], participants_of: Callable[[str], set[str]],
               participants: set[str]) -> str | None:
    """Of the events with the same type, country and an overlapping interval (in id
    order), the one whose participants overlap most with the report's; None if none
    overlaps (:func:`graph.merge.participants_overlap`)."""
    best, best_overlap = None, -1
    for candidate in candidates:
        existing = participants_of(candidate)
        if participants_overlap(existing, participants):
            overlap = len(existing & participants)
            if overlap > best_overlap:
                best, best_overlap = candidate, overlap
    return best


def event_report(event: dict, read: EventIn) -> dict:
    """What one report of an event keeps: its date, place, country, confidence and
    trigger. An event's merged facts are recomputed from its reports."""
    interval = read.interval
    return {
        "value": interval.value if interval else None,
        "granularity": interval.granularity if interval else None,
        "start": interval.start.isoformat() if interval else None,
        "end": interval.end.isoformat() if interval else None,
        "place": read.place, "country": read.country, "confidence": event.get("confidence"),
        **trigger_of(event, read.sentence, read.start),
    }


def trigger_of(event: dict, sentence: object, start: object) -> dict:
    """The trigger keys of an event's report: ``trigger`` (the word, e.g. "blocked") and,
    when they can be told for sure, its offsets within the evidence sentence
    (``trigger_start``, ``trigger_end``): from the extraction's ``trigger_span`` (offsets
    in the article) when it falls on that word inside the sentence, else from the one
    place the word stands alone in the sentence. Empty when the event has no trigger."""
    trigger = event.get("trigger")
    if not isinstance(trigger, str) or not trigger.strip():
        return {}
    found: dict = {"trigger": trigger}
    if not isinstance(sentence, str):
        return found
    span = event.get("trigger_span")
    if (isinstance(start, int) and start >= 0 and isinstance(span, list | tuple)
            and len(span) == 2 and all(type(x) is int for x in span)):
        s, e = span[0] - start, span[1] - start
        if 0 <= s < e <= len(sentence) and sentence[s:e].casefold() == trigger.casefold():
            return {**found, "trigger_start": s, "trigger_end": e}
    hits = list(re.finditer(rf"(?<!\w){re.escape(trigger)}(?!\w)", sentence, re.IGNORECASE))
    if len(hits) == 1:
        found.update(trigger_start=hits[0].start(), trigger_end=hits[0].end())
    return found


def report_order_key(report: dict) -> str:
    """The last tie-break between an event's reports when recomputing it: the report
    without its trigger keys, so that keeping triggers changes no event."""
    return json.dumps({k: v for k, v in report.items() if k not in TRIGGER_KEYS},
                      sort_keys=True)
