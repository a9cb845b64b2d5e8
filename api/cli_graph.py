"""The graph commands of the ``newsgraph`` command line.

:func:`register` adds them to the main typer app: ``ingest``, the ``query`` group
(``followed``, ``stats``), and ``timeline``, ``path``, ``neighbors``, ``search``,
``sources`` and ``stats``. Every query command takes ``--json``; without it the answer
is a table. Entities are given by name (an exact name wins, else the best fuzzy match)
or by id. Exit codes: 0 done, 1 some inputs rejected, 2 an error stopped the command.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph.dates import published_day
from graph.model import Entity, EventRecord
from graph.queries.sources import summarize_sources
from graph.store import GraphStore
from graph.stores import make_store
from ingest.errors import InputError, NewsgraphError, NotFoundError
from ingest.records import Rejection

EXIT_REJECTED = 1
EXIT_ERROR = 2

out = Console(soft_wrap=True)
err = Console(stderr=True)

ExtractPaths = Callable[..., Iterable["dict | Rejection"]]

DbOpt = Annotated[str | None, typer.Option(
    "--db", help="SQLite file of the embedded store (default: NEWSGRAPH_DB).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
WithinOpt = Annotated[str, typer.Option(
    "--within", help="Window after the cause: 3d, 12h, 2w, P3D, PT12H (at most 366 days).")]


@contextmanager
def open_store(db: str | None) -> Iterator[GraphStore]:
    """The store to use: the embedded store at ``--db``, else the configured one."""
    store = make_store("embedded", path=db) if db else make_store()
    try:
        yield store
    finally:
        store.close()


@contextmanager
def reported_errors() -> Iterator[None]:
    """Print a newsgraph error in one line (no traceback) and exit with code 2."""
    try:
        yield
    except NewsgraphError as exc:
        err.print(f"[bold red]error[/] {exc}", highlight=False)
        raise typer.Exit(EXIT_ERROR) from None


def print_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def entity_id_of(store: GraphStore, name: str | None) -> str | None:
    """The id of the entity given by name or id on the command line, or None.

    When the name is not an exact name or alias, says on stderr which entity was used.
    """
    if not name:
        return None
    return resolve(store, name).id


def resolve(store: GraphStore, name: str) -> Entity:
    """The entity given by id or name; a non-exact match is announced on stderr."""
    try:
        return store.get_entity(name)
    except NotFoundError:
        pass
    hits = store.search_entities(name, limit=2)
    if not hits:
        raise NotFoundError(f"no entity named {name!r}; try `newsgraph search {name}`.",
                            source=name)
    entity, hit = hits[0]
    if hit.match != "exact":
        others = f"; also matches {hits[1][0].name}" if len(hits) > 1 else ""
        err.print(f"[dim]{name!r}: using {entity.name} ({entity.type}, {entity.id}), a "
                  f"{hit.match} match{others}[/]", highlight=False)
    return entity


def describe_event(event: EventRecord) -> str:
    who = ", ".join(p.name for p in event.participants[:3])
    where = event.place_name or event.country or ""
    text = f"[bold]{event.type}[/] {event.value}"
    if who:
        text += f" · {who}"
    if where:
        text += f" · {where}"
    return text


def describe_sources(event: EventRecord, limit: int = 2) -> str:
    names = []
    for source in event.sources:
        label = source.outlet or source.document
        if label not in names:
            names.append(label)
    more = f" +{len(names) - limit}" if len(names) > limit else ""
    return f"{event.source_count}: {', '.join(names[:limit])}{more}"


# -- ingest --------------------------------------------------------------------------------
def ingest_command(extract_paths: ExtractPaths) -> Callable:
    def ingest(
        paths: Annotated[list[Path], typer.Argument(help="Files or directories of articles.")],
        db: DbOpt = None,
        published: Annotated[str | None, typer.Option(
            "--published", help="Publication date (ISO) for articles that lack one.")] = None,
        jobs: Annotated[int, typer.Option("--jobs", min=1, max=64,
                                          help="Worker processes for extraction.")] = 1,
        as_json: JsonOpt = False,
    ) -> None:
        """Extract articles and write them into the graph, one transaction per article.

        Re-ingesting an unchanged article changes nothing; a changed article replaces
        its own facts. Rejected inputs are listed and make the exit code 1.
        """
        documents: Counter = Counter()
        facts: Counter = Counter()
        rejected: list[Rejection] = []
        with reported_errors():
            if published is not None and published_day(published) is None:
                raise InputError(f"--published {published!r} is not a date; give YYYY-MM-DD.",
                                 source="--published")
            with open_store(db) as store, Progress(
                    SpinnerColumn(), TextColumn("[bold]ingesting"), MofNCompleteColumn(),
                    TextColumn("{task.description}"), TimeElapsedColumn(), console=err,
                    transient=True, disable=not err.is_terminal) as bar:
                task = bar.add_task("", total=None)
                for item in extract_paths([str(p) for p in paths], published=published,
                                          jobs=jobs):
                    if isinstance(item, Rejection):
                        rejected.append(item)
                        continue
                    try:
                        result = store.write_extraction(item)
                    except NewsgraphError as exc:
                        doc_id = str((item.get("document") or {}).get("id", "?"))
                        rejected.append(Rejection(doc_id, exc.message, exc.code))
                        continue
                    documents[result.status] += 1
                    facts.update(result.counts)
                    bar.update(task, advance=1, description=result.document)
                totals = store.counts()
        summary = {
            "documents": {k: documents[k] for k in ("added", "unchanged", "replaced")},
            "entities": {"added": facts["entities_added"], "merged": facts["entities_merged"]},
            "events": {"added": facts["events_added"], "merged": facts["events_merged"]},
            "rejected": [r.as_dict() for r in rejected],
            "store": totals,
        }
        if as_json:
            print_json(summary)
        else:
            table = Table("", "added", "unchanged", "replaced", "merged", title="ingest")
            d = summary["documents"]
            table.add_row("documents", str(d["added"]), str(d["unchanged"]), str(d["replaced"]),
                          "")
            for kind in ("entities", "events"):
                table.add_row(kind, str(summary[kind]["added"]), "", "",
                              str(summary[kind]["merged"]))
            out.print(table)
            out.print(f"store now holds {totals['documents']} documents, "
                      f"{totals['entities']} entities, {totals['events']} events.",
                      highlight=False)
        for rejection in rejected:
            err.print(f"[yellow]rejected[/] {rejection}", highlight=False)
        if rejected:
            raise typer.Exit(EXIT_REJECTED)

    return ingest


# -- query followed / stats --------------------------------------------------------------------
def _filters(store: GraphStore, *, cause_affiliation, effect_affiliation, cause_entity,
             effect_entity, country, place, same_place, shared_entity) -> dict:
    return dict(cause_affiliation=cause_affiliation, effect_affiliation=effect_affiliation,
                cause_entity=entity_id_of(store, cause_entity),
                effect_entity=entity_id_of(store, effect_entity), country=country,
                place=entity_id_of(store, place), same_place=same_place,
                shared_entity=shared_entity)


CauseOpt = Annotated[str, typer.Option("--cause", help="Cause event type, e.g. BROADCAST.")]
EffectOpt = Annotated[str, typer.Option("--effect", help="Effect event type, e.g. OUTAGE.")]
CauseAffOpt = Annotated[str | None, typer.Option(
    "--cause-affiliation", help="Only causes with a participant of this affiliation.")]
EffectAffOpt = Annotated[str | None, typer.Option(
    "--effect-affiliation", help="Only effects with a participant of this affiliation.")]
CauseEntOpt = Annotated[str | None, typer.Option(
    "--cause-entity", help="Only causes involving this entity (name or id).")]
EffectEntOpt = Annotated[str | None, typer.Option(
    "--effect-entity", help="Only effects involving this entity (name or id).")]
CountryOpt = Annotated[str | None, typer.Option("--country", help="Only events in this country.")]
PlaceOpt = Annotated[str | None, typer.Option("--place", help="Only events at this place.")]
SamePlaceOpt = Annotated[bool, typer.Option("--same-place",
                                            help="Cause and effect in the same country.")]
SharedOpt = Annotated[bool, typer.Option("--shared-entity",
                                         help="Cause and effect share a participant.")]


def followed_command(
    cause: CauseOpt, effect: EffectOpt, within: WithinOpt = "3d",
    cause_affiliation: CauseAffOpt = None, effect_affiliation: EffectAffOpt = None,
    cause_entity: CauseEntOpt = None, effect_entity: EffectEntOpt = None,
    country: CountryOpt = None, place: PlaceOpt = None, same_place: SamePlaceOpt = False,
    shared_entity: SharedOpt = False, db: DbOpt = None, as_json: JsonOpt = False,
) -> None:
    """Which EFFECT events started within the window after a CAUSE event.

    Coarse dates (a month, a year) are matched when the window can contain them and
    are marked imprecise; their lag is the smallest possible.
    """
    with reported_errors(), open_store(db) as store:
        filters = _filters(store, cause_affiliation=cause_affiliation,
                           effect_affiliation=effect_affiliation, cause_entity=cause_entity,
                           effect_entity=effect_entity, country=country, place=place,
                           same_place=same_place, shared_entity=shared_entity)
        pairs = store.followed(cause, effect, within, **filters)
    if as_json:
        print_json([p.as_json() for p in pairs])
        return
    table = Table("lag", "cause", "effect", "country", "sources (cause / effect)",
                  title=f"{effect.upper()} within {within} after {cause.upper()}: "
                        f"{len(pairs)} pairs")
    for pair in pairs:
        lag = f"{pair.lag_days} d" + ("" if pair.precise else " (≥, imprecise)")
        table.add_row(lag, describe_event(pair.cause), describe_event(pair.effect),
                      pair.effect.country or "", f"{describe_sources(pair.cause)} / "
                      f"{describe_sources(pair.effect)}")
    out.print(table)


def stats_command(
    cause: CauseOpt, effect: EffectOpt, within: WithinOpt = "3d",
    cause_affiliation: CauseAffOpt = None, effect_affiliation: EffectAffOpt = None,
    cause_entity: CauseEntOpt = None, effect_entity: EffectEntOpt = None,
    country: CountryOpt = None, place: PlaceOpt = None, same_place: SamePlaceOpt = False,
    shared_entity: SharedOpt = False,
    permutations: Annotated[int, typer.Option("--permutations", min=1, max=100_000,
                                              help="Random re-datings of the effects.")] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same seed, same answer).")
                    ] = 0,
    null_model: Annotated[str, typer.Option("--null", help="uniform or circular.")] = "uniform",
    db: DbOpt = None, as_json: JsonOpt = False,
) -> None:
    """Do EFFECT events follow CAUSE events more often than chance? (permutation test)"""
    with reported_errors(), open_store(db) as store:
        filters = _filters(store, cause_affiliation=cause_affiliation,
                           effect_affiliation=effect_affiliation, cause_entity=cause_entity,
                           effect_entity=effect_entity, country=country, place=place,
                           same_place=same_place, shared_entity=shared_entity)
        result = store.correlation_stats(cause, effect, within, permutations=permutations,
                                         seed=seed, null_model=null_model, **filters)
    if as_json:
        print_json(result.as_json())
        return
    table = Table("measure", "value", title=f"{result.effect_type} after {result.cause_type}, "
                                            f"within {result.window_days} days")
    for label, value in [
        ("causes / effects", f"{result.causes} / {result.effects}"),
        ("effects with a cause before them (observed)", str(result.observed)),
        ("pairs", str(result.pairs)),
        ("expected if timing were unrelated", f"{result.expected:.2f} "
                                              f"(95% {result.null_low:g}-{result.null_high:g})"),
        ("lift (observed / expected)", "n/a" if result.lift is None else f"{result.lift:.2f}"),
        ("permutation p-value", f"{result.p_value:.4g}"),
        ("null model, permutations, seed",
         f"{result.null_model}, {result.permutations}, {result.seed}"),
        ("period", f"{result.period_start} to {result.period_end}"),
    ]:
        table.add_row(label, value)
    out.print(table)
    out.print(result.interpretation, highlight=False)


# -- top-level reading commands --------------------------------------------------------------
def timeline_command(
    entity: Annotated[str | None, typer.Option("--entity", help="Entity name or id.")] = None,
    place: PlaceOpt = None, country: CountryOpt = None,
    type_: Annotated[str | None, typer.Option("--type", help="Event type.")] = None,
    start: Annotated[str | None, typer.Option("--start", help="From (YYYY-MM-DD).")] = None,
    end: Annotated[str | None, typer.Option("--end", help="To (YYYY-MM-DD).")] = None,
    db: DbOpt = None, as_json: JsonOpt = False,
) -> None:
    """Events in the order they happened, each with its sources."""
    with reported_errors(), open_store(db) as store:
        events = store.timeline(entity=entity_id_of(store, entity),
                                place=entity_id_of(store, place), country=country, type=type_,
                                start=start, end=end)
    if as_json:
        print_json([e.as_json() for e in events])
        return
    table = Table("date", "type", "who", "where", "sources", title=f"{len(events)} events")
    for e in events:
        table.add_row(e.value if e.precise else f"{e.value} ({e.granularity})", e.type,
                      ", ".join(f"{p.name} ({p.role})" if p.role else p.name
                                for p in e.participants),
                      e.place_name or e.country or "", describe_sources(e))
    out.print(table)


def path_command(
    a: Annotated[str, typer.Argument(help="First entity (name or id).")],
    b: Annotated[str, typer.Argument(help="Second entity (name or id).")],
    max_depth: Annotated[int, typer.Option("--max-depth", min=1, max=6)] = 4,
    limit: Annotated[int, typer.Option("--limit", min=1, max=100)] = 5,
    db: DbOpt = None, as_json: JsonOpt = False,
) -> None:
    """Shortest chains of events and articles linking two entities, with sources."""
    with reported_errors(), open_store(db) as store:
        first, second = resolve(store, a), resolve(store, b)
        found = store.paths(first.id, second.id, max_depth=max_depth, limit=limit)
    if as_json:
        print_json(found)
        return
    if not found:
        out.print(f"No link between {first.name} and {second.name} within {max_depth} hops.")
        return
    for number, path in enumerate(found, 1):
        out.rule(f"path {number}: {len(path)} hops")
        for hop in path:
            via = hop["via"][0]
            label = via.get("title") or via.get("type") or via["id"]
            source = via["sources"][0] if via.get("sources") else {}
            out.print(f"{hop['from']['name']} → {hop['to']['name']} via {via['kind']} {label} "
                      f"({len(hop['via'])} links)", highlight=False)
            if source.get("sentence"):
                out.print(f"    [dim]“{source['sentence'][:160]}” — {source['document']}[/]",
                          highlight=False)


def neighbors_command(
    name: Annotated[str, typer.Argument(help="Entity name or id.")],
    depth: Annotated[int, typer.Option("--depth", min=1, max=3)] = 1,
    db: DbOpt = None, as_json: JsonOpt = False,
) -> None:
    """Entities linked to NAME by shared events or articles, up to DEPTH hops."""
    with reported_errors(), open_store(db) as store:
        centre = resolve(store, name)
        found = store.neighbors(centre.id, depth=depth)
    if as_json:
        print_json({"entity": centre.as_json(), "neighbors": found})
        return
    table = Table("hops", "entity", "type", "events", "articles",
                  title=f"neighbors of {centre.name}")
    for row in found:
        kinds = Counter(v["kind"] for v in row["via"])
        table.add_row(str(row["depth"]), row["entity"]["name"], row["entity"]["type"],
                      str(kinds["event"]), str(kinds["document"]))
    out.print(table)


def search_command(
    name: Annotated[str, typer.Argument(help="A name or alias, possibly misspelt.")],
    type_: Annotated[str | None, typer.Option("--type", help="Entity type.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=200)] = 10,
    offset: Annotated[int, typer.Option("--offset", min=0)] = 0,
    db: DbOpt = None, as_json: JsonOpt = False,
) -> None:
    """Find entities by name or alias (exact, then prefix, then fuzzy)."""
    with reported_errors(), open_store(db) as store:
        hits = store.search_entities(name, type=type_, limit=limit, offset=offset)
    if as_json:
        print_json([{**entity.as_json(), "matched_name": hit.matched_name, "match": hit.match,
                     "score": hit.score} for entity, hit in hits])
        return
    table = Table(title=f"entities matching {name!r}")
    table.add_column("name", no_wrap=True)
    for column in ("type", "score", "matched", "articles"):
        table.add_column(column)
    table.add_column("id", overflow="fold")
    for entity, hit in hits:
        table.add_row(entity.name, entity.type, f"{hit.score:.0f}",
                      f"{hit.matched_name} ({hit.match})", str(entity.documents), entity.id)
    out.print(table)


def sources_command(
    node_id: Annotated[str, typer.Argument(help="A node or edge id (see --json output).")],
    db: DbOpt = None, as_json: JsonOpt = False,
) -> None:
    """The articles and sentences that support a node or an edge."""
    with reported_errors(), open_store(db) as store:
        found = store.sources(node_id)
    if as_json:
        print_json([s.as_json() for s in found])
        return
    summary = summarize_sources(found)
    table = Table("published", "outlet", "document", "sentence",
                  title=f"sources of {node_id}: {summary['documents']} documents, "
                        f"{summary['independent']} independent")
    for s in found:
        table.add_row(s.published or "", s.outlet or "", s.document, s.sentence or "")
    out.print(table)


def counts_command(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """How many documents, entities, events, dates and edges the store holds."""
    with reported_errors(), open_store(db) as store:
        counts = store.counts()
    if as_json:
        print_json(counts)
        return
    table = Table("what", "count", title="store")
    for key, value in counts.items():
        if isinstance(value, dict):
            for kind, n in value.items():
                table.add_row(f"{key}: {kind}", str(n))
        else:
            table.add_row(key, str(value))
    out.print(table)


def register(app: typer.Typer, extract_paths: ExtractPaths) -> None:
    """Add the graph commands to the main ``newsgraph`` app.

    Parameters
    ----------
    app : typer.Typer
        The main app.
    extract_paths : callable
        ``extract_paths(paths: list[str], published=str | None, jobs=int)`` yielding
        extraction dicts (the JSON contract) and :class:`~ingest.records.Rejection`
        objects, e.g. :func:`ingest.pipeline.extract_paths`.
    """
    app.command("ingest")(ingest_command(extract_paths))
    query = typer.Typer(help="Temporal queries: what followed what, and is it chance?",
                        no_args_is_help=True)
    query.command("followed")(followed_command)
    query.command("stats")(stats_command)
    app.add_typer(query, name="query")
    app.command("timeline")(timeline_command)
    app.command("path")(path_command)
    app.command("neighbors")(neighbors_command)
    app.command("search")(search_command)
    app.command("sources")(sources_command)
    app.command("stats")(counts_command)
