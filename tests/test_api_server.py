"""The API served by a real uvicorn on 127.0.0.1 (a subprocess), over real HTTP (httpx)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from tests.api_fixtures import TOKEN, module_db, samples_db  # noqa: F401
from tests.conftest import ROOT

LIMIT = 4096
EXAMPLE = ("/v1/correlations/followed?cause=BROADCAST&cause_affiliation=opposition"
           "&effect=OUTAGE&within=P3D&same_place=true")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(module_db, tmp_path_factory):  # noqa: F811 - a fixture from tests.api_fixtures
    port = free_port()
    log = tmp_path_factory.mktemp("server") / "uvicorn.log"
    env = {**os.environ, "NEWSGRAPH_API_TOKEN": TOKEN, "NEWSGRAPH_READ_TOKEN": "",
           "NEWSGRAPH_MAX_REQUEST_BYTES": str(LIMIT)}
    code = f"from api.app import serve; serve('127.0.0.1', {port}, {str(module_db)!r})"
    with log.open("wb") as sink:
        process = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env,
                                   stdout=sink, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the server did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield base, log
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_health(server):
    base, _ = server
    body = httpx.get(f"{base}/v1/health").json()
    assert body["status"] == "ok" and body["auth"]["writes"] is True


def test_example_question_over_http(server):
    base, _ = server
    pairs = httpx.get(base + EXAMPLE).json()
    kz = [p for p in pairs if p["effect"]["date"]["value"] == "2016-12-16"
          and p["effect"]["country"] == "Kazakhstan"]
    assert len(kz) == 1
    assert kz[0]["effect"]["sources"][0]["url"].endswith("kazakhstan-2016-independence-day-block")


def test_write_without_and_with_token(server):
    base, log = server
    article = {"id": "served-1", "text": "WhatsApp was blocked in Uganda on 12 January 2021, "
               "two days before the election, the regulator said."}
    missing = httpx.post(f"{base}/v1/documents", json=article)
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"].startswith("Bearer")
    assert missing.headers["content-type"] == "application/problem+json"
    wrong = httpx.post(f"{base}/v1/documents", json=article,
                       headers={"Authorization": "Bearer not-the-token"})
    assert wrong.status_code == 403
    created = httpx.post(f"{base}/v1/documents", json=article,
                         headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
    assert created.status_code == 201, created.text
    assert httpx.get(f"{base}/v1/documents/served-1").json()["id"] == "served-1"
    deleted = httpx.delete(f"{base}/v1/documents/served-1",
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert deleted.status_code == 204
    text = log.read_text()
    assert '"POST /v1/documents HTTP/1.1" 401' in text  # the access log is on ...
    assert TOKEN not in text  # ... and prints no headers
    assert "not-the-token" not in log.read_text()


def test_oversized_bodies_get_413(server):
    base, _ = server
    headers = {"Authorization": f"Bearer {TOKEN}", "content-type": "text/plain"}
    declared = httpx.post(f"{base}/v1/documents", content=b"x" * (LIMIT + 1), headers=headers)
    assert declared.status_code == 413
    assert declared.json()["code"] == "NG413"

    def chunks():
        for _ in range(3):
            yield b"y" * (LIMIT // 2)

    streamed = httpx.post(f"{base}/v1/documents", content=chunks(), headers=headers)
    assert streamed.status_code == 413
    assert streamed.headers["content-type"] == "application/problem+json"
    assert httpx.get(f"{base}/v1/health").status_code == 200  # the server carries on


def test_serve_refuses_a_public_address_without_a_token(monkeypatch):
    from api.app import serve
    from ingest.errors import NewsgraphError

    monkeypatch.delenv("NEWSGRAPH_API_TOKEN", raising=False)
    with pytest.raises(NewsgraphError) as refused:
        serve("0.0.0.0", free_port(), ":memory:")  # noqa: S104 - the address being refused
    assert refused.value.code == "NG418" and "--read-only" in str(refused.value)
    from api.web.server import check_exposure, is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0")  # noqa: S104
    check_exposure("0.0.0.0", api_token="t", read_only=False)  # noqa: S104
    check_exposure("0.0.0.0", api_token="", read_only=True)  # noqa: S104
