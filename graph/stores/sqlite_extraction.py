"""Rebuilding a document's extraction (the JSON contract) from the embedded store's tables.

The embedded store does not keep the extraction it was given; it keeps everything the
document contributed: its row, its names and attributes per entity, its mention spans,
and one report (with date value, place, country, confidence and trigger) per event sentence.
:func:`reconstruct_extraction` turns those back into an extraction that, written into
an empty store in the original order of documents, makes the same facts: this is how
``newsgraph push`` copies an embedded graph into Neo4j through Neo4j's own
``write_extraction``.

Where two local entities of one article were merged into one entity, they come back as
one entity with the union of their names (its first name first) and their merged
attributes, which is what the store held for them anyway.
"""

from __future__ import annotations

import json
import sqlite3


def _offset(value: int | None) -> int | None:
    return value if value is not None and value >= 0 else None


def document_ids(conn: sqlite3.Connection) -> list[str]:
    """Every document id, in the order the documents were (last) written."""
    return [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY rowid")]


def reconstruct_extraction(conn: sqlite3.Connection, document_id: str) -> dict | None:
    """The extraction of one stored document, or None when it is not in the store."""
    row = conn.execute("SELECT id, title, url, outlet, published, source_path, content_hash, "
                       "claims FROM documents WHERE id = ?", (document_id,)).fetchone()
    if row is None:
        return None
    doc_id, title, url, outlet, published, source_path, content_hash, claims = row
    extraction: dict = {
        "document": {"id": doc_id, "title": title, "url": url, "outlet": outlet,
                     "published": published, "source_path": source_path,
                     "content_hash": content_hash},
        "entities": [], "dates": [], "events": [],
        "claims": json.loads(claims or "[]"),
    }
    explicit = [r[0] for r in conn.execute(
        "SELECT e.dst, MIN(s.rowid) AS first FROM edges e "
        "JOIN support s ON s.target_id = e.dst AND s.document_id = ? "
        "WHERE e.kind = 'MENTIONS' AND e.src = ? GROUP BY e.dst ORDER BY first, e.dst",
        (document_id, document_id))]
    local: dict[str, str] = {}
    for index, gid in enumerate(explicit, start=1):
        entity_type = conn.execute("SELECT type FROM entities WHERE id = ?",
                                   (gid,)).fetchone()[0]
        names = [r[0] for r in conn.execute(
            "SELECT name FROM entity_names WHERE entity_id = ? AND document_id = ? "
            "ORDER BY rowid", (gid, document_id))]
        facts = conn.execute("SELECT attributes FROM entity_facts WHERE entity_id = ? "
                             "AND document_id = ?", (gid, document_id)).fetchone()
        mentions = [{"text": text, "start": _offset(start), "end": _offset(end)}
                    for text, start, end in conn.execute(
                        "SELECT sentence, start, end FROM support WHERE target_id = ? "
                        "AND document_id = ? AND report IS NULL ORDER BY rowid",
                        (gid, document_id))
                    if text is not None or start >= 0 or end >= 0]
        local[gid] = f"e{index}"
        extraction["entities"].append({
            "id": f"e{index}", "type": entity_type,
            "name": names[0] if names else None, "aliases": names[1:],
            "attributes": json.loads(facts[0]) if facts else {},
            "mentions": mentions,
        })
    reports = conn.execute(
        "SELECT s.target_id, s.sentence, s.start, s.end, s.report, v.type FROM support s "
        "JOIN events v ON v.id = s.target_id WHERE s.document_id = ? "
        "AND s.report IS NOT NULL ORDER BY s.rowid", (document_id,)).fetchall()
    for index, (eid, sentence, start, end, report_text, event_type) in enumerate(reports, 1):
        report = json.loads(report_text)
        participants = [{"entity": local[dst], "role": role} for dst, role in conn.execute(
            "SELECT e.dst, e.role FROM edges e JOIN support s ON s.target_id = e.id "
            "WHERE e.kind = 'PARTICIPANT' AND e.src = ? AND s.document_id = ? "
            "AND s.start = ? AND s.end = ? AND s.sentence IS ? ORDER BY s.rowid",
            (eid, document_id, start, end, sentence)) if dst in local]
        place = report.get("place")
        extraction["events"].append({
            "id": f"ev{index}", "type": event_type,
            "date": {"value": report["value"], "granularity": report.get("granularity")}
            if report.get("value") else None,
            "place": local.get(place) if place else None,
            "country": report.get("country"),
            "participants": participants,
            "evidence": {"sentence": sentence, "start": _offset(start), "end": _offset(end)},
            "confidence": report.get("confidence"),
            **_trigger(report, _offset(start)),
        })
    return extraction


def _trigger(report: dict, start: int | None) -> dict:
    """The event's ``trigger`` and ``trigger_span`` (offsets in the article) as the
    extraction gave them, from a report that kept them (none for older reports)."""
    trigger = report.get("trigger")
    if not isinstance(trigger, str):
        return {}
    s, e = report.get("trigger_start"), report.get("trigger_end")
    if start is None or type(s) is not int or type(e) is not int:
        return {"trigger": trigger}
    return {"trigger": trigger, "trigger_span": [start + s, start + e]}
