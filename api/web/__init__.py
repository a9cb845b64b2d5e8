"""The HTTP API of newsgraph (FastAPI), one module per concern.

``app`` (the factory), ``problems`` (the one error shape), ``security`` (tokens),
``limits`` (caps and the body-size middleware), ``pages`` (pagination), ``models``
(response shapes), ``openapi``, and one module of routes per resource: ``documents``,
``entities`` (with ``/v1/paths``), ``events`` (with ``/v1/timeline``), ``correlations``,
``service`` (sources, health, stats, schemas). ``server`` runs it with uvicorn.
"""

from api.web.app import create_app
from api.web.server import serve

__all__ = ["create_app", "serve"]
