"""The entities and events of one document.

:class:`~graph.store.GraphStore` has no method for this yet; a store that grows a
``document_facts(document_id) -> (entities, events)`` method is used as is. Otherwise
the entities come from the document's ``MENTIONS`` edges and the events from its
``REPORTS`` edges in the store's traversal graph (the embedded store's ``graph``), and
failing that, the dated events whose sources include the document.
"""

from __future__ import annotations

from contextlib import nullcontext

from graph.model import Entity
from graph.store import GraphStore
from ingest.errors import NotFoundError


def document_facts(store: GraphStore, document_id: str) -> tuple[list[Entity], list[dict]]:
    """Entities (by name) and events (by date) of a document; see the module docstring."""
    own = getattr(store, "document_facts", None)
    if callable(own):
        entities, events = own(document_id)
        return list(entities), [_event_json(e) for e in events]
    graph = getattr(store, "graph", None)
    if graph is None:
        return [], [e.as_json() for e in _reported_by(store, document_id)]
    with getattr(store, "_lock", nullcontext()):  # the graph is patched under this lock
        if document_id not in graph:
            return [], []
        edges = [(dst, data.get("kind")) for _, dst, data in graph.out_edges(document_id,
                                                                             data=True)]
        types = {dst: graph.nodes[dst].get("type") for dst, _ in edges}
    entities = []
    for node in sorted({dst for dst, kind in edges if kind == "MENTIONS"}):
        try:
            entities.append(store.get_entity(node))
        except NotFoundError:  # deleted since the edges were read
            continue
    entities.sort(key=lambda e: (e.name.casefold(), e.id))
    dated, undated = [], []
    for node in sorted({dst for dst, kind in edges if kind == "REPORTS"}):
        try:
            dated.append(store.get_event(node))
        except NotFoundError:
            undated.append({"id": node, "type": types.get(node), "date": None})
    dated.sort(key=lambda e: (e.start, e.end, e.id))
    return entities, [e.as_json() for e in dated] + undated


def _reported_by(store: GraphStore, document_id: str) -> list:
    return [e for e in store.event_records() if any(s.document == document_id
                                                    for s in e.sources)]


def _event_json(event: object) -> dict:
    as_json = getattr(event, "as_json", None)
    return as_json() if callable(as_json) else dict(event)  # type: ignore[call-overload]
