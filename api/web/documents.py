"""``/v1/documents``: ingest articles through the real pipeline, read one, delete one.

A ``POST`` body is JSON (one article object or a list, in the fields of the JSON Lines
reader: ``text`` required; ``id``, ``title``, ``url``, ``published``, ``outlet``),
JSON Lines, or one raw article as ``text/html``, ``text/plain`` or ``text/markdown``
with its metadata in the query string. Nothing is fetched: ``url`` is metadata only.
Each document is extracted and written in its own transaction, so a concurrent reader
sees a document either before or after its write, never half of it.
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.web.context import EXTRACTION_LOCK, JSON, store_of
from api.web.limits import MAX_BATCH
from api.web.models import Document, IngestResult
from api.web.openapi import errors
from api.web.problems import (
    BATCH_TOO_LARGE,
    INVALID_REQUEST,
    NOTHING_INGESTED,
    UNSUPPORTED_MEDIA_TYPE,
    ApiProblem,
)
from api.web.security import require_read, require_write
from graph.store import GraphStore
from ingest.errors import StoreError
from ingest.pipeline import extract, load_pipeline
from ingest.readers import read_bytes
from ingest.readers.common import normalize_published
from ingest.records import Article, Rejection

router = APIRouter(prefix="/v1", tags=["documents"])

JSON_TYPES = ("application/json", "application/x-ndjson", "application/jsonl")
RAW_TYPES = ("text/html", "text/plain", "text/markdown")
SOURCE = "<request>"
ARTICLE_SCHEMA = {
    "type": "object", "required": ["text"],
    "properties": {"text": {"type": "string", "minLength": 1},
                   "id": {"type": ["string", "integer", "null"]},
                   **{name: {"type": ["string", "null"]} for name in
                      ("title", "url", "published", "outlet")}},
}
ARTICLE_EXAMPLE = {
    "id": "kz-2016-12-16", "title": "Social networks go dark in Kazakhstan",
    "url": "https://example.org/kz", "published": "2016-12-18", "outlet": "Example Wire",
    "text": "Facebook, YouTube and Instagram were blocked in Kazakhstan on 16 December "
            "while opposition politician Mukhtar Ablyazov spoke on a YouTube livestream.",
}
BODY = {
    "requestBody": {"required": True, "content": {
        "application/json": {"schema": {"oneOf": [
            ARTICLE_SCHEMA, {"type": "array", "items": ARTICLE_SCHEMA, "minItems": 1,
                             "maxItems": MAX_BATCH}]}, "example": ARTICLE_EXAMPLE},
        "application/x-ndjson": {"schema": {"type": "string"}},
        "text/html": {"schema": {"type": "string"}},
        "text/plain": {"schema": {"type": "string"}, "example": ARTICLE_EXAMPLE["text"]},
        "text/markdown": {"schema": {"type": "string"}},
    }},
}
STORE_DOWN = ("NG301", "NG302")  # cannot open, cannot get the write lock: a 503, not a rejection

DocumentId = Annotated[str, Path(description="A document id (percent-encode '/' in ids that "
                                 "are URLs).", examples=["doc-24f02af29ef8422f"])]
MetaQ = Annotated[str | None, Query(max_length=2000)]


def _articles(body: bytes, content_type: str, meta: dict) -> list[Article | Rejection]:
    media_type = content_type.partition(";")[0].strip().lower()
    if media_type not in JSON_TYPES + RAW_TYPES:
        raise ApiProblem(415, f"cannot ingest content type {media_type or '(none)'!r}; send "
                         f"one of {', '.join(JSON_TYPES + RAW_TYPES)}.",
                         code=UNSUPPORTED_MEDIA_TYPE)
    items = read_bytes(body, content_type, SOURCE)
    if len(items) > MAX_BATCH:
        raise ApiProblem(422, f"{len(items)} documents in one request; send at most "
                         f"{MAX_BATCH}.", code=BATCH_TOO_LARGE)
    if media_type in RAW_TYPES:
        for item in items:
            if isinstance(item, Article):
                _apply_meta(item, meta)
    return items


def _apply_meta(article: Article, meta: dict) -> None:
    if meta.get("published"):
        published = normalize_published(meta["published"])
        if published is None:
            raise ApiProblem(422, f"published={meta['published']!r} is not a date; write e.g. "
                             "2016-12-18.", code=INVALID_REQUEST,
                             errors=[{"location": "query", "name": "published",
                                      "type": "date", "detail": "not an ISO 8601 date"}])
        article.published = published
    for name in ("title", "url", "outlet"):
        if meta.get(name):
            setattr(article, name, meta[name])
    if meta.get("id"):
        article.id = meta["id"]


@router.post("/documents", response_model=IngestResult, status_code=201,
             dependencies=[Depends(require_write)], openapi_extra=BODY,
             responses={200: {"model": IngestResult,
                              "description": "Nothing new: every document was unchanged "
                              "or replaced."}, **errors(400, 413, 415)})
async def ingest_documents(
    request: Request,
    id: Annotated[str | None, Query(max_length=2000, description="Id of a raw text/* body "
                                    "(default: a hash of its text).")] = None,  # noqa: A002
    title: MetaQ = None,
    url: Annotated[str | None, Query(max_length=2000, description="Stored as metadata; "
                                     "never fetched.")] = None,
    published: Annotated[str | None, Query(max_length=64, description="ISO date of a raw "
                                           "text/* body.")] = None,
    outlet: MetaQ = None,
) -> JSON:
    """Extract articles with the real pipeline and write them, one transaction each.

    201 when a document was added, else 200. Inputs that cannot be read are listed in
    ``rejected`` (422 when nothing could be read). Query parameters give the metadata of
    a raw ``text/*`` body; a JSON body carries its own."""
    body = await request.body()
    meta = {"id": id, "title": title, "url": url, "published": published, "outlet": outlet}
    items = await run_in_threadpool(_articles, body, request.headers.get("content-type", ""),
                                    meta)  # parsing HTML can take a while: not in the loop
    articles = [item for item in items if isinstance(item, Article)]
    rejected = [item for item in items if isinstance(item, Rejection)]
    if not articles:
        raise ApiProblem(422, "nothing in the request could be ingested; see errors.",
                         code=NOTHING_INGESTED, errors=[
                             {"location": "body", "name": r.source, "type": r.code,
                              "detail": r.reason} for r in rejected])
    result = await run_in_threadpool(_ingest, store_of(request), articles, rejected)
    added = result["summary"]["added"] > 0
    return JSON(result, status_code=201 if added else 200)


def _ingest(store: GraphStore, articles: list[Article], rejected: list[Rejection]) -> dict:
    """Extract and write each article; a store refusal rejects that article only."""
    nlp = load_pipeline()
    statuses: Counter = Counter()
    facts: Counter = Counter()
    written = []
    for article in articles:
        with EXTRACTION_LOCK:
            record = extract(article, nlp)
        try:
            outcome = store.write_extraction(record)
        except StoreError as exc:
            if exc.code in STORE_DOWN:
                raise
            rejected.append(Rejection(article.id, exc.message, exc.code))
            continue
        statuses[outcome.status] += 1
        facts.update(outcome.counts)
        written.append({"id": outcome.document, "status": outcome.status,
                        "entities": len(record.get("entities") or []),
                        "events": len(record.get("events") or []),
                        "counts": dict(outcome.counts)})
    return {
        "documents": written,
        "rejected": [r.as_dict() for r in rejected],
        "summary": {k: statuses[k] for k in ("added", "unchanged", "replaced")},
        "entities": {"added": facts["entities_added"], "merged": facts["entities_merged"]},
        "events": {"added": facts["events_added"], "merged": facts["events_merged"]},
    }


@router.get("/documents/{document_id:path}", response_model=Document,
            dependencies=[Depends(require_read)], responses=errors(404))
def get_document(request: Request, document_id: DocumentId) -> JSON:
    """A document with the entities it mentions and the events it reports."""
    store = store_of(request)
    document = store.get_document(document_id)
    entities, events = store.document_facts(document_id)
    return JSON({**document.as_json(), "entities": [e.as_json() for e in entities],
                 "events": events})


@router.delete("/documents/{document_id:path}", status_code=204,
               dependencies=[Depends(require_write)], responses=errors(404))
def delete_document(request: Request, document_id: DocumentId) -> Response:
    """Remove a document and every fact only it supported; facts that other documents
    also report stay, with their other sources."""
    store_of(request).delete_document(document_id)
    return Response(status_code=204)
