"""The Neo4j graph store: the same interface and the same answers as the embedded store.

Built by ``make_store("neo4j", uri=...)`` or ``make_store("bolt://…")`` through the
official ``neo4j`` driver. The schema (constraints, range, text and full-text
indexes; see :mod:`graph.stores.neo4j_schema`) is created on first use. Each article
is written in one managed transaction (``session.execute_write``, which retries
transient errors) by :mod:`graph.stores.neo4j_writer`, with the embedded store's merge
rules and stable ids. The queries run in Cypher on the server and reuse the
store-independent algorithms of :mod:`graph.queries` on just the rows they return.
See ``docs/neo4j.md``.
"""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ClientError, Neo4jError, ServiceUnavailable

from graph.dates import parse_window, window_days
from graph.model import Document, Entity, EventRecord, SourceRef, WriteResult, edge_id
from graph.queries import paths as path_queries
from graph.queries.followed import FollowedPair, sweep_pairs
from graph.queries.search import NameHit, search_names
from graph.queries.sources import order_sources
from graph.queries.stats import CorrelationStats
from graph.queries.stats import correlation_stats as correlation_query
from graph.store import GraphStore
from graph.stores import neo4j_claims as claim_store
from graph.stores import neo4j_records as records
from graph.stores.neo4j_schema import NODE_LABELS, create_schema
from graph.stores.neo4j_writer import ExtractionPlan, load_name_index, remove_document
from graph.stores.sqlite import extraction_hash
from ingest.errors import NotFoundError, QueryError, StoreError
from ingest.settings import settings

LINKS = "PARTICIPANT|MENTIONS"
# shortestPath needs a literal bound: one fixed query per allowed depth.
SHORTEST = {
    depth: ("MATCH (a:Entity {id: $a}), (b:Entity {id: $b}) "
            f"MATCH p = shortestPath((a)-[:{LINKS}*..{2 * depth}]-(b)) "
            "RETURN length(p) AS length")
    for depth in range(1, path_queries.MAX_PATH_DEPTH + 1)
}
LINKED = (
    "UNWIND $frontier AS x "
    f"MATCH (:Entity {{id: x}})<-[:{LINKS}]-(v)-[:{LINKS}]->(o:Entity) WHERE o.id <> x "
    "RETURN x AS current, o.id AS other, collect(DISTINCT v.id) AS vias"
)
SUMMARY = (
    "UNWIND $ids AS id CALL (id) { "
    "MATCH (n:Entity {id: id}) RETURN n {.id, kind: 'entity', .name, .type} AS s "
    "UNION MATCH (n:Event {id: id}) RETURN n {.id, kind: 'event', .type} AS s "
    "UNION MATCH (n:Document {id: id}) "
    "RETURN n {.id, kind: 'document', .title, .outlet, .published} AS s } RETURN s"
)
ANY_NODE = " UNION ".join(f"MATCH (n:{label} {{id: $id}}) RETURN n" for label in NODE_LABELS)
SEARCH_CANDIDATE_CAP = 500


def _lucene(key: str) -> str:
    """A full-text query for a canonical key (letters, digits and spaces only): every
    word fuzzily or as a prefix."""
    terms = [t for t in key.split() if t]
    return " OR ".join(f"{t}~ OR {t}*" for t in terms)


