"""``/v1/cypher``: a user's read-only Cypher, when the store is Neo4j.

The query runs in a READ access-mode transaction with a time limit and a row cap, after
the server's own plan (``EXPLAIN``) says it is read-only and uses no operator or procedure
that writes or reaches outside the database (``graph/stores/neo4j_cypher.py``), so a
write fails on the server, not just in our checks.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query, Request
from pydantic import BaseModel, Field

from api.web.context import JSON, store_of
from api.web.openapi import errors
from api.web.problems import ApiProblem
from api.web.security import require_read
from ingest.errors import QueryError

router = APIRouter(prefix="/v1", tags=["cypher"], dependencies=[Depends(require_read)])

TIMEOUT_S = 10.0
ROW_CAP = 1000
MAX_QUERY_CHARS = 10_000
STATUS = {"NG430": 400, "NG431": 403, "NG432": 504}


class CypherQuery(BaseModel):
    """A read-only Cypher query and its parameters."""

    query: str = Field(min_length=1, max_length=MAX_QUERY_CHARS,
                       examples=["MATCH (e:Event {type: $type}) RETURN e.id LIMIT 5"])
    params: dict[str, Any] = Field(default_factory=dict, examples=[{"type": "OUTAGE"}])


class CypherResult(BaseModel):
    """Rows of a Cypher query."""

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool


def _run(request: Request, query: str, params: dict) -> JSON:
    store = store_of(request)
    run = getattr(store, "run_cypher", None)
    if run is None:
        raise ApiProblem(400, "Cypher needs the Neo4j store: start the server with "
                         "NEWSGRAPH_STORE=bolt://… (the embedded store answers SPARQL at "
                         "/v1/sparql).", code="NG433")
    try:
        return JSON(run(query, params, timeout_s=TIMEOUT_S, row_cap=ROW_CAP))
    except QueryError as exc:
        status = STATUS.get(exc.code)
        if status is None:
            raise
        raise ApiProblem(status, exc.message, code=exc.code) from exc


@router.get("/cypher", response_model=CypherResult, responses=errors(400, 504),
            summary="Read-only Cypher (Neo4j store only)")
def cypher_get(request: Request, query: Annotated[str, Query(
        min_length=1, max_length=MAX_QUERY_CHARS, description="A read-only Cypher query.")]):
    return _run(request, query, {})


@router.post("/cypher", response_model=CypherResult, responses=errors(400, 413, 504),
             summary="Read-only Cypher with parameters (Neo4j store only)")
def cypher_post(request: Request, body: Annotated[CypherQuery, Body()]):
    return _run(request, body.query, body.params)
