"""The store interface every graph store implements (embedded SQLite, later Neo4j).

A store is the store of record for documents, entities, events and the edges
between them, and answers the queries of :mod:`graph.queries`. Temporal queries
(``followed``, ``correlation_stats``, ``timeline``, ``list_events``) have default
implementations here that run the store-independent algorithms on
:meth:`GraphStore.event_records`; a store may override them to push the work down.
The test suite in ``tests/test_store.py`` and ``tests/test_queries.py`` runs against
every store built by :func:`graph.stores.make_store`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import UTC, date, datetime, timedelta

from graph import claim_records
from graph.model import CLAIM_ORIGINS, Claim, Document, Entity, EventRecord, SourceRef, WriteResult
from graph.queries.filters import select_events
from graph.queries.followed import FollowedPair
from graph.queries.followed import followed as followed_query
from graph.queries.search import NameHit
from graph.queries.stats import CorrelationStats
from graph.queries.stats import correlation_stats as correlation_query
from graph.queries.timeline import timeline as timeline_query
from ingest.errors import ClaimError, NotFoundError

MAX_CLAIM_PAGE = 500


class GraphStore(ABC):
    """One interface over the graph stores of newsgraph."""

    # -- writing -------------------------------------------------------------------
    @abstractmethod
    def write_extraction(self, extraction: dict) -> WriteResult:
        """Write one article's extraction (the JSON contract) atomically.

        The same document id with the same content hash changes nothing
        (``unchanged``); a new hash replaces that document's own facts (``replaced``).
        """

    @abstractmethod
    def delete_document(self, document_id: str) -> None:
        """Remove a document and every fact only it supported; shared facts stay.

        Raises :class:`~ingest.errors.NotFoundError` if the document is unknown.
        """

    # -- reading nodes ---------------------------------------------------------------
    @abstractmethod
    def get_document(self, document_id: str) -> Document:
        """The document with this id, or :class:`NotFoundError`."""

    @abstractmethod
    def get_entity(self, entity_id: str) -> Entity:
        """The entity with this id, or :class:`NotFoundError`."""

    @abstractmethod
    def get_event(self, event_id: str) -> EventRecord:
        """The event with this id, or :class:`NotFoundError`."""

    @abstractmethod
    def undated_event(self, event_id: str) -> EventRecord | None:
        """The event with this id when no report dates it (``start``/``end`` None), with
        its participants and sources; None when there is no such undated event."""

    def event_detail(self, event_id: str) -> dict:
        """One event, dated or not, as JSON with every report (``reports``: the sources
        with offsets and trigger words); NotFoundError when there is no such event."""
        try:
            event = self.get_event(event_id)
        except NotFoundError:
            event = self.undated_event(event_id)
            if event is None:
                raise
        return {**event.as_json(), "reports": [s.as_json() for s in self.sources(event_id)]}

    @abstractmethod
    def event_records(self) -> list[EventRecord]:
        """Every dated event, as plain records for the query algorithms."""

    @abstractmethod
    def search_entities(self, q: str, *, type: str | None = None,  # noqa: A002
                        limit: int = 10, offset: int = 0) -> list[tuple[Entity, NameHit]]:
        """Entities by name or alias: exact, prefix, then fuzzy matches."""

    @abstractmethod
    def neighbors(self, entity_id: str, depth: int = 1) -> list[dict]:
        """The ego network of an entity (co-participation and co-mention), 1-3 hops."""

    @abstractmethod
    def paths(self, a: str, b: str, max_depth: int = 4, limit: int = 10) -> list[list[dict]]:
        """Shortest paths between two entities, with the sources behind each hop."""

    @abstractmethod
    def sources(self, node_or_edge_id: str) -> list[SourceRef]:
        """The documents and sentences that support a node or an edge."""

    @abstractmethod
    def document_edges(self, document_id: str) -> tuple[list[str], list[tuple[str, str]]]:
        """The ids of the entities a document mentions, and ``(id, type)`` of the events it
        reports; NotFoundError for an unknown document."""

    def document_facts(self, document_id: str) -> tuple[list[Entity], list[dict]]:
        """The entities a document mentions (by name) and the events it reports (dated
        ones in time order, then undated ones as ``{"id", "type", "date": None}``)."""
        entity_ids, event_ids = self.document_edges(document_id)
        entities = []
        for gid in entity_ids:
            try:
                entities.append(self.get_entity(gid))
            except NotFoundError:  # deleted since the edges were read
                continue
        entities.sort(key=lambda e: (e.name.casefold(), e.id))
        dated, undated = [], []
        for eid, kind in sorted(event_ids):
            try:
                dated.append(self.get_event(eid))
            except NotFoundError:
                undated.append({"id": eid, "type": kind, "date": None})
        dated.sort(key=lambda e: (e.start, e.end, e.id))
        return entities, [e.as_json() for e in dated] + undated

    @abstractmethod
    def counts(self) -> dict:
        """How many documents, entities, events, dates and edges of each kind."""

    @abstractmethod
    def close(self) -> None:
        """Release the store's resources."""

    # -- claims: row primitives each store implements -------------------------------
    @abstractmethod
    def put_claim(self, row: dict) -> bool:
        """Store a fact-checker's claim row (see :mod:`graph.claim_records`) with its
        links unless a claim with its id exists; True when it was stored."""

    @abstractmethod
    def put_claim_link(self, claim_id: str, link: dict) -> None:
        """Add a link row to a claim, or replace the note of the same (kind, target,
        relation)."""

    @abstractmethod
    def set_claim_review(self, claim_id: str, review: dict | None) -> None:
        """Set (or with None, remove) the published review of a claim."""

    @abstractmethod
    def claim_rows(self, *, ids: list[str] | None = None, about: str | None = None,
                   document: str | None = None, claimant: str | None = None,
                   origin: str | None = None, limit: int = 100,
                   offset: int = 0) -> list[dict]:
        """Claim rows with their links: newest first, then by id; ``about`` matches a
        claim linked to that id (ABOUT or EVIDENCE)."""

    @abstractmethod
    def delete_claim_row(self, claim_id: str) -> None:
        """Delete a claim row and its links."""

    # -- claims: what users call ---------------------------------------------------------
    def describe(self, node_id: str) -> dict:
        """A short description of a node for lists: ``id``, ``kind``, ``label`` and
        ``exists`` (False for a node that has gone since it was linked). Events and
        entities are told by their id prefixes (``ev:``, ``ent:``); anything else is
        looked up as a document."""
        if node_id.startswith("ev:"):
            try:
                event = self.get_event(node_id)
                return {"id": node_id, "kind": "event", "exists": True,
                        "label": f"{event.type} {event.value} {event.country or ''}".strip(),
                        "type": event.type, "date": event.value, "country": event.country}
            except NotFoundError:
                pass
            undated = self.undated_event(node_id)
            if undated is not None:
                return {"id": node_id, "kind": "event", "exists": True,
                        "label": f"{undated.type} (undated)", "type": undated.type,
                        "date": None, "country": undated.country}
        elif node_id.startswith("ent:"):
            found = self.entity_name(node_id)
            if found is not None:
                return {"id": node_id, "kind": "entity", "exists": True,
                        "label": found[0], "type": found[1]}
        try:
            doc = self.get_document(node_id)
        except NotFoundError:
            kind = {"ev": "event", "ent": "entity"}.get(node_id.split(":", 1)[0])
            return {"id": node_id, "kind": kind, "exists": False, "label": node_id}
        return {"id": node_id, "kind": "document", "exists": True,
                "label": doc.title or doc.id, "url": doc.url, "outlet": doc.outlet,
                "published": doc.published}

    def entity_name(self, entity_id: str) -> tuple[str, str] | None:
        """An entity's canonical name and type, or None: what lists need, without the
        aliases and attributes :meth:`get_entity` gathers (stores answer it directly)."""
        try:
            entity = self.get_entity(entity_id)
        except NotFoundError:
            return None
        return entity.name, entity.type

    def _document_ref(self, document_id: str) -> SourceRef | None:
        try:
            doc = self.get_document(document_id)
        except NotFoundError:
            return None
        return SourceRef(doc.id, doc.url, doc.published, doc.outlet, doc.title)

    def _claims(self, rows: list[dict]) -> list[Claim]:
        described: dict[str, dict] = {}

        def describe(node_id: str) -> dict:
            if node_id not in described:
                described[node_id] = self.describe(node_id)
            return described[node_id]

        return [claim_records.claim_from_row(row, describe, self._document_ref)
                for row in rows]

    def get_claim(self, claim_id: str) -> Claim:
        """The claim with this id (extracted or a fact-checker's), or NotFoundError."""
        rows = self.claim_rows(ids=[claim_id], limit=1)
        if not rows:
            raise NotFoundError(f"no claim {claim_id!r}; list them with `newsgraph claims "
                                "list`.", source=claim_id)
        return self._claims(rows)[0]

    def list_claims(self, *, about: str | None = None, document: str | None = None,
                    claimant: str | None = None, origin: str | None = None,
                    limit: int = 100, offset: int = 0) -> list[Claim]:
        """Claims, newest first: about an event, entity or document (ABOUT or EVIDENCE
        links), quoted in a document, made by an entity, or of one origin."""
        if origin is not None and origin not in CLAIM_ORIGINS:
            raise ClaimError(f"unknown origin {origin!r}; use extracted or checker.",
                             code="NG447", source=origin)
        limit = max(0, min(limit, MAX_CLAIM_PAGE))
        return self._claims(self.claim_rows(about=about, document=document,
                                            claimant=claimant, origin=origin,
                                            limit=limit, offset=max(0, offset)))

    def _link_target(self, node_id: str, kinds: tuple[str, ...]) -> str:
        described = self.describe(node_id)
        if not described["exists"] or described["kind"] not in kinds:
            raise NotFoundError(f"no {' or '.join(kinds)} {node_id!r} in the store; find "
                                "ids with `newsgraph search` or GET /v1/events.",
                                source=node_id)
        return described["kind"]

    def add_claim(self, text: str, *, claimant: str | None = None,
                  claimant_entity: str | None = None, where: str | None = None,
                  when: str | None = None, checker_url: str | None = None,
                  about: list[str] | tuple[str, ...] = (), review: dict | None = None,
                  ) -> tuple[Claim, bool]:
        """Store a fact-checker's claim; the same claim again changes nothing.

        Parameters
        ----------
        text, claimant, where, when, checker_url, review
            See :func:`graph.claim_records.checker_claim_row`.
        claimant_entity : str, optional
            An entity id or name; the claim is linked to that entity (``CLAIMS``).
        about : list of str
            Ids of the events and entities the claim is about.

        Returns
        -------
        (Claim, bool)
            The claim as stored, and whether it was new.
        """
        entity = None
        if claimant_entity:
            entity = self.resolve_entity(claimant_entity)
        targets = [(t, self._link_target(t, ("event", "entity"))) for t in dict.fromkeys(about)]
        row = claim_records.checker_claim_row(
            text, claimant=claimant or (entity.name if entity else None),
            claimant_entity=entity.id if entity else None, where=where, when=when,
            checker_url=checker_url, about=targets, review=review, now=_now())
        created = self.put_claim(row)
        return self.get_claim(row["id"]), created

    def _checker_claim(self, claim_id: str) -> Claim:
        claim = self.get_claim(claim_id)
        if claim.origin != "checker":
            raise ClaimError(f"claim {claim_id!r} was extracted from an article; evidence "
                             "and reviews go on a fact-checker's claim: store one with "
                             "POST /v1/claims (or `newsgraph claims add`).", code="NG448",
                             source=claim_id)
        return claim

    def add_claim_evidence(self, claim_id: str, target: str, relation: str,
                           note: str | None = None) -> Claim:
        """Link a fact-checker's claim to an event or document that ``supports`` or
        ``refutes`` it, with a note; linking the same target the same way again
        replaces the note."""
        self._checker_claim(claim_id)
        self._link_target(target, ("event", "document"))
        self.put_claim_link(claim_id, claim_records.evidence_link(target, relation, note,
                                                                  _now()))
        return self.get_claim(claim_id)

    def review_claim(self, claim_id: str, review: dict | None) -> Claim:
        """Publish (or with None, withdraw) the verdict on a fact-checker's claim."""
        self._checker_claim(claim_id)
        checked = claim_records.check_review(review) if review is not None else None
        self.set_claim_review(claim_id, checked)
        return self.get_claim(claim_id)

    def delete_claim(self, claim_id: str) -> None:
        """Delete a fact-checker's claim with its evidence links and review."""
        self._checker_claim(claim_id)
        self.delete_claim_row(claim_id)

    # -- temporal queries: default implementations over event_records ----------------
    def list_events(self, *, type: str | None = None,  # noqa: A002
                    country: str | None = None, entity: str | None = None,
                    start: date | str | None = None, end: date | str | None = None,
                    limit: int = 100, offset: int = 0) -> list[EventRecord]:
        """Events matching the filters, in time order, one page."""
        events = select_events(self.event_records(), type=type, country=country,
                               entity=entity, start=start, end=end)
        events.sort(key=lambda e: (e.start, e.end, e.id))
        return events[offset:offset + limit]

    def timeline(self, *, entity: str | None = None, place: str | None = None,
                 country: str | None = None, type: str | None = None,  # noqa: A002
                 start: date | str | None = None,
                 end: date | str | None = None) -> list[EventRecord]:
        """Events in time order with their sources; see :func:`graph.queries.timeline`."""
        if entity is not None:
            self.get_entity(entity)
        return timeline_query(self.event_records(), entity=entity, place=place,
                              country=country, type=type, start=start, end=end)

    def followed(self, cause_type: str, effect_type: str, within: str | timedelta | int,
                 **filters) -> list[FollowedPair]:
        """Pairs where the effect started within the window after the cause; see
        :func:`graph.queries.followed.followed` for the filters."""
        return followed_query(self.event_records(), cause_type, effect_type, within, **filters)

    def correlation_stats(self, cause_type: str, effect_type: str,
                          within: str | timedelta | int, *, permutations: int = 1000,
                          seed: int = 0, **filters) -> CorrelationStats:
        """Permutation test of "effect follows cause"; see
        :func:`graph.queries.stats.correlation_stats`."""
        return correlation_query(self.event_records(), cause_type, effect_type, within,
                                 permutations=permutations, seed=seed, **filters)

    def resolve_entity(self, name_or_id: str, *, type: str | None = None) -> Entity:  # noqa: A002
        """An entity given by id or by name (an exact name match preferred).

        Raises :class:`NotFoundError` when nothing matches.
        """
        try:
            return self.get_entity(name_or_id)
        except NotFoundError:
            if name_or_id.startswith("ent:"):  # an id, not a name: never a fuzzy match
                raise
        hits = self.search_entities(name_or_id, type=type, limit=1)
        if not hits:
            raise NotFoundError(f"no entity named {name_or_id!r}; try `newsgraph search`.",
                                source=name_or_id)
        return hits[0][0]

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
