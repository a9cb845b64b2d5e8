"""``serve``: run the API with uvicorn over the configured store."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import replace

from api.web.problems import PUBLIC_WITHOUT_TOKEN
from ingest.errors import NewsgraphError
from ingest.settings import settings as current_settings


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine (127.0.0.0/8, ::1, localhost)."""
    name = host.strip("[]")
    if name.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        pass
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(name, None)}
    except OSError:
        return False
    return bool(addresses) and all(ipaddress.ip_address(a.split("%")[0]).is_loopback
                                   for a in addresses)


def check_exposure(host: str, *, api_token: str, read_only: bool) -> None:
    """Refuse to accept writes on a non-loopback address without a write token.

    Raises
    ------
    NewsgraphError
        NG418, naming the two ways out: set NEWSGRAPH_API_TOKEN, or serve read-only.
    """
    if read_only or api_token or is_loopback(host):
        return
    raise NewsgraphError(
        f"refusing to serve writes on {host}, which other machines can reach, without a "
        "token: set NEWSGRAPH_API_TOKEN (clients then send 'Authorization: Bearer "
        "<token>'), or start with --read-only.", code=PUBLIC_WITHOUT_TOKEN, source=host)


def serve(host: str = "127.0.0.1", port: int = 8000, db: str | None = None, *,
          read_only: bool = False, log_level: str = "info") -> None:
    """Serve the API with uvicorn until interrupted.

    Parameters
    ----------
    host, port : str, int
        Where to listen (default 127.0.0.1:8000).
    db : str, optional
        SQLite file of the embedded store; default: the configured store
        (``NEWSGRAPH_STORE`` / ``NEWSGRAPH_DB``).
    read_only : bool
        Refuse every write (then a public address needs no token).
    log_level : str
        uvicorn's log level. Its access log prints the request line only (no headers,
        so no tokens).

    Raises
    ------
    NewsgraphError
        NG418 when ``host`` is not a loopback address, writes are allowed and
        ``NEWSGRAPH_API_TOKEN`` is not set.
    """
    import uvicorn

    from api.web.app import create_app

    config = current_settings()
    if db:
        config = replace(config, store="embedded", db=db)
    check_exposure(host, api_token=config.api_token, read_only=read_only)
    app = create_app(settings=config, read_only=read_only)
    uvicorn.run(app, host=host, port=port, log_level=log_level, proxy_headers=False,
                server_header=False)
