"""The embedded store of record: one SQLite file, plus a networkx graph for traversals.

SQLite runs in WAL mode with ``foreign_keys=ON``. Each article is written in one
``BEGIN IMMEDIATE ... COMMIT`` transaction, so a process killed mid-ingest loses at
most the article it was writing and never leaves half of one. The networkx
``MultiDiGraph`` is loaded on first use and patched after each committed write.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import networkx as nx

from graph.model import Document, Entity, EventRecord, SourceRef, WriteResult, edge_id
from graph.queries import paths as path_queries
from graph.queries.search import NameHit, search_names
from graph.queries.sources import order_sources
from graph.store import GraphStore
from graph.stores.memory_graph import apply_changes, load_graph
from graph.stores.sqlite_migrate import upgrade
from graph.stores.sqlite_records import (
    load_entity,
    load_event_records,
    load_undated_event,
    support_of,
)
from graph.stores.sqlite_schema import canonical_dump
from graph.stores.sqlite_writer import (
    ExtractionWriter,
    GraphChanges,
    NameIndex,
    insert_claim,
    remove_document,
    upsert_claim_link,
)
from ingest.errors import NotFoundError, StoreError
from ingest.settings import settings


def extraction_hash(extraction: dict) -> str:
    """The content hash of an extraction: its ``document.content_hash``, else the SHA-256
    of its JSON with sorted keys."""
    given = (extraction.get("document") or {}).get("content_hash")
    if given:
        return str(given)
    text = json.dumps(extraction, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class SQLiteStore(GraphStore):
    """The embedded graph store.

    Parameters
    ----------
    path : str or Path, optional
        The SQLite file; ``:memory:`` for a throwaway store. Defaults to
        ``settings().db`` (``NEWSGRAPH_DB``).
    timeout : float
        Seconds to wait for another writer's lock before failing.
    """

    def __init__(self, path: str | Path | None = None, *, timeout: float = 30.0):
        self.path = str(path) if path is not None else settings().db
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=timeout,
                                         check_same_thread=False)
            if self.path != ":memory:":
                self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            upgrade(self._conn)  # creates the schema, or brings an older store up to it
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the SQLite store ({exc}); check the path and its "
                             "permissions, or set NEWSGRAPH_DB.", code="NG301",
                             source=self.path) from exc
        self._lock = threading.RLock()
        self._graph: nx.MultiDiGraph | None = None
        self._events: list[EventRecord] | None = None
        self._events_by_id: dict[str, EventRecord] | None = None
        self._names: NameIndex | None = None
        self._search_names: list[tuple[str, str]] | None = None
        self._data_version = self._read_data_version()

    # -- caches ------------------------------------------------------------------------
    def _read_data_version(self) -> int:
        return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def _follow_other_writers(self) -> None:
        """Drop the caches when another connection (another process) has committed."""
        version = self._read_data_version()
        if version != self._data_version:
            self._data_version = version
            self._graph = None
            self._names = None
            self._forget_caches()

    # -- transactions ------------------------------------------------------------------
    def _name_index(self) -> NameIndex:
        if self._names is None:
            self._names = NameIndex(self._conn)
        return self._names

    def _forget_caches(self) -> None:
        self._events = None
        self._events_by_id = None
        self._search_names = None

    def _commit_changes(self, changes: GraphChanges) -> None:
        self._forget_caches()
        if self._graph is not None:
            apply_changes(self._graph, changes)

    def _transaction(self, work, *, graph: bool = True):  # noqa: ANN001, ANN202
        """Run ``work(changes)`` in one write transaction. ``graph=False`` for writes that
        touch only claims: the caches of events, names and the traversal graph stay."""
        with self._lock:
            changes = GraphChanges()
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StoreError(f"cannot start a write ({exc}); is another process writing "
                                 "to this store?", code="NG302", source=self.path) from exc
            try:
                self._follow_other_writers()  # we hold the write lock: nothing changes now
                result = work(changes)
                self._conn.execute("COMMIT")
            except BaseException as exc:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                self._names = None
                self._forget_caches()
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(f"the write failed and was rolled back ({exc}).",
                                     code="NG303", source=self.path) from exc
                raise
            if graph:
                self._commit_changes(changes)
            return result

    # -- writing -----------------------------------------------------------------------
    def write_extraction(self, extraction: dict) -> WriteResult:
        """Write one article's extraction in one transaction; see :class:`GraphStore`."""
        document = extraction.get("document") if isinstance(extraction, dict) else None
        if not isinstance(document, dict) or not document.get("id"):
            raise StoreError("the extraction has no document id; every extraction needs "
                             "document.id (see docs/contract.md).", code="NG305")
        document_id = str(document["id"])
        content_hash = extraction_hash(extraction)

        def work(changes: GraphChanges) -> WriteResult:
            row = self._conn.execute("SELECT content_hash FROM documents WHERE id = ?",
                                     (document_id,)).fetchone()
            if row is not None and row[0] == content_hash:
                return WriteResult("unchanged", document_id, {})
            status = "added"
            if row is not None:
                remove_document(self._conn, document_id, changes)
                self._names = None
                status = "replaced"
            writer = ExtractionWriter(self._conn, self._name_index(), changes)
            ingested_at = datetime.now(UTC).isoformat(timespec="seconds")
            counts = writer.write(extraction, document_id, content_hash, ingested_at)
            return WriteResult(status, document_id, dict(counts))

        return self._transaction(work)

    def delete_document(self, document_id: str) -> None:
        """Remove a document and the facts only it supported; see :class:`GraphStore`."""

        def work(changes: GraphChanges) -> None:
            if self._conn.execute("SELECT 1 FROM documents WHERE id = ?",
                                  (document_id,)).fetchone() is None:
                raise NotFoundError(f"no document {document_id!r} in the store.",
                                    source=document_id)
            remove_document(self._conn, document_id, changes)
            self._names = None

        self._transaction(work)

    # -- reading -----------------------------------------------------------------------
    @property
    def graph(self) -> nx.MultiDiGraph:
        """The in-memory graph (loaded on first use, kept in step with writes)."""
        with self._lock:
            self._follow_other_writers()
            if self._graph is None:
                self._graph = load_graph(self._conn)
            return self._graph

    def event_records(self) -> list[EventRecord]:
        with self._lock:
            self._follow_other_writers()
            if self._events is None:
                self._events = load_event_records(self._conn)
            return self._events

    def get_document(self, document_id: str) -> Document:
        with self._lock:
            row = self._conn.execute(
                "SELECT id, title, url, outlet, published, ingested_at, content_hash, "
                "source_path, claims FROM documents WHERE id = ?", (document_id,)).fetchone()
            if row is None:
                raise NotFoundError(f"no document {document_id!r} in the store.",
                                    source=document_id)
            counts = dict(self._conn.execute(
                "SELECT kind, COUNT(*) FROM edges WHERE src = ? GROUP BY kind", (document_id,)))
        return Document(*row[:8], claims=json.loads(row[8] or "[]"), counts=counts)

    def get_entity(self, entity_id: str) -> Entity:
        with self._lock:
            entity = load_entity(self._conn, entity_id)
        if entity is None:
            raise NotFoundError(f"no entity {entity_id!r}; find its id with `newsgraph search`.",
                                source=entity_id)
        return entity

    def get_event(self, event_id: str) -> EventRecord:
        with self._lock:
            records = self.event_records()
            if self._events_by_id is None:
                self._events_by_id = {record.id: record for record in records}
            if event_id in self._events_by_id:  # the cache holds every dated event
                return self._events_by_id[event_id]
            exists = self._conn.execute("SELECT type FROM events WHERE id = ?",
                                        (event_id,)).fetchone()
        if exists:
            raise NotFoundError(f"event {event_id!r} has no date; see `newsgraph sources`.",
                                source=event_id)
        raise NotFoundError(f"no event {event_id!r} in the store.", source=event_id)

    def entity_name(self, entity_id: str) -> tuple[str, str] | None:
        with self._lock:
            row = self._conn.execute("SELECT name, type FROM entities WHERE id = ?",
                                     (entity_id,)).fetchone()
        return (row[0], row[1]) if row else None

    def undated_event(self, event_id: str) -> EventRecord | None:
        with self._lock:
            return load_undated_event(self._conn, event_id)

    def search_entities(self, q: str, *, type: str | None = None,  # noqa: A002
                        limit: int = 10, offset: int = 0) -> list[tuple[Entity, NameHit]]:
        with self._lock:
            self._follow_other_writers()
            if self._search_names is None:
                rows = self._conn.execute(
                    "SELECT id, name, type FROM entities UNION "
                    "SELECT entity_id, name, type FROM entity_names ORDER BY 1, 2").fetchall()
                self._search_names = [(r[0], r[1], r[2]) for r in rows]
            wanted = type.upper() if type else None
            names = [(gid, name) for gid, name, kind in self._search_names
                     if wanted is None or kind == wanted]
        hits = search_names(q, names, limit=limit, offset=offset)
        return [(self.get_entity(hit.entity), hit) for hit in hits]

    def _node_summary(self, node: str) -> dict:
        attrs = self.graph.nodes[node]
        summary = {"id": node, "kind": attrs.get("kind")}
        if attrs.get("kind") == "entity":
            summary.update(name=attrs.get("name"), type=attrs.get("type"))
        elif attrs.get("kind") == "event":
            summary.update(type=attrs.get("type"))
        elif attrs.get("kind") == "document":
            summary.update(title=attrs.get("title"), outlet=attrs.get("outlet"),
                           published=attrs.get("published"))
        return summary

    def neighbors(self, entity_id: str, depth: int = 1) -> list[dict]:
        with self._lock:
            found = path_queries.neighbors(self.graph, entity_id, depth)
            return [{"entity": self._node_summary(row["entity"]), "depth": row["depth"],
                     "via": [self._node_summary(v) for v in row["via"]]} for row in found]

    def paths(self, a: str, b: str, max_depth: int = 4, limit: int = 10) -> list[list[dict]]:
        with self._lock:
            found = path_queries.shortest_paths(self.graph, a, b, max_depth, limit)
            decorated = []
            for path in found:
                hops = []
                for hop in path:
                    vias = []
                    for via in hop["via"]:
                        summary = self._node_summary(via)
                        if summary["kind"] == "document":
                            refs = (support_of(self._conn, edge_id("MENTIONS", via, hop["from"]))
                                    + support_of(self._conn, edge_id("MENTIONS", via, hop["to"])))
                        else:
                            refs = support_of(self._conn, via)
                        summary["sources"] = [s.as_json() for s in refs]
                        vias.append(summary)
                    hops.append({"from": self._node_summary(hop["from"]),
                                 "to": self._node_summary(hop["to"]), "via": vias})
                decorated.append(hops)
            return decorated

    def sources(self, node_or_edge_id: str) -> list[SourceRef]:
        """Documents and sentences supporting a node or an edge.

        Documents support themselves; Date and Affiliation nodes are supported by the
        sources of the edges that point to them.
        """
        with self._lock:
            found = support_of(self._conn, node_or_edge_id)
            if found:
                return found
            doc = self._conn.execute("SELECT id, url, published, outlet, title FROM documents "
                                     "WHERE id = ?", (node_or_edge_id,)).fetchone()
            if doc:
                return [SourceRef(*doc)]
            incoming = [r[0] for r in self._conn.execute(
                "SELECT id FROM edges WHERE dst = ? ORDER BY id", (node_or_edge_id,))]
            refs = [ref for eid in incoming for ref in support_of(self._conn, eid)]
            if refs:
                return order_sources(list(dict.fromkeys(refs)))
        raise NotFoundError(f"no node or edge {node_or_edge_id!r} in the store.",
                            source=node_or_edge_id)

    def document_edges(self, document_id: str) -> tuple[list[str], list[tuple[str, str]]]:
        with self._lock:
            if self._conn.execute("SELECT 1 FROM documents WHERE id = ?",
                                  (document_id,)).fetchone() is None:
                raise NotFoundError(f"no document {document_id!r} in the store.",
                                    source=document_id)
            entities = [r[0] for r in self._conn.execute(
                "SELECT DISTINCT dst FROM edges WHERE src = ? AND kind = 'MENTIONS' "
                "ORDER BY dst", (document_id,))]
            events = [(r[0], r[1]) for r in self._conn.execute(
                "SELECT DISTINCT e.dst, v.type FROM edges e JOIN events v ON v.id = e.dst "
                "WHERE e.src = ? AND e.kind = 'REPORTS' ORDER BY e.dst", (document_id,))]
        return entities, events

    def counts(self) -> dict:
        with self._lock:
            result = {table: self._conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608
                      for table in ("documents", "entities", "events", "dates", "affiliations")}
            result["edges"] = dict(self._conn.execute(
                "SELECT kind, COUNT(*) FROM edges GROUP BY kind ORDER BY kind"))
        return result

    # -- claims --------------------------------------------------------------------------
    def _claim_write(self, claim_id: str, work) -> None:  # noqa: ANN001
        def run(changes: GraphChanges) -> None:
            if self._conn.execute("SELECT 1 FROM claims WHERE id = ?",
                                  (claim_id,)).fetchone() is None:
                raise NotFoundError(f"no claim {claim_id!r} in the store.", source=claim_id)
            work()

        self._transaction(run, graph=False)

    def put_claim(self, row: dict) -> bool:
        return self._transaction(lambda changes: insert_claim(self._conn, row), graph=False)

    def put_claim_link(self, claim_id: str, link: dict) -> None:
        self._claim_write(claim_id, lambda: upsert_claim_link(self._conn, claim_id, link))

    def set_claim_review(self, claim_id: str, review: dict | None) -> None:
        def work() -> None:
            data = json.loads(self._conn.execute("SELECT data FROM claims WHERE id = ?",
                                                 (claim_id,)).fetchone()[0])
            data["review"] = review
            self._conn.execute("UPDATE claims SET data = ? WHERE id = ?",
                               (json.dumps(data, sort_keys=True, default=str), claim_id))

        self._claim_write(claim_id, work)

    def delete_claim_row(self, claim_id: str) -> None:
        self._claim_write(claim_id, lambda: self._conn.execute(
            "DELETE FROM claims WHERE id = ?", (claim_id,)))

    def claim_rows(self, *, ids: list[str] | None = None, about: str | None = None,
                   document: str | None = None, claimant: str | None = None,
                   origin: str | None = None, limit: int = 100,
                   offset: int = 0) -> list[dict]:
        where, params = [], []
        if ids is not None:
            where.append(f"c.id IN ({','.join('?' * len(ids))})")
            params.extend(ids)
        if about is not None:
            where.append("c.id IN (SELECT claim_id FROM claim_links WHERE target_id = ? "
                         "AND kind IN ('ABOUT', 'EVIDENCE'))")
            params.append(about)
        for column, value in (("document_id", document), ("claimant_id", claimant),
                              ("origin", origin)):
            if value is not None:
                where.append(f"c.{column} = ?")
                params.append(value)
        sql = ("SELECT c.id, c.origin, c.document_id, c.claimant_id, c.data, c.created_at "
               "FROM claims c" + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY c.created_at DESC, c.id LIMIT ? OFFSET ?")
        with self._lock:
            found = self._conn.execute(sql, [*params, limit, offset]).fetchall()
            links: dict[str, list[dict]] = {row[0]: [] for row in found}
            if links:
                marks = ",".join("?" * len(links))
                link_sql = ("SELECT claim_id, kind, target_id, relation, note, created_at "  # noqa: S608 - placeholders only
                            f"FROM claim_links WHERE claim_id IN ({marks})")
                for claim_id, kind, target, relation, note, created in self._conn.execute(
                        link_sql, list(links)):
                    links[claim_id].append({"kind": kind, "target": target,
                                            "relation": relation, "note": note,
                                            "created_at": created})
        return [{"id": cid, "origin": origin_, "document": doc, "claimant_entity": claimant_,
                 "data": json.loads(data), "created_at": created, "links": links[cid]}
                for cid, origin_, doc, claimant_, data, created in found]

    def extraction_of(self, document_id: str) -> dict:
        """An extraction that rebuilds this document's facts in another store (used by
        ``newsgraph push``); see :mod:`graph.stores.sqlite_extraction`."""
        from graph.stores.sqlite_extraction import reconstruct_extraction

        with self._lock:
            found = reconstruct_extraction(self._conn, document_id)
        if found is None:
            raise NotFoundError(f"no document {document_id!r} in the store.", source=document_id)
        return found

    def document_hashes(self) -> dict[str, str]:
        """Every document id with its content hash."""
        with self._lock:
            return dict(self._conn.execute("SELECT id, content_hash FROM documents"))

    def document_ids_in_write_order(self) -> list[str]:
        """Document ids in the order they were (last) written."""
        from graph.stores.sqlite_extraction import document_ids

        with self._lock:
            return document_ids(self._conn)

    def dump(self) -> dict[str, list[tuple]]:
        """A canonical dump of every table (without ingestion times), for comparisons."""
        with self._lock:
            return canonical_dump(self._conn)

    def close(self) -> None:
        with self._lock:
            try:
                self._conn.close()
            except sqlite3.Error:  # pragma: no cover - closing twice is harmless
                pass
