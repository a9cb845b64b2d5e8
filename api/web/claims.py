"""``/v1/claims/check``: check a claim against the graph (the CLI's ``newsgraph check``).

Checking reads the graph only, so it needs the read token (when one is set), not the
write token. The claim's text goes through the same extraction as an article.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends, Request
from pydantic import BaseModel, Field

from api.web.context import JSON, store_of
from api.web.documents import _EXTRACTING
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


@router.post("/check", response_class=JSON, responses=errors(400, 401, 403, 413, 422),
             summary="Check a claim against the graph",
             description="Supporting events with every source, facts that disagree (date, "
             "place, platform), claims by others about those events, and a label from "
             f"{sorted(LABELS)}. 'no evidence in this graph' is not 'false'.")
def check(request: Request, claim: Annotated[ClaimToCheck, Body()]) -> JSON:
    published = normalize_published(claim.published) if claim.published else None
    article = Article(text=claim.text, published=published, source_path="<claim>")
    with _EXTRACTING:
        extraction = extract(article, load_pipeline())
    return JSON(check_claim(store_of(request), extraction, claim.text).as_json())
