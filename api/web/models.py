"""Response shapes of the HTTP API, for the generated OpenAPI document (with examples).

Routes build plain JSON from the graph model's ``as_json`` methods (the same JSON the
CLI prints) and these models describe it; unknown extra fields are allowed so that a
later version may add fields without breaking clients.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")
OPEN = ConfigDict(extra="allow")

SOURCE_EXAMPLE = {
    "document": "doc-24f02af29ef8422f",
    "url": "https://samples.newsgraph.example/kazakhstan-2016-independence-day-block",
    "published": "2016-12-18", "outlet": "newsgraph samples desk",
    "title": "Social networks go dark in Kazakhstan on Independence Day",
    "sentence": "The outage, they noted, came at the same time as a YouTube livestream in "
                "which opposition politician Mukhtar Ablyazov was being interviewed ...",
}
REPORT_EXAMPLE = {
    **SOURCE_EXAMPLE, "start": 121, "end": 308,
    "sentence": "According to civil society activists, Facebook, YouTube, Instagram and "
                "Google were all blocked nationwide on 16 December, the date on which the "
                "country broke away from the Soviet Union.",
    "trigger": "blocked", "trigger_start": 87, "trigger_end": 94,
}
EVENT_EXAMPLE = {
    "id": "ev:broadcast:273bb5770883c53d", "type": "BROADCAST",
    "date": {"value": "2016-12-16", "granularity": "day", "start": "2016-12-16",
             "end": "2016-12-16"},
    "country": "Kazakhstan", "place": None, "place_id": None, "confidence": 0.85,
    "participants": [{"id": "ent:person:mukhtar-ablyazov", "name": "Mukhtar Ablyazov",
                      "type": "PERSON", "role": "speaker", "affiliation": ["opposition"]}],
    "sources": [SOURCE_EXAMPLE], "source_count": 1,
}
ENTITY_EXAMPLE = {
    "id": "ent:person:mukhtar-ablyazov", "name": "Mukhtar Ablyazov", "type": "PERSON",
    "aliases": ["Ablyazov"], "attributes": {"affiliation": ["opposition"],
                                            "role": ["politician"]},
    "external_ids": {}, "documents": 1,
}


class Source(BaseModel):
    """A document, and the sentence in it, that supports a node or an edge."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [SOURCE_EXAMPLE]})
    document: str
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    title: str | None = None
    sentence: str | None = None
    trigger: str | None = Field(None, description="For a report of an event: the word of "
                                "the sentence that triggered the event, e.g. \"blocked\" "
                                "(null for other sources and for older reports).")
    trigger_start: int | None = Field(None, description="Where the trigger begins in "
                                      "`sentence` (sentence[trigger_start:trigger_end] is "
                                      "the trigger), when known.")
    trigger_end: int | None = Field(None, description="Where the trigger ends in "
                                    "`sentence`, when known.")


class Report(Source):
    """A report of an event: the source with its sentence's offsets in the article and
    the trigger word in that sentence."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [REPORT_EXAMPLE]})
    start: int | None = None
    end: int | None = None


class Participant(BaseModel):
    model_config = OPEN
    id: str
    name: str
    type: str
    role: str | None = None
    affiliation: list[str] = []


class EventDate(BaseModel):
    model_config = OPEN
    value: str | None = None
    granularity: str
    start: str
    end: str


class Event(BaseModel):
    """An event: type, date (with its granularity), place, participants and sources."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [EVENT_EXAMPLE]})
    id: str
    type: str
    date: EventDate | None = Field(description="When it happened; null only for an event "
                                   "no report dates (GET /v1/events/{id}).")
    country: str | None = None
    place: str | None = None
    place_id: str | None = None
    confidence: float | None = None
    participants: list[Participant]
    sources: list[Source]
    source_count: int


class EventDetail(Event):
    """An event with every report of it, including the evidence offsets."""

    reports: list[Report]


class FollowedPair(BaseModel):
    """A cause and an effect that started within the window after it (CLI JSON shape)."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{
        "cause": EVENT_EXAMPLE, "effect": {**EVENT_EXAMPLE, "id": "ev:outage:5d1c0e6b2f3a4c11",
                                           "type": "OUTAGE"},
        "lag_days": 0, "shared_entities": [], "shared_entity_ids": [], "precise": True}]})
    cause: Event
    effect: Event
    lag_days: int
    shared_entities: list[str]
    shared_entity_ids: list[str] = []
    precise: bool


class CorrelationStats(BaseModel):
    """A permutation test of "effect follows cause" (see ``docs/graph.md``)."""

    model_config = OPEN
    cause_type: str
    effect_type: str
    window_days: int
    causes: int
    effects: int
    observed: int
    pairs: int
    expected: float
    lift: float | None
    p_value: float
    permutations: int
    seed: int
    null_model: str
    null_low: float
    null_high: float
    period_start: str | None
    period_end: str | None
    interpretation: str


class Entity(BaseModel):
    """An entity merged across documents."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [ENTITY_EXAMPLE]})
    id: str
    name: str
    type: str
    aliases: list[str]
    attributes: dict[str, Any]
    external_ids: dict[str, Any]
    documents: int = Field(description="How many documents mention the entity.")


