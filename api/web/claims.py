"""``/v1/claims/check``: check a claim against the graph (the CLI's ``newsgraph check``).

Checking reads the graph only, so it needs the read token (when one is set), not the
write token. The claim's text goes through the same extraction as an article.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Request
from pydantic import BaseModel, ConfigDict, Field

from api.web.context import EXTRACTION_LOCK, JSON, store_of
from api.web.models import Event
from api.web.openapi import errors
from api.web.security import require_read
from graph.claims import LABELS, check_claim
from ingest.pipeline import extract, load_pipeline
from ingest.readers.common import normalize_published
from ingest.records import Article

router = APIRouter(prefix="/v1/claims", tags=["claims"], dependencies=[Depends(require_read)])

MAX_CLAIM_CHARS = 2_000


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
    document: str
    url: str | None
    outlet: str | None
    claimant: str | None
    stance: str | None
    text: str | None
    causal: bool | None
    contested: bool | None


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
