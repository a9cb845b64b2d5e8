"""Writing one extraction into the SQLite store, and removing one document.

Both run inside the caller's transaction (``BEGIN IMMEDIATE ... COMMIT``); they
never commit. All SQL is parameterized.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date

from graph.claim_records import extracted_claim_rows
from graph.dates import published_day, timex_interval
from graph.merge import fuzzy_match
from graph.model import (
    affiliation_id,
    canonical_key,
    date_id,
    edge_id,
    entity_id,
)
from graph.stores import plan


@dataclass
class GraphChanges:
    """What a transaction changed, to bring the in-memory graph in step after commit."""

    nodes: dict[str, dict] = field(default_factory=dict)
    edges: dict[str, tuple[str, str, dict]] = field(default_factory=dict)
    removed_nodes: set[str] = field(default_factory=set)
    removed_edges: dict[str, tuple[str, str]] = field(default_factory=dict)

    def node(self, node_id: str, **attrs: object) -> None:
        self.removed_nodes.discard(node_id)
        self.nodes[node_id] = attrs

    def edge(self, key: str, src: str, dst: str, **attrs: object) -> None:
        self.removed_edges.pop(key, None)
        self.edges[key] = (src, dst, attrs)

    def remove_node(self, node_id: str) -> None:
        self.nodes.pop(node_id, None)
        self.removed_nodes.add(node_id)

    def remove_edge(self, key: str, src: str, dst: str) -> None:
        self.edges.pop(key, None)
        self.removed_edges[key] = (src, dst)


class NameIndex:
    """Canonical keys of every known entity name, per type, for fuzzy matching."""

    def __init__(self, conn: sqlite3.Connection):
        self.keys: dict[str, list[str]] = {}
        self.ids: dict[str, list[str]] = {}
        self.seen: set[tuple[str, str, str]] = set()
        rows = conn.execute(
            "SELECT type, key, id FROM entities UNION SELECT type, key, entity_id FROM entity_names"
        )
        for entity_type, key, gid in rows:
            self.add(entity_type, key, gid)

    def add(self, entity_type: str, key: str, gid: str) -> None:
        if (entity_type, key, gid) in self.seen:
            return
        self.seen.add((entity_type, key, gid))
        self.keys.setdefault(entity_type, []).append(key)
        self.ids.setdefault(entity_type, []).append(gid)

    def match(self, entity_type: str, key: str) -> str | None:
        return fuzzy_match(entity_type, key, self.keys.get(entity_type, []),
                           self.ids.get(entity_type, []))


def _offset(value: object) -> int:
    return int(value) if isinstance(value, int) and value >= 0 else -1


class ExtractionWriter:
    """Writes the nodes, edges and support rows of one extraction."""

    def __init__(self, conn: sqlite3.Connection, names: NameIndex, changes: GraphChanges):
        self.conn = conn
        self.names = names
        self.changes = changes
        self.counts = {"entities_added": 0, "entities_merged": 0,
                       "events_added": 0, "events_merged": 0}
        self.touched_events: set[str] = set()

    # -- primitives ------------------------------------------------------------------
    def support(self, target: str, document: str, sentence: str | None = None,
                start: object = None, end: object = None, report: dict | None = None) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO support(target_id, document_id, sentence, start, end, report) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (target, document, sentence, _offset(start), _offset(end),
             json.dumps(report, sort_keys=True) if report is not None else None),
        )

    def edge(self, kind: str, src: str, dst: str, role: str | None, document: str,
             sentence: str | None = None, start: object = None, end: object = None) -> str:
        eid = edge_id(kind, src, dst, role)
        self.conn.execute("INSERT OR IGNORE INTO edges(id, kind, src, dst, role) "
                          "VALUES (?, ?, ?, ?, ?)", (eid, kind, src, dst, role))
        self.support(eid, document, sentence, start, end)
        self.changes.edge(eid, src, dst, kind=kind, role=role)
        return eid

    def date_node(self, value: str) -> str | None:
        interval = timex_interval(value)
        if interval is None:
            return None
        did = date_id(interval.value)
        self.conn.execute(
            "INSERT OR IGNORE INTO dates(id, value, granularity, start_day, end_day) "
            "VALUES (?, ?, ?, ?, ?)",
            (did, interval.value, interval.granularity, interval.start.isoformat(),
             interval.end.isoformat()),
        )
        self.changes.node(did, kind="date", value=interval.value)
        return did

    # -- the document ------------------------------------------------------------------
    def write(self, extraction: dict, document_id: str, content_hash: str,
              ingested_at: str) -> dict:
        doc = extraction.get("document") or {}
        day = published_day(doc.get("published"))
        self.conn.execute(
            "INSERT INTO documents(id, title, url, outlet, published, published_day, "
            "source_path, content_hash, ingested_at, claims) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (document_id, doc.get("title"), doc.get("url"), doc.get("outlet"),
             doc.get("published"), day.isoformat() if day else None, doc.get("source_path"),
             content_hash, ingested_at,
             json.dumps(extraction.get("claims") or [], sort_keys=True, default=str)),
        )
        self.changes.node(document_id, kind="document", title=doc.get("title"),
                          outlet=doc.get("outlet"), published=doc.get("published"))
        if day is not None:
            did = self.date_node(day.isoformat())
            self.edge("ON_DATE", document_id, did, "published", document_id)
        local: dict[str, str] = {}
        local_records: dict[str, dict] = {}
        facts: dict[str, list[dict]] = {}
        for entity in extraction.get("entities") or []:
            gid = self.entity(entity, document_id)
            local[str(entity.get("id"))] = gid
            local_records[gid] = entity
            facts.setdefault(gid, []).append(entity.get("attributes") or {})
        for gid, attribute_sets in facts.items():
            self.entity_facts(gid, local_records[gid]["type"], attribute_sets, document_id)
        events: dict[str, str] = {}
        for event in extraction.get("events") or []:
            events[str(event.get("id"))] = self.event(event, local, local_records, document_id)
        for eid in sorted(self.touched_events):
            recompute_event(self.conn, eid)
        self.claims(extraction.get("claims") or [], document_id, local, events, ingested_at)
        return self.counts

    # -- claims --------------------------------------------------------------------------
    def claims(self, claims: list[dict], document: str, entities: dict[str, str],
               events: dict[str, str], ingested_at: str) -> None:
        """The claims the article quotes, as Claim rows and links; the document keeps
        them with global ids added (see :func:`graph.claim_records.extracted_claim_rows`)."""
        enriched, rows = extracted_claim_rows(claims, document, entities, events, ingested_at)
        self.conn.execute("UPDATE documents SET claims = ? WHERE id = ?",
                          (json.dumps(enriched, sort_keys=True, default=str), document))
        for row in rows:
            insert_claim(self.conn, row)
        self.counts["claims"] = len(rows)

    # -- entities ----------------------------------------------------------------------
    def find_entity(self, entity_type: str, keys: list[str], attributes: dict) -> str | None:
        """An existing entity this one is (the order of :func:`plan.find_entity`)."""
        def by_external(kind: str, column: str, value: object) -> str | None:
            row = self.conn.execute(
                f"SELECT id FROM entities WHERE type = ? AND {column} = ? ORDER BY id LIMIT 1",  # noqa: S608 - column from a fixed list
                (kind, value)).fetchone()
            return row[0] if row else None

        def by_key(kind: str, key: str) -> str | None:
            row = self.conn.execute(
                "SELECT id FROM entities WHERE type = ? AND key = ? "
                "UNION SELECT entity_id FROM entity_names WHERE type = ? AND key = ? "
                "ORDER BY 1 LIMIT 1", (kind, key, kind, key)).fetchone()
            return row[0] if row else None

        return plan.find_entity(entity_type, keys, attributes, by_external=by_external,
                                by_key=by_key, fuzzy=self.names.match)

    def entity(self, entity: dict, document: str) -> str:
        read = plan.entity_in(entity)
        entity_type, name, names, mentions = read.type, read.name, read.names, read.mentions
        gid = self.find_entity(entity_type, list(names), read.attributes)
        wikidata, geonames, iso = (read.external[c] for c in plan.EXTERNAL_COLUMNS)
        if gid is None:
            gid = entity_id(entity_type, read.key or "unnamed")
            self.conn.execute(
                "INSERT OR IGNORE INTO entities(id, name, type, key, wikidata, geonames_id, iso) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (gid, name, entity_type, read.key, wikidata, geonames, iso),
            )
            self.counts["entities_added"] += 1
        else:
            self.conn.execute(
                "UPDATE entities SET wikidata = COALESCE(wikidata, ?), "
                "geonames_id = COALESCE(geonames_id, ?), iso = COALESCE(iso, ?) WHERE id = ?",
                (wikidata, geonames, iso, gid),
            )
            self.counts["entities_merged"] += 1
        for key, alias in names.items():
            self.conn.execute(
                "INSERT OR IGNORE INTO entity_names(entity_id, document_id, type, name, key) "
                "VALUES (?, ?, ?, ?, ?)", (gid, document, entity_type, alias, key))
            self.names.add(entity_type, key, gid)
        stored_name = self.conn.execute("SELECT name FROM entities WHERE id = ?",
                                        (gid,)).fetchone()[0]
        self.changes.node(gid, kind="entity", name=stored_name, type=entity_type)
        if not mentions:
            mentions = [{}]
        for mention in mentions:
            text, start, end = mention.get("text"), mention.get("start"), mention.get("end")
            self.support(gid, document, text, start, end)
            self.edge("MENTIONS", document, gid, None, document, text, start, end)
        return gid

    def entity_facts(self, gid: str, entity_type: str, attribute_sets: list[dict],
                     document: str) -> None:
        merged = plan.merged_attributes(attribute_sets)
        self.conn.execute(
            "INSERT OR REPLACE INTO entity_facts(entity_id, document_id, attributes) "
            "VALUES (?, ?, ?)", (gid, document, json.dumps(merged, sort_keys=True, default=str)))
        for affiliation in plan.as_list(merged.get("affiliation")):
            aid = affiliation_id(str(affiliation))
            self.conn.execute("INSERT OR IGNORE INTO affiliations(id, name) VALUES (?, ?)",
                              (aid, canonical_key(str(affiliation))))
            self.changes.node(aid, kind="affiliation", name=canonical_key(str(affiliation)))
            self.edge("AFFILIATED_WITH", gid, aid, None, document)
        country = merged.get("country")
        if entity_type.upper() == "CITY" and isinstance(country, str) and country.strip():
            country_gid = self.named_entity("COUNTRY", country, document)
            self.edge("LOCATED_IN", gid, country_gid, None, document)

    def named_entity(self, entity_type: str, name: str, document: str) -> str:
        """The entity of this type and name, created if unknown, supported by ``document``."""
        key = canonical_key(name)
        gid = self.find_entity(entity_type, [key], {})
        if gid is None:
            gid = entity_id(entity_type, key)
            self.conn.execute(
                "INSERT OR IGNORE INTO entities(id, name, type, key) VALUES (?, ?, ?, ?)",
                (gid, name, entity_type, key))
            self.counts["entities_added"] += 1
        self.conn.execute(
            "INSERT OR IGNORE INTO entity_names(entity_id, document_id, type, name, key) "
            "VALUES (?, ?, ?, ?, ?)", (gid, document, entity_type, name, key))
        self.names.add(entity_type, key, gid)
        self.support(gid, document)
        stored = self.conn.execute("SELECT name FROM entities WHERE id = ?", (gid,)).fetchone()
        self.changes.node(gid, kind="entity", name=stored[0], type=entity_type)
        return gid

    # -- events -----------------------------------------------------------------------
    def find_event(self, event_type: str, start: str, end: str, country_key: str,
                   participants: set[str]) -> str | None:
        """An existing event this report is about (:func:`plan.best_event`)."""
        rows = self.conn.execute(
            "SELECT id FROM events WHERE type = ? AND country_key = ? AND start_day <= ? "
            "AND end_day >= ? ORDER BY id", (event_type, country_key, end, start)).fetchall()

        def participants_of(candidate: str) -> set[str]:
            return {r[0] for r in self.conn.execute(
                "SELECT dst FROM edges WHERE src = ? AND kind = 'PARTICIPANT'", (candidate,))}

        return plan.best_event((r[0] for r in rows), participants_of, participants)

    def event(self, event: dict, local: dict[str, str], local_records: dict[str, dict],
              document: str) -> str:
        read = plan.event_in(event, local, local_records)
        event_type, interval, participants = read.type, read.interval, read.participants
        place, country, country_key = read.place, read.country, read.country_key
        eid = None
        if interval is not None:
            eid = self.find_event(event_type, interval.start.isoformat(),
                                  interval.end.isoformat(), country_key, read.participant_ids)
        if eid is None:
            eid = read.new_id
            exists = self.conn.execute("SELECT 1 FROM events WHERE id = ?", (eid,)).fetchone()
            if exists:
                self.counts["events_merged"] += 1
            else:
                self.conn.execute(
                    "INSERT INTO events(id, type, country, country_key) VALUES (?, ?, ?, ?)",
                    (eid, event_type, country, country_key))
                self.counts["events_added"] += 1
        else:
            self.counts["events_merged"] += 1
        sentence, start, end = read.sentence, read.start, read.end
        report = plan.event_report(event, read)
        self.support(eid, document, sentence, start, end, report)
        self.changes.node(eid, kind="event", type=event_type)
        self.edge("REPORTS", document, eid, None, document, sentence, start, end)
        for gid, role in participants:
            self.edge("PARTICIPANT", eid, gid, role, document, sentence, start, end)
        if place:
            self.edge("LOCATED_IN", eid, place, None, document, sentence, start, end)
        elif country:
            country_gid = self.named_entity("COUNTRY", country, document)
            self.edge("LOCATED_IN", eid, country_gid, None, document, sentence, start, end)
        if interval is not None:
            did = self.date_node(interval.value)
            self.edge("ON_DATE", eid, did, None, document, sentence, start, end)
        self.touched_events.add(eid)
        return eid


def recompute_event(conn: sqlite3.Connection, eid: str) -> None:
    """Set an event's date, place, country and confidence from the reports that remain.

    The date is the narrowest interval any report gives (ties: earliest start, then
    value); the place is that of the first report that names one, in the same order;
    the confidence is the highest.
    """
    reports = [json.loads(r[0]) for r in conn.execute(
        "SELECT report FROM support WHERE target_id = ? AND report IS NOT NULL", (eid,))]
    if not reports:
        return

    def order(report: dict) -> tuple:
        if report.get("start") is None:
            return (1, 0, "", "")
        length = (date.fromisoformat(report["end"]) - date.fromisoformat(report["start"])).days
        return (0, length, report["start"], report.get("value") or "")

    reports.sort(key=lambda r: (order(r), plan.report_order_key(r)))
    best = reports[0]
    place = next((r["place"] for r in reports if r.get("place")), None)
    country = next((r["country"] for r in reports if r.get("country")), None)
    confidences = [r["confidence"] for r in reports if isinstance(r.get("confidence"),
                                                                     int | float)]
    conn.execute(
        "UPDATE events SET value = ?, granularity = ?, start_day = ?, end_day = ?, place = ?, "
        "country = ?, confidence = ? WHERE id = ?",
        (best.get("value"), best.get("granularity"), best.get("start"), best.get("end"),
         place, country, max(confidences) if confidences else None, eid),
    )


def insert_claim(conn: sqlite3.Connection, row: dict) -> bool:
    """Insert a claim row and its links unless the claim exists; True when inserted."""
    cursor = conn.execute(
        "INSERT OR IGNORE INTO claims(id, origin, document_id, claimant_id, data, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (row["id"], row["origin"], row["document"], row["claimant_entity"],
         json.dumps(row["data"], sort_keys=True, default=str), row["created_at"]))
    if cursor.rowcount == 0:
        return False
    for link in row.get("links") or []:
        upsert_claim_link(conn, row["id"], link)
    return True


def upsert_claim_link(conn: sqlite3.Connection, claim_id: str, link: dict) -> None:
    """Add a claim's link, or replace the note and time of the same one."""
    conn.execute(
        "INSERT INTO claim_links(claim_id, kind, target_id, relation, note, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(claim_id, kind, target_id, relation) "
        "DO UPDATE SET note = excluded.note, created_at = excluded.created_at",
        (claim_id, link["kind"], link["target"], link.get("relation") or "", link.get("note"),
         link.get("created_at")))


