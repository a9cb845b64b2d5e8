"""Limits of the HTTP API, and the middleware that refuses oversized bodies.

Bodies over ``max_request_bytes`` (``NEWSGRAPH_MAX_REQUEST_BYTES``) are refused with a
413 problem *before* anything parses them: a declared ``Content-Length`` is checked
before the application is called, and a chunked body is counted as it streams in and
cut off as soon as it passes the limit.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.web.problems import BODY_TOO_LARGE, MEDIA_TYPE, ApiProblem, problem_bytes

MAX_PAGE_SIZE = 100
"""Largest ``limit`` of a paginated list."""
MAX_OFFSET = 1_000_000
MAX_BATCH = 100
"""Most documents in one ``POST /v1/documents``."""
MAX_FOLLOWED_PAGE = 1000
"""Largest ``limit`` of ``/v1/correlations/followed`` (a bare JSON array, like the CLI)."""
MAX_PATH_DEPTH = 6
MAX_NEIGHBOR_DEPTH = 3
MAX_PATHS = 100
MAX_PERMUTATIONS = 10_000
MAX_WINDOW_DAYS = 366
WINDOW_PATTERN = r"^\s*(\d+(\.\d+)?\s*[smhdwSMHDW]|\d+|[Pp][0-9.WwDdTtHhMmSs]+)\s*$"
"""What a ``within`` window looks like: 3d, 12h, 2w, 30 (days), P3D, PT12H."""
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
"""A date as YYYY, YYYY-MM or YYYY-MM-DD."""


class BodyTooLarge(ApiProblem):
    def __init__(self, limit: int):
        super().__init__(413, f"the request body is larger than {limit:,} bytes "
                         "(NEWSGRAPH_MAX_REQUEST_BYTES); send fewer or smaller documents.",
                         code=BODY_TOO_LARGE)


class BodySizeLimit:
    """ASGI middleware: 413 for a body over ``max_bytes``, declared or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await _refuse(send, self.max_bytes)
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge:
            if started:
                raise
            await _refuse(send, self.max_bytes)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _refuse(send: Send, limit: int) -> None:
    body = problem_bytes(413, BodyTooLarge(limit).message, BODY_TOO_LARGE)
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", MEDIA_TYPE.encode()),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
