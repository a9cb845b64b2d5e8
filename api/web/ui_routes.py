"""The newsroom web UI: ``/`` serves the page, ``/ui/...`` its files (``docs/ui.md``).

The UI is built offline by ``make ui`` into ``api/web/ui/dist/`` (its own files and the
pinned npm libraries, each with a gzip twin). This module only serves that directory:
no CDN, nothing fetched. Without ``dist/``, ``/`` answers a page that says how to build
it. The UI's files hold no data, so they are open even when reads need a token; the
page asks for the token when the API answers 401.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, Response

from api.web.problems import NO_SUCH_ROUTE, ApiProblem

DIST = Path(__file__).resolve().parent / "ui" / "dist"

MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json", ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon",
}
# Scripts only from this server; inline style attributes are set by the graph library.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    # a click on a source link must not tell the outlet what the reporter was looking at
    "Referrer-Policy": "no-referrer",
}

NOT_BUILT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>newsgraph: the web UI is not built</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto;
 padding: 0 1rem">
<h1>The web UI is not built yet</h1>
<p>This server has no <code>api/web/ui/dist/</code>. Build it once, offline, from the
project directory:</p>
<pre><code>make ui</code></pre>
<p>(that runs <code>npm ci</code> and <code>node build.mjs</code> in
<code>api/web/ui/</code>; see <code>docs/ui.md</code>), then reload this page.</p>
<p>The HTTP API works without it: <a href="v1/health">v1/health</a>,
<a href="docs">the API documentation</a>.</p>
</body></html>
"""

router = APIRouter(include_in_schema=False)


def _file_in_dist(name: str) -> Path | None:
    """The file ``name`` inside ``dist/``, or None (never a path outside it)."""
    if not name or "\\" in name or "\x00" in name:
        return None
    root = DIST.resolve()
    path = (root / name).resolve()
    if not path.is_relative_to(root) or not path.is_file() or path.suffix == ".gz":
        return None
    return path


def _send(request: Request, path: Path) -> Response:
    """The file, gzipped when the client accepts it and a twin exists, with an ETag."""
    media_type = MEDIA_TYPES.get(path.suffix, "application/octet-stream")
    headers = {**SECURITY_HEADERS, "Cache-Control": "no-cache", "Vary": "Accept-Encoding"}
    twin = path.with_name(path.name + ".gz")
    if "gzip" in request.headers.get("accept-encoding", "") and twin.is_file():
        body = twin.read_bytes()
        headers["Content-Encoding"] = "gzip"
    else:
        body = path.read_bytes()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers["ETag"] = etag
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    if request.method == "HEAD":
        headers["Content-Length"] = str(len(body))
        return Response(status_code=200, headers=headers, media_type=media_type)
    return Response(body, headers=headers, media_type=media_type)


@router.api_route("/", methods=["GET", "HEAD"])
def index(request: Request) -> Response:
    """The single page of the UI (its views live in the URL's #fragment)."""
    page = _file_in_dist("index.html")
    if page is None:
        return HTMLResponse(NOT_BUILT, status_code=503, headers={"Cache-Control": "no-store"})
    return _send(request, page)


@router.api_route("/ui/{name:path}", methods=["GET", "HEAD"])
def asset(request: Request, name: str) -> Response:
    """A file of the built UI (scripts, styles, the pinned libraries)."""
    path = _file_in_dist(name)
    if path is None:
        raise ApiProblem(404, f"no UI file {name!r}; run 'make ui' to build the UI.",
                         code=NO_SUCH_ROUTE)
    return _send(request, path)
