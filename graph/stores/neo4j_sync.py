"""Copying a graph between the embedded store and Neo4j: ``push`` and ``pull``.

Both copy document by document, through the extractions the stores keep or rebuild
(:meth:`SQLiteStore.extraction_of` rebuilds one from the embedded tables; the Neo4j
store keeps each document's extraction on its node), in the order the documents were
written, and let the target store apply its own ``write_extraction``. The target thus
makes the same merges and gets the same ids as the source did.

Both are resumable and idempotent: a document already in the target with the same
content hash is skipped without being read; re-running after an interruption carries
on where the last committed batch ended. ``push`` writes ``batch`` documents per Neo4j
transaction (all or none of a batch). Neither deletes anything from the target.
Fact-checkers' claims (which belong to no document) are copied after the documents
by :func:`copy_checker_claims`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from graph.store import GraphStore

Progress = Callable[[int, int], None]


def _copy(source: GraphStore, target: GraphStore, batch: int,
          progress: Progress | None, write_batch: Callable[[list[dict]], list]) -> dict:
    began = time.perf_counter()
    have = target.document_hashes()
    mine = source.document_hashes()
    order = source.document_ids_in_write_order()
    todo = [d for d in order if have.get(d) != mine[d]]
    statuses = {"added": 0, "replaced": 0, "unchanged": 0}
    done = 0
    for start in range(0, len(todo), batch):
        chunk = todo[start:start + batch]
        for result in write_batch([source.extraction_of(d) for d in chunk]):
            statuses[result.status] += 1
        done += len(chunk)
        if progress:
            progress(done, len(todo))
    claims = copy_checker_claims(source, target)
    seconds = time.perf_counter() - began
    return {"documents": len(order), "skipped": len(order) - len(todo), **statuses,
            "checker_claims": claims,
            "seconds": round(seconds, 3),
            "documents_per_second": round(len(todo) / seconds, 1) if todo and seconds else None}


def copy_checker_claims(source: GraphStore, target: GraphStore, page: int = 500) -> int:
    """Copy the fact-checkers' claims, evidence links and reviews of ``source`` into
    ``target``: claims it lacks are added whole; for claims it has, links are added
    (or their notes updated) and the source's review wins. Returns how many claims
    the source holds."""
    total, offset = 0, 0
    while True:
        rows = source.claim_rows(origin="checker", limit=page, offset=offset)
        for row in rows:
            if not target.put_claim(row):
                for link in row["links"]:
                    target.put_claim_link(row["id"], link)
                target.set_claim_review(row["id"], row["data"].get("review"))
        total += len(rows)
        offset += page
        if len(rows) < page:
            return total


def push(source: GraphStore, target: GraphStore, *, batch: int = 100,
         progress: Progress | None = None) -> dict:
    """Copy every document of ``source`` (the embedded store) into ``target`` (Neo4j).

    Returns a summary: ``documents`` in the source, ``skipped`` (already there with the
    same hash), ``added``/``replaced``/``unchanged``, ``seconds`` and
    ``documents_per_second``.
    """
    if batch < 1:
        raise ValueError("batch must be at least 1")
    writer = getattr(target, "write_extractions", None) or (
        lambda items: [target.write_extraction(x) for x in items])
    return _copy(source, target, batch, progress, writer)


def pull(source: GraphStore, target: GraphStore, *, progress: Progress | None = None) -> dict:
    """Copy every document of ``source`` (Neo4j) into ``target`` (the embedded store),
    one transaction per document; the summary is that of :func:`push`."""
    return _copy(source, target, 50, progress,
                 lambda items: [target.write_extraction(x) for x in items])
