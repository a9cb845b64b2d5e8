"""``/v1/correlations/followed`` (the CLI's ``query followed --json``) and
``/v1/correlations/stats`` (its ``query stats --json``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from api.web.context import JSON, entity_id_of, store_of
from api.web.limits import MAX_FOLLOWED_PAGE, MAX_OFFSET, MAX_PERMUTATIONS, WINDOW_PATTERN
from api.web.models import CorrelationStats, FollowedPair
from api.web.openapi import errors
from api.web.security import require_read
from graph.store import GraphStore

router = APIRouter(prefix="/v1/correlations", tags=["correlations"],
                   dependencies=[Depends(require_read)])


@dataclass(frozen=True)
class Question:
    """The parameters ``followed`` and ``stats`` share (a FastAPI dependency)."""

    cause: str
    effect: str
    within: str
    cause_affiliation: str | None
    effect_affiliation: str | None
    cause_entity: str | None
    effect_entity: str | None
    country: str | None
    place: str | None
    same_place: bool
    shared_entity: bool

    def filters(self, store: GraphStore) -> dict:
        """The keyword filters of :meth:`GraphStore.followed`, entities resolved as the CLI
        resolves them (by id, else by exact then fuzzy name)."""
        return dict(cause_affiliation=self.cause_affiliation,
                    effect_affiliation=self.effect_affiliation,
                    cause_entity=entity_id_of(store, self.cause_entity),
                    effect_entity=entity_id_of(store, self.effect_entity),
                    country=self.country, place=entity_id_of(store, self.place),
                    same_place=self.same_place, shared_entity=self.shared_entity)


def _text(description: str, example: str | None = None) -> object:
    return Query(max_length=200, description=description,
                 examples=[example] if example else None)


def question(
    cause: Annotated[str, Query(min_length=1, max_length=64, examples=["BROADCAST"],
                                description="Cause event type.")],
    effect: Annotated[str, Query(min_length=1, max_length=64, examples=["OUTAGE"],
                                 description="Effect event type.")],
    within: Annotated[str, Query(max_length=32, pattern=WINDOW_PATTERN, examples=["P3D"],
                                 description="Window after the cause: 3d, 12h, 2w, P3D, PT12H "
                                 "(at most 366 days).")] = "3d",
    cause_affiliation: Annotated[str | None, _text(
        "Only causes with a participant of this affiliation.", "opposition")] = None,
    effect_affiliation: Annotated[str | None, _text(
        "Only effects with a participant of this affiliation.")] = None,
    cause_entity: Annotated[str | None, _text(
        "Only causes involving this entity (id or name).")] = None,
    effect_entity: Annotated[str | None, _text(
        "Only effects involving this entity (id or name).")] = None,
    country: Annotated[str | None, _text("Only events in this country.")] = None,
    place: Annotated[str | None, _text("Only events at this place (id or name).")] = None,
    same_place: Annotated[bool, Query(description="Cause and effect at the same place.")
                          ] = False,
    shared_entity: Annotated[bool, Query(description="Cause and effect share a participant.")
                             ] = False,
) -> Question:
    return Question(cause, effect, within, cause_affiliation, effect_affiliation, cause_entity,
                    effect_entity, country, place, same_place, shared_entity)


PAGE_HEADERS = {200: {"description": "The pairs, as `newsgraph query followed --json`.",
                     "headers": {
                         "X-Total-Count": {"description": "All pairs found.",
                                           "schema": {"type": "integer"}},
                         "Link": {"description": 'The next page: `<url>; rel="next"` '
                                  "(absent on the last page).", "schema": {"type": "string"}}}}}


@router.get("/followed", response_model=list[FollowedPair],
            responses={**PAGE_HEADERS, **errors(404)})
def followed(
    request: Request, response: Response, asked: Question = Depends(question),
    limit: Annotated[int, Query(ge=1, le=MAX_FOLLOWED_PAGE, description="Most pairs "
                                f"(1-{MAX_FOLLOWED_PAGE}).")] = MAX_FOLLOWED_PAGE,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Pairs to skip.")] = 0,
) -> JSON:
    """Which EFFECT events started within the window after a CAUSE event.

    The body is the JSON array ``newsgraph query followed --json`` prints, ordered by cause
    start, effect start, cause id, effect id. ``X-Total-Count`` gives the number of pairs
    and a ``Link: <...>; rel="next"`` header the next page when there are more than
    ``limit``. Coarse dates (a month, a year) are matched when the window can contain them
    and are marked ``precise: false``; their lag is the smallest possible."""
    store = store_of(request)
    pairs = store.followed(asked.cause, asked.effect, asked.within, **asked.filters(store))
    chosen = pairs[offset:offset + limit]
    headers = {"X-Total-Count": str(len(pairs))}
    if offset + limit < len(pairs):
        url = request.url.include_query_params(limit=limit, offset=offset + limit)
        headers["Link"] = f'<{url.path}?{url.query}>; rel="next"'
    return JSON([p.as_json() for p in chosen], headers=headers)


@router.get("/stats", response_model=CorrelationStats, responses=errors(404))
def stats(
    request: Request, asked: Question = Depends(question),
    permutations: Annotated[int, Query(ge=1, le=MAX_PERMUTATIONS, description="Random "
                                       f"re-datings of the effects (1-{MAX_PERMUTATIONS})."
                                       )] = 1000,
    seed: Annotated[int, Query(ge=0, le=2**32 - 1, description="Random seed (same seed, "
                               "same answer).")] = 0,
    null: Annotated[Literal["uniform", "circular"], Query(
        description="Null model: uniform re-dating, or circular shifts that keep bursts."
    )] = "uniform",
) -> JSON:
    """Do EFFECT events follow CAUSE events more often than chance? A permutation test
    (the JSON of ``newsgraph query stats --json``)."""
    store = store_of(request)
    result = store.correlation_stats(asked.cause, asked.effect, asked.within,
                                     permutations=permutations, seed=seed, null_model=null,
                                     **asked.filters(store))
    return JSON(result.as_json())
