"""``/v1/claims``: who claims what, fact-checkers' claims with evidence and reviews, and
``/v1/claims/check`` (the CLI's ``newsgraph check``).

Reading and checking need the read token (when one is set); storing a claim, linking
evidence, publishing a review and deleting need the write token. A claim being
checked goes through the same extraction as an article. A reviewed claim has a
schema.org ``ClaimReview`` at ``/v1/claims/{id}/claimreview``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt

from api.web.context import EXTRACTION_LOCK, JSON, entity_id_of, store_of
from api.web.models import Event, Page, Source
from api.web.openapi import errors
from api.web.pages import Page as PageParams
from api.web.pages import envelope, page_params
from api.web.security import require_read, require_write
from graph.claim_records import MAX_NOTE_CHARS, MAX_URL_CHARS, claim_review_jsonld
from graph.claims import LABELS, check_claim
from graph.model import Claim as ClaimRecord
from ingest.errors import NotFoundError
from ingest.pipeline import extract, load_pipeline
from ingest.readers.common import normalize_published
from ingest.records import Article

router = APIRouter(prefix="/v1/claims", tags=["claims"], dependencies=[Depends(require_read)])

MAX_CLAIM_CHARS = 2_000
ClaimId = Annotated[str, Path(max_length=100, description="A claim id.",
                              examples=["claim:5cf8bb5e4ac7dcc8"])]
CLAIM_EXAMPLE = {
    "id": "claim:5cf8bb5e4ac7dcc8", "origin": "checker",
    "text": "The social networks were down for technical reasons.",
    "claimant": {"name": "Ministry of Information",
                 "entity": "ent:government:ministry-of-information"},
    "verb": None, "stance": "assert", "when": "2016-12-17",
    "where": "https://gov.example/statement", "checker_url": "https://check.example/kz",
    "causal": False, "cause": None, "contested": False, "contested_with": [],
    "source": None,
    "about": [{"id": "ev:outage:81c8b0d3fc0ff8db", "kind": "event", "exists": True,
               "label": "OUTAGE 2016-12-16 Kazakhstan", "type": "OUTAGE",
               "date": "2016-12-16", "country": "Kazakhstan"}],
    "evidence": [{"target": "ev:outage:81c8b0d3fc0ff8db", "kind": "event", "exists": True,
                  "label": "OUTAGE 2016-12-16 Kazakhstan", "relation": "refutes",
                  "note": "The block began with Ablyazov's livestream.",
                  "added_at": "2016-12-19T09:00:00+00:00"}],
    "review": {"rating": "Misleading", "rating_value": 2, "best_rating": 5,
               "worst_rating": 1, "author": "Steppe Fact Check",
               "url": "https://check.example/kz", "date_published": "2016-12-20"},
    "created_at": "2016-12-19T08:55:00+00:00",
}


class Claimant(BaseModel):
    """Who made a claim: as named, and the graph's entity (when known)."""

    name: str | None
    entity: str | None


class Review(BaseModel):
    """A fact-checker's verdict: the fields of schema.org ClaimReview and its Rating."""

    model_config = ConfigDict(extra="forbid")
    rating: str = Field(min_length=1, max_length=200, description="The verdict in words, "
                        "e.g. 'False', 'Misleading', 'Mostly true' (Rating.alternateName).")
    rating_value: StrictInt | StrictFloat | None = Field(
        None, description="The verdict as a number.")
    best_rating: StrictInt | StrictFloat | None = None
    worst_rating: StrictInt | StrictFloat | None = None
    author: str | None = Field(None, max_length=300,
                               description="The fact-checking organization.")
    url: str | None = Field(None, max_length=MAX_URL_CHARS,
                            description="Where the fact-check is published (http/https).")
    date_published: str | None = Field(None, max_length=40, examples=["2016-12-20"])


