"""GraphML and GEXF for Gephi, through networkx.

Every node and edge of the store (documents, entities, events, dates, affiliations,
claims, the six edge kinds and the claims' ``CLAIMS``, ``ABOUT``, ``SOURCED_FROM``,
``CONTESTS`` and ``EVIDENCE``), each with a ``label`` Gephi shows, its ``kind`` to filter on, and
its RDF ``iri`` to join with the RDF export. Nodes and edges are written in id order, so
the same store gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import networkx as nx

from graph.export.rdf import Iris, Snapshot
from graph.model import edge_id


def node_rows(snap: Snapshot, iris: Iris) -> list[tuple[str, dict]]:
    """``(id, attributes)`` of every node, by id; None values left out."""
    rows: list[tuple[str, dict]] = []
    for doc, d in snap.documents.items():
        rows.append((doc, {"kind": "document", "label": d["title"] or doc,
                           "iri": iris.document(doc), "url": d["url"], "outlet": d["outlet"],
                           "published": d["published"]}))
    for gid, e in snap.entities.items():
        rows.append((gid, {"kind": "entity", "label": e["name"], "type": e["type"],
                           "iri": iris.entity(gid), "wikidata": e["wikidata"],
                           "geonames_id": str(e["geonames"]) if e["geonames"] else None,
                           "iso": e["iso"],
                           "affiliation": ";".join(sorted(snap.affiliations.get(gid, ())))
                           or None}))
    for eid, ev in snap.events.items():
        rows.append((eid, {"kind": "event", "label": f"{ev['type']} {ev['value'] or ''}".strip(),
                           "type": ev["type"], "iri": iris.event(eid), "date": ev["value"],
                           "start": ev["start"], "end": ev["end"],
                           "granularity": ev["granularity"], "country": ev["country"],
                           "confidence": float(ev["confidence"])
                           if isinstance(ev["confidence"], int | float) else None,
                           "sources": len({r[0] for r in snap.support.get(eid, ())})}))
    for did, dt in snap.dates.items():
        rows.append((did, {"kind": "date", "label": dt["value"], "date": dt["value"],
                           "granularity": dt["granularity"], "start": dt["start"],
                           "end": dt["end"], "iri": iris.date(dt["value"])}))
    for aid, name in snap.affiliation_nodes.items():
        rows.append((aid, {"kind": "affiliation", "label": name}))
    for cid, claim in snap.claims.items():
        data = claim["data"]
        text = data.get("text") or ""
        rows.append((cid, {"kind": "claim", "label": text if len(text) <= 80
                           else text[:79] + "…", "type": claim["origin"],
                           "claimant": data.get("claimant"), "stance": data.get("stance"),
                           "date": data.get("when"), "iri": iris.claim(cid),
                           "url": data.get("checker_url"),
                           "review": (data.get("review") or {}).get("rating")}))
    rows.sort(key=lambda row: row[0])
    return [(node, {k: v for k, v in attrs.items() if v is not None}) for node, attrs in rows]


def edge_rows(snap: Snapshot) -> list[tuple[str, str, str, dict]]:
    """``(id, source, target, attributes)`` of every edge, by id."""
    rows = []
    for eid, kind, src, dst, role in sorted(snap.edges):
        attrs = {"kind": kind, "label": kind.lower() if not role else f"{kind.lower()} ({role})",
                 "sources": len({r[0] for r in snap.support.get(eid, ())})}
        if role:
            attrs["role"] = role
        rows.append((eid, src, dst, attrs))
    rows.extend(claim_edge_rows(snap))
    rows.sort(key=lambda row: row[0])
    return rows


def claim_edge_rows(snap: Snapshot) -> list[tuple[str, str, str, dict]]:
    """The edges of the claims: ``CLAIMS`` from the claimant, ``SOURCED_FROM`` the
    quoting document, ``ABOUT``, ``CONTESTS`` and ``EVIDENCE`` (role: supports/refutes)."""
    rows = []
    for cid, claim in snap.claims.items():
        edges = []
        if claim["claimant"]:
            edges.append(("CLAIMS", claim["claimant"], cid, None))
        if claim["document"]:
            edges.append(("SOURCED_FROM", cid, claim["document"], None))
        for kind, target, relation, _note, _created in snap.claim_links.get(cid, ()):
            edges.append((kind, cid, target, relation if kind == "EVIDENCE" else None))
        for kind, src, dst, role in edges:
            attrs = {"kind": kind, "label": kind.lower() if not role
                     else f"{kind.lower()} ({role})", "sources": 1 if claim["document"] else 0}
            if role:
                attrs["role"] = role
            rows.append((edge_id(kind, src, dst, role), src, dst, attrs))
    return rows


def networkx_graph(snap: Snapshot, iris: Iris) -> nx.MultiDiGraph:
    """The store as a networkx ``MultiDiGraph`` with Gephi-friendly attributes."""
    graph = nx.MultiDiGraph()
    nodes = node_rows(snap, iris)
    graph.add_nodes_from(nodes)
    for eid, src, dst, attrs in edge_rows(snap):
        for end in (src, dst):  # an edge to a node the store lacks: keep it visible
            if end not in graph:
                graph.add_node(end, kind="missing", label=end)
        graph.add_edge(src, dst, key=eid, id=eid, **attrs)
    return graph


def iter_graphml(snap: Snapshot, iris: Iris) -> Iterator[str]:
    """GraphML text, line by line (networkx's ``generate_graphml``)."""
    for line in nx.generate_graphml(networkx_graph(snap, iris), named_key_ids=True):
        yield line + "\n"


_MODIFIED = re.compile(r' lastmodifieddate="[^"]*"')


def iter_gexf(snap: Snapshot, iris: Iris) -> Iterator[str]:
    """GEXF 1.2 text, line by line, without the date networkx stamps into the header
    (so that two exports of one store are byte for byte equal)."""
    for line in nx.generate_gexf(networkx_graph(snap, iris), version="1.2draft"):
        yield _MODIFIED.sub("", line) + "\n"
