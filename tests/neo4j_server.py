"""Pytest plugin: a real Neo4j Community 5.26 server for the tests, without Docker.

List it in ``pytest_plugins`` (``pytest_plugins = ["tests.neo4j_server"]``) and use:

* ``neo4j_uri`` (session): builds ``tests/neo4j`` (Maven, once; ``tests/neo4j/build.sh``),
  starts ``org.newsgraph.testing.Neo4jLauncher`` (neo4j-harness, in its own JVM), waits for
  its ``NEO4J_BOLT_URI=`` line and yields ``bolt://127.0.0.1:PORT``. Auth is disabled: use
  ``GraphDatabase.driver(uri, auth=None)``. The server is stopped at the end of the session
  (and at interpreter exit, and by the JVM itself when this process dies and its stdin closes).
* ``neo4j_clean`` (function): the same URI, after deleting every node and relationship and
  dropping every constraint and index (the two built-in token LOOKUP indexes are kept).

Without ``java`` or ``mvn`` the fixtures skip (``pytest.fail`` when ``CI`` is set).

Environment knobs:

* ``NEO4J_TEST_HEAP``: JVM -Xms and -Xmx (default: -Xms256m -Xmx1g);
* ``NEO4J_TEST_PAGECACHE_MB``: page cache in MiB (default 64);
* ``NEO4J_TEST_START_TIMEOUT``: seconds to wait for Bolt after the build (default 180);
* ``NEO4J_TEST_JVM_OPTS``: extra JVM options, shell-quoted.

The launcher's output goes to ``tests/neo4j/target/run-<pid>/launcher.log`` (kept until the
next run). Maven options such as ``-Dmaven.repo.local=...`` can be given through MAVEN_OPTS.
"""

from __future__ import annotations

import atexit
import os
import queue
import shlex
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

if TYPE_CHECKING:
    from neo4j import Driver

NEO4J_DIR = Path(__file__).resolve().parent / "neo4j"
TARGET_DIR = NEO4J_DIR / "target"
LAUNCHER_CLASS = "org.newsgraph.testing.Neo4jLauncher"
URI_PREFIX = "NEO4J_BOLT_URI="
INSTALL_HINT = (
    "the Neo4j test server needs a JDK 17+ and Maven 3.8+ "
    "(Debian/Ubuntu: apt-get install openjdk-17-jdk-headless maven)"
)
BUILD_TIMEOUT_S = 900  # a cold build downloads ~150 MB of jars from Maven Central


class Neo4jServerError(RuntimeError):
    """The test Neo4j server could not be built or started."""


def _tail(path: Path, lines: int = 40) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        return f"(could not read {path}: {exc})"
    return "\n".join(text.splitlines()[-lines:])


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_stale_run_dirs() -> None:
    """Remove ``target/run-<pid>`` folders of pytest processes that are gone."""
    if not TARGET_DIR.is_dir():
        return
    for run_dir in TARGET_DIR.glob("run-*"):
        try:
            pid = int(run_dir.name.removeprefix("run-"))
        except ValueError:
            continue
        if pid != os.getpid() and not _pid_alive(pid):
            shutil.rmtree(run_dir, ignore_errors=True)


def _find_java() -> str | None:
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        candidate = Path(java_home) / "bin" / "java"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which("java")


