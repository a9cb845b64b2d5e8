"""Writing one extraction into Neo4j, and removing one document, inside one transaction.

The merge decisions are those of :class:`graph.stores.sqlite_writer.ExtractionWriter`,
made by the same functions (:mod:`graph.stores.plan`) in the same order on the same
data, so that both stores give the same ids:

1. everything the decisions need from the database (entities by external id and by
   canonical key, candidate events with their participants, whether new ids exist) is
   fetched in a few batched reads;
2. :class:`ExtractionPlan` replays the embedded writer's logic in Python over that
   snapshot plus what this document has written so far;
3. the planned nodes, relationships and support rows are written with one
   ``UNWIND … MERGE`` statement per kind, then the touched events are recomputed.

All of it runs in the caller's managed transaction (``session.execute_write``); all
values are parameters and the only Cypher text built in code comes from the fixed
whitelist :data:`graph.stores.neo4j_schema.EDGE_PATTERNS`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date

from graph.claim_records import extracted_claim_rows
from graph.dates import published_day, timex_interval
from graph.model import (
    affiliation_id,
    canonical_key,
    date_id,
    edge_id,
    entity_id,
)
from graph.stores import plan
from graph.stores.neo4j_claims import CLAIM_SUBQUERIES, relationship_params
from graph.stores.neo4j_schema import EDGE_PATTERNS
from graph.stores.plan import EXTERNAL_COLUMNS
from graph.stores.sqlite_writer import NameIndex, _offset


def _external(column: str, value: object) -> object:
    """An external id as SQLite would store it (INTEGER affinity for GeoNames ids)."""
    if value in (None, ""):
        return None
    if column == "geonames_id":
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            return int(value)
        return value
    return value if isinstance(value, str) else str(value)


def load_name_index(tx) -> NameIndex:  # noqa: ANN001 - a neo4j.ManagedTransaction
    """Every known (type, key, entity id), in the order the embedded store reads them."""
    index = NameIndex.__new__(NameIndex)
    index.keys, index.ids, index.seen = {}, {}, set()
    rows = tx.run("MATCH (e:Entity) RETURN e.type AS type, e.key AS key, e.id AS id "
                  "UNION MATCH (n:EntityName) RETURN n.type AS type, n.key AS key, "
                  "n.entity AS id").values()
    for entity_type, key, gid in sorted(rows):
        index.add(entity_type, key, gid)
    return index


class ExtractionPlan:
    """The embedded writer's decisions, over a database snapshot and this document's writes."""

    def __init__(self, tx, names: NameIndex, document_id: str, seq_base: int):  # noqa: ANN001
        self.tx = tx
        self.names = names
        self.added_names: list[tuple[str, str, str]] = []
        self.document = document_id
        self.seq_base = seq_base
        self.counts = {"entities_added": 0, "entities_merged": 0,
                       "events_added": 0, "events_merged": 0}
        self.touched_events: set[str] = set()
        self.claim_rows: list[dict] = []
        # snapshot of the database, filled by prefetch
        self.key_ids: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.external: dict[str, dict] = {}  # entity id -> its external ids and type
        self.external_changed: set[str] = set()
        self.event_candidates: dict[tuple, list[str]] = {}
        self.event_participants: dict[str, set[str]] = defaultdict(set)
        self.existing_events: set[str] = set()
        # planned writes
        self.doc_row: dict = {}
        self.dates: dict[str, dict] = {}
        self.new_entities: dict[str, dict] = {}
        self.entity_names: dict[str, dict] = {}
        self.facts: dict[str, dict] = {}
        self.affiliations: dict[str, dict] = {}
        self.new_events: dict[str, dict] = {}
        self.edges: dict[tuple[str, str, str], dict[str, dict]] = defaultdict(dict)
        self.support_rows: dict[str, dict] = {}

    # -- the database snapshot --------------------------------------------------------
    def prefetch_entities(self, extraction: dict) -> None:
        """Entities the document's names, aliases, countries and external ids may match."""
        keys: set[tuple[str, str]] = set()
        externals: set[tuple[str, str, object]] = set()
        countries: list[str] = []
        for entity in extraction.get("entities") or []:
            read = plan.entity_in(entity)
            entity_type, name, attributes = read.type, read.name, read.attributes
            keys.add((entity_type, read.key))
            keys |= {(entity_type, key) for key in read.names}
            for column in EXTERNAL_COLUMNS:
                value = _external(column, attributes.get(column))
                if value is not None:
                    externals.add((entity_type, column, value))
            if isinstance(attributes.get("country"), str):
                countries.append(attributes["country"])
            if entity_type == "COUNTRY":
                countries.append(str(name))
        for event in extraction.get("events") or []:
            if isinstance(event.get("country"), str):
                countries.append(event["country"])
        keys |= {("COUNTRY", canonical_key(c)) for c in countries}
        keys.add(("ORGANIZATION", "unnamed"))
        new_ids = sorted({entity_id(t, k or "unnamed") for t, k in keys})
        rows = self.tx.run(
            "UNWIND $keys AS k "
            "CALL (k) { MATCH (e:Entity {type: k[0], key: k[1]}) RETURN e "
            "  UNION MATCH (n:EntityName {type: k[0], key: k[1]}) "
            "  MATCH (e:Entity {id: n.entity}) RETURN e } "
            "RETURN DISTINCT k[0] AS type, k[1] AS key, e.id AS id, e.key AS own_key, "
            "e {.type, .name, .wikidata, .geonames_id, .iso} AS entity",
            keys=[list(k) for k in sorted(keys)]).data()
        for row in rows:
            self.key_ids[(row["type"], row["key"])].add(row["id"])
            self.external[row["id"]] = row["entity"]
        ext_rows = self.tx.run(
            "UNWIND $externals AS x MATCH (e:Entity {type: x[0]}) "
            "WHERE (x[1] = 'wikidata' AND e.wikidata = x[2]) "
            "OR (x[1] = 'geonames_id' AND e.geonames_id = x[2]) OR (x[1] = 'iso' AND e.iso = x[2]) "
            "RETURN DISTINCT e.id AS id, e {.type, .name, .wikidata, .geonames_id, .iso} AS entity",
            externals=[list(x) for x in sorted(externals, key=repr)]).data()
        for row in ext_rows:
            self.external[row["id"]] = row["entity"]
        found = {row["id"]: row["e"] for row in self.tx.run(
            "UNWIND $ids AS id MATCH (e:Entity {id: id}) "
            "RETURN e.id AS id, e {.type, .name, .wikidata, .geonames_id, .iso} AS e",
            ids=new_ids).data()}
        for gid in new_ids:  # the ids new entities would get: do they exist?
            self.external.setdefault(gid, found.get(gid) or {})

    def _entity_row(self, gid: str) -> dict:
        if gid not in self.external:
            row = self.tx.run("MATCH (e:Entity {id: $id}) "
                              "RETURN e {.type, .name, .wikidata, .geonames_id, .iso} AS e",
                              id=gid).single()
            self.external[gid] = dict(row["e"]) if row else {}
        return self.external[gid]

    # -- primitives (as ExtractionWriter) ---------------------------------------------------
    def support(self, target: str, sentence: str | None = None, start: object = None,
                end: object = None, report: dict | None = None) -> None:
        s, e = _offset(start), _offset(end)
        uid = json.dumps([target, self.document, s, e])
        if uid in self.support_rows:  # INSERT OR IGNORE
            return
        self.support_rows[uid] = {
            "uid": uid, "target": target, "document": self.document, "sentence": sentence,
            "start": s, "end": e,
            "report": json.dumps(report, sort_keys=True) if report is not None else None}

    def edge(self, kind: str, src: str, src_label: str, dst: str, dst_label: str,
             role: str | None, sentence: str | None = None, start: object = None,
             end: object = None) -> str:
        eid = edge_id(kind, src, dst, role)
        self.edges[(kind, src_label, dst_label)].setdefault(
            eid, {"id": eid, "src": src, "dst": dst, "role": role})
        self.support(eid, sentence, start, end)
        return eid

    def date_node(self, value: str) -> str | None:
        interval = timex_interval(value)
        if interval is None:
            return None
        did = date_id(interval.value)
        self.dates.setdefault(did, {
            "id": did, "value": interval.value, "granularity": interval.granularity,
            "start_day": interval.start.isoformat(), "end_day": interval.end.isoformat(),
            "start": interval.start.toordinal(), "end": interval.end.toordinal()})
        return did

    # -- the document ----------------------------------------------------------------
    def plan(self, extraction: dict, content_hash: str, ingested_at: str) -> dict:
        doc = extraction.get("document") or {}
        day = published_day(doc.get("published"))
        self.doc_row = {
            "id": self.document, "title": doc.get("title"), "url": doc.get("url"),
            "outlet": doc.get("outlet"), "published": doc.get("published"),
            "published_day": day.isoformat() if day else None,
            "source_path": doc.get("source_path"), "content_hash": content_hash,
            "ingested_at": ingested_at, "seq": self.seq_base,
            "claims": json.dumps(extraction.get("claims") or [], sort_keys=True, default=str),
            "extraction": json.dumps(extraction, sort_keys=True, ensure_ascii=False,
                                     default=str)}
        if day is not None:
            did = self.date_node(day.isoformat())
            self.edge("ON_DATE", self.document, "Document", did, "Date", "published")
        self.prefetch_entities(extraction)
        local: dict[str, str] = {}
        local_records: dict[str, dict] = {}
        facts: dict[str, list[dict]] = {}
        for entity in extraction.get("entities") or []:
            gid = self.entity(entity)
            local[str(entity.get("id"))] = gid
            local_records[gid] = entity
            facts.setdefault(gid, []).append(entity.get("attributes") or {})
        for gid, attribute_sets in facts.items():
            self.entity_facts(gid, local_records[gid]["type"], attribute_sets)
        events = extraction.get("events") or []
        self.prefetch_events(events, local, local_records)
        local_events: dict[str, str] = {}
        for event in events:
            local_events[str(event.get("id"))] = self.event(event, local, local_records)
        enriched, self.claim_rows = extracted_claim_rows(
            extraction.get("claims") or [], self.document, local, local_events, ingested_at)
        self.doc_row["claims"] = json.dumps(enriched, sort_keys=True, default=str)
        self.counts["claims"] = len(self.claim_rows)
        return self.counts

    # -- entities --------------------------------------------------------------------
    def find_entity(self, entity_type: str, keys: list[str], attributes: dict) -> str | None:
        """An existing entity this one is (the order of :func:`plan.find_entity`), in the
        prefetched snapshot plus what this document has planned."""
        def by_external(kind: str, column: str, value: object) -> str | None:
            value = _external(column, value)
            found = sorted(gid for gid, row in self.external.items()
                           if row.get("type") == kind and row.get(column) == value)
            return found[0] if found and value is not None else None

        def by_key(kind: str, key: str) -> str | None:
            found = self.key_ids.get((kind, key))
            return min(found) if found else None

        return plan.find_entity(entity_type, keys, attributes, by_external=by_external,
                                by_key=by_key, fuzzy=self.names.match)

    def _add_name(self, gid: str, entity_type: str, name: str, key: str) -> None:
        uid = json.dumps([gid, self.document, key])
        self.entity_names.setdefault(uid, {"uid": uid, "entity": gid, "document": self.document,
                                           "type": entity_type, "name": name, "key": key})
        self.key_ids[(entity_type, key)].add(gid)
        if (entity_type, key, gid) not in self.names.seen:
            self.added_names.append((entity_type, key, gid))
        self.names.add(entity_type, key, gid)

    def _new_entity(self, gid: str, name: str, entity_type: str, key: str,
                    external: dict) -> None:
        row = {"id": gid, "name": name, "type": entity_type, "key": key,
               "wikidata": external.get("wikidata"),
               "geonames_id": external.get("geonames_id"), "iso": external.get("iso")}
        self.new_entities[gid] = row
        self.external[gid] = {k: row[k] for k in ("type", "name", *EXTERNAL_COLUMNS)}
        self.key_ids[(entity_type, key)].add(gid)

    def entity(self, entity: dict) -> str:
        read = plan.entity_in(entity)
        entity_type, name, names, mentions = read.type, read.name, read.names, read.mentions
        gid = self.find_entity(entity_type, list(names), read.attributes)
        external = {c: _external(c, v) for c, v in read.external.items()}
        if gid is None:
            gid = entity_id(entity_type, read.key or "unnamed")
            if gid in self.new_entities or self._entity_row(gid):
                pass  # INSERT OR IGNORE of an existing id
            else:
                self._new_entity(gid, name, entity_type, read.key, external)
            self.counts["entities_added"] += 1
        else:
            row = self._entity_row(gid)
            for column in EXTERNAL_COLUMNS:  # COALESCE: only fill what is missing
                if row.get(column) is None and external[column] is not None:
                    row[column] = external[column]
                    self.external_changed.add(gid)
                    if gid in self.new_entities:
                        self.new_entities[gid][column] = external[column]
            self.counts["entities_merged"] += 1
        for key, alias in names.items():
            self._add_name(gid, entity_type, alias, key)
        if not mentions:
            mentions = [{}]
        for mention in mentions:
            text, start, end = mention.get("text"), mention.get("start"), mention.get("end")
            self.support(gid, text, start, end)
            self.edge("MENTIONS", self.document, "Document", gid, "Entity", None, text, start,
                      end)
        return gid

    def entity_facts(self, gid: str, entity_type: str, attribute_sets: list[dict]) -> None:
        merged = plan.merged_attributes(attribute_sets)
        uid = json.dumps([gid, self.document])
        self.facts[uid] = {"uid": uid, "entity": gid, "document": self.document,
                           "attributes": json.dumps(merged, sort_keys=True, default=str),
                           "seq": self.seq_base + len(self.facts)}
        for affiliation in plan.as_list(merged.get("affiliation")):
            aid = affiliation_id(str(affiliation))
            name = canonical_key(str(affiliation))
            self.affiliations.setdefault(aid, {"id": aid, "name": name,
                                               "name_cf": name.casefold()})
            self.edge("AFFILIATED_WITH", gid, "Entity", aid, "Affiliation", None)
        country = merged.get("country")
        if entity_type.upper() == "CITY" and isinstance(country, str) and country.strip():
            country_gid = self.named_entity("COUNTRY", country)
            self.edge("LOCATED_IN", gid, "Entity", country_gid, "Entity", None)

    def named_entity(self, entity_type: str, name: str) -> str:
        key = canonical_key(name)
        gid = self.find_entity(entity_type, [key], {})
        if gid is None:
            gid = entity_id(entity_type, key)
            if gid not in self.new_entities and not self._entity_row(gid):
                self._new_entity(gid, name, entity_type, key, {})
            self.counts["entities_added"] += 1
        self._add_name(gid, entity_type, name, key)
        self.support(gid)
        return gid

    # -- events ----------------------------------------------------------------------
    def prefetch_events(self, events: list[dict], local: dict[str, str],
                        local_records: dict[str, dict]) -> None:
        """Candidate events of each dated report (by type, country and overlapping dates),
        with their participants, and which of the ids new reports would get exist."""
        probes, ids = [], set()
        for event in events:
            read = plan.event_in(event, local, local_records)
            ids.add(read.new_id)
            if read.interval is not None:
                probes.append([read.type, read.country_key, read.interval.start.isoformat(),
                               read.interval.end.isoformat()])
        if probes:
            rows = self.tx.run(
                "UNWIND $probes AS p MATCH (e:Event {type: p[0], country_key: p[1]}) "
                "WHERE e.start_day <= p[3] AND e.end_day >= p[2] "
                "OPTIONAL MATCH (e)-[:PARTICIPANT]->(x:Entity) "
                "RETURN p AS probe, e.id AS id, collect(DISTINCT x.id) AS participants",
                probes=probes).data()
            for row in rows:
                self.event_candidates.setdefault(tuple(row["probe"]), []).append(row["id"])
                self.event_participants[row["id"]] = set(row["participants"])
        self.existing_events = set(self.tx.run(
            "UNWIND $ids AS id MATCH (e:Event {id: id}) RETURN e.id", ids=sorted(ids)).value())

    def find_event(self, event_type: str, start: str, end: str, country_key: str,
                   participants: set[str]) -> str | None:
        """An existing event this report is about (:func:`plan.best_event`)."""
        candidates = sorted(self.event_candidates.get((event_type, country_key, start, end),
                                                      []))
        return plan.best_event(candidates, lambda c: self.event_participants[c], participants)

    def event(self, event: dict, local: dict[str, str], local_records: dict[str, dict]) -> str:
        read = plan.event_in(event, local, local_records)
        event_type, interval, participants = read.type, read.interval, read.participants
        place, country, country_key = read.place, read.country, read.country_key
        eid = None
        if interval is not None:
            eid = self.find_event(event_type, interval.start.isoformat(),
                                  interval.end.isoformat(), country_key, read.participant_ids)
        if eid is None:
            eid = read.new_id
            if eid in self.existing_events or eid in self.new_events:
                self.counts["events_merged"] += 1
            else:
                self.new_events[eid] = {"id": eid, "type": event_type, "country": country,
                                        "country_key": country_key}
                self.counts["events_added"] += 1
        else:
            self.counts["events_merged"] += 1
        sentence, start, end = read.sentence, read.start, read.end
        report = plan.event_report(event, read)
        self.support(eid, sentence, start, end, report)
        self.edge("REPORTS", self.document, "Document", eid, "Event", None, sentence, start, end)
        for gid, role in participants:
            self.edge("PARTICIPANT", eid, "Event", gid, "Entity", role, sentence, start, end)
            self.event_participants[eid].add(gid)
        if place:
            self.edge("LOCATED_IN", eid, "Event", place, "Entity", None, sentence, start, end)
        elif country:
            country_gid = self.named_entity("COUNTRY", country)
            self.edge("LOCATED_IN", eid, "Event", country_gid, "Entity", None, sentence, start,
                      end)
        if interval is not None:
            did = self.date_node(interval.value)
            self.edge("ON_DATE", eid, "Event", did, "Date", None, sentence, start, end)
        self.touched_events.add(eid)
        return eid

    # -- writing the plan --------------------------------------------------------------
    def write(self) -> None:
        """Write the planned nodes, relationships and support rows in one statement
        (:data:`WRITE_PLAN`), then recompute the touched events from their reports."""
        updates = [{"id": gid, **{c: self.external[gid].get(c) for c in EXTERNAL_COLUMNS}}
                   for gid in sorted(self.external_changed - set(self.new_entities))]
        params = {
            "document": self.doc_row, "dates": list(self.dates.values()),
            "affiliations": list(self.affiliations.values()),
            "entities": list(self.new_entities.values()), "externals": updates,
            "names": list(self.entity_names.values()), "facts": list(self.facts.values()),
            "events": list(self.new_events.values()),
            "support": list(self.support_rows.values()),
            "touched": sorted(self.touched_events),
            **relationship_params(self.claim_rows),
        }
        for index, pattern in enumerate(EDGE_ORDER):
            params[f"edges_{index}"] = list(self.edges.get(pattern, {}).values())
        rows = self.tx.run(WRITE_PLAN, params).values()
        reports: dict[str, list[dict]] = defaultdict(list)
        for eid, text in rows:
            if eid is not None:
                reports[eid].append(json.loads(text))
        recompute_events(self.tx, sorted(self.touched_events), reports)


