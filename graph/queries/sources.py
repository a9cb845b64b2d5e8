"""Sources: the documents and sentences behind a node or an edge."""

from __future__ import annotations

from graph.model import SourceRef, independent_sources


def summarize_sources(sources: list[SourceRef]) -> dict:
    """A summary of sources: how many rows, documents and independent outlets.

    Independent sources are distinct outlets; a document with no outlet counts as
    its own source.
    """
    return {
        "rows": len(sources),
        "documents": len({s.document for s in sources}),
        "independent": independent_sources(sources),
    }


def order_sources(sources: list[SourceRef]) -> list[SourceRef]:
    """Sources ordered by publication, then document, then position in the text."""
    return sorted(sources, key=lambda s: (s.published or "", s.document,
                                          s.start if s.start is not None else -1))
