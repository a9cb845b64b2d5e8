"""The HTTP API: :func:`create_app` builds it, :func:`serve` runs it (``newsgraph serve``).

The implementation lives in :mod:`api.web`, one module per concern; see ``docs/api.md``.
"""

from api.web import create_app, serve

__all__ = ["create_app", "serve"]
