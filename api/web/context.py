"""What every route needs: the store of this process, entity lookup, JSON rendering."""

from __future__ import annotations

import json
import threading
from typing import Any

from fastapi import Request
from starlette.responses import Response

from graph.model import Entity
from graph.store import GraphStore

EXTRACTION_LOCK = threading.Lock()
"""One extraction at a time per process: spaCy pipelines are not thread-safe."""


class JSON(Response):
    """JSON as the CLI writes it (UTF-8, dates and other values as strings)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, default=str,
                          separators=(",", ":")).encode("utf-8")


def store_of(request: Request) -> GraphStore:
    """The store opened once for this process (see :func:`api.web.app.create_app`)."""
    return request.app.state.store


def entity_id_of(store: GraphStore, name_or_id: str | None) -> str | None:
    """The id of an entity given by id or by name (exact name preferred), or None.

    Raises :class:`~ingest.errors.NotFoundError` (404) when nothing matches.
    """
    if not name_or_id:
        return None
    return resolve(store, name_or_id).id


def resolve(store: GraphStore, name_or_id: str) -> Entity:
    return store.resolve_entity(name_or_id)
