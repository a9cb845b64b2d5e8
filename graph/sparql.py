"""Read-only SPARQL 1.1 over the RDF export of a store.

``SELECT``, ``ASK``, ``CONSTRUCT`` and ``DESCRIBE`` run over the dataset of the TriG /
N-Quads export: one named graph per document (``…/id/graph/<doc id>``) and a default
graph that is the union of every graph, so that a query without ``GRAPH`` sees
everything. Results come in the standard formats (SPARQL JSON, XML, CSV, TSV; Turtle,
N-Triples, JSON-LD for graphs).

Safety
------
Every query is parsed with rdflib's SPARQL parser and its algebra inspected before it
runs: updates (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ``CREATE``, ``DROP``, ``COPY``,
``MOVE``, ``ADD``), ``SERVICE`` anywhere in the query, and ``FROM`` / ``FROM NAMED``
(which rdflib would fetch from the web) are refused with a :class:`QueryError`.

Time limit
----------
A query runs in a forked worker process that is killed when it passes ``timeout_s``.
A thread cannot be stopped in Python, so a runaway query in a thread would keep a core
busy after the caller gave up; a forked process shares the dataset with its parent
copy-on-write (nothing is pickled or reloaded) and is really stopped. Where ``fork`` is
not available the query runs in a thread and is abandoned, not stopped, at the limit.

Engines
-------
``oxigraph`` (pyoxigraph, when installed) or ``rdflib``; see ``docs/export.md`` for the
measurements behind the default. The dataset is built once per store state and cached
until the store changes (:func:`store_version`).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import weakref
from collections.abc import Callable
from pathlib import Path

from ingest.errors import QueryError

SELECT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
}
_SHORT = {"application/json": "json", "sparql-results+json": "json", "srj": "json",
          "srx": "xml", "ttl": "turtle", "n-triples": "nt", "ntriples": "nt",
          "json-ld": "jsonld", "text/plain": "nt"}
DEFAULT_TIMEOUT_S = 30.0
_UPDATES = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD")


# ---------------------------------------------------------------------------------------
# Checking a query
# ---------------------------------------------------------------------------------------

def _walk(node: object, seen: set[int]) -> bool:
    """True when the algebra (or parse tree) below ``node`` holds a SERVICE pattern."""
    if id(node) in seen:
        return False
    seen.add(id(node))
    name = getattr(node, "name", None)
    if isinstance(name, str) and name.startswith("Service"):
        return True
    if isinstance(node, dict):
        return any(_walk(v, seen) for v in node.values())
    if isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        return any(_walk(v, seen) for v in node)
    return False


def check_query(query: str) -> str:
    """Parse a query and return its form (``SelectQuery``, ``AskQuery``,
    ``ConstructQuery`` or ``DescribeQuery``).

    Raises
    ------
    QueryError
        ``NG420`` for a syntax error, ``NG421`` for an update, ``NG422`` for ``SERVICE``,
        ``NG423`` for ``FROM`` / ``FROM NAMED``.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    if not query or not query.strip():
        raise QueryError("the SPARQL query is empty; give a SELECT, ASK, CONSTRUCT or "
                         "DESCRIBE query.", code="NG420")
    try:
        parsed = parseQuery(query)
    except ParseException as exc:
        try:
            parseUpdate(query)
        except ParseException:
            raise QueryError(f"the SPARQL query does not parse: {exc}. Check it against "
                             "SPARQL 1.1 (prefixes declared, braces balanced).",
                             code="NG420") from exc
        raise QueryError("SPARQL updates (" + ", ".join(_UPDATES) + ") are refused: the "
                         "export is read-only. Change the graph with `newsgraph ingest`.",
                         code="NG421") from exc
    if _walk(parsed, set()):
        raise QueryError("SERVICE is refused: queries run over the newsgraph export only "
                         "and never call other endpoints.", code="NG422")
    if "datasetClause" in parsed[1]:
        raise QueryError("FROM and FROM NAMED are refused: the dataset is fixed. The "
                         "default graph is the union of all graphs; select one document's "
                         "statements with GRAPH <…/id/graph/DOC> { … }.", code="NG423")
    try:
        algebra = translateQuery(parsed)
    except Exception as exc:  # rdflib raises plain exceptions for semantic errors
        raise QueryError(f"the SPARQL query is not valid: {exc}.", code="NG420") from exc
    if _walk(algebra.algebra, set()):
        raise QueryError("SERVICE is refused: queries run over the newsgraph export only.",
                         code="NG422")
    return algebra.algebra.name


