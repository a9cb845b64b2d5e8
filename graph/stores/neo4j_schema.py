"""The Neo4j schema of newsgraph: labels, relationship types, constraints and indexes.

Domain nodes carry the labels ``Document``, ``Entity``, ``Event``, ``Date`` and
``Affiliation``; domain edges are relationships of the six kinds of
:data:`graph.model.EDGE_KINDS`, each with its ``id`` (and ``role``). What the
embedded store keeps in side tables is kept in side nodes that are linked by
properties only, so that the domain graph stays clean to browse:

``Support``     one per support row: ``target`` (node or edge id), ``document``,
                ``sentence``, ``start``/``end`` (-1 when unknown), ``report`` (JSON).
``EntityName``  a name or alias an entity was given by one document.
``EntityFact``  the attributes one document gave an entity (JSON), with ``seq``.
``Claim``       who asserts what (see :mod:`graph.stores.neo4j_claims`), linked by
                ``CLAIMS``, ``ABOUT``, ``SOURCED_FROM``, ``CONTESTS`` and ``EVIDENCE``.
``Meta``        one node, ``{id: 'graph'}``, whose ``version`` every write bumps (it
                also serializes writers, as ``BEGIN IMMEDIATE`` does in SQLite).

Events carry their interval as day ordinals ``start``/``end`` (as
:class:`graph.model.EventRecord`), indexed with ``type`` for ``followed``.
"""

from __future__ import annotations

NODE_LABELS = ("Document", "Entity", "Event", "Date", "Affiliation")

# (kind, source label, target label): the only relationship patterns newsgraph writes.
# Cypher text is built from this fixed whitelist only, never from user values.
EDGE_PATTERNS = {
    ("MENTIONS", "Document", "Entity"),
    ("REPORTS", "Document", "Event"),
    ("PARTICIPANT", "Event", "Entity"),
    ("LOCATED_IN", "Event", "Entity"),
    ("LOCATED_IN", "Entity", "Entity"),
    ("AFFILIATED_WITH", "Entity", "Affiliation"),
    ("ON_DATE", "Event", "Date"),
    ("ON_DATE", "Document", "Date"),
}

CONSTRAINTS = [
    *(f"CREATE CONSTRAINT ng_{label.lower()}_id IF NOT EXISTS "
      f"FOR (n:{label}) REQUIRE n.id IS UNIQUE" for label in NODE_LABELS),
    "CREATE CONSTRAINT ng_support_uid IF NOT EXISTS FOR (n:Support) REQUIRE n.uid IS UNIQUE",
    "CREATE CONSTRAINT ng_name_uid IF NOT EXISTS FOR (n:EntityName) REQUIRE n.uid IS UNIQUE",
    "CREATE CONSTRAINT ng_fact_uid IF NOT EXISTS FOR (n:EntityFact) REQUIRE n.uid IS UNIQUE",
    "CREATE CONSTRAINT ng_meta_id IF NOT EXISTS FOR (n:Meta) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT ng_claim_id IF NOT EXISTS FOR (n:Claim) REQUIRE n.id IS UNIQUE",
]

INDEXES = [
    "CREATE INDEX ng_event_type_start IF NOT EXISTS FOR (e:Event) ON (e.type, e.start)",
    "CREATE INDEX ng_event_start IF NOT EXISTS FOR (e:Event) ON (e.start)",
    "CREATE INDEX ng_event_match IF NOT EXISTS FOR (e:Event) ON (e.type, e.country_key)",
    "CREATE INDEX ng_entity_type_key IF NOT EXISTS FOR (e:Entity) ON (e.type, e.key)",
    "CREATE INDEX ng_entity_wikidata IF NOT EXISTS FOR (e:Entity) ON (e.wikidata)",
    "CREATE INDEX ng_entity_geonames IF NOT EXISTS FOR (e:Entity) ON (e.geonames_id)",
    "CREATE INDEX ng_entity_iso IF NOT EXISTS FOR (e:Entity) ON (e.iso)",
    "CREATE INDEX ng_name_type_key IF NOT EXISTS FOR (n:EntityName) ON (n.type, n.key)",
    "CREATE INDEX ng_name_entity IF NOT EXISTS FOR (n:EntityName) ON (n.entity)",
    "CREATE INDEX ng_name_document IF NOT EXISTS FOR (n:EntityName) ON (n.document)",
    "CREATE TEXT INDEX ng_name_key_text IF NOT EXISTS FOR (n:EntityName) ON (n.key)",
    "CREATE TEXT INDEX ng_entity_key_text IF NOT EXISTS FOR (n:Entity) ON (n.key)",
    "CREATE INDEX ng_fact_entity IF NOT EXISTS FOR (n:EntityFact) ON (n.entity)",
    "CREATE INDEX ng_fact_document IF NOT EXISTS FOR (n:EntityFact) ON (n.document)",
    "CREATE INDEX ng_support_target IF NOT EXISTS FOR (n:Support) ON (n.target)",
    "CREATE INDEX ng_support_document IF NOT EXISTS FOR (n:Support) ON (n.document)",
    "CREATE INDEX ng_claim_document IF NOT EXISTS FOR (n:Claim) ON (n.document)",
    "CREATE INDEX ng_claim_claimant IF NOT EXISTS FOR (n:Claim) ON (n.claimant_entity)",
    *(f"CREATE INDEX ng_rel_{kind.lower()}_id IF NOT EXISTS FOR ()-[r:{kind}]-() ON (r.id)"
      for kind in sorted({k for k, _, _ in EDGE_PATTERNS})),
    # Full-text search over every entity's name and every alias.
    "CREATE FULLTEXT INDEX ng_names IF NOT EXISTS FOR (n:Entity|EntityName) ON EACH [n.name]",
]


def create_schema(session) -> None:  # noqa: ANN001 - a neo4j.Session
    """Create the constraints and indexes if missing, and wait until they are online."""
    for statement in CONSTRAINTS + INDEXES:
        session.run(statement).consume()
    session.run("CALL db.awaitIndexes(300)").consume()
