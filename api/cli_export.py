"""The export commands of the ``newsgraph`` command line: ``export`` and ``sparql``.

:func:`register` adds them to the main typer app. Exit codes: 0 done, 2 an error
stopped the command (printed in one line, without a traceback).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from api.cli_graph import DbOpt, entity_id_of, open_store, reported_errors
from graph.export import FORMATS, check_format, export, view_documents
from graph.sparql import DEFAULT_TIMEOUT_S, read_query, run_sparql

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

FormatOpt = Annotated[str, typer.Option(
    "--format", "-f", help="turtle, nt, jsonld, trig, nquads, graphml, gexf, csv or "
    "claimreview (schema.org ClaimReview JSON-LD of the reviewed claims).")]
OutOpt = Annotated[Path | None, typer.Option(
    "--out", "-o", help="File to write (default: stdout). For csv, a folder receives "
                        "nodes.csv and edges.csv; a .zip path or stdout gets a zip.")]


def export_command(format: FormatOpt = "turtle",  # noqa: A002 - the option users know
                   out_path: OutOpt = None, db: DbOpt = None,
                   document: Annotated[list[str] | None, typer.Option(
                       help="Only what this document supports (repeat the option).")] = None,
                   entity: Annotated[str | None, typer.Option(
                       help="Only what the documents about this entity (name or id) "
                       "support.")] = None,
                   event: Annotated[str | None, typer.Option(
                       help="Only what the documents reporting this event support.")] = None,
                   ) -> None:
    """Export the graph, or one view of it: RDF (turtle, nt, jsonld, trig, nquads), Gephi
    (graphml, gexf), csv or claimreview. The same store always gives the same bytes; see
    docs/export.md."""
    with reported_errors():
        name = check_format(format)
        with open_store(db) as store:
            documents = None
            if document or entity or event:
                documents = view_documents(store, documents=document or [],
                                           entity=entity_id_of(store, entity), event=event)
            if out_path is None:
                result = export(store, name, sys.stdout.buffer, documents=documents)
                sys.stdout.buffer.flush()
            else:
                result = export(store, name, out_path, documents=documents)
    what = (f"{result['statements']:,} statements, " if result["statements"] is not None
            else "")
    where = result["path"] or "stdout"
    err.print(f"[dim]{name} ({FORMATS[name]}): {what}{result['bytes']:,} bytes to {where}[/]",
              highlight=False)


QueryArg = Annotated[str | None, typer.Argument(help="A SPARQL 1.1 query (or use --file).")]
FileOpt = Annotated[Path | None, typer.Option("--file", help="Read the query from a file.")]
ResultOpt = Annotated[str, typer.Option(
    "--format", "-f", help="table (default), json, xml, csv, tsv; for CONSTRUCT and "
                           "DESCRIBE: turtle, nt, jsonld.")]
TimeoutOpt = Annotated[float, typer.Option("--timeout", min=0.1,
                                           help="Seconds before the query is stopped.")]
EngineOpt = Annotated[str | None, typer.Option(
    "--engine", help="oxigraph (default when installed) or rdflib.")]


def _print_table(body: bytes) -> None:
    data = json.loads(body)
    if "boolean" in data:
        out.print("yes" if data["boolean"] else "no")
        return
    columns = data["head"].get("vars", [])
    table = Table(*columns)
    for row in data["results"]["bindings"]:
        table.add_row(*[row.get(c, {}).get("value", "") for c in columns])
    out.print(table)
    err.print(f"[dim]{len(data['results']['bindings'])} rows[/]")


def sparql_command(query: QueryArg = None, file: FileOpt = None, format: ResultOpt = "table",  # noqa: A002
                   timeout: TimeoutOpt = DEFAULT_TIMEOUT_S, engine: EngineOpt = None,
                   db: DbOpt = None) -> None:
    """Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over the RDF
    export. The default graph is the union of every document's graph."""
    with reported_errors():
        text = read_query(query, file)
        accept = None if format == "table" else format
        with open_store(db) as store:
            body, media = run_sparql(store, text, timeout_s=timeout, accept=accept,
                                     engine=engine)
    if format == "table" and media == "application/sparql-results+json":
        _print_table(body)
    else:
        sys.stdout.buffer.write(body)
        if not body.endswith(b"\n"):
            sys.stdout.buffer.write(b"\n")
        sys.stdout.buffer.flush()


def csv_rows(body: bytes) -> list[list[str]]:
    """SPARQL CSV results as rows (a helper for scripts and tests)."""
    return list(csv.reader(io.StringIO(body.decode("utf-8"))))


def register(app: typer.Typer) -> None:
    """Add ``export`` and ``sparql`` to the main ``newsgraph`` app."""
    app.command("export")(export_command)
    app.command("sparql")(sparql_command)
