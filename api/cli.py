"""The ``newsgraph`` command line (typer + rich).

``extract`` is defined here; the graph commands (``ingest``, ``query``, ``timeline``,
``path``, ``search``, ``stats`` …) are registered by :mod:`api.cli_graph`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from api.cli_claims import register as register_claim_commands
from api.cli_export import register as register_export_commands
from api.cli_graph import register as register_graph_commands
from api.cli_neo4j import register as register_neo4j_commands
from ingest.errors import NewsgraphError
from ingest.records import Rejection

app = typer.Typer(
    name="newsgraph",
    help="An event-correlation knowledge graph built from news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

@app.callback()
def _root() -> None:
    """newsgraph: who did what, when and where in the news, what followed what, and the
    sources behind every answer."""


EXIT_REJECTED = 1
EXIT_ERROR = 2


def fail(exc: NewsgraphError) -> typer.Exit:
    """Print a newsgraph error without a traceback and return the exit to raise."""
    err.print(f"[bold red]error[/] {exc}", highlight=False)
    return typer.Exit(EXIT_ERROR)


def progress_bar(total: int | None, label: str) -> Progress:
    """A rich progress bar on stderr, shown only on a terminal."""
    return Progress(
        TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=not err.is_terminal,
    )


def report_rejections(rejections: list[Rejection]) -> None:
    for r in rejections:
        err.print(f"[yellow]rejected[/] {r}", highlight=False, markup=True)


PathsArg = Annotated[list[Path], typer.Argument(help="Files or directories of articles.")]
PublishedOpt = Annotated[
    str | None,
    typer.Option("--published", help="Publication date (ISO) for articles that lack one."),
]
JobsOpt = Annotated[int, typer.Option("--jobs", min=1, max=64, help="Worker processes.")]


@app.command()
def extract(
    paths: PathsArg,
    published: PublishedOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Write JSON Lines to stdout.")] = False,
    summary: Annotated[bool, typer.Option("--summary", help="Only counts per article.")] = False,
    jobs: JobsOpt = 1,
) -> None:
    """Extract entities, dates and events from articles (text, Markdown, HTML, JSONL, RSS).

    Exit code 0 when every input was read, 1 when some were rejected (each named on
    stderr with its reason), 2 on an error that stopped the run.
    """
    from ingest.pipeline import extract_paths, load_pipeline

    rejections: list[Rejection] = []
    try:
        published = _check_date(published)
        nlp = load_pipeline()
        with progress_bar(None, "extracting") as bar:
            task = bar.add_task("extract", total=None)
            for item in extract_paths([str(p) for p in paths], published=published, jobs=jobs,
                                      nlp=nlp):
                if isinstance(item, Rejection):
                    rejections.append(item)
                    continue
                bar.advance(task)
                if as_json:
                    sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
                elif summary:
                    _print_summary_line(item)
                else:
                    _print_extraction(item)
    except NewsgraphError as exc:
        raise fail(exc) from None
    report_rejections(rejections)
    if rejections:
        raise typer.Exit(EXIT_REJECTED)


def _check_date(value: str | None) -> str | None:
    from ingest.errors import InputError
    from ingest.readers.common import normalize_published

    if value is None:
        return None
    normalized = normalize_published(value)
    if not normalized:
        raise InputError(f"--published {value!r} is not a date; give it as YYYY-MM-DD",
                         source="--published")
    return normalized


def _names(record: dict) -> dict[str, dict]:
    return {e["id"]: e for e in record["entities"]}


def _print_summary_line(record: dict) -> None:
    doc = record["document"]
    out.print(
        f"[bold]{doc.get('title') or doc['id']}[/] ({doc.get('published') or 'no date'}): "
        f"{len(record['entities'])} entities, {len(record['dates'])} dates, "
        f"{len(record['events'])} events", highlight=False,
    )


def _print_extraction(record: dict) -> None:
    doc = record["document"]
    ents = _names(record)
    out.rule(f"[bold]{doc.get('title') or doc['id']}")
    out.print(f"id {doc['id']} · published {doc.get('published') or 'unknown'} · "
              f"{doc.get('source_path') or ''}", highlight=False)
    by_type: dict[str, list[str]] = {}
    for e in record["entities"]:
        label = e["name"]
        aff = e["attributes"].get("affiliation")
        if aff:
            label += f" ({', '.join(aff)})"
        by_type.setdefault(e["type"], []).append(label)
    table = Table("type", "entities", show_header=True, header_style="bold")
    for etype, names in sorted(by_type.items()):
        table.add_row(etype, "; ".join(names))
    out.print(table)
    out.print(f"[bold]{len(record['events'])} events[/]")
    for ev in record["events"]:
        date = ev["date"]["value"] if ev["date"] else "undated"
        where = ents[ev["place"]]["name"] if ev["place"] else ""
        if ev["country"] and ev["country"] != where:
            where = f"{where}, {ev['country']}" if where else ev["country"]
        who = ", ".join(
            f"{ents[p['entity']]['name']} ({p['role'].replace('_', ' ')})"
            for p in ev["participants"]
        )
        out.print(f"  [bold cyan]{ev['type']}[/] {date} · {where or 'place unknown'}"
                  f"{' · ' + who if who else ''} · confidence {ev['confidence']}",
                  highlight=False)
        sentence = " ".join(ev["evidence"]["sentence"].split())
        out.print(f"    [dim]“{sentence[:160]}{'…' if len(sentence) > 160 else ''}”[/]",
                  highlight=False)


def _extract_paths(paths, *, published=None, jobs=1):
    """The pipeline's :func:`~ingest.pipeline.extract_paths`, imported when first used."""
    from ingest.pipeline import extract_paths

    return extract_paths(paths, published=published, jobs=jobs)