class Claim(BaseModel):
    """A claim: quoted in an article (``origin`` ``extracted``, with its ``source``) or
    stored by a fact-checker (``checker``), with what it is about, the evidence a
    fact-checker linked and the published review."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [CLAIM_EXAMPLE]})
    id: str
    origin: Literal["extracted", "checker"]
    text: str
    claimant: Claimant
    verb: str | None
    stance: str | None
    when: str | None = Field(description="When the claim was made (ISO date), if known.")
    where: str | None = Field(description="Where it was made: a URL or words; for an "
                              "extracted claim, the quoting article's URL.")
    checker_url: str | None
    causal: bool
    cause: str | None
    contested: bool
    contested_with: list[str]
    source: Source | None
    about: list[dict[str, Any]]
    evidence: list[dict[str, Any]]
    review: dict[str, Any] | None
    created_at: str | None


class StoredClaim(Claim):
    """The claim as stored; ``created`` is false when the same claim was already there."""

    created: bool


class ClaimIn(BaseModel):
    """A claim a fact-checker keeps: what was said, by whom, where and when."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=MAX_CLAIM_CHARS,
                      examples=["The social networks were down for technical reasons."])
    claimant: str | None = Field(None, max_length=300, description="Who made the claim.",
                                 examples=["Ministry of Information"])
    claimant_entity: str | None = Field(
        None, max_length=300, description="The graph's entity that made it (id or name); "
        "links the claim to it.", examples=["ent:government:ministry-of-information"])
    where: str | None = Field(None, max_length=MAX_URL_CHARS, description="Where it was "
                              "made: a URL or words.", examples=["https://gov.example/s"])
    when: str | None = Field(None, max_length=40, description="When it was made: "
                             "YYYY-MM-DD, YYYY-MM or YYYY.", examples=["2016-12-17"])
    checker_url: str | None = Field(None, max_length=MAX_URL_CHARS,
                                    description="The fact-checker's page on the claim.")
    about: list[Annotated[str, Field(max_length=200)]] = Field(
        default_factory=list, max_length=50, description="Ids of the events and entities "
        "the claim is about.")
    review: Review | None = None


class EvidenceIn(BaseModel):
    """An event or document that supports or refutes a fact-checker's claim."""

    model_config = ConfigDict(extra="forbid")
    target: str = Field(min_length=1, max_length=200, description="An event or document id.",
                        examples=["ev:outage:81c8b0d3fc0ff8db"])
    relation: Literal["supports", "refutes"]
    note: str | None = Field(None, max_length=MAX_NOTE_CHARS,
                             examples=["The block began with Ablyazov's livestream."])


class ClaimToCheck(BaseModel):
    """A claim as a fact-checker gives it."""

    text: str = Field(min_length=1, max_length=MAX_CLAIM_CHARS,
                      examples=["Facebook and YouTube were blocked in Kazakhstan on 16 "
                                "December 2016"])
    published: str | None = Field(
        default=None, description="When the claim was made (ISO date): relative dates in "
        "it ('on Friday') are resolved against this.", examples=["2016-12-18"])


class StatedEvent(BaseModel):
    """An event the claim states, as the extraction read it."""

    model_config = ConfigDict(extra="allow")
    type: str
    date: dict[str, Any] | None
    country: str | None
    platforms: list[str]


class Disagreement(BaseModel):
    """A fact in the graph that differs from the claim on one point."""

    event: Event
    disagreements: list[str]


class AttributedClaim(BaseModel):
    """What someone quoted in a source said about a supporting event."""

    model_config = ConfigDict(extra="allow")
    event: str
    claim: str
    origin: Literal["extracted", "checker"]
    document: str | None = Field(description="The quoting article (null for a "
                                 "fact-checker's claim).")
    url: str | None
    outlet: str | None
    claimant: str | None
    stance: str | None
    text: str | None
    causal: bool | None
    contested: bool | None
    evidence: list[str] = Field(default_factory=list, description="For a fact-checker's "
                                "claim: 'supports'/'refutes' as linked to this event.")
    review: str | None = Field(None, description="The published verdict, if any.")


class ClaimCheckResult(BaseModel):
    """The verdict on a claim (the JSON of ``newsgraph check --json``)."""

    model_config = ConfigDict(extra="allow")
    claim: str
    label: Literal["supported", "partly supported", "contradicted", "no evidence in this graph"]
    label_meaning: str
    stated_events: list[StatedEvent]
    supporting: list[Event]
    disagreeing: list[Disagreement]
    attributed_claims: list[AttributedClaim]
    independent_outlets: int
    note: str


@router.post("/check", response_model=ClaimCheckResult,
             responses=errors(400, 401, 403, 413, 422),
             summary="Check a claim against the graph",
             description="Supporting events with every source, facts that disagree (date, "
             "place, platform), claims by others about those events, and a label from "
             f"{sorted(LABELS)}. 'no evidence in this graph' is not 'false'.")
def check(request: Request, claim: Annotated[ClaimToCheck, Body()]) -> JSON:
    published = normalize_published(claim.published) if claim.published else None
    article = Article(text=claim.text, published=published, source_path="<claim>")
    with EXTRACTION_LOCK:
        extraction = extract(article, load_pipeline())
    return JSON(check_claim(store_of(request), extraction, claim.text).as_json())


def _claim_json(claim: ClaimRecord, **extra: object) -> dict:
    return {**claim.as_json(), **extra}


