"""Shared fixtures: the real pipeline (loaded once per session) and the shared data.

The seed article and MEANTIME live in ``../shared`` beside the project. In CI they are
always there, so a missing file fails the test; elsewhere it skips with a message.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seed" / "kazakhstan-2016.txt"
SAMPLES = ROOT / "samples"

pytest_plugins = ["tests.neo4j_server"]


def need_shared(path: Path) -> Path:
    """Return ``path``, or fail (in CI) / skip (elsewhere) when the shared data is missing."""
    if path.exists():
        return path
    message = f"{path} is missing: the shared data set is expected beside the project"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def nlp():
    from ingest.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return need_shared(SEED)


@pytest.fixture(scope="session")
def seed_record(nlp, seed_path) -> dict:
    from ingest.pipeline import extract
    from ingest.readers import read_paths

    (article,) = list(read_paths([seed_path], published="2016-12-18"))
    return extract(article, nlp)


@pytest.fixture(scope="session")
def sample_records(nlp) -> list[dict]:
    from ingest.pipeline import extract_paths

    return [r for r in extract_paths([str(SAMPLES)], nlp=nlp) if isinstance(r, dict)]
