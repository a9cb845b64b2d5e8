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

Claims (see ``docs/claims.md``)
-------------------------------
``Claim``           who asserts what: extracted from an article (``origin`` ``extracted``)
                    or stored by a fact-checker (``origin`` ``checker``).
``CLAIMS``          Entity -> Claim (the claimant)
``ABOUT``           Claim -> Event or Entity
``SOURCED_FROM``    Claim -> Document (the article that quotes it)
``CONTESTS``        Claim -> Claim (competing claims about one event)
``EVIDENCE``        Claim -> Event or Document (a fact-checker's ``supports``/``refutes``)

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
CLAIM_EDGE_KINDS = ("CLAIMS", "ABOUT", "SOURCED_FROM", "CONTESTS", "EVIDENCE")
CLAIM_ORIGINS = ("extracted", "checker")
EVIDENCE_RELATIONS = ("supports", "refutes")


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


def extracted_claim_id(document_id: str, start: object, end: object, text: str | None,
                       claimant: str | None = None) -> str:
    """The id of a claim quoted in a document: its document, offsets, words and claimant
    ("A and B said that ..." is two claims)."""
    return f"claim:{_digest('extracted', document_id, start, end, text, claimant)}"


def checker_claim_id(text: str, claimant: str | None, where: str | None,
                     when: str | None) -> str:
    """The id of a fact-checker's claim: its words, claimant, where and when.

    Storing the same claim twice gives the same id (and changes nothing).
    """
    words = " ".join(text.split()).casefold()
    return f"claim:{_digest('checker', words, canonical_key(claimant or ''), where, when)}"


def affiliation_id(name: str) -> str:
    """The id of an Affiliation node, e.g. ``aff:opposition``."""
    return f"aff:{canonical_key(name).replace(' ', '_')}"


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A document, and where in it, that supports a node or an edge.

    A report of an event (its sources from ``sources(event_id)``) also carries the word
    that triggered the event in that sentence, e.g. ``blocked``, and, when the extraction
    gave them, its offsets within ``sentence``
    (``sentence[trigger_start:trigger_end] == trigger``); None otherwise, and for
    reports stored before triggers were kept.
    """

    document: str
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    title: str | None = None
    sentence: str | None = None
    start: int | None = None
    end: int | None = None
    trigger: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None

    def as_json(self) -> dict:
        return {"document": self.document, "url": self.url, "published": self.published,
                "outlet": self.outlet, "title": self.title, "sentence": self.sentence,
                "start": self.start, "end": self.end, "trigger": self.trigger,
                "trigger_start": self.trigger_start, "trigger_end": self.trigger_end}


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
        First and last possible day of the event, as :meth:`datetime.date.toordinal`;
        None only for an undated event, which only ``GraphStore.undated_event`` gives
        (the query algorithms never see one).
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
                     "start": self.start_date.isoformat(), "end": self.end_date.isoformat()}
            if self.start is not None else None,
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
class Claim:
    """Who asserts what, where and when, what it is about and what bears on it.

    Attributes
    ----------
    origin : str
        ``extracted`` (quoted in an article; ``source`` is that article and sentence) or
        ``checker`` (stored by a fact-checker with ``POST /v1/claims``).
    claimant, claimant_entity : str or None
        Who made the claim, as named, and the entity of the graph that is (if known).
    when, where : str or None
        When the claim was made (ISO date) and where (a URL or words such as "TV
        interview"); for extracted claims ``where`` is the quoting article's URL.
    about : tuple of dict
        The events and entities it is about: ``id``, ``kind``, ``label``, ``exists``.
    evidence : tuple of dict
        A fact-checker's links: ``target``, ``kind`` (event/document), ``relation``
        (``supports``/``refutes``), ``note``, ``added_at``, ``exists``.
    review : dict or None
        The published verdict (``rating``, ``rating_value``, ``best_rating``,
        ``worst_rating``, ``author``, ``url``, ``date_published``), for ``ClaimReview``.
    """

    id: str
    origin: str
    text: str
    claimant: str | None = None
    claimant_entity: str | None = None
    verb: str | None = None
    stance: str | None = None
    when: str | None = None
    where: str | None = None
    checker_url: str | None = None
    causal: bool = False
    cause: str | None = None
    contested: bool = False
    contested_with: tuple[str, ...] = ()
    source: SourceRef | None = None
    about: tuple[dict, ...] = ()
    evidence: tuple[dict, ...] = ()
    review: dict | None = None
    created_at: str | None = None

    def as_json(self) -> dict:
        """The CLAIM object of the public JSON shape (see ``docs/claims.md``)."""
        return {
            "id": self.id, "origin": self.origin, "text": self.text,
            "claimant": {"name": self.claimant, "entity": self.claimant_entity},
            "verb": self.verb, "stance": self.stance, "when": self.when, "where": self.where,
            "checker_url": self.checker_url, "causal": self.causal, "cause": self.cause,
            "contested": self.contested, "contested_with": list(self.contested_with),
            "source": self.source.as_json() if self.source else None,
            "about": [dict(a) for a in self.about],
            "evidence": [dict(e) for e in self.evidence],
            "review": dict(self.review) if self.review else None,
            "created_at": self.created_at,
        }


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