class Neo4jStore(GraphStore):
    """The Neo4j graph store.

    Parameters
    ----------
    uri : str, optional
        ``bolt://``, ``bolt+s://``, ``neo4j://`` or ``neo4j+s://`` (Aura) URI; defaults
        to ``NEWSGRAPH_STORE`` when that is a URI, else ``bolt://localhost:7687``.
    user, password, database : str, optional
        Default to ``NEWSGRAPH_NEO4J_USER``, ``NEWSGRAPH_NEO4J_PASSWORD`` (empty: no
        auth) and ``NEWSGRAPH_NEO4J_DATABASE``.
    driver : neo4j.Driver, optional
        An existing driver to use (then ``uri``/``user``/``password`` are ignored and
        :meth:`close` leaves the driver open).
    """

    def __init__(self, uri: str | None = None, *, user: str | None = None,
                 password: str | None = None, database: str | None = None,
                 driver: neo4j.Driver | None = None, **driver_options: object):
        conf = settings()
        if uri is None:
            uri = conf.store if "://" in conf.store else "bolt://localhost:7687"
        self.uri = uri
        self.database = database or conf.neo4j_database
        password = conf.neo4j_password if password is None else password
        auth = (user or conf.neo4j_user, password) if password else None
        self._own_driver = driver is None
        try:
            driver_options.setdefault("notifications_min_severity", "OFF")
            self._driver = driver or GraphDatabase.driver(uri, auth=auth, **driver_options)
            self._driver.verify_connectivity()
            with self._session() as session:
                create_schema(session)
        except (ServiceUnavailable, AuthError, Neo4jError, ValueError, OSError) as exc:
            if self._own_driver and getattr(self, "_driver", None) is not None:
                self._driver.close()
            raise StoreError(f"cannot open the Neo4j store ({exc}); check the URI, the "
                             "NEWSGRAPH_NEO4J_USER/PASSWORD/DATABASE settings and that the "
                             "server is running.", code="NG310", source=uri) from exc
        self._lock = threading.RLock()
        self._names = None
        self._names_version: int | None = None

    # -- plumbing ------------------------------------------------------------------------
    def _session(self, access: str = neo4j.WRITE_ACCESS) -> neo4j.Session:
        return self._driver.session(database=self.database, default_access_mode=access)

    def _read(self, query: str, **params: object) -> list[dict]:
        """Run one read query in a managed read transaction; rows as dicts."""
        def work(tx: neo4j.ManagedTransaction) -> list[dict]:
            return tx.run(query, params).data()

        try:
            with self._session(neo4j.READ_ACCESS) as session:
                return session.execute_read(work)
        except ServiceUnavailable as exc:
            raise StoreError(f"the Neo4j server is unreachable ({exc}).", code="NG311",
                             source=self.uri) from exc
        except ClientError as exc:
            raise QueryError(f"Neo4j refused the query: {exc.message}", code="NG430") from exc

    def _write(self, work):  # noqa: ANN001, ANN202 - a private helper
        try:
            with self._session() as session:
                return session.execute_write(work)
        except ServiceUnavailable as exc:
            raise StoreError(f"the Neo4j server is unreachable ({exc}); nothing was written.",
                             code="NG311", source=self.uri) from exc
        except Neo4jError as exc:
            raise StoreError(f"the write failed and was rolled back ({exc}).", code="NG303",
                             source=self.uri) from exc

    def _bump(self, tx: neo4j.ManagedTransaction) -> int:
        """Take the graph's write lock and return the new version."""
        return tx.run("MERGE (m:Meta {id: 'graph'}) "
                      "SET m.version = coalesce(m.version, 0) + 1 RETURN m.version").single()[0]

    # -- writing -------------------------------------------------------------------------
    @staticmethod
    def _document_of(extraction: dict) -> tuple[str, str]:
        document = extraction.get("document") if isinstance(extraction, dict) else None
        if not isinstance(document, dict) or not document.get("id"):
            raise StoreError("the extraction has no document id; every extraction needs "
                             "document.id (see docs/contract.md).", code="NG305")
        return str(document["id"]), extraction_hash(extraction)

    def write_extraction(self, extraction: dict) -> WriteResult:
        """Write one article's extraction in one transaction; see :class:`GraphStore`."""
        return self.write_extractions([extraction])[0]

    def write_extractions(self, extractions: list[dict]) -> list[WriteResult]:
        """Write several articles in ONE transaction (all or none), each exactly as
        :meth:`write_extraction` would, in order. ``newsgraph push`` uses it to batch."""
        keys = [self._document_of(x) for x in extractions]
        outcome: dict = {}
        attempts = []

        def work(tx: neo4j.ManagedTransaction) -> list[WriteResult]:
            outcome.clear()
            attempts.append(1)
            version = self._bump(tx)
            # a retried attempt may have added names of a rolled-back write to the cache
            fresh = len(attempts) == 1 and self._names_version == version - 1
            names = self._names if fresh else None
            results = []
            for index, (extraction, (document_id, content_hash)) in enumerate(
                    zip(extractions, keys, strict=True)):
                row = tx.run("MATCH (d:Document {id: $id}) RETURN d.content_hash",
                             id=document_id).single()
                if row is not None and row[0] == content_hash:
                    results.append(WriteResult("unchanged", document_id, {}))
                    continue
                status = "added"
                if row is not None:
                    remove_document(tx, document_id)
                    names = None
                    status = "replaced"
                if names is None:
                    names = load_name_index(tx)
                plan = ExtractionPlan(tx, names, document_id,
                                      seq_base=version * 10**9 + index * 10**5)
                ingested_at = datetime.now(UTC).isoformat(timespec="seconds")
                counts = plan.plan(extraction, content_hash, ingested_at)
                plan.write()
                results.append(WriteResult(status, document_id, dict(counts)))
            outcome.update(names=names, version=version)
            return results

        with self._lock:
            try:
                results = self._write(work)
            except BaseException:
                self._names, self._names_version = None, None
                raise
            if outcome.get("names") is not None:
                self._names, self._names_version = outcome["names"], outcome["version"]
            return results

    def delete_document(self, document_id: str) -> None:
        """Remove a document and the facts only it supported; see :class:`GraphStore`."""
        def work(tx: neo4j.ManagedTransaction) -> None:
            self._bump(tx)
            if tx.run("MATCH (d:Document {id: $id}) RETURN 1", id=document_id).single() is None:
                raise NotFoundError(f"no document {document_id!r} in the store.",
                                    source=document_id)
            remove_document(tx, document_id)

        with self._lock:
            self._names, self._names_version = None, None
            self._write(work)

    # -- reading nodes -------------------------------------------------------------------
    def event_records(self) -> list[EventRecord]:
        where, params = records.event_filter()
        return [records.record_of(r) for r in self._read(records.records_query(where),
                                                         **params)]

    def _records_by_id(self, ids: list[str]) -> dict[str, EventRecord]:
        rows = self._read(records.records_query("e.id IN $ids AND e.start IS NOT NULL"),
                          ids=sorted(set(ids)))
        return {r["id"]: records.record_of(r) for r in rows}

    def get_document(self, document_id: str) -> Document:
        rows = self._read(
            "MATCH (d:Document {id: $id}) "
            "CALL (d) { OPTIONAL MATCH (d)-[r]->() RETURN type(r) AS kind, count(r) AS n } "
            "WITH d, collect(CASE WHEN kind IS NULL THEN null ELSE [kind, n] END) AS counts "
            "RETURN d {.*} AS d, counts", id=document_id)
        if not rows:
            raise NotFoundError(f"no document {document_id!r} in the store.", source=document_id)
        counts = {kind: n for kind, n in rows[0]["counts"]}
        return Document(**records.document_of(rows[0]["d"]), counts=counts)

    def get_entity(self, entity_id: str) -> Entity:
        entity = records.load_entity(self._read, entity_id)
        if entity is None:
            raise NotFoundError(f"no entity {entity_id!r}; find its id with `newsgraph search`.",
                                source=entity_id)
        return entity

    def get_event(self, event_id: str) -> EventRecord:
        found = self._records_by_id([event_id])
        if event_id in found:
            return found[event_id]
        if self._read("MATCH (e:Event {id: $id}) RETURN 1", id=event_id):
            raise NotFoundError(f"event {event_id!r} has no date; see `newsgraph sources`.",
                                source=event_id)
        raise NotFoundError(f"no event {event_id!r} in the store.", source=event_id)

    def entity_name(self, entity_id: str) -> tuple[str, str] | None:
        rows = self._read("MATCH (e:Entity {id: $id}) RETURN e.name AS name, e.type AS type",
                          id=entity_id)
        return (rows[0]["name"], rows[0]["type"]) if rows else None

    def undated_event(self, event_id: str) -> EventRecord | None:
        rows = self._read(records.records_query("e.id = $id AND e.start IS NULL"),
                          id=event_id)
        return records.record_of(rows[0]) if rows else None

    def extraction_of(self, document_id: str) -> dict:
        """The extraction a document was written from (kept verbatim on its node)."""
        import json

        rows = self._read("MATCH (d:Document {id: $id}) RETURN d.extraction AS x",
                          id=document_id)
        if not rows:
            raise NotFoundError(f"no document {document_id!r} in the store.", source=document_id)
        return json.loads(rows[0]["x"])

    def document_hashes(self) -> dict[str, str]:
        """Every document id with its content hash."""
        return {r["id"]: r["h"] for r in self._read(
            "MATCH (d:Document) RETURN d.id AS id, d.content_hash AS h")}

    def document_ids_in_write_order(self) -> list[str]:
        """Document ids in the order they were (last) written."""
        return [r["id"] for r in self._read(
            "MATCH (d:Document) RETURN d.id AS id ORDER BY d.seq, d.ingested_at, d.id")]

    # -- search --------------------------------------------------------------------------
    def search_entities(self, q: str, *, type: str | None = None,  # noqa: A002
                        limit: int = 10, offset: int = 0) -> list[tuple[Entity, NameHit]]:
        from graph.model import canonical_key

        key = canonical_key(q)
        if not key:
            return []
        wanted = type.upper() if type else None
        rows = self._read(
            "CALL db.index.fulltext.queryNodes('ng_names', $lucene, {limit: $cap}) "
            "YIELD node WHERE $type IS NULL OR node.type = $type "
            "RETURN coalesce(node.entity, node.id) AS id, node.name AS name "
            "UNION MATCH (n:EntityName) WHERE n.key CONTAINS $key "
            "AND ($type IS NULL OR n.type = $type) RETURN n.entity AS id, n.name AS name "
            "UNION MATCH (e:Entity) WHERE e.key CONTAINS $key "
            "AND ($type IS NULL OR e.type = $type) RETURN e.id AS id, e.name AS name",
            lucene=_lucene(key), cap=SEARCH_CANDIDATE_CAP, key=key, type=wanted)
        names = sorted({(r["id"], r["name"]) for r in rows})
        hits = search_names(q, names, limit=limit, offset=offset)
        return [(self.get_entity(hit.entity), hit) for hit in hits]

    # -- traversals ------------------------------------------------------------------------
    def _require_entity(self, entity_id: str) -> None:
        if not self._read("MATCH (e:Entity {id: $id}) RETURN 1", id=entity_id):
            raise NotFoundError(f"no entity {entity_id!r}; find its id with `newsgraph search`.",
                                source=entity_id)

    def _linked(self, frontier: list[str]) -> dict[str, dict[str, set[str]]]:
        """For each entity of the frontier, the entities one hop away and the links."""
        linked: dict[str, dict[str, set[str]]] = {x: {} for x in frontier}
        for row in self._read(LINKED, frontier=frontier):
            linked[row["current"]][row["other"]] = set(row["vias"])
        return linked

    def _summaries(self, ids: set[str]) -> dict[str, dict]:
        return {r["s"]["id"]: r["s"] for r in self._read(SUMMARY, ids=sorted(ids))}

    def neighbors(self, entity_id: str, depth: int = 1) -> list[dict]:
        """The ego network, breadth-first one level per query (the embedded order)."""
        if not 1 <= depth <= path_queries.MAX_NEIGHBOR_DEPTH:
            raise QueryError(f"depth must be 1 to {path_queries.MAX_NEIGHBOR_DEPTH}.",
                             code="NG406")
        self._require_entity(entity_id)
        seen = {entity_id: 0}
        found: dict[str, dict] = {}
        level = [entity_id]
        for distance in range(depth):
            links = self._linked(level)
            next_level = []
            for current in level:
                for other, vias in sorted(links[current].items()):
                    if other in seen:
                        if seen[other] == distance + 1:
                            found[other]["via"].update(vias)
                        continue
                    seen[other] = distance + 1
                    found[other] = {"entity": other, "depth": distance + 1, "via": set(vias)}
                    next_level.append(other)
            level = next_level
            if not level:
                break
        summaries = self._summaries(set(found) | {v for r in found.values() for v in r["via"]})
        return [{"entity": summaries[row["entity"]], "depth": row["depth"],
                 "via": [summaries[v] for v in sorted(row["via"])]} for row in found.values()]

    def paths(self, a: str, b: str, max_depth: int = 4, limit: int = 10) -> list[list[dict]]:
        """Shortest chains of entities: ``shortestPath`` bounds the search, then a
        breadth-first walk one level per query collects every chain and link."""
        if not 1 <= max_depth <= path_queries.MAX_PATH_DEPTH:
            raise QueryError(f"max_depth must be 1 to {path_queries.MAX_PATH_DEPTH}.",
                             code="NG407")
        self._require_entity(a)
        self._require_entity(b)
        if a == b:
            return []
        found = self._read(SHORTEST[max_depth], a=a, b=b)
        if not found:
            return []
        hops = found[0]["length"] // 2
        parents: dict[str, dict[str, set[str]]] = {a: {}}
        distance = {a: 0}
        frontier = [a]
        for level in range(hops):
            links = self._linked(frontier)
            next_frontier = []
            for current in frontier:
                for other, vias in links[current].items():
                    if other not in distance:
                        distance[other] = level + 1
                        parents[other] = {}
                        next_frontier.append(other)
                    if distance[other] == level + 1:
                        parents[other][current] = vias
            frontier = sorted(next_frontier)
        if b not in distance:  # pragma: no cover - shortestPath said it is there
            return []

        def walk(node: str):  # noqa: ANN202
            if node == a:
                yield []
                return
            for parent in sorted(parents[node]):
                for prefix in walk(parent):
                    yield prefix + [{"from": parent, "to": node,
                                     "via": sorted(parents[node][parent])}]

        from itertools import islice

        chains = list(islice(walk(b), limit))
        ids = {x for chain in chains for hop in chain
               for x in (hop["from"], hop["to"], *hop["via"])}
        summaries = self._summaries(ids)
        targets = []
        for chain in chains:
            for hop in chain:
                for via in hop["via"]:
                    if summaries[via]["kind"] == "document":
                        targets += [edge_id("MENTIONS", via, hop["from"]),
                                    edge_id("MENTIONS", via, hop["to"])]
                    else:
                        targets.append(via)
        support = records.support_of(self._read, targets)
        decorated = []
        for chain in chains:
            hops_out = []
            for hop in chain:
                vias = []
                for via in hop["via"]:
                    summary = dict(summaries[via])
                    if summary["kind"] == "document":
                        refs = (support.get(edge_id("MENTIONS", via, hop["from"]), [])
                                + support.get(edge_id("MENTIONS", via, hop["to"]), []))
                    else:
                        refs = support.get(via, [])
                    summary["sources"] = [s.as_json() for s in refs]
                    vias.append(summary)
                hops_out.append({"from": dict(summaries[hop["from"]]),
                                 "to": dict(summaries[hop["to"]]), "via": vias})
            decorated.append(hops_out)
        return decorated

    # -- sources and counts ----------------------------------------------------------------
    def sources(self, node_or_edge_id: str) -> list[SourceRef]:
        found = records.support_of(self._read, [node_or_edge_id]).get(node_or_edge_id)
        if found:
            return found
        doc = self._read("MATCH (d:Document {id: $id}) "
                         "RETURN [d.id, d.url, d.published, d.outlet, d.title] AS row",
                         id=node_or_edge_id)
        if doc:
            return [SourceRef(*doc[0]["row"])]
        incoming = [r["id"] for r in self._read(
            f"CALL () {{ {ANY_NODE} }} MATCH ()-[r]->(n) RETURN r.id AS id ORDER BY id",
            id=node_or_edge_id)]
        support = records.support_of(self._read, incoming)
        refs = [ref for eid in incoming for ref in support.get(eid, [])]
        if refs:
            return order_sources(list(dict.fromkeys(refs)))
        raise NotFoundError(f"no node or edge {node_or_edge_id!r} in the store.",
                            source=node_or_edge_id)

    def document_edges(self, document_id: str) -> tuple[list[str], list[tuple[str, str]]]:
        rows = self._read(
            "MATCH (d:Document {id: $id}) "
            "RETURN COLLECT { MATCH (d)-[:MENTIONS]->(e:Entity) RETURN DISTINCT e.id } "
            "AS entities, COLLECT { MATCH (d)-[:REPORTS]->(v:Event) "
            "RETURN DISTINCT [v.id, v.type] } AS events", id=document_id)
        if not rows:
            raise NotFoundError(f"no document {document_id!r} in the store.", source=document_id)
        return (sorted(rows[0]["entities"]),
                sorted((eid, kind) for eid, kind in rows[0]["events"]))

    def counts(self) -> dict:
        result = {}
        for label, name in (("Document", "documents"), ("Entity", "entities"),
                            ("Event", "events"), ("Date", "dates"),
                            ("Affiliation", "affiliations")):
            result[name] = self._read(f"MATCH (n:{label}) RETURN count(n) AS n")[0]["n"]
        edges = {}
        for kind in ("AFFILIATED_WITH", "LOCATED_IN", "MENTIONS", "ON_DATE", "PARTICIPANT",
                     "REPORTS"):
            n = self._read(f"MATCH ()-[r:{kind}]->() RETURN count(r) AS n")[0]["n"]
            if n:
                edges[kind] = n
        result["edges"] = edges
        return result

    # -- claims ------------------------------------------------------------------------
    def _claim_write(self, claim_id: str, work) -> object:  # noqa: ANN001
        def run(tx: neo4j.ManagedTransaction) -> object:
            self._bump(tx)
            if tx.run("MATCH (c:Claim {id: $id}) RETURN 1", id=claim_id).single() is None:
                raise NotFoundError(f"no claim {claim_id!r} in the store.", source=claim_id)
            return work(tx)

        with self._lock:
            return self._write(run)

    def put_claim(self, row: dict) -> bool:
        def work(tx: neo4j.ManagedTransaction) -> bool:
            self._bump(tx)
            if tx.run("MATCH (c:Claim {id: $id}) RETURN 1", id=row["id"]).single():
                return False
            claim_store.write_claims(tx, [row])
            return True

        with self._lock:
            return self._write(work)

    def put_claim_link(self, claim_id: str, link: dict) -> None:
        self._claim_write(claim_id, lambda tx: claim_store.put_link(tx, claim_id, link))

    def set_claim_review(self, claim_id: str, review: dict | None) -> None:
        self._claim_write(claim_id, lambda tx: claim_store.set_review(tx, claim_id, review))

    def delete_claim_row(self, claim_id: str) -> None:
        self._claim_write(claim_id, lambda tx: tx.run(
            "MATCH (c:Claim {id: $id}) DETACH DELETE c", id=claim_id).consume())

    def claim_rows(self, *, ids: list[str] | None = None, about: str | None = None,
                   document: str | None = None, claimant: str | None = None,
                   origin: str | None = None, limit: int = 100,
                   offset: int = 0) -> list[dict]:
        def work(tx: neo4j.ManagedTransaction) -> list[dict]:
            return claim_store.find_rows(tx, ids=ids, about=about, document=document,
                                         claimant=claimant, origin=origin, limit=limit,
                                         offset=offset)

        try:
            with self._session(neo4j.READ_ACCESS) as session:
                return session.execute_read(work)
        except ServiceUnavailable as exc:
            raise StoreError(f"the Neo4j server is unreachable ({exc}).", code="NG311",
                             source=self.uri) from exc

    def run_cypher(self, query: str, params: dict | None = None, *,
                   timeout_s: float = 10.0, row_cap: int = 1000) -> dict:
        """Run read-only Cypher on this store's database; see
        :func:`graph.stores.neo4j_cypher.run_read_only`."""
        from graph.stores.neo4j_cypher import run_read_only

        return run_read_only(self._driver, self.database, query, params, timeout_s=timeout_s,
                             row_cap=row_cap)

    def close(self) -> None:
        if self._own_driver:
            self._driver.close()

    # -- temporal queries, pushed down to Cypher ------------------------------------------
    def list_events(self, *, type: str | None = None,  # noqa: A002
                    country: str | None = None, entity: str | None = None,
                    start: date | str | None = None, end: date | str | None = None,
                    limit: int = 100, offset: int = 0) -> list[EventRecord]:
        where, params = records.event_filter(type=type, country=country, entity=entity,
                                             start=start, end=end)
        query = records.records_query(where, "ORDER BY e.start, e.end, e.id",
                                      "SKIP $offset LIMIT $limit")
        return [records.record_of(r) for r in self._read(query, offset=int(offset),
                                                         limit=int(limit), **params)]

    def timeline(self, *, entity: str | None = None, place: str | None = None,
                 country: str | None = None, type: str | None = None,  # noqa: A002
                 start: date | str | None = None,
                 end: date | str | None = None) -> list[EventRecord]:
        if entity is not None:
            self.get_entity(entity)
        where, params = records.event_filter(type=type, entity=entity, country=country,
                                             place=place, start=start, end=end)
        query = records.records_query(where, "ORDER BY e.start, e.end, e.id")
        return [records.record_of(r) for r in self._read(query, **params)]

    def _side_filters(self, filters: dict) -> tuple[dict, dict]:
        cause = dict(affiliation=filters.get("cause_affiliation"),
                     entity=filters.get("cause_entity"), country=filters.get("country"),
                     place=filters.get("place"))
        effect = dict(affiliation=filters.get("effect_affiliation"),
                      entity=filters.get("effect_entity"), country=filters.get("country"),
                      place=filters.get("place"))
        return cause, effect

    FOLLOWED_FILTERS = frozenset({"cause_affiliation", "effect_affiliation", "cause_entity",
                                  "effect_entity", "country", "place", "same_place",
                                  "shared_entity"})

    def followed(self, cause_type: str, effect_type: str, within: str | timedelta | int,
                 **filters) -> list[FollowedPair]:
        """Pairs found by an index range scan per cause on the server; lags, flags and
        order by :func:`graph.queries.followed.sweep_pairs` on just those events."""
        unknown = set(filters) - self.FOLLOWED_FILTERS
        if unknown:
            raise TypeError(f"followed() got unexpected filters {sorted(unknown)}")
        window = window_days(parse_window(within))
        cause_f, effect_f = self._side_filters(filters)
        cause_where, cause_params = records.event_filter("c", "c_", type=cause_type, **cause_f)
        effect_where, effect_params = records.event_filter("f", "f_", type=effect_type,
                                                           **effect_f)
        longest = self._read("MATCH (f:Event) WHERE f.type = $t AND f.start IS NOT NULL "
                             "RETURN max(f.end - f.start) AS n", t=effect_type.upper())
        max_length = longest[0]["n"] if longest else None
        if max_length is None:
            return []
        extra = ""
        if filters.get("same_place"):
            extra += " AND c.country_cf IS NOT NULL AND f.country_cf = c.country_cf"
        if filters.get("shared_entity"):
            extra += " AND EXISTS { (c)-[:PARTICIPANT]->(:Entity)<-[:PARTICIPANT]-(f) }"
        rows = self._read(
            f"MATCH (c:Event) WHERE {cause_where} "
            "MATCH (f:Event) WHERE f.type = $f_type "
            "AND f.start >= c.start - $max_length AND f.start <= c.end + $window "
            f"AND f.end >= c.start AND f <> c AND {effect_where}{extra} "
            "RETURN c.id AS cause, f.id AS effect",
            max_length=max_length, window=window, **cause_params, **effect_params)
        if not rows:
            return []
        found = self._records_by_id([r["cause"] for r in rows] + [r["effect"] for r in rows])
        causes = [found[i] for i in sorted({r["cause"] for r in rows})]
        effects = [found[i] for i in sorted({r["effect"] for r in rows})]
        return sweep_pairs(causes, effects, window,
                           same_place=bool(filters.get("same_place")),
                           shared_entity=bool(filters.get("shared_entity")))

    def correlation_stats(self, cause_type: str, effect_type: str,
                          within: str | timedelta | int, *, permutations: int = 1000,
                          seed: int = 0, **filters) -> CorrelationStats:
        """The permutation test on the filtered causes' and effects' intervals only."""
        cause_f, effect_f = self._side_filters(filters)
        cause_where, cause_params = records.event_filter("e", "c_", type=cause_type, **cause_f)
        effect_where, effect_params = records.event_filter("e", "f_", type=effect_type,
                                                           **effect_f)
        rows = self._read(
            f"MATCH (e:Event) WHERE ({cause_where}) OR ({effect_where}) "
            + records.LIGHT_RETURN.format(e="e"), **cause_params, **effect_params)
        events = sorted((records.light_record_of(r) for r in rows), key=lambda e: (e.start, e.id))
        return correlation_query(events, cause_type, effect_type, within,
                                 permutations=permutations, seed=seed, **filters)
