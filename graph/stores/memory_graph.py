"""The in-memory networkx graph the embedded store traverses, kept in step with SQLite.

It is loaded lazily on the first traversal, then patched after every committed
write with the :class:`~graph.stores.sqlite_writer.GraphChanges` of that write.
"""

from __future__ import annotations

import sqlite3

import networkx as nx

from graph.stores.sqlite_writer import GraphChanges


def load_graph(conn: sqlite3.Connection) -> nx.MultiDiGraph:
    """Build the whole graph from the store: every node and edge, keyed by id."""
    graph = nx.MultiDiGraph()
    for row in conn.execute("SELECT id, title, outlet, published FROM documents"):
        graph.add_node(row[0], kind="document", title=row[1], outlet=row[2], published=row[3])
    for row in conn.execute("SELECT id, name, type FROM entities"):
        graph.add_node(row[0], kind="entity", name=row[1], type=row[2])
    for row in conn.execute("SELECT id, type FROM events"):
        graph.add_node(row[0], kind="event", type=row[1])
    for row in conn.execute("SELECT id, value FROM dates"):
        graph.add_node(row[0], kind="date", value=row[1])
    for row in conn.execute("SELECT id, name FROM affiliations"):
        graph.add_node(row[0], kind="affiliation", name=row[1])
    for eid, kind, src, dst, role in conn.execute("SELECT id, kind, src, dst, role FROM edges"):
        graph.add_edge(src, dst, key=eid, kind=kind, role=role)
    return graph


def apply_changes(graph: nx.MultiDiGraph, changes: GraphChanges) -> None:
    """Patch ``graph`` with a committed write: removals first, then additions."""
    for key, (src, dst) in changes.removed_edges.items():
        if graph.has_edge(src, dst, key):
            graph.remove_edge(src, dst, key)
    for node in changes.removed_nodes:
        if node in graph:
            graph.remove_node(node)
    for node, attrs in changes.nodes.items():
        graph.add_node(node, **attrs)
    for key, (src, dst, attrs) in changes.edges.items():
        graph.add_edge(src, dst, key=key, **attrs)
