"""The store as RDF: stable IRIs, one named graph per document, PROV in the default graph.

The model follows ``docs/ontology.md``; ``docs/export.md`` says what is exported and
what is left out. Statements are produced as *blocks*: a subject IRI and its sorted
``(predicate, object)`` pairs, subjects in sorted order, so every writer in
:mod:`graph.export.rdf_text` gives the same bytes for the same store. No blank node is
ever written: every node has an IRI minted from the store's ids.

Terms are plain Python values, not rdflib objects, to keep large exports fast: an IRI is
a ``str``, a literal is a :class:`Lit`. :func:`build_dataset` turns them into an
rdflib :class:`~rdflib.Dataset` for those who want one.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

from graph.model import SourceRef, canonical_key, entity_id, independent_sources
from ingest.errors import ExportError
from ingest.settings import settings
from ontology.loader import load_taxonomy

NG = "https://w3id.org/newsgraph/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
TIME = "http://www.w3.org/2006/time#"
OA = "http://www.w3.org/ns/oa#"
SCHEMA = "https://schema.org/"
NGTYPE = NG + "eventType/"
NGROLE = NG + "role/"
NGAFF = NG + "affiliation/"

PREFIXES = {"ng": NG, "ngtype": NGTYPE, "ngrole": NGROLE, "ngaff": NGAFF, "rdf": RDF,
            "rdfs": RDFS, "owl": OWL, "xsd": XSD, "prov": PROV, "time": TIME, "oa": OA,
            "schema": SCHEMA}

TYPE = RDF + "type"
KIND_CLASS = {"PERSON": "Person", "GOVERNMENT": "Government", "ORGANIZATION": "Organization",
              "PLATFORM": "Platform", "GROUP": "Group", "CITY": "City", "COUNTRY": "Country",
              "LOCATION": "Location"}
PLACE_KINDS = frozenset({"CITY", "COUNTRY", "LOCATION"})
GRANULARITY_UNIT = {"day": "unitDay", "week": "unitWeek", "month": "unitMonth",
                    "year": "unitYear", "quarter": "unitYear"}
"""OWL-Time has no quarter unit and the shapes allow only these four: a quarter is
written as the coarser ``time:unitYear`` (true, if less precise); its beginning and end
still give the exact three months."""

FALLBACK_ROLE = "participant"
"""The role written for a participant whose role is missing or not in the taxonomy."""


class Lit(NamedTuple):
    """A literal: its lexical form and datatype IRI (``None`` for a plain string)."""

    lexical: str
    datatype: str | None = None


Term = str | Lit
Block = tuple[str, list[tuple[str, Term]]]
"""A subject and its sorted (predicate, object) pairs."""


# ---------------------------------------------------------------------------------------
# IRIs
# ---------------------------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z0-9._~-]*")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def _ucschar(code: int) -> bool:
    """True for the non-ASCII characters RFC 3987 allows unencoded (``ucschar``)."""
    if code < 0xA0 or 0xD800 <= code <= 0xF8FF or 0xFDD0 <= code <= 0xFDEF:
        return False
    return (code & 0xFFFF) < 0xFFFE and code <= 0xEFFFD


@lru_cache(maxsize=1 << 18)
def iri_segment(text: str) -> str:
    """One path segment: characters outside RFC 3987 ``iunreserved`` percent-encoded.

    Examples
    --------
    >>> iri_segment("côte-d-ivoire")
    'côte-d-ivoire'
    >>> iri_segment("my doc/1")
    'my%20doc%2F1'
    """
    if _PLAIN.fullmatch(text):
        return text
    out = []
    for char in text:
        if char in _UNRESERVED or _ucschar(ord(char)):
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8"))
    return "".join(out)


_URL_UNSAFE = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')


def safe_url(url: str | None) -> str | None:
    """A document URL usable as an IRI (unsafe characters percent-encoded), or None when
    it is not absolute."""
    if not url or not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", url.strip()):
        return None
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m[0].encode()), url.strip())


@dataclass(frozen=True)
class Iris:
    """Mints the data IRIs of the table in ``docs/ontology.md`` under ``<namespace>id/``."""

    base: str

    @classmethod
    def for_namespace(cls, namespace: str | None = None) -> Iris:
        namespace = namespace or settings().namespace
        if not namespace.endswith(("/", "#")):
            namespace += "/"
        return cls(namespace + "id/")

    def document(self, doc: str) -> str:
        return f"{self.base}document/{iri_segment(doc)}"

    def graph(self, doc: str) -> str:
        return f"{self.base}graph/{iri_segment(doc)}"

    def entity(self, gid: str) -> str:
        parts = gid.split(":", 2)
        if len(parts) == 3 and parts[0] == "ent":
            return f"{self.base}entity/{iri_segment(parts[1])}/{iri_segment(parts[2])}"
        return f"{self.base}entity/{iri_segment(gid)}"

    def event(self, eid: str) -> str:
        parts = eid.split(":", 2)
        if len(parts) == 3 and parts[0] == "ev":
            return f"{self.base}event/{iri_segment(parts[1])}/{iri_segment(parts[2])}"
        return f"{self.base}event/{iri_segment(eid)}"

    def participation(self, edge: str) -> str:
        return f"{self.base}participation/{iri_segment(edge.rsplit(':', 1)[-1])}"

    def date(self, value: str) -> str:
        return f"{self.base}date/{iri_segment(value)}"

    def instant(self, day: str) -> str:
        return f"{self.base}instant/{iri_segment(day)}"

    def evidence(self, doc: str, start: int, end: int) -> str:
        return f"{self.base}evidence/{iri_segment(doc)}/{start}-{end}"

    def extraction(self, doc: str, content_hash: str) -> str:
        return f"{self.base}extraction/{iri_segment(doc)}/{iri_segment(content_hash[:16])}"

    def agent(self, *parts: str) -> str:
        return self.base + "agent/" + "/".join(iri_segment(p) for p in parts)

    def claim(self, cid: str) -> str:
        return f"{self.base}claim/{iri_segment(cid.split(':', 1)[-1])}"

    def claim_review(self, cid: str) -> str:
        return f"{self.base}claimreview/{iri_segment(cid.split(':', 1)[-1])}"

    def assessment(self, cid: str, target: str, relation: str) -> str:
        digest = hashlib.sha256(f"{target}\x1f{relation}".encode()).hexdigest()[:16]
        return f"{self.base}assessment/{iri_segment(cid.split(':', 1)[-1])}/{digest}"


# ---------------------------------------------------------------------------------------
# Literals
# ---------------------------------------------------------------------------------------

def decimal_lit(value: float | int) -> Lit:
    """An ``xsd:decimal`` (never ``xsd:double``, which the shapes reject)."""
    text = format(Decimal(repr(float(value))).normalize(), "f")
    return Lit(text if "." in text else text + ".0", XSD + "decimal")


def count_lit(value: int) -> Lit:
    return Lit(str(int(value)), XSD + "nonNegativeInteger")


def published_lit(value: str | None) -> Lit | None:
    """``ng:published``: an ``xsd:date``, or an ``xsd:dateTime`` when a time is given."""
    if not value:
        return None
    text = str(value).strip()
    try:
        if len(text) == 10:
            return Lit(date.fromisoformat(text).isoformat(), XSD + "date")
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return Lit(parsed.isoformat().replace("+00:00", "Z"), XSD + "dateTime")


def calendar_lit(value: str | None) -> Lit | None:
    """A day, month or year (``2016-12-16``, ``2016-12``, ``2016``) as ``xsd:date``,
    ``xsd:gYearMonth`` or ``xsd:gYear``."""
    if not value or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(value)):
        return None
    kind = {10: "date", 7: "gYearMonth", 4: "gYear"}[len(str(value))]
    return Lit(str(value), XSD + kind)


def datetime_lit(value: str | None) -> Lit | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return Lit(parsed.isoformat().replace("+00:00", "Z"), XSD + "dateTime")


# ---------------------------------------------------------------------------------------
# A snapshot of the store
# ---------------------------------------------------------------------------------------

@dataclass
class Snapshot:
    """Every table of the store the export needs, indexed by id.

    Read with :meth:`from_store` from ``store.dump()`` (the canonical dump of the
    embedded store) and ``store.get_document(id).ingested_at``.
    """

    documents: dict[str, dict] = field(default_factory=dict)
    entities: dict[str, dict] = field(default_factory=dict)
    aliases: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    affiliations: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    events: dict[str, dict] = field(default_factory=dict)
    dates: dict[str, dict] = field(default_factory=dict)
    affiliation_nodes: dict[str, str] = field(default_factory=dict)
    edges: list[tuple[str, str, str, str, str | None]] = field(default_factory=list)
    support: dict[str, list[tuple[str, str | None, int, int]]] = field(
        default_factory=lambda: defaultdict(list))
    claims: dict[str, dict] = field(default_factory=dict)
    claim_links: dict[str, list[tuple[str, str, str, str | None, str | None]]] = field(
        default_factory=lambda: defaultdict(list))

    @classmethod
    def from_store(cls, store: object) -> Snapshot:
        """Read a store: an embedded store in a file through a read-only connection of
        its own (one read transaction, rows unsorted: fast), any other store through
        ``dump()`` and ``get_document``."""
        read = _read_sqlite_file(store)
        if read is not None:
            return cls.from_tables(*read)
        dump = getattr(store, "dump", None)
        if dump is None:
            raise ExportError(f"the {type(store).__name__} cannot be exported yet: export "
                              "reads the store's canonical dump(); use the embedded store.",
                              code="NG501")
        tables = dump()
        ingested = {row[0]: store.get_document(row[0]).ingested_at
                    for row in tables["documents"]}
        return cls.from_tables(tables, ingested)

    @classmethod
    def from_tables(cls, tables: dict[str, list[tuple]], ingested: dict[str, str]
                    ) -> Snapshot:
        """A snapshot from the rows of ``DUMP_QUERIES`` and each document's ingest time."""
        snap = cls()
        affiliation_names = dict(tables["affiliations"])
        snap.affiliation_nodes = affiliation_names
        for row in tables["documents"]:
            doc_id, title, url, outlet, published, _day, source_path, content_hash, _c = row
            snap.documents[doc_id] = {
                "id": doc_id, "title": title, "url": url, "outlet": outlet,
                "published": published, "source_path": source_path,
                "content_hash": content_hash,
                "ingested_at": ingested.get(doc_id)}
        for gid, name, kind, _key, wikidata, geonames, iso in tables["entities"]:
            snap.entities[gid] = {"id": gid, "name": name, "type": kind, "wikidata": wikidata,
                                  "geonames": geonames, "iso": iso}
            if kind == "GOVERNMENT":  # as the queries count them (sqlite_records.py)
                snap.affiliations[gid].add("government")
        for gid, _doc, _kind, name, _key in tables["entity_names"]:
            snap.aliases[gid].add(name)
        for row in tables["events"]:
            eid, kind, value, granularity, start, end, place, country, confidence = row
            snap.events[eid] = {"id": eid, "type": kind, "value": value,
                                "granularity": granularity, "start": start, "end": end,
                                "place": place, "country": country, "confidence": confidence}
        for did, value, granularity, start, end in tables["dates"]:
            snap.dates[did] = {"value": value, "granularity": granularity, "start": start,
                               "end": end}
        for eid, kind, src, dst, role in tables["edges"]:
            snap.edges.append((eid, kind, src, dst, role))
            if kind == "AFFILIATED_WITH" and dst in affiliation_names:
                snap.affiliations[src].add(affiliation_names[dst])
        for target, doc, sentence, start, end, _report in tables["support"]:
            snap.support[target].append((doc, sentence, start, end))
        for cid, origin, doc, claimant, data, created in tables.get("claims", ()):
            snap.claims[cid] = {"id": cid, "origin": origin, "document": doc,
                                "claimant": claimant, "data": json.loads(data),
                                "created_at": created}
        for cid, kind, target, relation, note, created in tables.get("claim_links", ()):
            snap.claim_links[cid].append((kind, target, relation, note, created))
        return snap


    def restricted(self, documents: set[str] | frozenset[str]) -> Snapshot:
        """The part of the graph these documents support: for exporting one view.

        Documents, their support rows, and the entities, events and edges with support
        from them (each event and entity with its merged facts); the dates and
        affiliations those edges reach; the claims they quote, and fact-checkers' claims
        about or with evidence on what is kept.
        """
        snap = Snapshot()
        snap.documents = {d: row for d, row in self.documents.items() if d in documents}
        for target, rows in self.support.items():
            kept = [r for r in rows if r[0] in documents]
            if kept:
                snap.support[target] = kept
        snap.entities = {g: e for g, e in self.entities.items() if g in snap.support}
        snap.events = {e: ev for e, ev in self.events.items() if e in snap.support}
        snap.edges = [edge for edge in self.edges if edge[0] in snap.support]
        reached = {edge[3] for edge in snap.edges}
        snap.dates = {d: v for d, v in self.dates.items() if d in reached}
        snap.affiliation_nodes = {a: n for a, n in self.affiliation_nodes.items()
                                  if a in reached}
        for gid in snap.entities:
            if gid in self.aliases:
                snap.aliases[gid] = set(self.aliases[gid])
            if gid in self.affiliations:
                snap.affiliations[gid] = set(self.affiliations[gid])
        kept_nodes = set(snap.documents) | set(snap.entities) | set(snap.events)
        for cid, claim in self.claims.items():
            links = self.claim_links.get(cid, [])
            if claim["document"] in documents or (
                    claim["origin"] == "checker"
                    and any(link[1] in kept_nodes for link in links)):
                snap.claims[cid] = claim
                snap.claim_links[cid] = list(links)
        return snap


