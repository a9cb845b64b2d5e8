"""Fixtures of the HTTP API tests: a store filled from ``samples/`` by the real pipeline.

The samples are extracted (real spaCy, :func:`ingest.pipeline.load_pipeline`) and
written into one SQLite file once per test session; each test module that writes gets
its own copy of that file. Test modules import the fixtures with
``from tests.api_fixtures import samples_db``.
"""

from __future__ import annotations

import sqlite3
import warnings
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

TOKEN = "test-write-token-0123456789"  # noqa: S105 - a throwaway token for the tests
READ_TOKEN = "test-read-token-9876543210"  # noqa: S105

with warnings.catch_warnings():
    # starlette asks for httpx2; the project pins httpx (see docs/dependencies.md)
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: F401 - re-exported for the tests


@cache
def _build(directory: Path) -> Path:
    from graph.stores import make_store
    from ingest.pipeline import extract_paths, load_pipeline

    path = directory / "samples.db"
    store = make_store("embedded", path=path)
    try:
        for item in extract_paths([str(SAMPLES)], nlp=load_pipeline()):
            if isinstance(item, dict):
                store.write_extraction(item)
    finally:
        store.close()
    return path


def copy_db(source: Path, target: Path) -> Path:
    """A consistent copy of a SQLite store file (WAL included), via the backup API."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    return target


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory) -> Path:
    """The SQLite file holding every sample article (read-only: copy it to write)."""
    return _build(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="module")
def module_db(samples_db, tmp_path_factory) -> Path:
    """A copy of the samples store for one test module, which may write to it."""
    return copy_db(samples_db, tmp_path_factory.mktemp("api") / "samples.db")


__all__ = ["READ_TOKEN", "TOKEN", "TestClient", "copy_db", "module_db", "samples_db"]
