"""The data model of the newsgraph knowledge graph: nodes, edges and stable ids.

Nodes
-----
``Document``   an article: id, title, url, outlet, published, ingested_at, content hash.
``Entity``     a person, government body, organization, platform, city, country or location.
``Event``      something that happened: type, date interval, place, country, confidence.
``Date``       a calendar day, week, month or year that events and documents hang on.
``Affiliation`` a political affiliation value (``opposition``, ``government`` ...).

Edges
-----
``MENTIONS``        Document -> Entity (one source row per mention span)
``REPORTS``         Document -> Event (evidence sentence and offsets)
``PARTICIPANT``     Event -> Entity (with the participant's role)
``LOCATED_IN``      Event -> place entity, and City -> Country
``AFFILIATED_WITH`` Entity -> Affiliation
``ON_DATE``         Event -> Date, and Document -> Date (its publication day)

Every graph-global id is derived from content, so that ingesting the same articles
again, or in another store, gives the same ids. See ``docs/graph.md``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

ENTITY_TYPES = ("PERSON", "GOVERNMENT", "ORGANIZATION", "PLATFORM", "CITY", "COUNTRY", "LOCATION")
EDGE_KINDS = ("MENTIONS", "REPORTS", "PARTICIPANT", "LOCATED_IN", "AFFILIATED_WITH", "ON_DATE")
NODE_KINDS = ("document", "entity", "event", "date", "affiliation")


def _digest(*parts: object, length: int = 16) -> str:
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)


def canonical_key(name: str) -> str:
    """The key two spellings of one name share: NFKC, casefolded, possessive and punctuation gone.

    Examples
    --------
    >>> canonical_key("Mukhtar Ablyazov's")
    'mukhtar ablyazov'
    >>> canonical_key("  Al-Jazeera ")
    'al jazeera'
    """
    text = unicodedata.normalize("NFKC", name or "").strip()
    words = [_POSSESSIVE.sub("", w) for w in text.split()]
    text = _NOT_WORD.sub(" ", " ".join(words).casefold())
    return " ".join(text.replace("_", " ").split())


def entity_id(entity_type: str, key: str) -> str:
    """The id of an entity: its type and canonical key, e.g. ``ent:person:mukhtar-ablyazov``."""
    slug = key.replace(" ", "-") or "unnamed"
    if len(slug) > 80:
        slug = slug[:64] + "-" + _digest(key, length=12)
    return f"ent:{entity_type.lower()}:{slug}"


def event_id(event_type: str, date_value: str | None, country: str | None,
             participant_ids: list[str] | tuple[str, ...], place_id: str | None) -> str:
    """The id of an event: a hash of the merge key it was first seen with."""
    key = _digest(event_type, date_value, (country or "").casefold(),
                  ",".join(sorted(set(participant_ids))), place_id)
    return f"ev:{event_type.lower()}:{key}"


def edge_id(kind: str, src: str, dst: str, role: str | None = None) -> str:
    """The id of an edge: its kind and a hash of its ends and role."""
    return f"rel:{kind}:{_digest(src, dst, role)}"


def date_id(value: str) -> str:
    """The id of a Date node, e.g. ``date:2022-01-05`` or ``date:2022-01``."""
    return f"date:{value}"


def affiliation_id(name: str) -> str:
    """The id of an Affiliation node, e.g. ``aff:opposition``."""
    return f"aff:{canonical_key(name).replace(' ', '_')}"


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A document, and where in it, that supports a node or an edge."""

    document: str
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    title: str | None = None
    sentence: str | None = None
    start: int | None = None
    end: int | None = None

    def as_json(self) -> dict:
        return {"document": self.document, "url": self.url, "published": self.published,
                "outlet": self.outlet, "title": self.title, "sentence": self.sentence,
                "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Participant:
    """An entity taking part in an event, with its role and affiliations."""

    entity: str
    name: str
    type: str
    role: str | None = None
    affiliation: tuple[str, ...] = ()

    def as_json(self) -> dict:
        return {"id": self.entity, "name": self.name, "type": self.type, "role": self.role,
                "affiliation": list(self.affiliation)}


def independent_sources(sources: tuple[SourceRef, ...] | list[SourceRef]) -> int:
    """How many independent sources report something: distinct outlets, else documents."""
    keys = {("outlet", s.outlet.casefold()) if s.outlet else ("document", s.document)
            for s in sources}
    return len(keys)


@dataclass(frozen=True, slots=True)
class EventRecord:
    """An event as the query algorithms see it: plain values, days as ordinals.

    Attributes
    ----------
    start, end : int
        First and last possible day of the event, as :meth:`datetime.date.toordinal`.
    entities : frozenset of str
        Ids of all participants, for ``shared_entity`` and ``entity=`` (which also
        matches the place).
    affiliations : frozenset of str
        Casefolded affiliations of all participants (GOVERNMENT entities count as
        ``government``).
    """

    id: str
    type: str
    start: int
    end: int
    value: str | None = None
    granularity: str = "day"
    country: str | None = None
    place: str | None = None
    place_name: str | None = None
    confidence: float | None = None
    participants: tuple[Participant, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    entities: frozenset[str] = frozenset()
    affiliations: frozenset[str] = frozenset()

    @property
    def precise(self) -> bool:
        return self.start == self.end

    @property
    def start_date(self) -> date:
        return date.fromordinal(self.start)

    @property
    def end_date(self) -> date:
        return date.fromordinal(self.end)

    @property
    def source_count(self) -> int:
        return independent_sources(self.sources)

    def as_json(self) -> dict:
        """The EVENT object of the public JSON shape (see ``docs/graph.md``)."""
        return {
            "id": self.id,
            "type": self.type,
            "date": {"value": self.value, "granularity": self.granularity,
                     "start": self.start_date.isoformat(), "end": self.end_date.isoformat()},
            "country": self.country,
            "place": self.place_name or self.place,
            "place_id": self.place,
            "confidence": self.confidence,
            "participants": [p.as_json() for p in self.participants],
            "sources": [
                {"document": s.document, "url": s.url, "published": s.published,
                 "sentence": s.sentence, "outlet": s.outlet, "title": s.title}
                for s in self.sources
            ],
            "source_count": self.source_count,
        }


@dataclass(frozen=True, slots=True)
class Document:
    """An article in the store, with its three clocks' worth of metadata."""

    id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    ingested_at: str
    content_hash: str
    source_path: str | None = None
    claims: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"id": self.id, "title": self.title, "url": self.url, "outlet": self.outlet,
                "published": self.published, "ingested_at": self.ingested_at,
                "content_hash": self.content_hash, "source_path": self.source_path,
                "claims": self.claims, "counts": self.counts}


@dataclass(frozen=True, slots=True)
class Entity:
    """An entity merged across documents."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    attributes: dict = field(default_factory=dict)
    external_ids: dict = field(default_factory=dict)
    documents: int = 0

    def as_json(self) -> dict:
        return {"id": self.id, "name": self.name, "type": self.type,
                "aliases": list(self.aliases), "attributes": self.attributes,
                "external_ids": self.external_ids, "documents": self.documents}


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What writing one extraction did.

    Attributes
    ----------
    status : str
        ``added`` (a new document), ``unchanged`` (same id and content hash: nothing
        written) or ``replaced`` (same id, new hash: its old facts were removed first).
    document : str
        The document id.
    counts : dict
        ``entities_added``, ``entities_merged``, ``events_added``, ``events_merged``.
    """

    status: str
    document: str
    counts: dict = field(default_factory=dict)
