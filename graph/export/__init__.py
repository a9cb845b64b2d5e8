"""Export the graph: RDF for researchers, GraphML, GEXF and CSV for journalists.

One small module per format family: :mod:`graph.export.rdf` (the RDF model: IRIs, named
graphs, PROV) with its writers in :mod:`graph.export.rdf_text`,
:mod:`graph.export.graphml` (GraphML and GEXF through networkx) and
:mod:`graph.export.csv` (``nodes.csv`` and ``edges.csv``). See ``docs/export.md``.

The same store always gives the same bytes, in every format.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from graph.export import graphml as graphml_format
from graph.export.csv import csv_zip, write_csv_folder
from graph.export.rdf import Iris, RdfModel, Snapshot, build_dataset, model_of
from graph.export.rdf_text import (
    Counter,
    write_jsonld,
    write_nquads,
    write_ntriples,
    write_trig,
    write_turtle,
)
from ingest.errors import ExportError

FORMATS: dict[str, str] = {
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "trig": "application/trig",
    "nquads": "application/n-quads",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "csv": "application/zip",
    "claimreview": "application/ld+json",
}
"""Export formats and their media types (``csv`` is a zip of ``nodes.csv`` and
``edges.csv``; ``claimreview`` is a JSON array of the schema.org ``ClaimReview`` of
every reviewed claim, chosen by name only, never by ``Accept``)."""

EXTENSIONS = {"turtle": ".ttl", "nt": ".nt", "jsonld": ".jsonld", "trig": ".trig",
              "nquads": ".nq", "graphml": ".graphml", "gexf": ".gexf", "csv": ".zip",
              "claimreview": ".claimreview.jsonld"}
RDF_FORMATS = ("turtle", "nt", "jsonld", "trig", "nquads")
_WRITERS = {"turtle": write_turtle, "nt": write_ntriples, "jsonld": write_jsonld,
            "trig": write_trig, "nquads": write_nquads}
_ALIASES = {"ttl": "turtle", "ntriples": "nt", "n-triples": "nt", "json-ld": "jsonld",
            "nq": "nquads", "n-quads": "nquads", "zip": "csv"}


def check_format(format: str) -> str:  # noqa: A002 - the name users know from the CLI
    """The canonical name of an export format, or :class:`ExportError` naming the choices."""
    name = _ALIASES.get(format.lower(), format.lower()) if format else ""
    if name not in FORMATS:
        raise ExportError(f"unknown export format {format!r}; use one of "
                          f"{', '.join(FORMATS)}.", code="NG502", source=format)
    return name


def media_type(format: str) -> str:  # noqa: A002
    """The media type of an export format (``text/turtle`` for ``turtle`` …)."""
    return FORMATS[check_format(format)]


def format_for_media_type(accept: str | None) -> str | None:
    """The export format an HTTP ``Accept`` header asks for (highest q first), or None.

    >>> format_for_media_type("application/n-quads, text/turtle;q=0.5")
    'nquads'
    """
    if not accept:
        return None
    by_type = {v: k for k, v in FORMATS.items() if k != "claimreview"}
    ranked = []
    for position, part in enumerate(accept.split(",")):
        kind, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if kind in by_type and q > 0:
            ranked.append((-q, position, by_type[kind]))
    return min(ranked)[2] if ranked else None


def iter_export(store: object, format: str, *, namespace: str | None = None,  # noqa: A002
                context: str = "embedded", counter: Counter | None = None,
                documents: set[str] | frozenset[str] | None = None) -> Iterator[bytes]:
    """The export of ``store`` as a stream of byte chunks, for an HTTP response.

    Parameters
    ----------
    store : GraphStore
        The store to export (it must offer ``dump()``, as the embedded store does).
    format : str
        One of :data:`FORMATS`; its media type is ``FORMATS[format]``.
    namespace : str, optional
        Base of the data IRIs (default ``NEWSGRAPH_NAMESPACE``).
    context : str
        For JSON-LD: ``embedded`` (default) or ``remote`` (refer to the context's IRI).
    counter : Counter, optional
        Receives the number of RDF statements written.
    documents : set of str, optional
        Export only what these documents support (a view: an entity's, an event's or a
        query's sources; see :meth:`Snapshot.restricted`); default the whole graph.

    Notes
    -----
    The store is read once, at the start, into a snapshot. N-Triples, N-Quads, Turtle,
    TriG and JSON-LD are then written one kind of node at a time; GraphML and GEXF are
    built as a networkx graph first, and CSV as an in-memory zip.
    """
    name = check_format(format)
    snap = Snapshot.from_store(store)
    if documents is not None:
        snap = snap.restricted(documents)
    if name in _WRITERS:
        model = RdfModel(snap, namespace)
        writer = _WRITERS[name]
        chunks = (writer(model, counter, context=context) if name == "jsonld"
                  else writer(model, counter))
        for chunk in chunks:
            yield chunk.encode("utf-8")
        return
    iris = Iris.for_namespace(namespace)
    if name == "claimreview":
        yield claim_reviews_json(snap, iris).encode("utf-8")
        return
    if name == "csv":
        yield csv_zip(snap, iris)
        return
    lines = (graphml_format.iter_graphml(snap, iris) if name == "graphml"
             else graphml_format.iter_gexf(snap, iris))
    buffer: list[str] = []
    for line in lines:
        buffer.append(line)
        if len(buffer) >= 2048:
            yield "".join(buffer).encode("utf-8")
            buffer = []
    if buffer:
        yield "".join(buffer).encode("utf-8")


def view_documents(store: object, *, documents: list[str] | tuple[str, ...] = (),
                   entity: str | None = None, event: str | None = None) -> set[str]:
    """The documents of a view: those given, those that mention an entity or report its
    events, and those that report an event.

    Raises :class:`~ingest.errors.NotFoundError` for an id the store does not hold.
    """
    chosen = set()
    for doc in documents:
        chosen.add(store.get_document(doc).id)
    if entity is not None:
        chosen |= {ref.document for ref in store.sources(entity)}
        for record in store.timeline(entity=entity):
            chosen |= {ref.document for ref in record.sources}
    if event is not None:
        chosen |= {ref.document for ref in store.sources(event)}
    return chosen


def claim_reviews(snap: Snapshot, iris: Iris) -> list[dict]:
    """The schema.org ``ClaimReview`` of every reviewed claim, by claim id; each
    ``itemReviewed`` carries the claim's IRI (``@id``) of the RDF export."""
    from graph.claim_records import claim_from_row, claim_review_jsonld

    reviews = []
    for cid in sorted(snap.claims):
        row = {**snap.claims[cid], "claimant_entity": snap.claims[cid]["claimant"],
               "links": []}
        if not row["data"].get("review"):
            continue
        claim = claim_from_row(row, lambda target: {"id": target}, lambda doc: None)
        reviews.append(claim_review_jsonld(claim, claim_iri=iris.claim(cid)))
    return reviews


def claim_reviews_json(snap: Snapshot, iris: Iris) -> str:
    """:func:`claim_reviews` as the text of a JSON array."""
    return json.dumps(claim_reviews(snap, iris), ensure_ascii=False, indent=2,
                      sort_keys=True) + "\n"


def export(store: object, format: str, out: str | Path | BinaryIO, *,  # noqa: A002
           namespace: str | None = None, context: str = "embedded",
           documents: set[str] | frozenset[str] | None = None) -> dict:
    """Write the export of ``store`` to a file, a folder (CSV) or a binary stream.

    Parameters
    ----------
    store : GraphStore
    format : str
        One of :data:`FORMATS`.
    out : str, Path or binary file object
        Where to write. For ``csv``, a path ending in ``.zip`` (or a stream) gets a zip
        of both files; any other path is a folder that receives ``nodes.csv`` and
        ``edges.csv``.
    namespace, context, documents
        As for :func:`iter_export`.

    Returns
    -------
    dict
        ``format``, ``media_type``, ``bytes`` written, ``statements`` (RDF formats) and
        ``path`` (None for a stream).

    Raises
    ------
    ExportError
        For an unknown format, a store that cannot be exported, or a path that cannot
        be written.
    """
    name = check_format(format)
    counter = Counter()
    result = {"format": name, "media_type": FORMATS[name], "bytes": 0,
              "statements": None, "path": None}
    if name == "csv" and isinstance(out, str | Path) and not str(out).endswith(".zip"):
        try:
            snap = Snapshot.from_store(store)
            if documents is not None:
                snap = snap.restricted(documents)
            paths = write_csv_folder(snap, Iris.for_namespace(namespace), Path(out))
        except OSError as exc:
            raise ExportError(f"cannot write the CSV files ({exc}); check the folder.",
                              code="NG503", source=str(out)) from exc
        result.update(bytes=sum(p.stat().st_size for p in paths), path=str(out))
        return result
    try:
        if isinstance(out, str | Path):
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            stream: BinaryIO = open(out, "wb")  # noqa: SIM115 - closed below
            result["path"] = str(out)
        else:
            stream = out
        try:
            for chunk in iter_export(store, name, namespace=namespace, context=context,
                                     counter=counter, documents=documents):
                stream.write(chunk)
                result["bytes"] += len(chunk)
        finally:
            if isinstance(out, str | Path):
                stream.close()
    except OSError as exc:
        raise ExportError(f"cannot write the export ({exc}); check the path.",
                          code="NG503", source=str(out)) from exc
    if name in RDF_FORMATS:
        result["statements"] = counter.statements
    return result


def export_bytes(store: object, format: str, **kw: object) -> bytes:  # noqa: A002
    """The whole export in memory (for tests and small stores)."""
    buffer = io.BytesIO()
    export(store, format, buffer, **kw)
    return buffer.getvalue()


__all__ = ["EXTENSIONS", "FORMATS", "RDF_FORMATS", "Counter", "build_dataset", "check_format",
           "export", "export_bytes", "format_for_media_type", "iter_export", "media_type",
           "model_of", "view_documents"]