class Neo4jServer:
    """One launcher JVM: build, start, wait for Bolt, stop."""

    def __init__(self, java: str) -> None:
        self.java = java
        self.proc: subprocess.Popen[str] | None = None
        self.uri: str | None = None
        self.run_dir = TARGET_DIR / f"run-{os.getpid()}"
        self.log_path = self.run_dir / "launcher.log"
        self._lock = threading.Lock()
        self._stray_stdout: list[str] = []
        self._pump: threading.Thread | None = None

    # -- build ------------------------------------------------------------------------------
    @staticmethod
    def build() -> None:
        try:
            result = subprocess.run(
                ["bash", str(NEO4J_DIR / "build.sh")],
                cwd=NEO4J_DIR,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=BUILD_TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise Neo4jServerError(
                f"tests/neo4j/build.sh did not finish in {BUILD_TIMEOUT_S} s"
            ) from exc
        if result.returncode != 0:
            raise Neo4jServerError(
                f"tests/neo4j/build.sh failed (exit {result.returncode}):\n"
                f"{result.stdout}{result.stderr}"
            )

    def command(self) -> list[str]:
        classpath = (NEO4J_DIR / "classpath.txt").read_text(encoding="utf-8").strip()
        heap = os.environ.get("NEO4J_TEST_HEAP")
        # Default: start small (RSS) but allow 1 GiB; an explicit size is used for both.
        heap_opts = [f"-Xms{heap}", f"-Xmx{heap}"] if heap else ["-Xms256m", "-Xmx1g"]
        return [
            self.java,
            f"@{NEO4J_DIR / 'jvm.args'}",
            *heap_opts,
            *shlex.split(os.environ.get("NEO4J_TEST_JVM_OPTS", "")),
            "-cp",
            f"{TARGET_DIR / 'classes'}{os.pathsep}{classpath}",
            LAUNCHER_CLASS,
            "--work-dir",
            str(self.run_dir / "work"),
            "--page-cache-mb",
            os.environ.get("NEO4J_TEST_PAGECACHE_MB", "64"),
        ]

    # -- start ------------------------------------------------------------------------------
    def start(self, timeout_s: float) -> str:
        _remove_stale_run_dirs()
        shutil.rmtree(self.run_dir, ignore_errors=True)
        self.run_dir.mkdir(parents=True)
        lines: queue.Queue[str | None] = queue.Queue()
        with open(self.log_path, "w", encoding="utf-8") as log:
            # stdin stays open: the launcher stops itself when it reads end-of-file, so the
            # JVM also goes away if this process is killed without running any cleanup.
            self.proc = subprocess.Popen(
                self.command(),
                cwd=NEO4J_DIR,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                encoding="utf-8",
                bufsize=1,
            )
        atexit.register(self.stop)
        self._pump = threading.Thread(
            target=self._pump_stdout, args=(self.proc, lines), name="neo4j-stdout", daemon=True
        )
        self._pump.start()

        deadline = time.monotonic() + timeout_s
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.stop(graceful=False)
                raise Neo4jServerError(
                    f"Neo4j did not report a Bolt URI within {timeout_s:.0f} s; "
                    f"{self._diagnostics()}"
                )
            try:
                line = lines.get(timeout=min(remaining, 1.0))
            except queue.Empty:
                continue
            if line is None:  # stdout closed: the JVM died during start-up
                code = self.proc.wait(timeout=30)
                raise Neo4jServerError(
                    f"the Neo4j launcher exited with status {code} before it was ready; "
                    f"{self._diagnostics()}"
                )
            if line.startswith(URI_PREFIX):
                self.uri = line[len(URI_PREFIX) :].strip()
                break
            self._stray_stdout.append(line.rstrip("\n"))  # e.g. the JVM's own start-up errors
        self._verify(deadline)
        return self.uri

    def _diagnostics(self) -> str:
        text = f"last lines of {self.log_path}:\n{_tail(self.log_path)}"
        if self._stray_stdout:
            text += "\nlauncher stdout:\n" + "\n".join(self._stray_stdout[-20:])
        return text

    @staticmethod
    def _pump_stdout(proc: subprocess.Popen[str], lines: queue.Queue[str | None]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    def _verify(self, deadline: float) -> None:
        from neo4j import GraphDatabase
        from neo4j.exceptions import ServiceUnavailable

        assert self.uri is not None
        while True:
            try:
                with GraphDatabase.driver(self.uri, auth=None) as driver:
                    driver.verify_connectivity()
                return
            except ServiceUnavailable as exc:
                if time.monotonic() > deadline or (self.proc and self.proc.poll() is not None):
                    self.stop(graceful=False)
                    raise Neo4jServerError(
                        f"Neo4j reported {self.uri} but the driver cannot connect: {exc}; "
                        f"{self._diagnostics()}"
                    ) from exc
                time.sleep(0.2)

    # -- stop -------------------------------------------------------------------------------
    def stop(self, graceful: bool = True) -> None:
        """Stop the JVM: close stdin (clean stop), then SIGTERM, then SIGKILL. Idempotent.

        ``graceful=False`` (a failed start) sends SIGTERM at once instead of waiting for the
        launcher to finish starting and notice that its stdin is closed.
        """
        with self._lock:
            proc, self.proc = self.proc, None
        if proc is None:
            return
        atexit.unregister(self.stop)
        try:
            if proc.stdin:
                proc.stdin.close()  # the launcher's signal to shut down cleanly
        except OSError:
            pass
        if not graceful:
            proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)
        # The JVM is gone, so the stdout reader reaches end-of-file and ends.
        if self._pump is not None:
            self._pump.join(timeout=5)
        if proc.stdout and (self._pump is None or not self._pump.is_alive()):
            proc.stdout.close()


def _missing_tools_outcome(message: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def neo4j_uri() -> Iterator[str]:
    """Bolt URI (``bolt://127.0.0.1:PORT``, no auth) of a real Neo4j started for the session."""
    java = _find_java()
    missing = [name for name, path in (("java", java), ("mvn", shutil.which("mvn"))) if not path]
    if missing or java is None:
        _missing_tools_outcome(f"{' and '.join(missing)} not found: {INSTALL_HINT}")
    timeout_s = float(os.environ.get("NEO4J_TEST_START_TIMEOUT", "180"))
    server = Neo4jServer(java)
    error: str | None = None
    try:
        server.build()
        uri = server.start(timeout_s)
    except Neo4jServerError as exc:
        server.stop(graceful=False)
        error = str(exc)
    if error is not None:  # outside the except block: no chained traceback in the report
        pytest.fail(error, pytrace=False)
    try:
        yield uri
    finally:
        server.stop()


def wipe_database(driver: Driver) -> None:
    """Delete all data, constraints and indexes (keeping the built-in token LOOKUP indexes)."""
    with driver.session() as session:
        # Batched, so a large test graph does not need one huge transaction.
        session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()
        constraints = session.run("SHOW CONSTRAINTS YIELD name RETURN name").value()
        for name in constraints:
            session.run(f"DROP CONSTRAINT {_quote(name)} IF EXISTS").consume()
        indexes = session.run(
            "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"
        ).value()
        for name in indexes:
            session.run(f"DROP INDEX {_quote(name)} IF EXISTS").consume()
        # Recreate the default token lookup indexes if a test dropped them (no-op otherwise).
        session.run("CREATE LOOKUP INDEX IF NOT EXISTS FOR (n) ON EACH labels(n)").consume()
        session.run("CREATE LOOKUP INDEX IF NOT EXISTS FOR ()-[r]-() ON EACH type(r)").consume()


def _quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


@pytest.fixture(scope="session")
def _neo4j_admin_driver(neo4j_uri: str) -> Iterator[Driver]:
    """One driver for the fixtures' own housekeeping (tests make their own drivers)."""
    from neo4j import GraphDatabase

    with GraphDatabase.driver(neo4j_uri, auth=None) as driver:
        yield driver


@pytest.fixture
def neo4j_clean(neo4j_uri: str, _neo4j_admin_driver: Driver) -> Iterator[str]:
    """The session's Neo4j URI, with the database emptied (data and schema) before the test."""
    wipe_database(_neo4j_admin_driver)
    yield neo4j_uri
