"""``/v1/events`` (filtered, in time order), ``/v1/events/{id}`` and ``/v1/timeline``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request

from api.web.context import JSON, entity_id_of, store_of
from api.web.limits import DATE_PATTERN
from api.web.models import Event, EventDetail, Page
from api.web.openapi import errors
from api.web.pages import Page as PageParams
from api.web.pages import envelope, page_params, slice_page
from api.web.security import require_read

router = APIRouter(prefix="/v1", tags=["events"], dependencies=[Depends(require_read)])

TypeQ = Annotated[str | None, Query(max_length=64, description="Event type, e.g. OUTAGE.",
                                    examples=["OUTAGE"])]
CountryQ = Annotated[str | None, Query(max_length=200, description="Country name.",
                                       examples=["Kazakhstan"])]
EntityQ = Annotated[str | None, Query(max_length=200, description="Entity id or name "
                                      "(participant or place).", examples=["Ablyazov"])]
FromQ = Annotated[str | None, Query(alias="from", pattern=DATE_PATTERN, examples=["2016-12-01"],
                                    description="From (YYYY-MM-DD, YYYY-MM or YYYY).")]
ToQ = Annotated[str | None, Query(pattern=DATE_PATTERN, examples=["2016-12-31"],
                                  description="To (YYYY-MM-DD, YYYY-MM or YYYY).")]


@router.get("/events", response_model=Page[Event], responses=errors(404))
def list_events(request: Request, type: TypeQ = None,  # noqa: A002 - the CLI's name
                country: CountryQ = None, from_: FromQ = None, to: ToQ = None,
                entity: EntityQ = None, page: PageParams = Depends(page_params)) -> JSON:
    """Dated events matching every filter, ordered by start day, end day, then id.

    An event matches a date range when its interval overlaps it (a month-granular event
    overlaps every day of its month)."""
    store = store_of(request)
    found = store.list_events(type=type, country=country, entity=entity_id_of(store, entity),
                              start=from_, end=to, limit=page.limit + 1, offset=page.offset)
    items = [e.as_json() for e in found[:page.limit]]
    return JSON(envelope(request, page, items, more=len(found) > page.limit))


@router.get("/events/{event_id}", response_model=EventDetail, responses=errors(404))
def get_event(request: Request, event_id: Annotated[str, Path(
        description="An event id.", examples=["ev:outage:839ff952094afd04"])]) -> JSON:
    """One event with every report of it: the evidence sentence and offsets of each, and
    the word that triggered the event in it (``trigger``, with ``trigger_start`` and
    ``trigger_end`` in the sentence when known; null for reports stored without one).
    An event no report dates has ``date`` null."""
    return JSON(store_of(request).event_detail(event_id))


@router.get("/timeline", response_model=Page[Event], responses=errors(404))
def timeline(request: Request, entity: EntityQ = None, country: CountryQ = None,
             type: TypeQ = None, from_: FromQ = None, to: ToQ = None,  # noqa: A002
             place: Annotated[str | None, Query(max_length=200, description="Place entity "
                                                "(id or name).")] = None,
             page: PageParams = Depends(page_params)) -> JSON:
    """Events in the order they happened (start day, end day, id), each with its sources."""
    store = store_of(request)
    events = store.timeline(entity=entity_id_of(store, entity), place=entity_id_of(store, place),
                            country=country, type=type, start=from_, end=to)
    return JSON(slice_page(request, page, events, render=lambda e: e.as_json()))