register_graph_commands(app, _extract_paths)
register_export_commands(app)
register_neo4j_commands(app)
register_claim_commands(app)


@app.command()
def check(
    claim: Annotated[str, typer.Argument(help="The claim to check, in quotes.")],
    published: PublishedOpt = None,
    db: Annotated[str | None, typer.Option(help="SQLite file (default NEWSGRAPH_DB).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Check a claim against the graph: supporting sources, disagreeing facts, who said
    what, and a verdict that never says more than the sources ("no evidence in this
    graph" is not "false")."""
    from api.cli_graph import open_store
    from graph.claims import check_claim
    from ingest.pipeline import extract
    from ingest.records import Article

    try:
        published = _check_date(published)
        extraction = extract(Article(text=claim, published=published, source_path="<claim>"))
        with open_store(db) as store:
            result = check_claim(store, extraction, claim).as_json()
    except NewsgraphError as exc:
        raise fail(exc) from None
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        return
    out.print(f"[bold]{result['label']}[/]: {result['label_meaning']}", highlight=False)
    for ev in result["supporting"]:
        outlets = sorted({s["outlet"] or s["document"] for s in ev["sources"]})
        out.print(f"  supports: {ev['type']} {ev['date']['value']} {ev['country'] or ''} "
                  f"({len(ev['sources'])} reports; {', '.join(outlets)})", highlight=False)
        for src in ev["sources"]:
            out.print(f"    [dim]“{' '.join((src['sentence'] or '').split())[:150]}” "
                      f"{src['url'] or src['document']}[/]", highlight=False)
    for item in result["disagreeing"]:
        ev = item["event"]
        out.print(f"  [yellow]disagrees[/]: {ev['type']} {ev['date']['value']} "
                  f"{ev['country'] or ''}: {'; '.join(item['disagreements'])}", highlight=False)
    for c in result["attributed_claims"]:
        flag = " [red](contested)[/]" if c["contested"] else ""
        out.print(f"  {c['claimant']} ({c['stance']}): “{c['text']}”{flag} "
                  f"[dim]{c['url'] or c['document']}[/]", highlight=False)
    out.print(f"[dim]{result['note']}[/]", highlight=False)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    db: Annotated[str | None, typer.Option(help="SQLite file (default NEWSGRAPH_DB).")] = None,
    read_only: Annotated[bool, typer.Option("--read-only", help="Refuse every write.")] = False,
) -> None:
    """Serve the HTTP API (``/v1``, OpenAPI at ``/docs``) over the configured store.

    Writes need ``NEWSGRAPH_API_TOKEN`` as a bearer token when it is set; on an address
    other than loopback the server refuses to start for writes without one (use
    ``--read-only`` or set the token).
    """
    from api.app import serve as run_server

    try:
        run_server(host, port, db, read_only=read_only)
    except NewsgraphError as exc:
        raise fail(exc) from None


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