@router.get("", response_model=Page[Claim], responses=errors(404, 422),
            summary="List claims",
            description="Claims newest first (then by id): quoted in articles and stored "
            "by fact-checkers. `about` matches claims about an event, entity or document "
            "(or with evidence on it).")
def list_claims(request: Request,
                about: Annotated[str | None, Query(max_length=200, description="An event, "
                                                   "entity or document id.")] = None,
                document: Annotated[str | None, Query(max_length=200, description="Claims "
                                                      "quoted in this document.")] = None,
                claimant: Annotated[str | None, Query(max_length=200, description="Claims "
                                                      "made by this entity (id or name).")
                                    ] = None,
                origin: Annotated[Literal["extracted", "checker"] | None, Query()] = None,
                page: PageParams = Depends(page_params)) -> JSON:
    store = store_of(request)
    found = store.list_claims(about=about, document=document,
                              claimant=entity_id_of(store, claimant), origin=origin,
                              limit=page.limit + 1, offset=page.offset)
    items = [c.as_json() for c in found[:page.limit]]
    return JSON(envelope(request, page, items, more=len(found) > page.limit))


@router.post("", response_model=StoredClaim, status_code=201,
             dependencies=[Depends(require_write)],
             responses={200: {"model": StoredClaim, "description": "The same claim was "
                              "already stored: nothing changed."},
                        **errors(400, 401, 403, 404, 413, 422)},
             summary="Store a fact-checker's claim",
             description="201 with the claim when it is new; 200 with the stored claim when "
             "the same claim (text, claimant, where, when) is already there.")
def add_claim(request: Request, claim: Annotated[ClaimIn, Body()]) -> JSON:
    stored, created = store_of(request).add_claim(
        claim.text, claimant=claim.claimant, claimant_entity=claim.claimant_entity,
        where=claim.where, when=claim.when, checker_url=claim.checker_url,
        about=claim.about, review=claim.review.model_dump() if claim.review else None)
    return JSON(_claim_json(stored, created=created), status_code=201 if created else 200,
                headers={"Location": f"/v1/claims/{stored.id}"})


@router.get("/{claim_id}", response_model=Claim, responses=errors(404),
            summary="One claim")
def get_claim(request: Request, claim_id: ClaimId) -> JSON:
    return JSON(store_of(request).get_claim(claim_id).as_json())


@router.delete("/{claim_id}", status_code=204, dependencies=[Depends(require_write)],
               responses=errors(401, 403, 404, 422), summary="Delete a fact-checker's claim")
def delete_claim(request: Request, claim_id: ClaimId) -> Response:
    store_of(request).delete_claim(claim_id)
    return Response(status_code=204)


@router.post("/{claim_id}/evidence", response_model=Claim,
             dependencies=[Depends(require_write)],
             responses=errors(400, 401, 403, 404, 413, 422),
             summary="Link evidence to a fact-checker's claim",
             description="An event or document that supports or refutes the claim, with a "
             "note; the same target and relation again replaces the note.")
def add_evidence(request: Request, claim_id: ClaimId,
                 evidence: Annotated[EvidenceIn, Body()]) -> JSON:
    claim = store_of(request).add_claim_evidence(claim_id, evidence.target, evidence.relation,
                                                 evidence.note)
    return JSON(claim.as_json())


@router.put("/{claim_id}/review", response_model=Claim,
            dependencies=[Depends(require_write)],
             responses=errors(400, 401, 403, 404, 413, 422),
            summary="Publish the verdict on a fact-checker's claim")
def put_review(request: Request, claim_id: ClaimId, review: Annotated[Review, Body()]) -> JSON:
    return JSON(store_of(request).review_claim(claim_id, review.model_dump()).as_json())


@router.delete("/{claim_id}/review", response_model=Claim,
               dependencies=[Depends(require_write)], responses=errors(401, 403, 404, 422),
               summary="Withdraw the verdict on a fact-checker's claim")
def delete_review(request: Request, claim_id: ClaimId) -> JSON:
    return JSON(store_of(request).review_claim(claim_id, None).as_json())


@router.get("/{claim_id}/claimreview", responses={
    200: {"content": {"application/ld+json": {}}, "description": "schema.org ClaimReview"},
    **errors(404)}, summary="The schema.org ClaimReview of a reviewed claim")
def get_claim_review(request: Request, claim_id: ClaimId) -> Response:
    claim = store_of(request).get_claim(claim_id)
    review = claim_review_jsonld(claim)
    if review is None:
        raise NotFoundError(f"claim {claim_id!r} has no review yet; publish one with PUT "
                            f"/v1/claims/{claim_id}/review.", source=claim_id)
    return JSON(review, media_type="application/ld+json")
