"""Bearer tokens: writes need ``NEWSGRAPH_API_TOKEN`` when it is set, reads need
``NEWSGRAPH_READ_TOKEN`` (or the write token) when that is set.

A missing token is 401 with ``WWW-Authenticate: Bearer``; a wrong one is 403. Tokens
are compared with :func:`hmac.compare_digest` and never logged.
"""

from __future__ import annotations

import hmac

from fastapi import Request

from api.web.problems import CREDENTIALS_MISSING, READ_ONLY, TOKEN_REFUSED, ApiProblem

REALM = 'Bearer realm="newsgraph"'


def _given_token(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def _matches(given: str, *expected: str) -> bool:
    ok = False
    for token in expected:
        if token:  # compare against every configured token: no early exit on a match
            ok |= hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))
    return ok


def _check(request: Request, *tokens: str, what: str) -> None:
    given = _given_token(request)
    if given is None:
        raise ApiProblem(401, f"{what} need a bearer token: send 'Authorization: Bearer "
                         "<token>'.", code=CREDENTIALS_MISSING,
                         headers={"WWW-Authenticate": REALM})
    if not _matches(given, *tokens):
        raise ApiProblem(403, f"the bearer token is not valid for {what}.", code=TOKEN_REFUSED)


def require_write(request: Request) -> None:
    """Dependency of every write route."""
    state = request.app.state
    if state.read_only:
        raise ApiProblem(403, "this server is read-only (started with --read-only); writes "
                         "are refused.", code=READ_ONLY)
    if state.settings.api_token:
        _check(request, state.settings.api_token, what="writes")


def require_read(request: Request) -> None:
    """Dependency of every read route (open unless NEWSGRAPH_READ_TOKEN is set)."""
    config = request.app.state.settings
    if config.read_token:
        _check(request, config.read_token, config.api_token, what="reads")