def remove_document(conn: sqlite3.Connection, document_id: str, changes: GraphChanges) -> None:
    """Delete a document and every node and edge that only it supported.

    Its support rows, entity names and entity facts go with it (``ON DELETE CASCADE``);
    then edges, events and entities left with no support, and dates and affiliations
    no edge points to, are deleted; events that lost a report are recomputed.
    """
    reported = [r[0] for r in conn.execute(
        "SELECT DISTINCT target_id FROM support WHERE document_id = ? AND report IS NOT NULL",
        (document_id,))]
    conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))
    changes.remove_node(document_id)
    for eid, src, dst in conn.execute(
            "SELECT id, src, dst FROM edges WHERE NOT EXISTS "
            "(SELECT 1 FROM support s WHERE s.target_id = edges.id)").fetchall():
        changes.remove_edge(eid, src, dst)
    conn.execute("DELETE FROM edges WHERE NOT EXISTS "
                 "(SELECT 1 FROM support s WHERE s.target_id = edges.id)")
    for table in ("events", "entities"):
        orphans = [r[0] for r in conn.execute(
            f"SELECT id FROM {table} WHERE NOT EXISTS "  # noqa: S608 - table from a fixed list
            f"(SELECT 1 FROM support s WHERE s.target_id = {table}.id)")]
        for node in orphans:
            changes.remove_node(node)
            conn.execute(f"DELETE FROM {table} WHERE id = ?", (node,))  # noqa: S608
            for eid, src, dst in conn.execute(
                    "SELECT id, src, dst FROM edges WHERE src = ? OR dst = ?",
                    (node, node)).fetchall():
                changes.remove_edge(eid, src, dst)
                conn.execute("DELETE FROM edges WHERE id = ?", (eid,))
    for table in ("dates", "affiliations"):
        orphans = [r[0] for r in conn.execute(
            f"SELECT id FROM {table} WHERE NOT EXISTS "  # noqa: S608 - table from a fixed list
            f"(SELECT 1 FROM edges e WHERE e.dst = {table}.id)")]
        for node in orphans:
            changes.remove_node(node)
            conn.execute(f"DELETE FROM {table} WHERE id = ?", (node,))  # noqa: S608
    for eid in reported:
        recompute_event(conn, eid)
