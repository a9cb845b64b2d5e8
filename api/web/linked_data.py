"""``/v1/export`` (the graph as RDF, GraphML, GEXF or CSV) and ``/v1/sparql``
(read-only SPARQL 1.1 over the exported graph).

Export formats are chosen by ``?format=`` or, without it, by the ``Accept`` header
(``text/turtle``, ``application/n-triples``, ``application/ld+json``,
``application/trig``, ``application/n-quads``, …); the RDF formats are streamed.
``document``, ``entity`` and ``event`` narrow an export to one view: what those documents
(an entity's, an event's) support. SPARQL runs in a worker that is killed at the time
limit; updates, ``SERVICE`` and ``FROM`` are refused (``graph/sparql.py``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response, StreamingResponse

from api.web.context import entity_id_of, store_of
from api.web.openapi import errors
from api.web.problems import ApiProblem
from api.web.security import require_read
from graph.export import (
    EXTENSIONS,
    FORMATS,
    check_format,
    format_for_media_type,
    iter_export,
    view_documents,
)
from graph.sparql import run_sparql
from ingest.errors import QueryError

router = APIRouter(prefix="/v1", tags=["linked data"], dependencies=[Depends(require_read)])

SPARQL_TIMEOUT_S = 30.0
MAX_QUERY_CHARS = 20_000
SPARQL_STATUS = {"NG424": 406, "NG426": 503, "NG427": 503}
MAX_VIEW_DOCUMENTS = 1000


@router.get("/export", responses={200: {"content": {t: {} for t in set(FORMATS.values())},
                                        "description": "The graph in the chosen format."},
                                  **errors(400, 404, 406)},
            summary="Export the graph (RDF, GraphML, GEXF, CSV), or one view of it")
def export(request: Request,
           format: Annotated[str | None, Query(  # noqa: A002 - the CLI's name
               description=f"One of {', '.join(FORMATS)}; without it, the Accept header "
               "chooses (Turtle by default).", max_length=20)] = None,
           document: Annotated[list[str] | None, Query(
               max_length=MAX_VIEW_DOCUMENTS, description="Export only what these documents "
               "support (repeat the parameter).")] = None,
           entity: Annotated[str | None, Query(
               max_length=200, description="Export only what the documents that mention "
               "this entity (id or name) or report its events support.")] = None,
           event: Annotated[str | None, Query(
               max_length=200, description="Export only what the documents reporting this "
               "event support.")] = None) -> Response:
    chosen = format or format_for_media_type(request.headers.get("accept")) or "turtle"
    name = check_format(chosen)
    store = store_of(request)
    documents = None
    suffix = ""
    if document or entity or event:
        documents = view_documents(store, documents=document or [],
                                   entity=entity_id_of(store, entity), event=event)
        suffix = "-view"
    return StreamingResponse(
        iter_export(store, name, documents=documents), media_type=FORMATS[name],
        headers={"Content-Disposition":
                 f'attachment; filename="newsgraph{suffix}{EXTENSIONS[name]}"'},
    )


def _sparql(request: Request, query: str | None) -> Response:
    if not query:
        raise ApiProblem(400, "give a SPARQL query as ?query= (GET) or in the body (POST, "
                         "application/sparql-query or a form field `query`).", code="NG410")
    if len(query) > MAX_QUERY_CHARS:
        raise ApiProblem(413, f"the query is longer than {MAX_QUERY_CHARS} characters.",
                         code="NG413")
    try:
        body, media = run_sparql(store_of(request), query, timeout_s=SPARQL_TIMEOUT_S,
                                 accept=request.headers.get("accept"))
    except QueryError as exc:
        status = SPARQL_STATUS.get(exc.code)
        if status is None:
            raise
        raise ApiProblem(status, exc.message, code=exc.code) from exc
    return Response(body, media_type=media)


@router.get("/sparql", responses={200: {"description": "SPARQL results."},
                                  **errors(400, 406, 413)},
            summary="Read-only SPARQL 1.1 (SELECT, ASK, CONSTRUCT, DESCRIBE)")
def sparql_get(request: Request, query: Annotated[str | None, Query(
        description="A SPARQL 1.1 query; updates and SERVICE are refused.",
        max_length=MAX_QUERY_CHARS)] = None) -> Response:
    return _sparql(request, query)


@router.post("/sparql", responses={200: {"description": "SPARQL results."},
                                   **errors(400, 406, 413, 415)},
             summary="Read-only SPARQL 1.1, the query in the body")
async def sparql_post(request: Request) -> Response:
    kind = (request.headers.get("content-type") or "").split(";")[0].strip()
    if kind == "application/sparql-query":
        query = (await request.body()).decode("utf-8", errors="replace")
    elif kind == "application/x-www-form-urlencoded":
        query = (await request.form()).get("query")
    else:
        raise ApiProblem(415, "send the query as application/sparql-query or as a form field "
                         "`query` (application/x-www-form-urlencoded).", code="NG415")
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(_sparql, request, query if isinstance(query, str) else None)