EDGE_ORDER = sorted(EDGE_PATTERNS)
WRITE_PLAN = "\n".join([
    # Every lookup here is a unique-constraint seek, whatever the statistics say: never
    # replan this long statement as the graph grows (planning it costs far more than
    # running it).
    "CYPHER replan=skip",
    "CREATE (doc:Document) SET doc = $document WITH doc",
    "CALL () { UNWIND $dates AS r MERGE (n:Date {id: r.id}) ON CREATE SET n += r }",
    "CALL () { UNWIND $affiliations AS r MERGE (n:Affiliation {id: r.id}) "
    "ON CREATE SET n += r }",
    "CALL () { UNWIND $entities AS r MERGE (n:Entity {id: r.id}) ON CREATE SET n += r }",
    "CALL () { UNWIND $externals AS r MATCH (n:Entity {id: r.id}) "
    "SET n.wikidata = coalesce(n.wikidata, r.wikidata), "
    "n.geonames_id = coalesce(n.geonames_id, r.geonames_id), n.iso = coalesce(n.iso, r.iso) }",
    "CALL () { UNWIND $names AS r MERGE (n:EntityName {uid: r.uid}) ON CREATE SET n += r }",
    "CALL () { UNWIND $facts AS r MERGE (n:EntityFact {uid: r.uid}) SET n += r }",
    "CALL () { UNWIND $events AS r MERGE (n:Event {id: r.id}) ON CREATE SET n += r }",
    *(f"CALL () {{ UNWIND $edges_{i} AS r MATCH (s:{src} {{id: r.src}}) "
      f"MATCH (t:{dst} {{id: r.dst}}) MERGE (s)-[e:{kind} {{id: r.id}}]->(t) "
      "ON CREATE SET e.role = r.role }"
      for i, (kind, src, dst) in enumerate(EDGE_ORDER)),
    "CALL () { UNWIND $support AS r MERGE (n:Support {uid: r.uid}) ON CREATE SET n += r }",
    *CLAIM_SUBQUERIES,
    "WITH count(*) AS done",
    "UNWIND $touched AS id",
    "OPTIONAL MATCH (s:Support {target: id}) WHERE s.report IS NOT NULL",
    "RETURN s.target AS target, s.report AS report",
])
"""One document's writes as one statement: unit subqueries, one per kind, each a
``UNWIND … MERGE`` over a parameter list (empty lists do nothing), then the reports
of the touched events. Fixed text, so the server plans it once."""


