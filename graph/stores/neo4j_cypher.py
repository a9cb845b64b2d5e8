"""A read-only Cypher runner for the HTTP API: ad-hoc questions, no way to change the graph.

:func:`run_read_only` takes three server-side guards, so that nothing depends on
parsing Cypher text in Python:

1. the query is planned with ``EXPLAIN`` (nothing runs) and refused unless the server
   classifies it as read-only (``query_type == "r"``; writes are ``w``/``rw``, schema
   and DBMS procedures ``s``), and unless its plan is free of operators that read
   outside the graph or act on other sessions (``LOAD CSV``, ``SHOW``/``TERMINATE
   TRANSACTIONS``, settings) and calls only allow-listed read procedures. In a READ
   session the server itself permits ``LOAD CSV`` (it reads files and URLs),
   ``dbms.killConnections`` and ``TERMINATE TRANSACTIONS``, hence this check;
2. it then runs in a READ access-mode session with ``execute_read``, where the server
   refuses any write (``Neo.ClientError.Statement.AccessMode``);
3. with a transaction timeout (``unit_of_work(timeout=…)``), which the server enforces
   by terminating the transaction, and a row cap: at most ``row_cap`` rows are pulled
   (``fetch_size``) and ``truncated`` says whether more were there.

Errors become :class:`~ingest.errors.QueryError` (the query's fault: refused, invalid,
too slow) or :class:`~ingest.errors.StoreError` (the server's).
"""

from __future__ import annotations

import math
from datetime import date, datetime, time

import neo4j
from neo4j.exceptions import ClientError, Neo4jError, ServiceUnavailable, SessionExpired
from neo4j.graph import Node, Path, Relationship

from ingest.errors import QueryError, StoreError

DEFAULT_TIMEOUT_S = 10.0
DEFAULT_ROW_CAP = 1000

# Plan operators that read outside the graph or look at / act on other sessions.
REFUSED_OPERATORS = ("LoadCSV", "TerminateTransactions", "ShowTransactions", "ShowSettings",
                     "ShowServers", "ShowDatabase", "ShowUsers", "ShowRoles",
                     "ShowPrivileges", "ShowCurrentUser", "ShowProcedures", "ShowFunctions")
# Read-only procedures a query may call (exact names).
ALLOWED_PROCEDURES = frozenset({
    "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization",
    "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
    "db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships",
    "db.index.vector.queryNodes", "db.index.vector.queryRelationships",
})


def _operators(plan: dict | None) -> list[tuple[str, str]]:
    """Every operator of a plan as (type without the ``@db`` suffix, details)."""
    found = []
    stack = [plan] if plan else []
    while stack:
        node = stack.pop()
        found.append((str(node.get("operatorType", "")).split("@")[0],
                      str((node.get("args") or {}).get("Details") or "")))
        stack.extend(node.get("children") or [])
    return found


def check_plan(query_type: str | None, plan: dict | None) -> None:
    """Refuse a planned query that is not plainly read-only; see the module docstring."""
    if query_type != "r":
        kind = {"w": "writes", "rw": "reads and writes", "s": "changes the schema or calls a "
                "write or admin procedure"}.get(query_type or "", f"is of type {query_type!r}")
        raise QueryError(f"only read-only Cypher is allowed; this query {kind}.",
                         code="NG431")
    for operator, details in _operators(plan):
        if operator.startswith(REFUSED_OPERATORS):
            raise QueryError(f"only queries over the graph are allowed; {operator} is refused.",
                             code="NG431")
        if operator == "ProcedureCall":
            name = details.split("(")[0].strip()
            if name not in ALLOWED_PROCEDURES:
                raise QueryError(f"procedure {name or '?'} is not allowed; allowed: "
                                 f"{', '.join(sorted(ALLOWED_PROCEDURES))}.", code="NG431")


def to_json(value: object) -> object:
    """A Cypher value as plain JSON: nodes, relationships and paths as objects, temporal
    values as ISO strings."""
    if isinstance(value, Node):
        return {"element_id": value.element_id, "labels": sorted(value.labels),
                "properties": {k: to_json(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"element_id": value.element_id, "type": value.type,
                "start": value.start_node.element_id if value.start_node else None,
                "end": value.end_node.element_id if value.end_node else None,
                "properties": {k: to_json(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return {"nodes": [to_json(n) for n in value.nodes],
                "relationships": [to_json(r) for r in value.relationships]}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, date | datetime | time) or hasattr(value, "iso_format"):
        iso = getattr(value, "iso_format", None)
        return iso() if iso else value.isoformat()
    if isinstance(value, bytes | bytearray):
        return value.hex()
    return str(value)


def run_read_only(driver: neo4j.Driver, database: str | None, query: str,
                  params: dict | None = None, *, timeout_s: float = DEFAULT_TIMEOUT_S,
                  row_cap: int = DEFAULT_ROW_CAP) -> dict:
    """Run one read-only Cypher query with a timeout and a row cap.

    Parameters
    ----------
    driver : neo4j.Driver
    database : str or None
        The database (None: the server's default).
    query : str
        Cypher; values must be given as ``$parameters``.
    params : dict, optional
    timeout_s : float
        Transaction timeout enforced by the server.
    row_cap : int
        Most rows returned.

    Returns
    -------
    dict
        ``{"columns": [...], "rows": [[...], ...], "truncated": bool}``.

    Raises
    ------
    QueryError
        Refused (not read-only, LOAD CSV, a disallowed procedure), invalid, or stopped by
        the timeout.
    StoreError
        The server is unreachable or failed.
    """
    if not isinstance(query, str) or not query.strip():
        raise QueryError("the Cypher query is empty.", code="NG431")
    if timeout_s <= 0 or row_cap < 1:
        raise QueryError("timeout_s and row_cap must be positive.", code="NG431")
    params = dict(params or {})

    @neo4j.unit_of_work(timeout=timeout_s)
    def plan(tx: neo4j.ManagedTransaction) -> tuple[str | None, dict | None]:
        summary = tx.run("EXPLAIN " + query, params).consume()
        return summary.query_type, summary.plan

    @neo4j.unit_of_work(timeout=timeout_s)
    def run(tx: neo4j.ManagedTransaction) -> dict:
        result = tx.run(query, params)
        columns = list(result.keys())
        rows, truncated = [], False
        for record in result:
            if len(rows) >= row_cap:
                truncated = True
                break
            rows.append([to_json(v) for v in record.values()])
        return {"columns": columns, "rows": rows, "truncated": truncated}

    try:
        with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS,
                            fetch_size=row_cap + 1) as session:
            check_plan(*session.execute_read(plan))
            return session.execute_read(run)
    except (ServiceUnavailable, SessionExpired) as exc:
        raise StoreError(f"the Neo4j server is unreachable ({exc}).", code="NG311") from exc
    except ClientError as exc:
        code = exc.code or ""
        if "TransactionTimedOut" in code or "Terminated" in code:
            raise QueryError(f"the query ran longer than {timeout_s:g} s and was stopped; "
                             "narrow it (a label, an indexed property, a LIMIT).",
                             code="NG432") from exc
        if code.endswith("AccessMode") or "Forbidden" in code:
            raise QueryError("only read-only Cypher is allowed; the server refused a write "
                             f"({exc.message}).", code="NG431") from exc
        raise QueryError(f"Neo4j refused the query: {exc.message}", code="NG430") from exc
    except Neo4jError as exc:
        raise StoreError(f"Neo4j failed to run the query ({exc}).", code="NG312") from exc
