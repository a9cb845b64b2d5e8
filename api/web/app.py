"""The application factory of the HTTP API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api.web import (
    claims,
    correlations,
    cypher,
    documents,
    entities,
    events,
    linked_data,
    openapi,
    problems,
    service,
    ui_routes,
)
from api.web.limits import BodySizeLimit
from graph.store import GraphStore
from graph.stores import make_store
from ingest.settings import Settings
from ingest.settings import settings as current_settings

DESCRIPTION = """\
The newsgraph knowledge graph over HTTP: who did what, when and where in the news, what
followed what, and the documents and sentences behind every answer.

Errors are `application/problem+json` (RFC 9457) with a newsgraph `code`. Lists are
paginated (`limit` at most 100, `offset`, a `next` link). Writes need
`Authorization: Bearer <NEWSGRAPH_API_TOKEN>` when that token is set; reads need
`NEWSGRAPH_READ_TOKEN` when that one is set. See `docs/api.md`.
"""
TAGS = [
    {"name": "documents", "description": "Ingest, read and delete articles."},
    {"name": "entities", "description": "People, organizations, platforms and places."},
    {"name": "events", "description": "Events in time order, with their sources."},
    {"name": "correlations", "description": "What followed what, and is it chance?"},
    {"name": "claims", "description": "Check a claim against the graph and its sources."},
    {"name": "linked data", "description": "RDF, GraphML, GEXF and CSV exports; SPARQL."},
    {"name": "cypher", "description": "Read-only Cypher, when the store is Neo4j."},
    {"name": "sources", "description": "The documents and sentences behind a fact."},
    {"name": "service", "description": "Health, counts and the extraction schema."},
]


def create_app(store: GraphStore | None = None, settings: Settings | None = None, *,
               read_only: bool = False) -> FastAPI:
    """Build the API.

    Parameters
    ----------
    store : GraphStore, optional
        The store to serve; the caller keeps ownership (it is not closed). Without it
        (and without a store set on ``app.state.store`` before the application starts),
        the configured store (``NEWSGRAPH_STORE``, ``NEWSGRAPH_DB``) is opened once when
        the application starts and closed when it stops.
    settings : Settings, optional
        Tokens, limits and CORS origins; defaults to :func:`ingest.settings.settings`.
    read_only : bool
        Refuse every write with 403 (``serve --read-only``).

    Returns
    -------
    FastAPI
    """
    config = settings or current_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if store is not None or app.state.store is not None:  # the caller's store
            yield
            return
        opened = make_store(config.store, path=config.db) if config.store == "embedded" \
            else make_store(config.store)
        app.state.store = opened
        try:
            yield
        finally:
            if app.state.store is opened:
                app.state.store = None
            opened.close()

    app = FastAPI(title="newsgraph", version=service.newsgraph_version(),
                  description=DESCRIPTION, openapi_tags=TAGS, lifespan=lifespan)
    app.state.store = store
    app.state.settings = config
    app.state.read_only = read_only
    problems.install(app)
    for router in (documents.router, entities.router, events.router, correlations.router,
                   claims.router, linked_data.router, cypher.router, service.router,
                   service.open_router):
        app.include_router(router)
    app.include_router(ui_routes.router)  # the newsroom web UI at / (docs/ui.md)
    openapi.install(app)
    origins = [o.strip() for o in config.cors_origins.split(",") if o.strip()]
    if origins:
        app.add_middleware(CORSMiddleware, allow_origins=origins,
                           allow_methods=["GET", "POST", "DELETE"],
                           allow_headers=["Authorization", "Content-Type"],
                           expose_headers=["Link", "X-Total-Count"])
    app.add_middleware(BodySizeLimit, max_bytes=config.max_request_bytes)
    return app
