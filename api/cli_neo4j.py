"""``newsgraph push`` and ``newsgraph pull``: copy a graph between the embedded store and Neo4j.

:func:`register` adds both commands to the main typer app. The Neo4j user, password
and database come from ``NEWSGRAPH_NEO4J_USER``, ``NEWSGRAPH_NEO4J_PASSWORD`` and
``NEWSGRAPH_NEO4J_DATABASE`` (``--database`` overrides the last). Exit codes: 0 done,
2 an error stopped the command (what was committed stays; run it again to resume).
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from api.cli_graph import DbOpt, JsonOpt, print_json, reported_errors
from graph.stores import make_store
from graph.stores.neo4j_sync import pull as pull_graph
from graph.stores.neo4j_sync import push as push_graph
from ingest.errors import StoreError

out = Console(soft_wrap=True)
err = Console(stderr=True)

DatabaseOpt = Annotated[str | None, typer.Option(
    "--database", help="Neo4j database (default: NEWSGRAPH_NEO4J_DATABASE).")]


def _neo4j(uri: str, database: str | None):  # noqa: ANN202 - a Neo4jStore
    if "://" not in uri:
        raise StoreError(f"{uri!r} is not a Neo4j URI; give bolt://HOST:7687, neo4j://… or "
                         "neo4j+s://… (Aura).", code="NG306", source=uri)
    return make_store("neo4j", uri=uri, **({"database": database} if database else {}))


def _embedded(db: str | None):  # noqa: ANN202 - a SQLiteStore
    return make_store("embedded", **({"path": db} if db else {}))


def _bar(label: str) -> Progress:
    return Progress(TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=True,
                    disable=not err.is_terminal)


def _report(summary: dict, as_json: bool, verb: str) -> None:
    if as_json:
        print_json(summary)
        return
    rate = summary["documents_per_second"]
    out.print(f"{verb} {summary['added'] + summary['replaced']} documents "
              f"({summary['added']} added, {summary['replaced']} replaced), skipped "
              f"{summary['skipped']} already there, of {summary['documents']}, in "
              f"{summary['seconds']} s" + (f" ({rate} documents/s)" if rate else "") + ".")


def push(
    to: Annotated[str, typer.Option("--to", help="Neo4j URI: bolt://…, neo4j://…, neo4j+s://…")],
    db: DbOpt = None,
    batch: Annotated[int, typer.Option("--batch", min=1, max=10_000,
                                       help="Documents per Neo4j transaction.")] = 100,
    database: DatabaseOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Copy the embedded graph into Neo4j, batched and resumable.

    Documents already in Neo4j with the same content hash are skipped, so running it
    again after an interruption carries on, and running it twice changes nothing.
    """
    with reported_errors():
        with _embedded(db) as source, _neo4j(to, database) as target, _bar("pushing") as bar:
            task = bar.add_task("", total=None)
            summary = push_graph(source, target, batch=batch,
                                 progress=lambda done, total: bar.update(task, completed=done,
                                                                         total=total))
    _report(summary, as_json, "pushed")


def pull(
    from_: Annotated[str, typer.Option("--from", help="Neo4j URI: bolt://…, neo4j://…")],
    db: DbOpt = None,
    database: DatabaseOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Copy a Neo4j graph into the embedded store (resumable, idempotent)."""
    with reported_errors():
        with _neo4j(from_, database) as source, _embedded(db) as target, \
                _bar("pulling") as bar:
            task = bar.add_task("", total=None)
            summary = pull_graph(source, target,
                                 progress=lambda done, total: bar.update(task, completed=done,
                                                                         total=total))
    _report(summary, as_json, "pulled")


def register(app: typer.Typer) -> None:
    """Add ``push`` and ``pull`` to the ``newsgraph`` app."""
    app.command("push")(push)
    app.command("pull")(pull)
