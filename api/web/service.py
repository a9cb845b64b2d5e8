"""``/v1/sources``, ``/v1/health``, ``/v1/stats`` and ``/v1/schemas/extraction``."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from api.web.context import JSON, store_of
from api.web.models import Counts, Health, SourcePage
from api.web.openapi import errors
from api.web.pages import Page as PageParams
from api.web.pages import page_params, slice_page
from api.web.problems import INVALID_REQUEST, ApiProblem
from api.web.security import require_read
from graph.queries.sources import summarize_sources

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schemas" / "extraction.schema.json"

router = APIRouter(prefix="/v1", dependencies=[Depends(require_read)])
open_router = APIRouter(prefix="/v1")


def newsgraph_version() -> str:
    try:
        return version("newsgraph")
    except PackageNotFoundError:  # pragma: no cover - running from a checkout
        return "0+unknown"


@lru_cache(maxsize=1)
def extraction_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@router.get("/sources", response_model=SourcePage, responses=errors(404), tags=["sources"])
def sources(
    request: Request,
    node: Annotated[str | None, Query(max_length=300, description="A node id (document, "
                                      "entity, event, date, affiliation).",
                                      examples=["ent:person:mukhtar-ablyazov"])] = None,
    edge: Annotated[str | None, Query(max_length=300, description="An edge id "
                                      "(rel:KIND:hash).")] = None,
    page: PageParams = Depends(page_params),
) -> JSON:
    """The documents and sentences that support a node or an edge (give exactly one),
    ordered by publication, document, then position in the text."""
    if (node is None) == (edge is None):
        raise ApiProblem(422, "give exactly one of node= and edge=.", code=INVALID_REQUEST,
                         errors=[{"location": "query", "name": "node", "type": "missing",
                                  "detail": "give exactly one of node= and edge="}])
    found = store_of(request).sources(node if node is not None else edge)
    return JSON(slice_page(request, page, found, render=lambda s: s.as_json(),
                           summary=summarize_sources(found)))


@router.get("/stats", response_model=Counts, responses=errors(), tags=["service"])
def counts(request: Request) -> JSON:
    """How many documents, entities, events, dates and edges of each kind the store holds."""
    return JSON(store_of(request).counts())


@router.get("/schemas/extraction", responses=errors(), tags=["service"])
def extraction_json_schema() -> JSON:
    """The JSON Schema of an extraction record (``newsgraph extract --json``)."""
    return JSON(extraction_schema())


@open_router.get("/health", response_model=Health, responses=errors(), tags=["service"])
def health(request: Request) -> JSON:
    """Whether the API is up, which store it serves, and what needs a token. Always open."""
    state = request.app.state
    return JSON({"status": "ok", "version": newsgraph_version(),
                 "store": type(state.store).__name__, "read_only": state.read_only,
                 "auth": {"writes": bool(state.settings.api_token),
                          "reads": bool(state.settings.read_token)}})
