"""Who is connected to whom: ego networks and shortest paths between entities.

Two entities are linked (one hop) when they take part in the same event
(``PARTICIPANT`` edges) or are mentioned in the same document (``MENTIONS`` edges).
The graph is a networkx ``MultiDiGraph`` whose edges carry a ``kind`` attribute, as
the embedded store keeps it in memory.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from itertools import islice

import networkx as nx

from ingest.errors import NotFoundError, QueryError

LINK_KINDS = frozenset({"PARTICIPANT", "MENTIONS"})
MAX_NEIGHBOR_DEPTH = 3
MAX_PATH_DEPTH = 6


def linked_entities(graph: nx.MultiDiGraph, entity: str) -> dict[str, set[str]]:
    """The entities one hop from ``entity``, each with the events/documents linking them."""
    linked: dict[str, set[str]] = {}
    for via, _, kind in graph.in_edges(entity, data="kind"):
        if kind not in LINK_KINDS:
            continue
        for _, other, other_kind in graph.out_edges(via, data="kind"):
            if other_kind in LINK_KINDS and other != entity:
                linked.setdefault(other, set()).add(via)
    return linked


def _require_entity(graph: nx.MultiDiGraph, entity: str) -> None:
    if entity not in graph or graph.nodes[entity].get("kind") != "entity":
        raise NotFoundError(f"no entity {entity!r}; find its id with `newsgraph search`.",
                            source=entity)


def neighbors(graph: nx.MultiDiGraph, entity: str, depth: int = 1) -> list[dict]:
    """The ego network of ``entity`` up to ``depth`` hops (breadth-first).

    Parameters
    ----------
    graph : networkx.MultiDiGraph
    entity : str
        Entity id at the centre.
    depth : int
        1 to 3 hops.

    Returns
    -------
    list of dict
        ``{"entity", "depth", "via"}`` for each entity reached, nearest first; ``via``
        lists the events and documents linking it to an entity one hop nearer.
    """
    if not 1 <= depth <= MAX_NEIGHBOR_DEPTH:
        raise QueryError(f"depth must be 1 to {MAX_NEIGHBOR_DEPTH}.", code="NG406")
    _require_entity(graph, entity)
    seen = {entity: 0}
    found: dict[str, dict] = {}
    frontier = deque([entity])
    while frontier:
        current = frontier.popleft()
        if seen[current] >= depth:
            continue
        for other, vias in sorted(linked_entities(graph, current).items()):
            if other in seen:
                if seen[other] == seen[current] + 1:
                    found[other]["via"].update(vias)
                continue
            seen[other] = seen[current] + 1
            found[other] = {"entity": other, "depth": seen[other], "via": set(vias)}
            frontier.append(other)
    for row in found.values():
        row["via"] = sorted(row["via"])
    return list(found.values())


def shortest_paths(graph: nx.MultiDiGraph, source: str, target: str, max_depth: int = 4,
                   limit: int = 10) -> list[list[dict]]:
    """Shortest chains of entities linking ``source`` to ``target``.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
    source, target : str
        Entity ids.
    max_depth : int
        Longest chain, in hops (1 to 6).
    limit : int
        Most paths returned (there can be very many shortest paths).

    Returns
    -------
    list of list of dict
        Each path is a list of hops ``{"from", "to", "via"}``; ``via`` lists every event
        and document linking the two entities of the hop. Empty when they are not
        linked within ``max_depth`` hops.
    """
    if not 1 <= max_depth <= MAX_PATH_DEPTH:
        raise QueryError(f"max_depth must be 1 to {MAX_PATH_DEPTH}.", code="NG407")
    _require_entity(graph, source)
    _require_entity(graph, target)
    if source == target:
        return []
    parents: dict[str, dict[str, set[str]]] = {source: {}}
    distance = {source: 0}
    frontier = [source]
    while frontier and target not in distance and distance[frontier[0]] < max_depth:
        next_frontier = []
        for current in frontier:
            for other, vias in linked_entities(graph, current).items():
                if other not in distance:
                    distance[other] = distance[current] + 1
                    parents[other] = {}
                    next_frontier.append(other)
                if distance[other] == distance[current] + 1:
                    parents[other][current] = vias
        frontier = sorted(next_frontier)
    if target not in distance:
        return []

    def walk(node: str) -> Iterator[list[dict]]:
        if node == source:
            yield []
            return
        for parent in sorted(parents[node]):
            for prefix in walk(parent):
                yield prefix + [{"from": parent, "to": node, "via": sorted(parents[node][parent])}]

    return list(islice(walk(target), limit))