def recompute_events(tx, event_ids: list[str],  # noqa: ANN001
                     reports: dict[str, list[dict]] | None = None) -> None:
    """Set events' date, place, country and confidence from the reports that remain
    (the rule of :func:`graph.stores.sqlite_writer.recompute_event`); ``reports`` when
    the caller has already read them."""
    if not event_ids:
        return
    if reports is None:
        reports = defaultdict(list)
        for eid, text in tx.run("UNWIND $ids AS id MATCH (s:Support {target: id}) "
                                "WHERE s.report IS NOT NULL RETURN s.target, s.report",
                                ids=event_ids).values():
            reports[eid].append(json.loads(text))

    def order(report: dict) -> tuple:
        if report.get("start") is None:
            return (1, 0, "", "")
        length = (date.fromisoformat(report["end"]) - date.fromisoformat(report["start"])).days
        return (0, length, report["start"], report.get("value") or "")

    rows = []
    for eid, found in reports.items():
        found.sort(key=lambda r: (order(r), plan.report_order_key(r)))
        best = found[0]
        place = next((r["place"] for r in found if r.get("place")), None)
        country = next((r["country"] for r in found if r.get("country")), None)
        confidences = [r["confidence"] for r in found
                       if isinstance(r.get("confidence"), int | float)]
        start_day, end_day = best.get("start"), best.get("end")
        rows.append({
            "id": eid, "value": best.get("value"), "granularity": best.get("granularity"),
            "start_day": start_day, "end_day": end_day,
            "start": date.fromisoformat(start_day).toordinal() if start_day else None,
            "end": date.fromisoformat(end_day).toordinal() if end_day else None,
            "place": place, "country": country,
            "country_cf": country.casefold() if country else None,
            "confidence": max(confidences) if confidences else None})
    if rows:
        tx.run("UNWIND $rows AS r MATCH (e:Event {id: r.id}) SET e += r", rows=rows).consume()


