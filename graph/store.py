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
from datetime import date, timedelta

from graph.model import Document, Entity, EventRecord, SourceRef, WriteResult
from graph.queries.filters import select_events
from graph.queries.followed import FollowedPair
from graph.queries.followed import followed as followed_query
from graph.queries.search import NameHit
from graph.queries.stats import CorrelationStats
from graph.queries.stats import correlation_stats as correlation_query
from graph.queries.timeline import timeline as timeline_query
from ingest.errors import NotFoundError


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
    def counts(self) -> dict:
        """How many documents, entities, events, dates and edges of each kind."""

    @abstractmethod
    def close(self) -> None:
        """Release the store's resources."""

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
            pass
        hits = self.search_entities(name_or_id, type=type, limit=1)
        if not hits:
            raise NotFoundError(f"no entity named {name_or_id!r}; try `newsgraph search`.",
                                source=name_or_id)
        return hits[0][0]

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
