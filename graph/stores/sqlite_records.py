"""Reading events, entities and sources out of the SQLite store as plain records."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from datetime import date

from graph.model import Entity, EventRecord, Participant, SourceRef
from graph.queries.followed import gc_paused
from graph.stores.plan import merged_attributes

_SOURCE_COLUMNS = ("s.document_id, d.url, d.published, d.outlet, d.title, s.sentence, "
                   "s.start, s.end")


def source_ref(row: tuple, report: str | None = None) -> SourceRef:
    """A :class:`SourceRef` from a row of ``_SOURCE_COLUMNS`` (and the trigger of an
    event's ``report``, when given)."""
    document, url, published, outlet, title, sentence, start, end = row
    return SourceRef(document, url, published, outlet, title, sentence,
                     start if start is not None and start >= 0 else None,
                     end if end is not None and end >= 0 else None,
                     *report_trigger(report))


def report_trigger(report: str | None) -> tuple[str | None, int | None, int | None]:
    """``trigger``, ``trigger_start`` and ``trigger_end`` of a stored event report (JSON);
    Nones for a support row that is no report, or a report stored without a trigger."""
    if not report:
        return None, None, None
    try:
        found = json.loads(report)
    except ValueError:
        return None, None, None
    trigger = found.get("trigger") if isinstance(found, dict) else None
    if not isinstance(trigger, str):
        return None, None, None
    start, end = found.get("trigger_start"), found.get("trigger_end")
    if type(start) is int and type(end) is int and 0 <= start < end:
        return trigger, start, end
    return trigger, None, None


def support_of(conn: sqlite3.Connection, target: str) -> list[SourceRef]:
    """The support rows of one node or edge, ordered by publication and position (with
    the trigger word of each report, for an event)."""
    rows = conn.execute(
        f"SELECT {_SOURCE_COLUMNS}, s.report FROM support s "  # noqa: S608 - fixed column list
        "JOIN documents d ON d.id = s.document_id "
        "WHERE s.target_id = ? ORDER BY d.published, s.document_id, s.start", (target,))
    return [source_ref(tuple(r[:8]), r[8]) for r in rows]


def entity_affiliations(conn: sqlite3.Connection) -> dict[str, set[str]]:
    """Affiliations of every entity; GOVERNMENT entities are also ``government``."""
    result: dict[str, set[str]] = defaultdict(set)
    for entity, name in conn.execute(
            "SELECT e.src, a.name FROM edges e JOIN affiliations a ON a.id = e.dst "
            "WHERE e.kind = 'AFFILIATED_WITH'"):
        result[entity].add(name.casefold())
    for (entity,) in conn.execute("SELECT id FROM entities WHERE type = 'GOVERNMENT'"):
        result[entity].add("government")
    return result


def load_event_records(conn: sqlite3.Connection, event_ids: list[str] | None = None
                       ) -> list[EventRecord]:
    """Every dated event (or those with the given ids) as an :class:`EventRecord`."""
    with gc_paused():
        return _load_event_records(conn, event_ids)


def _load_event_records(conn: sqlite3.Connection, event_ids: list[str] | None
                        ) -> list[EventRecord]:
    affiliations = entity_affiliations(conn)
    participants: dict[str, list[Participant]] = defaultdict(list)
    for event, entity, role, name, entity_type in conn.execute(
            "SELECT e.src, e.dst, e.role, n.name, n.type FROM edges e "
            "JOIN entities n ON n.id = e.dst WHERE e.kind = 'PARTICIPANT' "
            "ORDER BY e.src, e.role, n.name"):
        participants[event].append(Participant(entity, name, entity_type, role,
                                               tuple(sorted(affiliations.get(entity, ())))))
    sources: dict[str, list[SourceRef]] = defaultdict(list)
    for row in conn.execute(
            f"SELECT s.target_id, {_SOURCE_COLUMNS} FROM support s "  # noqa: S608 - fixed columns
            "JOIN documents d ON d.id = s.document_id "
            "WHERE s.report IS NOT NULL ORDER BY d.published, s.document_id, s.start"):
        sources[row[0]].append(source_ref(tuple(row[1:])))
    names = dict(conn.execute("SELECT id, name FROM entities"))
    wanted = set(event_ids) if event_ids is not None else None
    records = []
    for row in conn.execute(
            "SELECT id, type, value, granularity, start_day, end_day, place, country, "
            "confidence FROM events WHERE start_day IS NOT NULL ORDER BY start_day, id"):
        eid, event_type, value, granularity, start, end, place, country, confidence = row
        if wanted is not None and eid not in wanted:
            continue
        people = tuple(participants.get(eid, ()))
        entities = {p.entity for p in people}
        records.append(EventRecord(
            id=eid, type=event_type, start=date.fromisoformat(start).toordinal(),
            end=date.fromisoformat(end).toordinal(), value=value, granularity=granularity,
            country=country, place=place, place_name=names.get(place), confidence=confidence,
            participants=people, sources=tuple(sources.get(eid, ())),
            entities=frozenset(entities),
            affiliations=frozenset(a for p in people for a in p.affiliation),
        ))
    return records


def load_undated_event(conn: sqlite3.Connection, event_id: str) -> EventRecord | None:
    """An event no report dates, as an :class:`EventRecord` with ``start``/``end`` None;
    None when the id is not such an event."""
    row = conn.execute("SELECT id, type, place, country, confidence FROM events "
                       "WHERE id = ? AND start_day IS NULL", (event_id,)).fetchone()
    if row is None:
        return None
    eid, event_type, place, country, confidence = row
    people = []
    for entity, role, name, entity_type in conn.execute(
            "SELECT e.dst, e.role, n.name, n.type FROM edges e JOIN entities n ON n.id = e.dst "
            "WHERE e.src = ? AND e.kind = 'PARTICIPANT' ORDER BY e.role, n.name", (eid,)):
        affiliations = {r[0].casefold() for r in conn.execute(
            "SELECT a.name FROM edges e JOIN affiliations a ON a.id = e.dst "
            "WHERE e.src = ? AND e.kind = 'AFFILIATED_WITH'", (entity,))}
        if entity_type == "GOVERNMENT":
            affiliations.add("government")
        people.append(Participant(entity, name, entity_type, role, tuple(sorted(affiliations))))
    place_name = conn.execute("SELECT name FROM entities WHERE id = ?", (place,)).fetchone()
    sources = [source_ref(tuple(r)) for r in conn.execute(
        f"SELECT {_SOURCE_COLUMNS} FROM support s "  # noqa: S608 - fixed columns
        "JOIN documents d ON d.id = s.document_id WHERE s.target_id = ? "
        "AND s.report IS NOT NULL ORDER BY d.published, s.document_id, s.start", (eid,))]
    return EventRecord(
        id=eid, type=event_type, start=None, end=None, value=None, granularity=None,
        country=country, place=place, place_name=place_name[0] if place_name else None,
        confidence=confidence, participants=tuple(people), sources=tuple(sources),
        entities=frozenset(p.entity for p in people),
        affiliations=frozenset(a for p in people for a in p.affiliation))


def merge_attributes(fact_rows: list[str]) -> dict:
    """Attributes of an entity merged over its documents (each row the JSON one document
    gave), by the rule of :func:`graph.stores.plan.merged_attributes`."""
    return merged_attributes(json.loads(text) for text in fact_rows)


def load_entity(conn: sqlite3.Connection, entity_id: str) -> Entity | None:
    """One entity with its aliases, merged attributes, external ids and document count."""
    row = conn.execute("SELECT id, name, type, wikidata, geonames_id, iso FROM entities "
                       "WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        return None
    gid, name, entity_type, wikidata, geonames, iso = row
    aliases = sorted({r[0] for r in conn.execute(
        "SELECT name FROM entity_names WHERE entity_id = ?", (gid,))} - {name})
    facts = [r[0] for r in conn.execute(
        "SELECT attributes FROM entity_facts WHERE entity_id = ? ORDER BY rowid", (gid,))]
    documents = conn.execute("SELECT COUNT(DISTINCT document_id) FROM support "
                             "WHERE target_id = ?", (gid,)).fetchone()[0]
    external = {k: v for k, v in (("wikidata", wikidata), ("geonames_id", geonames),
                                  ("iso", iso)) if v is not None}
    return Entity(gid, name, entity_type, tuple(aliases), merge_attributes(facts), external,
                  documents)