def _read_sqlite_file(store: object) -> tuple[dict, dict] | None:
    """The tables and ingest times of an embedded store kept in a file, or None."""
    from graph.stores.sqlite import SQLiteStore
    from graph.stores.sqlite_schema import DUMP_QUERIES

    path = getattr(store, "path", None)
    if not isinstance(store, SQLiteStore) or not path or path == ":memory:":
        return None
    try:
        conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        conn.execute("BEGIN")  # one snapshot of the WAL for every table
        tables = {table: conn.execute(query).fetchall() for table, query in DUMP_QUERIES.items()}
        ingested = dict(conn.execute("SELECT id, ingested_at FROM documents"))
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        raise ExportError(f"cannot read the store for export ({exc}).", code="NG501",
                          source=path) from exc
    finally:
        conn.close()
    return tables, ingested


# ---------------------------------------------------------------------------------------
# The RDF model
# ---------------------------------------------------------------------------------------

def software_versions() -> tuple[str, str, str | None]:
    """newsgraph's version, the configured spaCy pipeline and its installed version."""
    try:
        ours = metadata.version("newsgraph")
    except metadata.PackageNotFoundError:
        ours = "0.0.0"
    model = settings().spacy_model
    try:
        model_version = metadata.version(model)
    except metadata.PackageNotFoundError:
        model_version = None
    return ours, model, model_version


