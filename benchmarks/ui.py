"""The web UI's first load on loopback: bytes transferred and first contentful paint.

Fills a store from ``samples/`` with ``newsgraph ingest`` (unless ``--db`` names one),
starts ``newsgraph serve`` on a free 127.0.0.1 port, and loads pages in a fresh headless
Chromium context each time (Debian's ``/usr/bin/chromium`` driven by Playwright, nothing
cached): the start page and the entity page of Mukhtar Ablyazov (which also loads the
graph library). Bytes are the encoded sizes on the wire (``transferSize`` of the
navigation and of every resource, gzip where the server sends it); first contentful
paint is ``performance.getEntriesByType('paint')``. Prints a table (docs/ui.md).

    .venv/bin/python benchmarks/ui.py                 # 5 runs per page
    .venv/bin/python benchmarks/ui.py --runs 10 --db /tmp/ui.db
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ENTITY = "#/entity/ent%3Aperson%3Amukhtar-ablyazov"
PAGES = {"start page (/)": "", "entity page (with the graph)": ENTITY}

# Everything the page transferred: the document, then every resource it fetched.
TRANSFER_JS = """() => {
  const all = [...performance.getEntriesByType('navigation'),
               ...performance.getEntriesByType('resource')];
  const fcp = performance.getEntriesByType('paint')
    .find((e) => e.name === 'first-contentful-paint');
  return {bytes: all.reduce((n, e) => n + (e.transferSize || 0), 0),
          decoded: all.reduce((n, e) => n + (e.decodedBodySize || 0), 0),
          requests: all.length, fcp: fcp ? fcp.startTime : null};
}"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def newsgraph(*args: str) -> list[str]:
    """The ``newsgraph`` command of this interpreter."""
    return [sys.executable, "-m", "api.cli", *args]


def clean_env() -> dict[str, str]:
    """This environment without tokens: the UI is measured (and tested) with open reads."""
    return {**os.environ, "NEWSGRAPH_API_TOKEN": "", "NEWSGRAPH_READ_TOKEN": "",
            "NEWSGRAPH_CORS_ORIGINS": ""}


def ingest_samples(db: Path) -> None:
    subprocess.run(newsgraph("ingest", str(ROOT / "samples"), "--db", str(db)), cwd=ROOT,
                   env=clean_env(), check=True, stdout=subprocess.DEVNULL, timeout=600)


@contextmanager
def serving(db: Path, log: Path):
    """``newsgraph serve`` over ``db`` on a free loopback port; yields its base URL."""
    port = free_port()
    with log.open("wb") as sink:
        process = subprocess.Popen(newsgraph("serve", "--db", str(db), "--port", str(port)),
                                   cwd=ROOT, env=clean_env(), stdout=sink,
                                   stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "v1/health", timeout=1) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"newsgraph serve did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # pragma: no cover - a stuck server
            process.kill()
            process.wait()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def first_load(browser, url: str, ready: str = "main h1") -> dict:
    """Load ``url`` in a fresh context (empty cache); bytes, requests and FCP in ms."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector(ready)
        page.wait_for_load_state("networkidle")
        return page.evaluate(TRANSFER_JS)
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, help="a store to serve (default: ingest samples/)")
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db = options.db or Path(tmp) / "ui.db"
        if options.db is None:
            print("ingesting samples/ …", file=sys.stderr)
            ingest_samples(db)
        with serving(db, Path(tmp) / "serve.log") as base, sync_playwright() as playwright:
            browser = launch(playwright)
            rows = []
            for name, fragment in PAGES.items():
                ready = "#ego-graph[data-ready]" if fragment else "main h1"
                first_load(browser, base + fragment, ready)  # warm the server, not the browser
                runs = [first_load(browser, base + fragment, ready) for _ in range(options.runs)]
                fcps = [r["fcp"] for r in runs if r["fcp"] is not None]
                rows.append((name, runs[-1]["requests"], runs[-1]["bytes"], runs[-1]["decoded"],
                             statistics.median(fcps) if fcps else float("nan"),
                             max(fcps) if fcps else float("nan")))
            browser.close()
    version = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout
    print(f"{version.strip()}, loopback, fresh context per run, {options.runs} runs\n")
    print("| page | requests | bytes transferred | bytes decoded | FCP median ms | FCP max ms |")
    print("|---|---|---|---|---|---|")
    for name, requests, sent, decoded, fcp, worst in rows:
        print(f"| {name} | {requests} | {sent:,} | {decoded:,} | {fcp:.0f} | {worst:.0f} |")


if __name__ == "__main__":
    main()