def remove_document(tx, document_id: str) -> None:  # noqa: ANN001
    """Delete a document and every node and edge that only it supported (the rule of
    :func:`graph.stores.sqlite_writer.remove_document`)."""
    row = tx.run(
        "MATCH (s:Support {document: $doc}) "
        "WITH collect(DISTINCT s.target) AS targets, "
        "collect(DISTINCT CASE WHEN s.report IS NOT NULL THEN s.target END) AS reported "
        "RETURN targets, reported", doc=document_id).single()
    targets, reported = row["targets"], row["reported"]
    tx.run("MATCH (s:Support {document: $doc}) DETACH DELETE s", doc=document_id).consume()
    tx.run("MATCH (n:EntityName {document: $doc}) DETACH DELETE n", doc=document_id).consume()
    tx.run("MATCH (n:EntityFact {document: $doc}) DETACH DELETE n", doc=document_id).consume()
    tx.run("MATCH (c:Claim {document: $doc}) DETACH DELETE c", doc=document_id).consume()
    tx.run("MATCH (d:Document {id: $doc}) DETACH DELETE d", doc=document_id).consume()
    unsupported = set(tx.run("UNWIND $targets AS t WITH t WHERE NOT EXISTS "
                             "{ MATCH (s:Support {target: t}) } RETURN t",
                             targets=targets).value())
    by_kind: dict[str, list[str]] = defaultdict(list)
    for target in unsupported:
        if target.startswith("rel:"):
            by_kind[target.split(":")[1]].append(target)
    for kind in sorted({k for k, _, _ in EDGE_PATTERNS}):
        if by_kind.get(kind):
            tx.run(f"UNWIND $ids AS id MATCH ()-[r:{kind} {{id: id}}]->() DELETE r",
                   ids=by_kind[kind]).consume()
    nodes = sorted(t for t in unsupported if not t.startswith("rel:"))
    if nodes:
        tx.run("UNWIND $ids AS id MATCH (n:Event {id: id}) DETACH DELETE n", ids=nodes).consume()
        tx.run("UNWIND $ids AS id MATCH (n:Entity {id: id}) "
               "OPTIONAL MATCH (x:EntityName {entity: id}) "
               "OPTIONAL MATCH (f:EntityFact {entity: id}) DETACH DELETE n, x, f",
               ids=nodes).consume()
    tx.run("MATCH (d:Date) WHERE NOT EXISTS { ()-->(d) } DETACH DELETE d").consume()
    tx.run("MATCH (a:Affiliation) WHERE NOT EXISTS { ()-->(a) } DETACH DELETE a").consume()
    recompute_events(tx, sorted(set(reported) - unsupported))
