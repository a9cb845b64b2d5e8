"""Bringing an embedded store made by an older newsgraph up to the current schema.

Version 1 kept each article's claims only as JSON on its document. Version 2 adds the
``claims`` and ``claim_links`` tables; :func:`upgrade` fills them from that JSON, in one
transaction, resolving the extraction's local ids the way the writer would have: the
claimant by its name among the entity names the article gave, each event a claim is
about by the type, date and country the claim recorded for it among the events the
article reports. The entities a claim is about (local ids with no name in that JSON)
cannot be recovered and are left unlinked; the claim is still stored. Re-ingesting an
article (a changed content hash) replaces its claims with freshly written ones.
"""

from __future__ import annotations

import json
import sqlite3

from graph.claim_records import extracted_claim_rows
from graph.model import canonical_key
from graph.stores.sqlite_schema import SCHEMA_VERSION, create_schema
from graph.stores.sqlite_writer import insert_claim


def upgrade(conn: sqlite3.Connection) -> int:
    """Create missing tables and migrate older data; returns the version found."""
    found = conn.execute("PRAGMA user_version").fetchone()[0]
    has_documents = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                 "AND name = 'documents'").fetchone() is not None
    if found >= SCHEMA_VERSION or not has_documents:
        create_schema(conn)
        return found
    conn.execute("BEGIN IMMEDIATE")
    try:
        create_schema(conn)
        if found < 2:
            backfill_claims(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return found


def backfill_claims(conn: sqlite3.Connection) -> int:
    """Claim rows for every document's claims JSON (schema 1 -> 2); returns how many."""
    total = 0
    documents = conn.execute("SELECT id, claims, ingested_at FROM documents "
                             "WHERE claims IS NOT NULL AND claims != '[]'").fetchall()
    for doc_id, text, ingested_at in documents:
        claims = json.loads(text)
        names = {}
        for gid, key in conn.execute("SELECT entity_id, key FROM entity_names "
                                     "WHERE document_id = ? ORDER BY rowid", (doc_id,)):
            names.setdefault(key, gid)
        entities = {}
        for claim in claims:
            local, said = claim.get("claimant"), claim.get("claimant_text")
            if local and said and canonical_key(said) in names:
                entities[str(local)] = names[canonical_key(said)]
        reports = [(eid, kind, json.loads(report)) for eid, kind, report in conn.execute(
            "SELECT s.target_id, v.type, s.report FROM support s JOIN events v "
            "ON v.id = s.target_id WHERE s.document_id = ? AND s.report IS NOT NULL "
            "ORDER BY s.rowid", (doc_id,))]
        events = {}
        for claim in claims:
            for local, key in zip(claim.get("about_events") or [],
                                  claim.get("about_event_keys") or [], strict=False):
                country = (key.get("country") or "").casefold()
                for eid, kind, report in reports:
                    if kind == key.get("type") and report.get("value") == key.get("date") \
                            and (not country or (report.get("country") or "").casefold()
                                 == country):
                        events.setdefault(str(local), eid)
                        break
        enriched, rows = extracted_claim_rows(claims, doc_id, entities, events, ingested_at)
        conn.execute("UPDATE documents SET claims = ? WHERE id = ?",
                     (json.dumps(enriched, sort_keys=True, default=str), doc_id))
        for row in rows:
            total += insert_claim(conn, row)
    return total
