"""Shared OpenAPI declarations: the error responses of each route, and the final pass
that gives every 4xx/5xx response the ``application/problem+json`` Problem schema."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api.web.models import Problem
from api.web.problems import MEDIA_TYPE

DESCRIPTIONS = {
    400: "The request could not be served.",
    401: "A bearer token is needed (`WWW-Authenticate: Bearer`).",
    403: "The bearer token is not valid, or the server is read-only.",
    404: "No such document, entity, event, node or edge.",
    413: "The body is larger than NEWSGRAPH_MAX_REQUEST_BYTES, or an article too large.",
    406: "None of the formats in the Accept header can express this result.",
    415: "The content type is not one the API reads.",
    422: "A parameter is invalid or out of bounds (see `errors`).",
    500: "An unexpected error (logged on the server; no internals in the answer).",
    503: "The store is unreachable or locked, or a query ran out of time.",
    504: "The query ran out of time on the database server.",
}
READ_ERRORS = (401, 403, 422, 500, 503)


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` of a route: the given error statuses plus the read errors."""
    return {status: {"description": DESCRIPTIONS[status]}
            for status in sorted(set(statuses) | set(READ_ERRORS))}


def install(app: FastAPI) -> None:
    """Make ``app.openapi()`` declare problem+json for every error response."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version,
                             description=app.description, routes=app.routes, tags=app.openapi_tags)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Problem"] = Problem.model_json_schema(
            ref_template="#/components/schemas/{model}")
        for name in ("HTTPValidationError", "ValidationError"):
            components.pop(name, None)
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                for status, response in operation.get("responses", {}).items():
                    if str(status)[0] in "45":
                        response["content"] = {MEDIA_TYPE: {
                            "schema": {"$ref": "#/components/schemas/Problem"}}}
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
