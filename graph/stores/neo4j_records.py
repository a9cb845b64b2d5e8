"""Reading events, entities and sources out of Neo4j as the plain records of graph.model.

The Cypher here returns exactly what the embedded store's readers
(:mod:`graph.stores.sqlite_records`) return, in the same order, so that both stores
give equal answers. Filters on events are pushed to the server with
:func:`event_filter`, which assembles a ``WHERE`` clause from fixed fragments; every
value is a parameter.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date

from graph.dates import timex_interval
from graph.model import Entity, EventRecord, Participant, SourceRef
from graph.stores.sqlite_records import merge_attributes, report_trigger
from ingest.errors import QueryError

# One event's record: participants (with affiliations), reports (with documents), place.
RECORD_RETURN = """
CALL ({e}) {{
  OPTIONAL MATCH ({e})-[r:PARTICIPANT]->(p:Entity)
  OPTIONAL MATCH (p)-[:AFFILIATED_WITH]->(a:Affiliation)
  WITH r, p, collect(a.name) AS affs
  RETURN collect(CASE WHEN p IS NULL THEN null
                 ELSE [p.id, p.name, p.type, r.role, affs] END) AS parts
}}
CALL ({e}) {{
  OPTIONAL MATCH (s:Support {{target: {e}.id}}) WHERE s.report IS NOT NULL
  OPTIONAL MATCH (d:Document {{id: s.document}})
  RETURN collect(CASE WHEN d IS NULL THEN null
                 ELSE [s.document, d.url, d.published, d.outlet, d.title, s.sentence,
                       s.start, s.end] END) AS srcs
}}
OPTIONAL MATCH (pl:Entity {{id: {e}.place}})
RETURN {e}.id AS id, {e}.type AS type, {e}.start AS start, {e}.end AS end,
       {e}.value AS value, {e}.granularity AS granularity, {e}.country AS country,
       {e}.place AS place, pl.name AS place_name, {e}.confidence AS confidence,
       parts, srcs
"""

# Just what the filters and the statistics need (no sources, no names).
LIGHT_RETURN = """
CALL ({e}) {{
  OPTIONAL MATCH ({e})-[:PARTICIPANT]->(p:Entity)
  OPTIONAL MATCH (p)-[:AFFILIATED_WITH]->(a:Affiliation)
  RETURN collect(DISTINCT p.id) AS entities,
         collect(DISTINCT a.name_cf) + collect(DISTINCT CASE WHEN p.type = 'GOVERNMENT'
                                                        THEN 'government' END) AS affs
}}
RETURN {e}.id AS id, {e}.type AS type, {e}.start AS start, {e}.end AS end,
       {e}.country AS country, {e}.place AS place, entities, affs
