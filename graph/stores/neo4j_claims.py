"""Claims in Neo4j: ``Claim`` nodes and their ``CLAIMS``, ``ABOUT``, ``SOURCED_FROM``,
``CONTESTS`` and ``EVIDENCE`` relationships.

A ``Claim`` node holds its row (see :mod:`graph.claim_records`) as properties: ``id``,
``origin``, ``document``, ``claimant_entity``, ``created_at``, ``data`` (JSON),
``links`` (JSON, the store of record for the claim's links) and ``targets`` (the ids
it links to, for lookups), plus ``text``, ``stance`` and ``claimant`` to browse by.
The relationships mirror the links for Cypher users; a link whose target is deleted
loses its relationship but stays in ``links``, as in the embedded store.

Every statement here is fixed text with parameters.
"""

from __future__ import annotations

import json

CLAIM_PROPS = ("id", "origin", "document", "claimant_entity", "created_at")


def node_props(row: dict) -> dict:
    """The properties of a claim's node."""
    links = sorted(row.get("links") or [], key=lambda k: (k["kind"], k["target"],
                                                        k.get("relation") or ""))
    return {**{k: row.get(k) for k in CLAIM_PROPS},
            "data": json.dumps(row["data"], sort_keys=True, default=str),
            "links": json.dumps(links, sort_keys=True), "targets": sorted(
                {k["target"] for k in links if k["kind"] in ("ABOUT", "EVIDENCE")}),
            "text": row["data"].get("text"), "stance": row["data"].get("stance"),
            "claimant": row["data"].get("claimant")}


def relationship_params(rows: list[dict]) -> dict:
    """The relationship lists of :data:`WRITE_CLAIMS` for some claim rows."""
    params: dict[str, list] = {"claims": [], "claimants": [], "about": [], "contests": [],
                               "evidence": []}
    for row in rows:
        params["claims"].append({"id": row["id"], "document": row.get("document"),
                                 "props": node_props(row)})
        if row.get("claimant_entity"):
            params["claimants"].append({"claim": row["id"], "entity": row["claimant_entity"]})
        for link in row.get("links") or []:
            item = {"claim": row["id"], "target": link["target"],
                    "relation": link.get("relation") or "", "note": link.get("note")}
            key = {"ABOUT": "about", "CONTESTS": "contests", "EVIDENCE": "evidence"}
            params[key[link["kind"]]].append(item)
    return params


# Runs inside a larger statement (as unit subqueries) or on its own.
CLAIM_SUBQUERIES = [
    "CALL () { UNWIND $claims AS r MERGE (c:Claim {id: r.id}) SET c = r.props "
    "WITH c, r WHERE r.document IS NOT NULL MATCH (d:Document {id: r.document}) "
    "MERGE (c)-[:SOURCED_FROM]->(d) }",
    "CALL () { UNWIND $claimants AS r MATCH (e:Entity {id: r.entity}) "
    "MATCH (c:Claim {id: r.claim}) MERGE (e)-[:CLAIMS]->(c) }",
    "CALL () { UNWIND $about AS r MATCH (c:Claim {id: r.claim}) "
    "CALL (c, r) { MATCH (t:Event {id: r.target}) MERGE (c)-[:ABOUT]->(t) "
    "UNION MATCH (t:Entity {id: r.target}) MERGE (c)-[:ABOUT]->(t) } }",
    "CALL () { UNWIND $contests AS r MATCH (c:Claim {id: r.claim}) "
    "MATCH (t:Claim {id: r.target}) MERGE (c)-[:CONTESTS]->(t) }",
    "CALL () { UNWIND $evidence AS r MATCH (c:Claim {id: r.claim}) "
    "CALL (c, r) { MATCH (t:Event {id: r.target}) "
    "MERGE (c)-[e:EVIDENCE {relation: r.relation}]->(t) SET e.note = r.note "
    "UNION MATCH (t:Document {id: r.target}) "
    "MERGE (c)-[e:EVIDENCE {relation: r.relation}]->(t) SET e.note = r.note } }",
]
WRITE_CLAIMS = "\n".join([*CLAIM_SUBQUERIES, "RETURN count(*) AS done"])


def write_claims(tx, rows: list[dict]) -> None:  # noqa: ANN001 - a ManagedTransaction
    """Write claim rows (nodes, then relationships) in the caller's transaction."""
    if rows:
        tx.run(WRITE_CLAIMS, relationship_params(rows)).consume()


def read_row(props: dict) -> dict:
    """A claim row from its node's properties."""
    return {"id": props["id"], "origin": props["origin"], "document": props.get("document"),
            "claimant_entity": props.get("claimant_entity"),
            "created_at": props.get("created_at"), "data": json.loads(props["data"]),
            "links": json.loads(props.get("links") or "[]")}


def claim_row(tx, claim_id: str) -> dict | None:  # noqa: ANN001
    found = tx.run("MATCH (c:Claim {id: $id}) RETURN c {.*} AS c", id=claim_id).single()
    return read_row(found["c"]) if found else None


def put_link(tx, claim_id: str, link: dict) -> None:  # noqa: ANN001
    """Add a link to a claim (or replace the note of the same one), node and edge."""
    row = claim_row(tx, claim_id)
    if row is None:
        return
    same = (link["kind"], link["target"], link.get("relation") or "")
    row["links"] = [k for k in row["links"]
                    if (k["kind"], k["target"], k.get("relation") or "") != same] + [link]
    tx.run("MATCH (c:Claim {id: $id}) SET c = $props", id=claim_id,
           props=node_props(row)).consume()
    params = relationship_params([{**row, "links": [link], "claimant_entity": None}])
    params["claims"] = []  # the node is set above: only the new relationship
    tx.run(WRITE_CLAIMS, params).consume()


def set_review(tx, claim_id: str, review: dict | None) -> None:  # noqa: ANN001
    row = claim_row(tx, claim_id)
    if row is None:
        return
    row["data"]["review"] = review
    tx.run("MATCH (c:Claim {id: $id}) SET c = $props", id=claim_id,
           props=node_props(row)).consume()


def find_rows(tx, *, ids: list[str] | None, about: str | None,  # noqa: ANN001
              document: str | None, claimant: str | None, origin: str | None,
              limit: int, offset: int) -> list[dict]:
    """Claim rows matching every filter given, newest first, then by id."""
    rows = tx.run(
        "MATCH (c:Claim) WHERE ($ids IS NULL OR c.id IN $ids) "
        "AND ($about IS NULL OR $about IN c.targets) "
        "AND ($document IS NULL OR c.document = $document) "
        "AND ($claimant IS NULL OR c.claimant_entity = $claimant) "
        "AND ($origin IS NULL OR c.origin = $origin) "
        "RETURN c {.*} AS c ORDER BY c.created_at DESC, c.id SKIP $offset LIMIT $limit",
        ids=ids, about=about, document=document, claimant=claimant, origin=origin,
        offset=offset, limit=limit).data()
    return [read_row(r["c"]) for r in rows]
