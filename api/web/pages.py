"""Offset pagination: a capped ``limit``, an ``offset``, and a ``next`` link.

Every list answers with the envelope ``{"items", "total", "limit", "offset", "next",
"next_offset"}``; ``total`` is null when counting would cost a full scan, ``next`` is
the relative URL of the next page (null on the last page). Orders are stable: each
list documents its sort key, which always ends with an id.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Query, Request

from api.web.limits import MAX_OFFSET, MAX_PAGE_SIZE


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int


def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE,
                                description=f"Items per page (1-{MAX_PAGE_SIZE}).")] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")] = 0,
) -> Page:
    """The page asked for (a FastAPI dependency)."""
    return Page(limit, offset)


def next_link(request: Request, page: Page) -> str:
    url = request.url.include_query_params(limit=page.limit, offset=page.offset + page.limit)
    return f"{url.path}?{url.query}"


def envelope(request: Request, page: Page, items: Sequence, *, more: bool,
             total: int | None = None, **extra: object) -> dict:
    """The response envelope for one page; ``more`` says whether another page follows."""
    has_next = more and page.offset + page.limit <= MAX_OFFSET
    return {
        **extra,
        "items": list(items),
        "total": total,
        "limit": page.limit,
        "offset": page.offset,
        "next": next_link(request, page) if has_next else None,
        "next_offset": page.offset + page.limit if has_next else None,
    }


def slice_page(request: Request, page: Page, items: Sequence,
               render: Callable[[Any], Any] | None = None, **extra: object) -> dict:
    """The envelope for one page of a list that is already complete in memory; ``render``
    turns each chosen item into JSON."""
    chosen = items[page.offset:page.offset + page.limit]
    if render is not None:
        chosen = [render(item) for item in chosen]
    return envelope(request, page, chosen, more=page.offset + page.limit < len(items),
                    total=len(items), **extra)