class EntityHit(Entity):
    """An entity found by name: the name that matched, how (exact, words, prefix, fuzzy)
    and how well (0-100)."""

    matched_name: str
    match: str
    score: float


class DocumentRef(BaseModel):
    model_config = OPEN
    id: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None


class EntityDetail(Entity):
    """An entity with its mention count and the documents that mention it."""

    mention_count: int
    in_documents: list[DocumentRef]


class Node(BaseModel):
    """A node in a neighbourhood or a path: id, kind, and a name or title."""

    model_config = OPEN
    id: str
    kind: str | None = None


class Neighbor(BaseModel):
    model_config = OPEN
    entity: Node
    depth: int
    via: list[Node]


class Hop(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)
    from_: Node = Field(alias="from")
    to: Node
    via: list[Node]


class Paths(BaseModel):
    """Shortest chains linking two entities, each hop with the sources behind it."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)
    from_: Entity = Field(alias="from")
    to: Entity
    max_depth: int
    paths: list[list[Hop]]


class Document(BaseModel):
    """A document with the entities it mentions and the events it reports."""

    model_config = OPEN
    id: str
    title: str | None = None
    url: str | None = Field(None, description="Stored as metadata; never fetched.")
    outlet: str | None = None
    published: str | None = None
    ingested_at: str
    content_hash: str
    source_path: str | None = None
    claims: list[Any] = []
    counts: dict[str, int] = {}
    entities: list[Entity]
    events: list[dict[str, Any]] = Field(
        description="Dated events in full (the Event shape); undated ones as id and type.")


class Ingested(BaseModel):
    model_config = OPEN
    id: str
    status: str = Field(description="added, unchanged or replaced.")
    entities: int
    events: int
    counts: dict[str, int] = {}


class Rejected(BaseModel):
    model_config = OPEN
    source: str
    reason: str
    code: str


class IngestResult(BaseModel):
    """What one ``POST /v1/documents`` did, per document and in total."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{
        "documents": [{"id": "doc-24f02af29ef8422f", "status": "added", "entities": 14,
                       "events": 5, "counts": {"entities_added": 14, "entities_merged": 0,
                                               "events_added": 5, "events_merged": 0}}],
        "rejected": [], "summary": {"added": 1, "unchanged": 0, "replaced": 0},
        "entities": {"added": 14, "merged": 0}, "events": {"added": 5, "merged": 0}}]})
    documents: list[Ingested]
    rejected: list[Rejected]
    summary: dict[str, int]
    entities: dict[str, int]
    events: dict[str, int]


class Health(BaseModel):
    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{
        "status": "ok", "version": "0.1.0", "store": "SQLiteStore", "read_only": False,
        "auth": {"writes": True, "reads": False}}]})
    status: str
    version: str
    store: str
    read_only: bool
    auth: dict[str, bool]


class Counts(BaseModel):
    """How many documents, entities, events, dates and edges of each kind."""

    model_config = OPEN
    documents: int
    entities: int
    events: int
    edges: dict[str, int]


class Page(BaseModel, Generic[T]):
    """One page of a list: the items, and where the next page is (``next`` is null on the
    last page)."""

    model_config = OPEN
    items: list[T]
    total: int | None = Field(description="All matches, or null when not counted.")
    limit: int
    offset: int
    next: str | None = Field(description="Relative URL of the next page, or null.")
    next_offset: int | None


class NeighborPage(Page[Neighbor]):
    entity: Entity


class SourcePage(Page[Source]):
    summary: dict[str, int]


class Problem(BaseModel):
    """An error (RFC 9457 problem details) with newsgraph's error ``code``."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{
        "type": "https://w3id.org/newsgraph/problems/NG304", "title": "Not Found",
        "status": 404, "detail": "ent:person:nobody: no entity 'ent:person:nobody'; find its "
        "id with `newsgraph search`.", "code": "NG304",
        "instance": "/v1/entities/ent:person:nobody"}]})
    type: str
    title: str
    status: int
    detail: str
    code: str
    instance: str | None = None
    errors: list[dict[str, Any]] | None = None
