"""The SQLite schema of the embedded store, and a canonical dump for comparisons.

Every fact a document contributes is a row of ``support`` (target id, document,
sentence, offsets). ``support.document_id`` cascades on delete, so removing a
document removes its support; nodes and edges left with no support are then
collected (see :func:`graph.stores.sqlite_writer.remove_document`).

Claims are rows of ``claims`` (one JSON ``data`` column, see
:mod:`graph.claim_records`) with their edges in ``claim_links``. An extracted claim's
``document_id`` cascades like support; a fact-checker's claim has none and is never
touched by ingestion.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 2
"""1: the graph; 2: ``claims`` and ``claim_links`` (Claim nodes and their edges)."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    title TEXT,
    url TEXT,
    outlet TEXT,
    published TEXT,
    published_day TEXT,
    source_path TEXT,
    content_hash TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    claims TEXT
);
CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    key TEXT NOT NULL,
    wikidata TEXT,
    geonames_id INTEGER,
    iso TEXT
);
CREATE INDEX IF NOT EXISTS entities_type_key ON entities(type, key);
CREATE INDEX IF NOT EXISTS entities_wikidata ON entities(wikidata);
CREATE INDEX IF NOT EXISTS entities_geonames ON entities(geonames_id);
CREATE TABLE IF NOT EXISTS entity_names (
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    key TEXT NOT NULL,
    PRIMARY KEY (entity_id, document_id, key)
);
CREATE INDEX IF NOT EXISTS entity_names_key ON entity_names(type, key);
CREATE INDEX IF NOT EXISTS entity_names_doc ON entity_names(document_id);
CREATE TABLE IF NOT EXISTS entity_facts (
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    attributes TEXT NOT NULL,
    PRIMARY KEY (entity_id, document_id)
);
CREATE INDEX IF NOT EXISTS entity_facts_doc ON entity_facts(document_id);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    value TEXT,
    granularity TEXT,
    start_day TEXT,
    end_day TEXT,
    place TEXT,
    country TEXT,
    country_key TEXT NOT NULL DEFAULT '',
    confidence REAL
);
CREATE INDEX IF NOT EXISTS events_type_start ON events(type, country_key, start_day);
CREATE TABLE IF NOT EXISTS dates (
    id TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    granularity TEXT NOT NULL,
    start_day TEXT NOT NULL,
    end_day TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS affiliations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS edges (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    src TEXT NOT NULL,
    dst TEXT NOT NULL,
    role TEXT
);
CREATE INDEX IF NOT EXISTS edges_src ON edges(src, kind);
CREATE INDEX IF NOT EXISTS edges_dst ON edges(dst, kind);
CREATE TABLE IF NOT EXISTS support (
    target_id TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence TEXT,
    start INTEGER NOT NULL DEFAULT -1,
    end INTEGER NOT NULL DEFAULT -1,
    report TEXT,
    PRIMARY KEY (target_id, document_id, start, end)
);
CREATE INDEX IF NOT EXISTS support_doc ON support(document_id);
CREATE TABLE IF NOT EXISTS claims (
    id TEXT PRIMARY KEY,
    origin TEXT NOT NULL CHECK (origin IN ('extracted', 'checker')),
    document_id TEXT REFERENCES documents(id) ON DELETE CASCADE,
    claimant_id TEXT,
    data TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS claims_document ON claims(document_id);
CREATE INDEX IF NOT EXISTS claims_claimant ON claims(claimant_id);
CREATE INDEX IF NOT EXISTS claims_created ON claims(created_at, id);
CREATE TABLE IF NOT EXISTS claim_links (
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    relation TEXT NOT NULL DEFAULT '',
    note TEXT,
    created_at TEXT,
    PRIMARY KEY (claim_id, kind, target_id, relation)
);
CREATE INDEX IF NOT EXISTS claim_links_target ON claim_links(target_id, kind);
"""

DUMP_QUERIES = {
    "documents": "SELECT id, title, url, outlet, published, published_day, source_path, "
                 "content_hash, claims FROM documents",
    "entities": "SELECT id, name, type, key, wikidata, geonames_id, iso FROM entities",
    "entity_names": "SELECT entity_id, document_id, type, name, key FROM entity_names",
    "entity_facts": "SELECT entity_id, document_id, attributes FROM entity_facts",
    "events": "SELECT id, type, value, granularity, start_day, end_day, place, country, "
              "confidence FROM events",
    "dates": "SELECT id, value, granularity, start_day, end_day FROM dates",
    "affiliations": "SELECT id, name FROM affiliations",
    "edges": "SELECT id, kind, src, dst, role FROM edges",
    "support": "SELECT target_id, document_id, sentence, start, end, report FROM support",
    # an extracted claim's created_at is its article's ingestion time: left out, as above
    "claims": "SELECT id, origin, document_id, claimant_id, data, "
              "CASE origin WHEN 'checker' THEN created_at END FROM claims",
    "claim_links": "SELECT claim_id, kind, target_id, relation, note, created_at "
                   "FROM claim_links",
}


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the tables if they are missing and record the schema version.

    Statement by statement (``executescript`` would commit first), so that it can run
    inside a caller's transaction, as the upgrade of an older store does.
    """
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION:d}")


def canonical_dump(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without the ingestion clock: equal graphs dump equal."""
    return {
        table: sorted((tuple(row) for row in conn.execute(query)), key=repr)
        for table, query in DUMP_QUERIES.items()
    }
