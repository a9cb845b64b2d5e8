"""One error shape for the whole HTTP API: ``application/problem+json`` (RFC 9457).

Every error response has ``type``, ``title``, ``status``, ``detail`` and ``code`` (a
newsgraph ``NGxxx`` code); validation errors add ``errors``, a list of
``{"location", "name", "detail", "type"}``. :func:`install` registers the one set of
exception handlers that produce it:

============================================  =========================================
exception                                     status
============================================  =========================================
:class:`ApiProblem` (auth, limits, media)     its own (401, 403, 413, 415, 422)
:class:`~ingest.errors.NotFoundError`         404
:class:`~ingest.errors.QueryError`            422 (unreadable or unbounded query)
:class:`~ingest.errors.InputError`            422, or 413 for NG105 (article too large)
:class:`~ingest.errors.StoreError`, NG2xx     503 (store or pipeline unavailable)
other :class:`~ingest.errors.NewsgraphError`  400
``RequestValidationError``                    422, with ``errors``
``HTTPException`` (unknown route, method)     its status
anything else                                 500, without internals
============================================  =========================================

API error codes (``NG41x``): NG410 invalid request, NG411 credentials missing, NG412
token refused, NG413 body too large, NG414 batch too large, NG415 unsupported media
type, NG416 server is read-only, NG417 no such route or method, NG418 refusing to
serve writes on a public address without a token, NG419 nothing in the request could
be ingested, NG499 internal error.
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.routing import Match, Route

from ingest.errors import (
    ClaimError,
    InputError,
    NewsgraphError,
    NotFoundError,
    QueryError,
    StoreError,
)

LOGGER = logging.getLogger("newsgraph.api")
MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "https://w3id.org/newsgraph/problems/"

INVALID_REQUEST = "NG410"
CREDENTIALS_MISSING = "NG411"
TOKEN_REFUSED = "NG412"  # noqa: S105 - an error code, not a password
BODY_TOO_LARGE = "NG413"
BATCH_TOO_LARGE = "NG414"
UNSUPPORTED_MEDIA_TYPE = "NG415"
READ_ONLY = "NG416"
NO_SUCH_ROUTE = "NG417"
PUBLIC_WITHOUT_TOKEN = "NG418"  # noqa: S105 - an error code, not a password
NOTHING_INGESTED = "NG419"
INTERNAL = "NG499"


class ApiProblem(NewsgraphError):
    """An error of the HTTP layer itself, with its status and optional headers."""

    code = INVALID_REQUEST

    def __init__(self, status: int, message: str, *, code: str, headers: dict | None = None,
                 errors: list[dict] | None = None, source: str | None = None):
        super().__init__(message, code=code, source=source)
        self.status = status
        self.headers = headers or {}
        self.errors = errors


def problem(status: int, detail: str, code: str, *, errors: list[dict] | None = None,
            instance: str | None = None) -> dict:
    """The problem object for an error (``type``, ``title``, ``status``, ``detail``, ``code``)."""
    body = {
        "type": f"{TYPE_BASE}{code}",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "code": code,
    }
    if instance:
        body["instance"] = instance
    if errors is not None:
        body["errors"] = errors
    return body


def problem_bytes(status: int, detail: str, code: str, **kw: object) -> bytes:
    return json.dumps(problem(status, detail, code, **kw), ensure_ascii=False).encode("utf-8")


def problem_response(status: int, detail: str, code: str, *, headers: dict | None = None,
                     errors: list[dict] | None = None, instance: str | None = None) -> Response:
    return Response(problem_bytes(status, detail, code, errors=errors, instance=instance),
                    status_code=status, headers=headers, media_type=MEDIA_TYPE)


def status_of(exc: NewsgraphError) -> int:
    """The HTTP status of a newsgraph error."""
    if isinstance(exc, ApiProblem):
        return exc.status
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, QueryError | ClaimError):
        return 422
    if isinstance(exc, InputError):
        return 413 if exc.code == "NG105" else 422
    if isinstance(exc, StoreError) or exc.code.startswith("NG2"):
        return 503  # the store, or the pipeline (model not installed, bad ontology), is down
    return 400


def _detail(exc: NewsgraphError) -> str:
    return f"{exc.source}: {exc.message}" if exc.source else exc.message


def _validation_errors(exc: RequestValidationError) -> list[dict]:
    errors = []
    for error in exc.errors():
        loc = [str(part) for part in error.get("loc", ())]
        location = loc[0] if loc else "request"
        errors.append({"location": location, "name": ".".join(loc[1:]) or location,
                       "detail": str(error.get("msg", "invalid value")),
                       "type": str(error.get("type", "value_error"))})
    return errors


async def _newsgraph_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, NewsgraphError)
    status = status_of(exc)
    headers = exc.headers if isinstance(exc, ApiProblem) else None
    errors = exc.errors if isinstance(exc, ApiProblem) else None
    if status == 503:
        LOGGER.warning("store error on %s %s: %s", request.method, request.url.path, exc)
    return problem_response(status, _detail(exc), exc.code, headers=headers, errors=errors,
                            instance=request.url.path)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = _validation_errors(exc)
    names = ", ".join(sorted({e["name"] for e in errors}))
    return problem_response(422, f"the request is invalid ({names}); see errors.",
                            INVALID_REQUEST, errors=errors, instance=request.url.path)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        detail = f"no route {request.url.path!r}; see /docs for the routes of the API."
    elif exc.status_code == 405:
        detail = f"{request.method} is not allowed on {request.url.path!r}."
    else:
        detail = str(exc.detail)
    headers = dict(exc.headers) if exc.headers else None
    if exc.status_code == 405:
        headers = {**(headers or {}), "Allow": ", ".join(_allowed_methods(request))}
    return problem_response(exc.status_code, detail, NO_SUCH_ROUTE, headers=headers,
                            instance=request.url.path)


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path (Starlette names only the first route's)."""
    methods: set[str] = set()
    for route in request.app.routes:
        if isinstance(route, Route) and route.methods and \
                route.matches({**request.scope, "method": "GET"})[0] != Match.NONE:
            methods |= route.methods
    return sorted(methods)


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    LOGGER.error("unexpected error on %s %s", request.method, request.url.path,
                 exc_info=(type(exc), exc, exc.__traceback__))
    return problem_response(500, "an unexpected error occurred; it has been logged. Please "
                            "report it with the time of the request.", INTERNAL,
                            instance=request.url.path)


def install(app: FastAPI) -> None:
    """Register the one set of exception handlers on ``app``."""
    app.add_exception_handler(NewsgraphError, _newsgraph_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
