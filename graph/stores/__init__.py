"""Graph stores, built by :func:`make_store`.

``embedded`` is the SQLite store of record (:class:`graph.stores.sqlite.SQLiteStore`).
``neo4j`` is the Neo4j store (:class:`graph.stores.neo4j.Neo4jStore`); its driver is
imported only when a Neo4j store is built, so the embedded path never needs it.
"""

from __future__ import annotations

from collections.abc import Callable

from graph.store import GraphStore
from ingest.errors import StoreError
from ingest.settings import settings


def _embedded(**kw: object) -> GraphStore:
    from graph.stores.sqlite import SQLiteStore

    return SQLiteStore(kw.pop("path", None), **kw)


def _neo4j(**kw: object) -> GraphStore:
    try:
        from graph.stores.neo4j import Neo4jStore
    except ImportError as exc:  # pragma: no cover - the driver is an optional dependency
        raise StoreError(f"the Neo4j store needs the neo4j driver ({exc}); "
                         "pip install 'neo4j>=5.20'.", code="NG307") from exc
    return Neo4jStore(kw.pop("uri", None), **kw)


STORE_FACTORIES: dict[str, Callable[..., GraphStore]] = {"embedded": _embedded, "neo4j": _neo4j}
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
