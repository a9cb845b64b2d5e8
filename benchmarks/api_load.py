"""How fast does the HTTP API answer, and what does HTTP cost over a direct call?

Builds a store from ``samples/`` with the real pipeline (or uses ``--db``), starts the
API with uvicorn on a free 127.0.0.1 port in a subprocess, and for each endpoint runs
``--clients`` concurrent asyncio + httpx clients for ``--seconds``. It reports requests
per second and p50/p95/p99 latency for an entity lookup (``GET /v1/entities/{id}``) and
the example ``followed`` question, then times the same Python queries called directly
on the same store in this process (one caller), and prints the ratios. Loopback only;
client count and duration are bounded.

Run::

    .venv/bin/python benchmarks/api_load.py                       # 16 clients, 10 s each
    .venv/bin/python benchmarks/api_load.py --clients 4 --seconds 3
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.stores import make_store  # noqa: E402

HOST = "127.0.0.1"
MAX_CLIENTS = 64
MAX_SECONDS = 60
ENTITY = "ent:person:mukhtar-ablyazov"
FOLLOWED = {"cause": "BROADCAST", "cause_affiliation": "opposition", "effect": "OUTAGE",
            "within": "P3D", "same_place": "true"}


def fill_from_samples(path: Path) -> None:
    from ingest.pipeline import extract_paths

    store = make_store("embedded", path=path)
    try:
        for item in extract_paths([str(ROOT / "samples")]):
            if isinstance(item, dict):
                store.write_extraction(item)
    finally:
        store.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    code = f"from api.app import serve; serve({HOST!r}, {port}, {str(db)!r}, read_only=True, " \
           "log_level='warning')"
    env = {**os.environ, "NEWSGRAPH_READ_TOKEN": ""}
    process = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://{HOST}:{port}/v1/health", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("the server did not start within 60 s")


def summary(latencies: list[float], elapsed: float) -> dict:
    ordered = sorted(latencies)

    def quantile(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    return {"requests": len(ordered), "per_second": round(len(ordered) / elapsed, 1),
            "p50_ms": round(quantile(0.50), 2), "p95_ms": round(quantile(0.95), 2),
            "p99_ms": round(quantile(0.99), 2),
            "mean_ms": round(statistics.fmean(ordered) * 1000, 2)}


async def load(url: str, params: dict, clients: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        await client.get(url, params=params)  # warm the caches
        stop = time.perf_counter() + seconds

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < stop:
                started = time.perf_counter()
                response = await client.get(url, params=params)
                latencies.append(time.perf_counter() - started)
                errors += response.status_code != 200

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        elapsed = time.perf_counter() - began
    return {**summary(latencies, elapsed), "errors": errors, "clients": clients}


def direct(call: Callable[[], object], seconds: float) -> dict:
    call()
    latencies = []
    began = time.perf_counter()
    stop = began + seconds
    while time.perf_counter() < stop:
        started = time.perf_counter()
        call()
        latencies.append(time.perf_counter() - started)
    return {**summary(latencies, time.perf_counter() - began), "clients": 1}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--db", type=Path, help="an existing store (default: build from samples)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    clients = max(1, min(args.clients, MAX_CLIENTS))
    seconds = max(0.5, min(args.seconds, MAX_SECONDS))
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "samples.db"
            fill_from_samples(db)
        port = free_port()
        server = start_server(db, port)
        base = f"http://{HOST}:{port}"
        try:
            http = {
                "entity": asyncio.run(load(f"{base}/v1/entities/{ENTITY}", {}, clients,
                                           seconds)),
                "followed": asyncio.run(load(f"{base}/v1/correlations/followed", FOLLOWED,
                                             clients, seconds)),
            }
        finally:
            server.terminate()
            server.wait(timeout=30)
        store = make_store("embedded", path=db)
        try:
            filters = {k: v for k, v in FOLLOWED.items() if k not in ("cause", "effect",
                                                                       "within")}
            filters["same_place"] = True
            calls = {
                "entity": lambda: (store.get_entity(ENTITY), store.sources(ENTITY)),
                "followed": lambda: [p.as_json() for p in store.followed(
                    "BROADCAST", "OUTAGE", "P3D", **filters)],
            }
            in_process = {name: direct(call, seconds) for name, call in calls.items()}
        finally:
            store.close()
    report = {"clients": clients, "seconds": seconds, "cpus": os.cpu_count(), "endpoints": {}}
    for name in http:
        report["endpoints"][name] = {
            "http": http[name], "direct": in_process[name],
            "throughput_ratio": round(http[name]["per_second"]
                                      / in_process[name]["per_second"], 3),
            "p50_ratio": round(http[name]["p50_ms"] / max(in_process[name]["p50_ms"], 1e-3),
                               1),
        }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"{clients} clients, {seconds:g} s per endpoint, {os.cpu_count()} CPUs, uvicorn 1 "
          "worker on 127.0.0.1")
    print(f"{'endpoint':10} {'mode':7} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name, row in report["endpoints"].items():
        for mode in ("http", "direct"):
            r = row[mode]
            print(f"{name:10} {mode:7} {r['per_second']:9.1f} {r['p50_ms']:8.2f} "
                  f"{r['p95_ms']:8.2f} {r['p99_ms']:8.2f}")
        print(f"{'':10} HTTP/direct throughput {row['throughput_ratio']:.3f}, "
              f"p50 latency x{row['p50_ratio']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
