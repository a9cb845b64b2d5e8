"""``/v1/entities`` (search, one entity, its neighbours) and ``/v1/paths``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request

from api.web.context import JSON, resolve, store_of
from api.web.limits import MAX_NEIGHBOR_DEPTH, MAX_PATH_DEPTH, MAX_PATHS
from api.web.models import EntityDetail, EntityHit, NeighborPage, Page, Paths
from api.web.openapi import errors
from api.web.pages import Page as PageParams
from api.web.pages import envelope, page_params, slice_page
from api.web.security import require_read
from graph.model import ENTITY_TYPES

router = APIRouter(prefix="/v1", tags=["entities"], dependencies=[Depends(require_read)])

EntityId = Annotated[str, Path(description="An entity id, e.g. ent:person:mukhtar-ablyazov.",
                               examples=["ent:person:mukhtar-ablyazov"])]


@router.get("/entities", response_model=Page[EntityHit], responses=errors())
def search_entities(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=200, examples=["Ablyazov"],
                            description="A name or alias, possibly misspelt.")],
    type: Annotated[str | None, Query(  # noqa: A002 - the name users know from the CLI
        description=f"Entity type: one of {', '.join(ENTITY_TYPES)}.",
        examples=["PERSON"])] = None,
    page: PageParams = Depends(page_params),
) -> JSON:
    """Entities by name or alias: exact matches first, then whole words (a surname), then
    prefixes, then fuzzy matches; ties by name, then id."""
    store = store_of(request)
    hits = store.search_entities(q, type=type, limit=page.limit + 1, offset=page.offset)
    items = [{**entity.as_json(), "matched_name": hit.matched_name, "match": hit.match,
              "score": hit.score} for entity, hit in hits[:page.limit]]
    return JSON(envelope(request, page, items, more=len(hits) > page.limit))


@router.get("/entities/{entity_id}/neighbors", response_model=NeighborPage,
            responses=errors(404))
def entity_neighbors(
    request: Request, entity_id: EntityId,
    depth: Annotated[int, Query(ge=1, le=MAX_NEIGHBOR_DEPTH,
                                description="Hops (1-3).")] = 1,
    page: PageParams = Depends(page_params),
) -> JSON:
    """Entities linked to this one by shared events or documents, nearest first."""
    store = store_of(request)
    entity = store.get_entity(entity_id)
    found = store.neighbors(entity.id, depth=depth)
    return JSON(slice_page(request, page, found, entity=entity.as_json()))


@router.get("/entities/{entity_id}", response_model=EntityDetail, responses=errors(404))
def get_entity(request: Request, entity_id: EntityId) -> JSON:
    """One entity with its attributes, aliases, mention count and documents."""
    store = store_of(request)
    entity = store.get_entity(entity_id)
    mentions = store.sources(entity.id)
    documents: dict[str, dict] = {}
    for source in mentions:
        documents.setdefault(source.document, {
            "id": source.document, "title": source.title, "url": source.url,
            "outlet": source.outlet, "published": source.published})
    return JSON({**entity.as_json(), "mention_count": len(mentions),
                 "in_documents": list(documents.values())})


@router.get("/paths", response_model=Paths, responses=errors(404))
def paths(
    request: Request,
    from_: Annotated[str, Query(alias="from", min_length=1, max_length=200,
                                description="First entity (id or name).",
                                examples=["Mukhtar Ablyazov"])],
    to: Annotated[str, Query(min_length=1, max_length=200,
                             description="Second entity (id or name).", examples=["YouTube"])],
    max_depth: Annotated[int, Query(ge=1, le=MAX_PATH_DEPTH, description="Hops (1-6).")] = 4,
    limit: Annotated[int, Query(ge=1, le=MAX_PATHS, description="Most paths (1-100).")] = 5,
) -> JSON:
    """Shortest chains of events and documents linking two entities, each hop with the
    sources behind it."""
    store = store_of(request)
    first, second = resolve(store, from_), resolve(store, to)
    found = store.paths(first.id, second.id, max_depth=max_depth, limit=limit)
    return JSON({"from": first.as_json(), "to": second.as_json(), "max_depth": max_depth,
                 "paths": found})