def result_format(form: str, accept: str | None) -> tuple[str, str]:
    """The short name and media type of the result format for a query form and an
    ``accept`` value (a short name, a media type, or an HTTP Accept header)."""
    table = GRAPH_TYPES if form in ("ConstructQuery", "DescribeQuery") else SELECT_TYPES
    if not accept or accept.strip() in ("*/*", ""):
        name = next(iter(table))
        return name, table[name]
    by_type = {v: k for k, v in table.items()}
    candidates = []
    for position, part in enumerate(accept.split(",")):
        kind, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        kind = _SHORT.get(kind.lower(), kind.lower())
        if kind in ("*/*", "application/*", "text/*"):
            kind = next(iter(table))
        name = kind if kind in table else by_type.get(kind)
        if name and q > 0:
            candidates.append((-q, position, name))
    if not candidates:
        kind = "graph" if table is GRAPH_TYPES else "SELECT/ASK"
        raise QueryError(f"cannot give {accept!r} for a {kind} query; ask for one of "
                         f"{', '.join(list(table) + list(table.values()))}.", code="NG424")
    name = min(candidates)[2]
    return name, table[name]


# ---------------------------------------------------------------------------------------
# Engines
# ---------------------------------------------------------------------------------------

def _oxigraph_available() -> bool:
    try:
        import pyoxigraph  # noqa: F401
    except ImportError:
        return False
    return True


def default_engine() -> str:
    """``oxigraph`` when pyoxigraph is installed, else ``rdflib``."""
    return "oxigraph" if _oxigraph_available() else "rdflib"


class RdflibEngine:
    """rdflib's in-memory SPARQL engine over an rdflib Dataset (default graph = union)."""

    name = "rdflib"

    def __init__(self, model: object):
        from graph.export.rdf import build_dataset

        self.dataset = build_dataset(model)

    def run(self, query: str, form: str, fmt: str) -> bytes:
        result = self.dataset.query(query)
        if form in ("ConstructQuery", "DescribeQuery"):
            return result.graph.serialize(format={"jsonld": "json-ld"}.get(fmt, fmt),
                                          encoding="utf-8")
        if fmt == "tsv":  # rdflib has no TSV writer
            return _tsv(result)
        return result.serialize(format=fmt, encoding="utf-8")


def _tsv_term(term: object) -> str:
    from rdflib import BNode, Literal

    from graph.export.rdf import Lit
    from graph.export.rdf_text import nt_term

    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        if term.language:
            return nt_term(Lit(str(term))) + "@" + term.language
        return nt_term(Lit(str(term), str(term.datatype) if term.datatype else None))
    return f"<{term}>"


def _tsv(result: object) -> bytes:
    """SPARQL 1.1 TSV results: ``?var`` headers, terms in N-Triples syntax."""
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    lines += ["\t".join(_tsv_term(row[v]) for v in result.vars) for row in result]
    return ("\n".join(lines) + "\n").encode("utf-8")


class OxigraphEngine:
    """Oxigraph's SPARQL engine over an in-memory pyoxigraph Store, loaded from the
    N-Quads export by its Rust parser."""

    name = "oxigraph"

    def __init__(self, model: object):
        import pyoxigraph as ox

        from graph.export.rdf_text import write_nquads, write_ntriples

        self.store = ox.Store()
        # The default graph holds the union of every graph, deduplicated, as rdflib's
        # default_union does: Oxigraph's own use_default_graph_as_union would count a
        # statement once per graph that holds it, so COUNTs would differ.
        for chunk in write_ntriples(model):
            self.store.bulk_load(chunk.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
        for chunk in write_nquads(model):
            self.store.bulk_load(chunk.encode("utf-8"), format=ox.RdfFormat.N_QUADS)

    def run(self, query: str, form: str, fmt: str) -> bytes:
        import pyoxigraph as ox

        result = self.store.query(query)
        if form in ("ConstructQuery", "DescribeQuery"):
            rdf = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                   "jsonld": ox.RdfFormat.JSON_LD}[fmt]
            return result.serialize(format=rdf)
        results = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                   "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}[fmt]
        return result.serialize(format=results)


ENGINES: dict[str, Callable[[object], object]] = {"rdflib": RdflibEngine,
                                                   "oxigraph": OxigraphEngine}


# ---------------------------------------------------------------------------------------
# The cache of built datasets
# ---------------------------------------------------------------------------------------

def store_version(store: object) -> tuple:
    """A value that changes whenever the store is written: its counts, and for a file
    store the size and modification time of the database and its write-ahead log (so a
    document replaced by one with as many facts still counts as a change)."""
    stamp: list = [type(store).__name__, repr(store.counts())]
    path = getattr(store, "path", None)
    if isinstance(path, str) and path != ":memory:":
        for suffix in ("", "-wal"):
            try:
                info = os.stat(path + suffix)
            except OSError:
                continue
            stamp.append((suffix, info.st_size, info.st_mtime_ns))
    return tuple(stamp)


_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_CACHE_LOCK = threading.Lock()