class _Blocks:
    """Collects triples by subject; :meth:`sorted` gives the blocks in a fixed order."""

    def __init__(self) -> None:
        self.by_subject: dict[str, set[tuple[str, Term]]] = defaultdict(set)

    def add(self, s: str, p: str, o: Term | None) -> None:
        if o is not None:
            self.by_subject[s].add((p, o))

    def sorted(self) -> list[Block]:
        by_subject = self.by_subject
        return [(s, sorted(by_subject[s], key=_po_key) if len(by_subject[s]) > 1
                 else list(by_subject[s]))
                for s in sorted(by_subject, key=_iri_key)]


def _iri_key(iri: str) -> str:
    return "<" + iri + ">"


def _po_key(po: tuple[str, Term]) -> tuple[str, str]:
    p, o = po
    if isinstance(o, Lit):
        return p, f'"{o.lexical}"^^{o.datatype or ""}'
    return p, "<" + o + ">"


class RdfModel:
    """The RDF statements of one store snapshot.

    Parameters
    ----------
    snapshot : Snapshot
    namespace : str, optional
        Base of the data IRIs (default ``NEWSGRAPH_NAMESPACE``).
    """

    def __init__(self, snapshot: Snapshot, namespace: str | None = None):
        self.snap = snapshot
        self.iris = Iris.for_namespace(namespace)
        taxonomy = load_taxonomy()
        self.event_types = set(taxonomy.event_types)
        self.roles = set(taxonomy.roles)
        self.affiliation_keys = set(taxonomy.affiliations)
        self.versions = software_versions()
        self._index()

    # -- indexes ---------------------------------------------------------------------------
    def _index(self) -> None:
        snap = self.snap
        self.exported_events = {eid for eid, ev in snap.events.items()
                                if ev["start"] and ev["end"] and ev["value"]}
        self.participations: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        self.city_country: dict[str, str] = {}
        self.reports: dict[str, set[str]] = defaultdict(set)      # doc -> events
        self.mentions: dict[str, set[str]] = defaultdict(set)     # doc -> entities
        for eid, kind, src, dst, role in snap.edges:
            if kind == "PARTICIPANT" and src in self.exported_events and dst in snap.entities:
                self.participations[src].append((eid, dst, role or ""))
            elif kind == "LOCATED_IN" and src in snap.entities and dst in snap.entities:
                if (snap.entities[src]["type"] == "CITY"
                        and snap.entities[dst]["type"] == "COUNTRY"):
                    current = self.city_country.get(src)
                    self.city_country[src] = min(current, dst) if current else dst
            elif kind == "REPORTS" and dst in self.exported_events:
                self.reports[src].add(dst)
            elif kind == "MENTIONS" and dst in snap.entities:
                self.mentions[src].add(dst)
        # An event's ng:country is the Country entity whose name has the canonical key of
        # the event's country name. Aliases are not followed, so that two events are in
        # the same country exactly when `followed --same-place` says so (it compares the
        # names); a name known only as an alias gets a node of its own, owl:sameAs the
        # entity it is an alias of.
        by_key: dict[str, str] = {}
        for gid, entity in sorted(snap.entities.items()):
            if entity["type"] == "COUNTRY":
                by_key.setdefault(canonical_key(entity["name"]), gid)
        alias_of: dict[str, str] = {}
        for gid in sorted(snap.aliases):
            if gid in snap.entities and snap.entities[gid]["type"] == "COUNTRY":
                for alias in sorted(snap.aliases[gid]):
                    alias_of.setdefault(canonical_key(alias), gid)
        self.country_by_key = by_key
        self.minted_countries: dict[str, tuple[str, str | None]] = {}
        for eid in sorted(self.exported_events):
            name = snap.events[eid]["country"]
            key = canonical_key(name) if name else ""
            if key and key not in by_key:
                gid = entity_id("COUNTRY", key)
                self.minted_countries.setdefault(gid, (name, alias_of.get(key)))
                by_key[key] = gid

    def country_of(self, event: dict) -> str | None:
        """The Country entity id of an event's country name."""
        name = event["country"]
        return self.country_by_key.get(canonical_key(name)) if name else None

    def documents(self) -> list[str]:
        return sorted(self.snap.documents)

    def evidence_rows(self, target: str, doc: str | None = None
                      ) -> list[tuple[str, str | None, int, int]]:
        return [row for row in self.snap.support.get(target, ())
                if (doc is None or row[0] == doc) and 0 <= row[2] <= row[3]]

    # -- descriptions of one node -------------------------------------------------------------
    def _entity(self, out: _Blocks, gid: str) -> set[str]:
        """Describe an entity; returns the entities it refers to (a city's country)."""
        i = self.iris
        s = i.entity(gid)
        entity = self.snap.entities.get(gid)
        if entity is None:  # a country known only by the name events give
            name, same = self.minted_countries.get(gid, (gid, None))
            out.add(s, TYPE, NG + "Entity")
            out.add(s, TYPE, NG + "Country")
            out.add(s, RDFS + "label", Lit(name))
            if same:
                out.add(s, OWL + "sameAs", i.entity(same))
                return {same}
            return set()
        kind = entity["type"]
        out.add(s, TYPE, NG + "Entity")
        if kind in KIND_CLASS:
            out.add(s, TYPE, NG + KIND_CLASS[kind])
        out.add(s, RDFS + "label", Lit(entity["name"]))
        for alias in self.snap.aliases.get(gid, ()):
            if alias != entity["name"]:
                out.add(s, NG + "alias", Lit(alias))
        for name in self.snap.affiliations.get(gid, ()):
            key = name.replace(" ", "_")
            if key in self.affiliation_keys:
                out.add(s, NG + "affiliation", NGAFF + key)
        if entity["wikidata"] and re.fullmatch(r"Q[0-9]+", str(entity["wikidata"])):
            out.add(s, NG + "wikidata", Lit(str(entity["wikidata"])))
            out.add(s, OWL + "sameAs", f"http://www.wikidata.org/entity/{entity['wikidata']}")
        if kind in PLACE_KINDS and entity["geonames"] is not None:
            out.add(s, NG + "geonamesId", Lit(str(entity["geonames"])))
            out.add(s, OWL + "sameAs", f"https://sws.geonames.org/{entity['geonames']}/")
        if kind == "COUNTRY" and entity["iso"] and re.fullmatch(r"[A-Z]{2}", entity["iso"]):
            out.add(s, NG + "isoCode", Lit(entity["iso"]))
        country = self.city_country.get(gid)
        if country:
            out.add(s, NG + "country", i.entity(country))
            return {country}
        return set()

    def _event_core(self, out: _Blocks, eid: str) -> set[str]:
        """The merged facts of an event: type, time, place, confidence, source count.
        Returns the entities it refers to."""
        i, ev = self.iris, self.snap.events[eid]
        s = i.event(eid)
        out.add(s, TYPE, NG + "Event")
        if ev["type"] in self.event_types:
            out.add(s, TYPE, NG + "".join(p.capitalize() for p in ev["type"].split("_"))
                    + "Event")
        out.add(s, NG + "eventType", NGTYPE + iri_segment(ev["type"]))
        out.add(s, NG + "eventTime", i.date(ev["value"]))
        refers = set()
        place = ev["place"]
        if place in self.snap.entities and self.snap.entities[place]["type"] in PLACE_KINDS:
            out.add(s, NG + "place", i.entity(place))
            refers.add(place)
        country = self.country_of(ev)
        if country:
            out.add(s, NG + "country", i.entity(country))
            refers.add(country)
        if isinstance(ev["confidence"], int | float):
            out.add(s, NG + "confidence", decimal_lit(ev["confidence"]))
        docs = self.snap.documents
        refs = [SourceRef(d, outlet=docs[d]["outlet"] if d in docs else None)
                for d in sorted({row[0] for row in self.snap.support.get(eid, ())})]
        out.add(s, NG + "sourceCount", count_lit(independent_sources(refs)))
        return refers

    def _event_time(self, out: _Blocks, eid: str) -> None:
        i, ev = self.iris, self.snap.events[eid]
        s = i.date(ev["value"])
        out.add(s, TYPE, TIME + "Interval")
        out.add(s, TIME + "hasBeginning", i.instant(ev["start"]))
        out.add(s, TIME + "hasEnd", i.instant(ev["end"]))
        unit = GRANULARITY_UNIT.get(ev["granularity"] or "day", "unitDay")
        out.add(s, NG + "granularity", TIME + unit)
        for day in (ev["start"], ev["end"]):
            out.add(i.instant(day), TYPE, TIME + "Instant")
            out.add(i.instant(day), TIME + "inXSDDate", Lit(day, XSD + "date"))

    def _evidence(self, out: _Blocks, doc: str, sentence: str | None, start: int,
                  end: int) -> str:
        i = self.iris
        s = i.evidence(doc, start, end)
        selector = s + "/selector"
        out.add(s, TYPE, NG + "Evidence")
        out.add(s, OA + "hasSource", i.document(doc))
        out.add(s, OA + "hasSelector", selector)
        out.add(selector, TYPE, OA + "TextPositionSelector")
        out.add(selector, OA + "start", count_lit(start))
        out.add(selector, OA + "end", count_lit(end))
        if sentence and not any(p == OA + "exact" for p, _ in out.by_subject[selector]):
            out.add(selector, TYPE, OA + "TextQuoteSelector")
            out.add(selector, OA + "exact", Lit(sentence))
        return s

    def _event_sources(self, out: _Blocks, eid: str, doc: str | None) -> set[str]:
        """Reports, evidence and participations of an event from one document (or all).
        Returns the entities the participations name."""
        i = self.iris
        s = i.event(eid)
        for row in self.snap.support.get(eid, ()):
            if doc is None or row[0] == doc:
                out.add(s, NG + "reportedIn", i.document(row[0]))
        for d, sentence, start, end in self.evidence_rows(eid, doc):
            out.add(s, NG + "evidence", self._evidence(out, d, sentence, start, end))
        refers = set()
        for edge, gid, role in self.participations.get(eid, ()):
            rows = [r for r in self.snap.support.get(edge, ()) if doc is None or r[0] == doc]
            if not rows:
                continue
            p = i.participation(edge)
            out.add(s, NG + "hasParticipation", p)
            out.add(p, TYPE, NG + "Participation")
            out.add(p, NG + "participant", i.entity(gid))
            out.add(p, NG + "role", NGROLE + (role if role in self.roles else FALLBACK_ROLE))
            for d, sentence, start, end in self.evidence_rows(edge, doc):
                out.add(p, NG + "evidence", self._evidence(out, d, sentence, start, end))
            refers.add(gid)
        return refers

    def _document(self, out: _Blocks, doc: str) -> None:
        i, d = self.iris, self.snap.documents[doc]
        s = i.document(doc)
        out.add(s, TYPE, NG + "Document")
        if d["title"]:
            out.add(s, SCHEMA + "headline", Lit(d["title"]))
        out.add(s, SCHEMA + "url", safe_url(d["url"]))
        if d["outlet"]:
            out.add(s, NG + "outlet", Lit(d["outlet"]))
        out.add(s, NG + "published", published_lit(d["published"]))
        out.add(s, NG + "ingestedAt", datetime_lit(d["ingested_at"]))
        out.add(s, NG + "contentHash", Lit(d["content_hash"]))

    def _agents(self, out: _Blocks) -> list[str]:
        ours, model, model_version = self.versions
        agent = self.iris.agent("newsgraph", ours)
        out.add(agent, TYPE, PROV + "SoftwareAgent")
        out.add(agent, RDFS + "label", Lit("newsgraph"))
        out.add(agent, SCHEMA + "softwareVersion", Lit(ours))
        agents = [agent]
        if model_version:
            spacy = self.iris.agent("spacy", model, model_version)
            out.add(spacy, TYPE, PROV + "SoftwareAgent")
            out.add(spacy, RDFS + "label", Lit(f"spaCy pipeline {model}"))
            out.add(spacy, SCHEMA + "softwareVersion", Lit(model_version))
            agents.append(spacy)
        return agents

    def _activity(self, out: _Blocks, doc: str, agents: list[str]) -> str:
        i, d = self.iris, self.snap.documents[doc]
        s = i.extraction(doc, d["content_hash"])
        out.add(s, TYPE, NG + "ExtractionActivity")
        out.add(s, TYPE, PROV + "Activity")
        out.add(s, PROV + "used", i.document(doc))
        out.add(s, PROV + "startedAtTime", datetime_lit(d["ingested_at"]))
        for agent in agents:
            out.add(s, PROV + "wasAssociatedWith", agent)
        return s

    # -- claims ------------------------------------------------------------------------------
    def _claim(self, out: _Blocks, cid: str) -> set[str]:
        """A claim: who, what, when, where, stance, what it is about, the sentence quoting
        it, competing claims, a fact-checker's assessments and review. Returns the
        entities it refers to."""
        i, claim = self.iris, self.snap.claims[cid]
        data, s = claim["data"], i.claim(cid)
        out.add(s, TYPE, NG + "Claim")
        out.add(s, TYPE, SCHEMA + "Claim")  # stated, for SPARQL without RDFS inference
        out.add(s, NG + "claimOrigin", Lit(claim["origin"]))
        out.add(s, NG + "text", Lit(data.get("text") or ""))
        refers = set()
        if data.get("claimant"):
            out.add(s, NG + "claimantName", Lit(data["claimant"]))
        if claim["claimant"] in self.snap.entities:
            out.add(s, NG + "claimant", i.entity(claim["claimant"]))
            out.add(s, PROV + "wasAttributedTo", i.entity(claim["claimant"]))
            refers.add(claim["claimant"])
        for key, predicate in (("stance", "stance"), ("verb", "speechVerb")):
            if data.get(key):
                out.add(s, NG + predicate, Lit(data[key]))
        if claim["origin"] == "extracted":
            out.add(s, NG + "causal", Lit("true" if data.get("causal") else "false",
                                          XSD + "boolean"))
        out.add(s, SCHEMA + "dateCreated", calendar_lit(data.get("when")))
        where = data.get("where")
        if where and safe_url(where):
            out.add(s, SCHEMA + "appearance", safe_url(where))
        elif where:
            out.add(s, NG + "statedIn", Lit(where))
        out.add(s, RDFS + "seeAlso", safe_url(data.get("checker_url")))
        out.add(s, PROV + "generatedAtTime", datetime_lit(claim["created_at"]))
        doc = claim["document"]
        if doc in self.snap.documents:
            out.add(s, PROV + "wasDerivedFrom", i.document(doc))
            start, end = data.get("start"), data.get("end")
            if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end:
                out.add(s, NG + "evidence", self._quote(out, cid, doc, data.get("text"),
                                                        start, end))
        for kind, target, relation, note, created in sorted(self.snap.claim_links[cid],
                                                            key=repr):
            if kind == "ABOUT":
                if target in self.exported_events:
                    out.add(s, NG + "about", i.event(target))
                elif target in self.snap.entities:
                    out.add(s, NG + "about", i.entity(target))
                    refers.add(target)
            elif kind == "CONTESTS" and target in self.snap.claims:
                out.add(s, NG + "contestedBy", i.claim(target))
            elif kind == "EVIDENCE":
                refers |= self._assessment(out, cid, target, relation, note, created)
        self._claim_review(out, cid)
        return refers

    def _quote(self, out: _Blocks, cid: str, doc: str, text: str | None, start: int,
               end: int) -> str:
        """The words of a quoted claim in its document, as an ng:Evidence of its own
        (under the claim's IRI, so that it never shares a subject with an event's)."""
        s = self.iris.claim(cid) + "/quote"
        selector = s + "/selector"
        out.add(s, TYPE, NG + "Evidence")
        out.add(s, OA + "hasSource", self.iris.document(doc))
        out.add(s, OA + "hasSelector", selector)
        out.add(selector, TYPE, OA + "TextPositionSelector")
        out.add(selector, OA + "start", count_lit(start))
        out.add(selector, OA + "end", count_lit(end))
        if text:
            out.add(selector, TYPE, OA + "TextQuoteSelector")
            out.add(selector, OA + "exact", Lit(text))
        return s

    def _target(self, target: str) -> str | None:
        if target in self.exported_events:
            return self.iris.event(target)
        if target in self.snap.documents:
            return self.iris.document(target)
        return None

    def _assessment(self, out: _Blocks, cid: str, target: str, relation: str,
                    note: str | None, created: str | None) -> set[str]:
        i = self.iris
        s = i.assessment(cid, target, relation)
        iri = self._target(target)
        if iri is None:  # gone from the graph since: the assessment still names it
            iri = i.event(target) if target.startswith("ev:") else i.document(target)
        elif relation in ("supports", "refutes"):
            predicate = "supportedBy" if relation == "supports" else "refutedBy"
            out.add(i.claim(cid), NG + predicate, iri)
        out.add(s, TYPE, NG + "Assessment")
        out.add(s, NG + "assessedClaim", i.claim(cid))
        out.add(s, NG + "assessmentTarget", iri)
        out.add(s, NG + "evidenceRelation", Lit(relation))
        if note:
            out.add(s, RDFS + "comment", Lit(note))
        out.add(s, PROV + "generatedAtTime", datetime_lit(created))
        return set()

    def _claim_review(self, out: _Blocks, cid: str) -> None:
        """A reviewed claim's schema.org ClaimReview, the markup fact-checkers publish."""
        i, claim = self.iris, self.snap.claims[cid]
        review = claim["data"].get("review")
        if not review:
            return
        s = i.claim_review(cid)
        rating = s + "/rating"
        out.add(s, TYPE, SCHEMA + "ClaimReview")
        out.add(s, SCHEMA + "itemReviewed", i.claim(cid))
        out.add(s, SCHEMA + "claimReviewed", Lit(claim["data"].get("text") or ""))
        out.add(s, SCHEMA + "reviewRating", rating)
        out.add(rating, TYPE, SCHEMA + "Rating")
        out.add(rating, SCHEMA + "alternateName", Lit(review["rating"]))
        for ours, theirs in (("rating_value", "ratingValue"), ("best_rating", "bestRating"),
                             ("worst_rating", "worstRating")):
            if isinstance(review.get(ours), int | float):
                out.add(rating, SCHEMA + theirs, decimal_lit(review[ours]))
        out.add(s, SCHEMA + "url", safe_url(review.get("url") or claim["data"].get(
            "checker_url")))
        out.add(s, SCHEMA + "datePublished", calendar_lit(review.get("date_published")))
        if review.get("author"):
            org = i.agent("factchecker", review["author"])
            out.add(s, SCHEMA + "author", org)
            out.add(org, TYPE, SCHEMA + "Organization")
            out.add(org, TYPE, PROV + "Agent")
            out.add(org, SCHEMA + "name", Lit(review["author"]))

    def claims_of(self, doc: str | None) -> list[str]:
        """The claims quoted in a document, or (``None``) the fact-checkers' claims."""
        return sorted(cid for cid, c in self.snap.claims.items()
                      if (c["document"] == doc if doc else c["origin"] == "checker"))

    def _kind_claims(self) -> list[Block]:
        out = _Blocks()
        for cid in self.snap.claims:
            self._claim(out, cid)
        return out.sorted()

    # -- graphs -----------------------------------------------------------------------------
    def default_blocks(self, *, with_graphs: bool = True) -> list[Block]:
        """The default graph: documents, their extraction activities and the software;
        with ``with_graphs``, each document's named graph as a ``prov:Entity``."""
        out = _Blocks()
        agents = self._agents(out)
        for doc in self.documents():
            self._document(out, doc)
            activity = self._activity(out, doc, agents)
            if with_graphs:
                g = self.iris.graph(doc)
                out.add(g, TYPE, PROV + "Entity")
                out.add(g, PROV + "wasDerivedFrom", self.iris.document(doc))
                out.add(g, PROV + "wasGeneratedBy", activity)
        if with_graphs:  # the fact-checkers' claims belong to no document
            entities: set[str] = set()
            for cid in self.claims_of(None):
                entities |= self._claim(out, cid)
            self._entities(out, entities)
        return out.sorted()

    def graph_blocks(self, doc: str) -> list[Block]:
        """The named graph of one document: what was taken from it, with the nodes it
        names described so that the graph stands alone."""
        out = _Blocks()
        i = self.iris
        entities = set(self.mentions.get(doc, ()))
        for gid in entities:
            out.add(i.document(doc), NG + "mentions", i.entity(gid))
        for eid in sorted(self.reports.get(doc, ())):
            out.add(i.document(doc), NG + "reports", i.event(eid))
            entities |= self._event_core(out, eid)
            self._event_time(out, eid)
            entities |= self._event_sources(out, eid, doc)
        for cid in self.claims_of(doc):
            entities |= self._claim(out, cid)
        self._entities(out, entities)
        return out.sorted()

    def _entities(self, out: _Blocks, entities: Iterable[str]) -> None:
        pending, done = set(entities), set()
        while pending:
            gid = pending.pop()
            done.add(gid)
            pending |= self._entity(out, gid) - done

    def union_blocks(self) -> Iterator[Block]:
        """Every statement once, for the single-graph formats, sorted by subject.

        Built one kind of node at a time (kinds in IRI order), so memory holds one
        kind's statements, not the whole graph's.
        """
        yield from heapq.merge(self._kind_agents_and_dates(), self._kind_claims(),
                               key=lambda block: _iri_key(block[0]))
        yield from self._kind_document()
        yield from self._kind_entity()
        events, evidence, participations = self._kind_event_evidence_participation()
        yield from events
        yield from evidence
        del events, evidence
        yield from self._kind_extraction()
        yield from self._kind_instant()
        yield from participations

    def _kind_agents_and_dates(self) -> list[Block]:
        out = _Blocks()
        self._agents(out)
        for eid in self.exported_events:
            self._event_time(out, eid)
        prefix = self.iris.base + "instant/"
        return [b for b in out.sorted() if not b[0].startswith(prefix)]

    def _kind_document(self) -> list[Block]:
        out = _Blocks()
        i = self.iris
        for doc in self.documents():
            self._document(out, doc)
            for gid in self.mentions.get(doc, ()):
                out.add(i.document(doc), NG + "mentions", i.entity(gid))
            for eid in self.reports.get(doc, ()):
                out.add(i.document(doc), NG + "reports", i.event(eid))
        return out.sorted()

    def _kind_entity(self) -> list[Block]:
        out = _Blocks()
        for gid in list(self.snap.entities) + list(self.minted_countries):
            self._entity(out, gid)
        return out.sorted()

    def _kind_event_evidence_participation(self) -> tuple[list[Block], ...]:
        out = _Blocks()
        for eid in self.exported_events:
            self._event_core(out, eid)
            self._event_sources(out, eid, None)
        kinds: dict[str, list[Block]] = {"event": [], "evidence": [], "participation": []}
        start = len(self.iris.base)
        for block in out.sorted():
            kinds[block[0][start:].split("/", 1)[0]].append(block)
        return kinds["event"], kinds["evidence"], kinds["participation"]

    def _kind_extraction(self) -> list[Block]:
        out = _Blocks()
        agents = self._agents(_Blocks())
        for doc in self.documents():
            self._activity(out, doc, agents)
        return out.sorted()

    def _kind_instant(self) -> list[Block]:
        out = _Blocks()
        for eid in self.exported_events:
            self._event_time(out, eid)
        prefix = self.iris.base + "instant/"
        return [b for b in out.sorted() if b[0].startswith(prefix)]

    def named_graphs(self) -> Iterator[tuple[str | None, list[Block]]]:
        """The default graph (name ``None``) then each document's graph, by document id."""
        yield None, self.default_blocks()
        for doc in self.documents():
            yield self.iris.graph(doc), self.graph_blocks(doc)


def model_of(store: object, namespace: str | None = None) -> RdfModel:
    """The RDF model of a store's current contents."""
    return RdfModel(Snapshot.from_store(store), namespace)


def build_dataset(store_or_model: object, namespace: str | None = None):  # noqa: ANN201
    """An rdflib :class:`~rdflib.Dataset` of the export, its default graph the union of
    all graphs (``default_union=True``)."""
    from rdflib import Dataset, Literal, URIRef

    model = (store_or_model if isinstance(store_or_model, RdfModel)
             else model_of(store_or_model, namespace))
    dataset = Dataset(default_union=True)
    iris: dict[str, URIRef] = {}

    def term(value: Term):  # noqa: ANN202
        if isinstance(value, Lit):
            return Literal(value.lexical, datatype=URIRef(value.datatype)
                           if value.datatype else None)
        found = iris.get(value)
        if found is None:
            found = iris[value] = URIRef(value)
        return found

    for name, blocks in model.named_graphs():
        graph = dataset.default_context if name is None else dataset.graph(URIRef(name))
        graph.addN((term(s), term(p), term(o), graph) for s, pos in blocks for p, o in pos)
    return dataset