"""

FRAGMENTS = {
    "type": "{e}.type = ${p}type",
    "country": "{e}.country_cf = ${p}country",
    "place": "{e}.place = ${p}place",
    "entity": ("({e}.place = ${p}entity OR "
               "EXISTS {{ ({e})-[:PARTICIPANT]->(:Entity {{id: ${p}entity}}) }})"),
    "affiliation": ("EXISTS {{ MATCH ({e})-[:PARTICIPANT]->(x:Entity) WHERE "
                    "(${p}affiliation = 'government' AND x.type = 'GOVERNMENT') OR "
                    "EXISTS {{ (x)-[:AFFILIATED_WITH]->"
                    "(:Affiliation {{name_cf: ${p}affiliation}}) }} }}"),
    "first": "{e}.end >= ${p}first",
    "last": "{e}.start <= ${p}last",
}


def day_bounds(day: date | str | None) -> tuple[int, int] | None:
    """First and last day ordinal of a date or TIMEX value (as graph.queries.filters)."""
    if day is None:
        return None
    if isinstance(day, str):
        interval = timex_interval(day)
        if interval is None:
            raise QueryError(f"cannot read the date {day!r}; write YYYY-MM-DD, YYYY-MM or YYYY.",
                             code="NG403")
        return interval.start.toordinal(), interval.end.toordinal()
    return day.toordinal(), day.toordinal()


def event_filter(e: str = "e", prefix: str = "", *, type: str | None = None,  # noqa: A002
                 affiliation: str | None = None, entity: str | None = None,
                 country: str | None = None, place: str | None = None,
                 start: date | str | None = None, end: date | str | None = None
                 ) -> tuple[str, dict]:
    """A Cypher condition on the dated event ``e`` and its parameters; the semantics of
    :func:`graph.queries.filters.select_events`."""
    values = {
        "type": type.upper() if type else None,
        "affiliation": affiliation.casefold() if affiliation else None,
        "entity": entity or None,
        "country": country.casefold() if country else None,
        "place": place or None,
        "first": day_bounds(start)[0] if start is not None else None,
        "last": day_bounds(end)[1] if end is not None else None,
    }
    clauses = [f"{e}.start IS NOT NULL"]
    params = {}
    for name, value in values.items():
        if value is None:
            continue
        clauses.append(FRAGMENTS[name].format(e=e, p=prefix))
        params[prefix + name] = value
    return " AND ".join(clauses), params


def source_ref(row: list, report: str | None = None) -> SourceRef:
    document, url, published, outlet, title, sentence, start, end = row
    return SourceRef(document, url, published, outlet, title, sentence,
                     start if start is not None and start >= 0 else None,
                     end if end is not None and end >= 0 else None,
                     *report_trigger(report))


def source_order(row: list) -> tuple:
    """The order of ``ORDER BY d.published, s.document_id, s.start`` (NULLs first)."""
    document, _, published, *_, start, end = row
    return (published is not None, published or "", document, start, end)


def record_of(row: dict) -> EventRecord:
    """An :class:`EventRecord` from a row of :data:`RECORD_RETURN`."""
    parts = []
    for gid, name, entity_type, role, affs in row["parts"]:
        affiliations = {a.casefold() for a in affs}
        if entity_type == "GOVERNMENT":
            affiliations.add("government")
        parts.append(Participant(gid, name, entity_type, role, tuple(sorted(affiliations))))
    parts.sort(key=lambda p: (p.role is not None, p.role or "", p.name, p.entity))
    sources = tuple(source_ref(s) for s in sorted(row["srcs"], key=source_order))
    return EventRecord(
        id=row["id"], type=row["type"], start=row["start"], end=row["end"],
        value=row["value"], granularity=row["granularity"], country=row["country"],
        place=row["place"], place_name=row["place_name"], confidence=row["confidence"],
        participants=tuple(parts), sources=sources,
        entities=frozenset(p.entity for p in parts),
        affiliations=frozenset(a for p in parts for a in p.affiliation))


def light_record_of(row: dict) -> EventRecord:
    """A participant-less :class:`EventRecord` (ids, days, country, place, entities,
    affiliations) from a row of :data:`LIGHT_RETURN`."""
    return EventRecord(id=row["id"], type=row["type"], start=row["start"], end=row["end"],
                       country=row["country"], place=row["place"],
                       entities=frozenset(row["entities"]),
                       affiliations=frozenset(a for a in row["affs"] if a))


def records_query(where: str, order: str = "ORDER BY e.start, e.id", page: str = "") -> str:
    """Cypher for the full records of the events matching ``where`` (fixed fragments)."""
    return (f"MATCH (e:Event) WHERE {where} WITH e {order} {page} "
            + RECORD_RETURN.format(e="e"))


def load_entity(run, entity_id: str) -> Entity | None:  # noqa: ANN001 - a read function
    rows = run(
        "MATCH (e:Entity {id: $id}) "
        "CALL (e) { OPTIONAL MATCH (n:EntityName {entity: e.id}) "
        "  RETURN collect(DISTINCT n.name) AS names } "
        "CALL (e) { OPTIONAL MATCH (f:EntityFact {entity: e.id}) WITH f ORDER BY f.seq "
        "  RETURN collect(f.attributes) AS facts } "
        "CALL (e) { OPTIONAL MATCH (s:Support {target: e.id}) "
        "  RETURN count(DISTINCT s.document) AS documents } "
        "RETURN e.id AS id, e.name AS name, e.type AS type, e.wikidata AS wikidata, "
        "e.geonames_id AS geonames_id, e.iso AS iso, names, facts, documents", id=entity_id)
    if not rows:
        return None
    row = rows[0]
    aliases = sorted(set(row["names"]) - {row["name"]})
    external = {k: row[k] for k in ("wikidata", "geonames_id", "iso") if row[k] is not None}
    return Entity(row["id"], row["name"], row["type"], tuple(aliases),
                  merge_attributes(row["facts"]), external, row["documents"])


def support_of(run, targets: list[str]) -> dict[str, list[SourceRef]]:  # noqa: ANN001
    """The support rows of several nodes or edges, each list in the embedded order (with
    the trigger word of each report, for an event)."""
    rows = run(
        "UNWIND $targets AS t MATCH (s:Support {target: t}) "
        "MATCH (d:Document {id: s.document}) "
        "RETURN t AS target, [s.document, d.url, d.published, d.outlet, d.title, s.sentence, "
        "s.start, s.end] AS row, s.report AS report", targets=sorted(set(targets)))
    grouped: dict[str, list] = defaultdict(list)
    for row in rows:
        grouped[row["target"]].append((row["row"], row["report"]))
    return {t: [source_ref(r, report) for r, report in sorted(found,
                                                               key=lambda f: source_order(f[0]))]
            for t, found in grouped.items()}


def document_of(row: dict) -> dict:
    """The keyword arguments of :class:`graph.model.Document` from a Document node."""
    return dict(id=row["id"], title=row.get("title"), url=row.get("url"),
                outlet=row.get("outlet"), published=row.get("published"),
                ingested_at=row["ingested_at"], content_hash=row["content_hash"],
                source_path=row.get("source_path"),
                claims=json.loads(row.get("claims") or "[]"))