def engine_for(store: object, engine: str | None = None, namespace: str | None = None):  # noqa: ANN201
    """The engine loaded with ``store``'s export, built once per store state."""
    from graph.export.rdf import model_of

    name = engine or default_engine()
    if name not in ENGINES:
        raise QueryError(f"unknown SPARQL engine {name!r}; use one of {sorted(ENGINES)}.",
                         code="NG425")
    key = (name, namespace, store_version(store))
    with _CACHE_LOCK:
        cached = _CACHE.get(store, {})
        if key in cached:
            return cached[key]
        built = ENGINES[name](model_of(store, namespace))
        _CACHE[store] = {**{k: v for k, v in cached.items() if k[0] != name}, key: built}
        return built


# ---------------------------------------------------------------------------------------
# Running a query under a time limit
# ---------------------------------------------------------------------------------------

def _in_child(engine: object, query: str, form: str, fmt: str, conn) -> None:  # noqa: ANN001
    try:
        conn.send(("ok", engine.run(query, form, fmt)))
    except BaseException as exc:  # report every failure to the parent
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _timeout_error(timeout_s: float) -> QueryError:
    return QueryError(f"the SPARQL query ran longer than {timeout_s:g} s and was stopped; "
                      "narrow it (fewer variables, a LIMIT, a more selective pattern first).",
                      code="NG426")


def run_forked(engine: object, query: str, form: str, fmt: str, timeout_s: float) -> bytes:
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_in_child, args=(engine, query, form, fmt, sender),
                             daemon=True)
    worker.start()
    sender.close()
    try:
        if not receiver.poll(timeout_s):
            raise _timeout_error(timeout_s)
        status, payload = receiver.recv()
    except EOFError as exc:
        raise QueryError("the SPARQL worker died before answering; the query may need "
                         "more memory than the server has.", code="NG427") from exc
    finally:
        receiver.close()
        if worker.is_alive():
            worker.kill()
        worker.join()
    if status != "ok":
        raise QueryError(f"the SPARQL query failed: {payload}.", code="NG420")
    return payload


def _run_threaded(engine: object, query: str, form: str, fmt: str, timeout_s: float) -> bytes:
    box: dict = {}

    def work() -> None:
        try:
            box["ok"] = engine.run(query, form, fmt)
        except Exception as exc:  # reported below
            box["error"] = f"{type(exc).__name__}: {exc}"

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(timeout_s)
    if thread.is_alive():
        raise _timeout_error(timeout_s)
    if "error" in box:
        raise QueryError(f"the SPARQL query failed: {box['error']}.", code="NG420")
    return box["ok"]


def run_sparql(dataset_or_store: object, query: str, *, timeout_s: float = DEFAULT_TIMEOUT_S,
               accept: str | None = None, engine: str | None = None,
               namespace: str | None = None) -> tuple[bytes, str]:
    """Run a read-only SPARQL query and return ``(body, media_type)``.

    Parameters
    ----------
    dataset_or_store : GraphStore, engine, or rdflib Graph / Dataset
        A store (its export is built and cached per store state), an engine from
        :func:`engine_for`, or an rdflib graph or dataset to query as it is.
    query : str
        A SPARQL 1.1 SELECT, ASK, CONSTRUCT or DESCRIBE query.
    timeout_s : float
        The time limit; the worker is killed when it passes.
    accept : str, optional
        A short name (``json``, ``xml``, ``csv``, ``tsv``; ``turtle``, ``nt``,
        ``jsonld``), a media type, or an HTTP ``Accept`` header. Default: SPARQL JSON for
        SELECT/ASK, Turtle for CONSTRUCT/DESCRIBE.
    engine : str, optional
        ``oxigraph`` or ``rdflib`` (default :func:`default_engine`).

    Raises
    ------
    QueryError
        When the query is refused or invalid, the format cannot be given, or the time
        limit passes.
    """
    form = check_query(query)
    fmt, media = result_format(form, accept)
    if form == "AskQuery" and fmt in ("csv", "tsv"):
        raise QueryError("ASK answers come as SPARQL JSON or XML, not CSV or TSV.",
                         code="NG424")
    runner = _runner(dataset_or_store, engine, namespace)
    if "fork" in multiprocessing.get_all_start_methods():
        body = run_forked(runner, query, form, fmt, timeout_s)
    else:  # pragma: no cover - Windows
        body = _run_threaded(runner, query, form, fmt, timeout_s)
    return body, media


def _runner(target: object, engine: str | None, namespace: str | None) -> object:
    """An engine for a store, an engine, or an rdflib graph or dataset given as is."""
    from rdflib import Graph

    if isinstance(target, RdflibEngine | OxigraphEngine):
        return target
    if isinstance(target, Graph):
        wrapped = RdflibEngine.__new__(RdflibEngine)
        wrapped.dataset = target
        return wrapped
    return engine_for(target, engine, namespace)


def read_query(text: str | None = None, path: str | Path | None = None) -> str:
    """The query text given inline or in a file (for the CLI)."""
    if path is not None:
        try:
            return Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"cannot read the query file ({exc}).", code="NG420",
                             source=str(path)) from exc
    if not text:
        raise QueryError("give a SPARQL query, or --file with one.", code="NG420")
    return text
