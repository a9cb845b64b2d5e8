"""Graph stores, built by :func:`make_store`.

``embedded`` is the SQLite store of record (:class:`graph.stores.sqlite.SQLiteStore`).
A Neo4j store is registered under ``neo4j`` by a later issue.
"""

from __future__ import annotations

from collections.abc import Callable

from graph.store import GraphStore
from ingest.errors import StoreError
from ingest.settings import settings


def _embedded(**kw: object) -> GraphStore:
    from graph.stores.sqlite import SQLiteStore

    return SQLiteStore(kw.pop("path", None), **kw)


STORE_FACTORIES: dict[str, Callable[..., GraphStore]] = {"embedded": _embedded}
"""Store kinds and the functions that build them; another store registers itself here."""


def make_store(kind: str | None = None, **kw: object) -> GraphStore:
    """Build a graph store.

    Parameters
    ----------
    kind : str, optional
        ``embedded`` (SQLite), a registered kind such as ``neo4j``, or a ``bolt://`` /
        ``neo4j://`` URI (then the ``neo4j`` factory is used with ``uri=kind``).
        Defaults to ``settings().store`` (``NEWSGRAPH_STORE``).
    **kw
        Passed to the factory; the embedded store takes ``path`` (default
        ``settings().db``) and ``timeout``.

    Raises
    ------
    StoreError
        When the kind is unknown or not installed.
    """
    kind = kind or settings().store
    if "://" in kind:
        kw.setdefault("uri", kind)
        kind = "neo4j"
    factory = STORE_FACTORIES.get(kind)
    if factory is None:
        raise StoreError(f"unknown store {kind!r}; use one of {sorted(STORE_FACTORIES)} "
                         "(set NEWSGRAPH_STORE).", code="NG306", source=kind)
    return factory(**kw)


__all__ = ["STORE_FACTORIES", "make_store"]
