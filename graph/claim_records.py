"""Claims as stored rows: from an article's extraction, from a fact-checker, and back.

Every store keeps a claim as one *row* and its links as *link rows*, both plain JSON
values, so that the embedded store and Neo4j keep exactly the same thing and this
module alone decides what a claim is:

row
    ``id``, ``origin`` (``extracted`` or ``checker``), ``document`` (the quoting article,
    extracted claims only), ``claimant_entity`` (an entity id or None), ``created_at``
    and ``data`` (text, claimant, verb, stance, when, where, checker_url, causal, cause,
    contested, sentence, start, end, review).
link
    ``kind`` (``ABOUT``, ``CONTESTS`` or ``EVIDENCE``), ``target`` (an id), ``relation``
    (``event``/``entity`` for ABOUT, ``supports``/``refutes`` for EVIDENCE, ``""``
    otherwise), ``note`` and ``created_at``.

Extracted claims live and die with their article (re-ingesting or deleting it replaces
or removes them). A fact-checker's claims and evidence links are never removed by
ingestion: a link to an event that has since gone is kept and shown with
``exists: false``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date

from graph.model import (
    EVIDENCE_RELATIONS,
    Claim,
    SourceRef,
    checker_claim_id,
    extracted_claim_id,
)
from ingest.errors import ClaimError

MAX_CLAIM_CHARS = 2_000
MAX_NAME_CHARS = 300
MAX_NOTE_CHARS = 4_000
MAX_URL_CHARS = 2_000
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
CALENDAR_VALUE = _DATE
"""What a claim's ``when`` may be: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""


# ---------------------------------------------------------------------------------------
# Validation of what a fact-checker sends
# ---------------------------------------------------------------------------------------

def _text(value: object, what: str, limit: int, *, required: bool = False) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip() and not required):
        if required:
            raise ClaimError(f"the {what} is missing; give it as a non-empty string.",
                             code="NG441", source=what)
        return None
    if not isinstance(value, str):
        raise ClaimError(f"the {what} must be a string, not {type(value).__name__}.",
                         code="NG441", source=what)
    text = " ".join(value.split())
    if required and not text:
        raise ClaimError(f"the {what} is empty; give the words of the claim.",
                         code="NG441", source=what)
    if len(text) > limit:
        raise ClaimError(f"the {what} is {len(text):,} characters long; the limit is "
                         f"{limit:,}.", code="NG442", source=what)
    return text


def check_url(value: object, what: str) -> str | None:
    """An http(s) URL, or None; :class:`ClaimError` naming ``what`` otherwise."""
    text = _text(value, what, MAX_URL_CHARS)
    if text is None:
        return None
    if not _URL.match(text):
        raise ClaimError(f"the {what} {text!r} is not an http(s) URL; give the full "
                         "address, starting with https://.", code="NG443", source=what)
    return text


def check_when(value: object, what: str = "date") -> str | None:
    """A calendar value (YYYY, YYYY-MM or YYYY-MM-DD that exists), or None."""
    text = _text(value, what, 40)
    if text is None:
        return None
    if not _DATE.match(text):
        raise ClaimError(f"the {what} {text!r} is not an ISO date; give YYYY-MM-DD, YYYY-MM "
                         "or YYYY.", code="NG444", source=what)
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError as exc:
        raise ClaimError(f"the {what} {text!r} is not a real day ({exc}).", code="NG444",
                         source=what) from exc
    return text


def check_review(review: object) -> dict:
    """A fact-checker's verdict as stored: the fields of schema.org ``ClaimReview``.

    Parameters
    ----------
    review : dict
        ``rating`` (required: the verdict in words, e.g. "False", "Mostly true"),
        ``rating_value``, ``best_rating``, ``worst_rating`` (numbers, optional; when
        given, worst <= value <= best), ``author`` (the fact-checking organization),
        ``url`` (where the fact-check is published), ``date_published`` (ISO date).

    Raises
    ------
    ClaimError
        Naming the field and the reason.
    """
    if not isinstance(review, dict):
        raise ClaimError("the review must be an object with at least 'rating'.",
                         code="NG445", source="review")
    known = {"rating", "rating_value", "best_rating", "worst_rating", "author", "url",
             "date_published"}
    unknown = sorted(set(review) - known)
    if unknown:
        raise ClaimError(f"the review has unknown fields {unknown}; use {sorted(known)}.",
                         code="NG445", source="review")
    out = {"rating": _text(review.get("rating"), "review rating", 200, required=True),
           "author": _text(review.get("author"), "review author", MAX_NAME_CHARS),
           "url": check_url(review.get("url"), "review url"),
           "date_published": check_when(review.get("date_published"), "review date")}
    for key in ("rating_value", "best_rating", "worst_rating"):
        value = review.get(key)
        if value is not None and (isinstance(value, bool)
                                  or not isinstance(value, int | float)):
            raise ClaimError(f"the review's {key} must be a number.", code="NG445",
                             source=f"review {key}")
        out[key] = value
    low, value, high = out["worst_rating"], out["rating_value"], out["best_rating"]
    if value is not None and ((low is not None and value < low)
                              or (high is not None and value > high)):
        raise ClaimError(f"the review's rating_value {value} is outside worst_rating "
                         f"{low} .. best_rating {high}.", code="NG445", source="review")
    return out


def checker_claim_row(text: object, *, claimant: object = None,
                      claimant_entity: str | None = None, where: object = None,
                      when: object = None, checker_url: object = None,
                      about: Iterable[tuple[str, str]] = (), review: object = None,
                      now: str) -> dict:
    """The row of a claim a fact-checker stores.

    Parameters
    ----------
    text : str
        The claim, in the claimant's words or a faithful paraphrase.
    claimant : str, optional
        Who made it, as the fact-checker names them.
    claimant_entity : str, optional
        The id of the graph's entity that is the claimant (already resolved).
    where : str, optional
        Where the claim was made: a URL, or words ("TV interview on Channel 1").
    when : str, optional
        When it was made (YYYY-MM-DD, YYYY-MM or YYYY).
    checker_url : str, optional
        The fact-checker's page about the claim.
    about : iterable of (id, kind)
        Events (``kind`` ``event``) and entities (``entity``) it is about, already
        checked to exist.
    review : dict, optional
        See :func:`check_review`.
    now : str
        The time of storing (ISO 8601, UTC).
    """
    words = _text(text, "claim text", MAX_CLAIM_CHARS, required=True)
    name = _text(claimant, "claimant", MAX_NAME_CHARS)
    where_text = _text(where, "where", MAX_URL_CHARS)
    when_value = check_when(when, "when")
    data = {"text": words, "claimant": name, "where": where_text, "when": when_value,
            "checker_url": check_url(checker_url, "checker_url"), "verb": None,
            "stance": "assert", "causal": False, "cause": None, "contested": False,
            "review": check_review(review) if review is not None else None}
    cid = checker_claim_id(words, name, where_text, when_value)
    links = [{"kind": "ABOUT", "target": target, "relation": kind, "note": None,
              "created_at": now} for target, kind in about]
    return {"id": cid, "origin": "checker", "document": None,
            "claimant_entity": claimant_entity, "created_at": now, "data": data,
            "links": links}


def evidence_link(target: str, relation: object, note: object, now: str) -> dict:
    """A fact-checker's link from a claim to an event or document that bears on it."""
    if relation not in EVIDENCE_RELATIONS:
        raise ClaimError(f"the relation {relation!r} is not one of "
                         f"{', '.join(EVIDENCE_RELATIONS)}.", code="NG446", source="relation")
    return {"kind": "EVIDENCE", "target": target, "relation": relation,
            "note": _text(note, "note", MAX_NOTE_CHARS), "created_at": now}


# ---------------------------------------------------------------------------------------
# Claims quoted in an article
# ---------------------------------------------------------------------------------------

def _global(ref: object, local: dict[str, str], prefix: str) -> str | None:
    """A local id of the extraction (``e3``) as its global id; a global id as itself."""
    if ref is None:
        return None
    ref = str(ref)
    if ref in local:
        return local[ref]
    return ref if ref.startswith(prefix) else None


def extracted_claim_rows(claims: list[dict], document_id: str, entities: dict[str, str],
                         events: dict[str, str], created_at: str
                         ) -> tuple[list[dict], list[dict]]:
    """The stored rows of the claims an article quotes, and the claims with global ids.

    Parameters
    ----------
    claims : list of dict
        The extraction's ``claims`` (local ids, as the pipeline writes them; global ids
        ``claim``/``claimant_entity``/``about_event_ids``/``about_entity_ids`` are used
        when present, as in an extraction rebuilt from a store).
    document_id : str
    entities, events : dict
        The extraction's local entity and event ids mapped to the store's ids.
    created_at : str
        When the article was written into the store.

    Returns
    -------
    enriched : list of dict
        The claims as given plus ``claim``, ``claimant_entity``, ``about_event_ids`` and
        ``about_entity_ids`` (global ids), to keep with the document.
    rows : list of dict
        One row per claim (see the module docstring), with its links.
    """
    ids: dict[str, str] = {}
    for claim in claims:
        cid = claim.get("claim") or extracted_claim_id(
            document_id, claim.get("start"), claim.get("end"), claim.get("text"),
            claim.get("claimant_text"))
        ids[str(claim.get("id"))] = cid
    enriched, rows, seen = [], [], set()
    for claim in claims:
        cid = ids[str(claim.get("id"))]
        claimant = claim.get("claimant_entity") or _global(claim.get("claimant"), entities,
                                                            "ent:")
        about_events = list(dict.fromkeys(
            g for g in (claim.get("about_event_ids")
                        or [_global(r, events, "ev:") for r in claim.get("about_events") or []])
            if g))
        about_entities = list(dict.fromkeys(
            g for g in (claim.get("about_entity_ids")
                        or [_global(r, entities, "ent:")
                            for r in claim.get("about_entities") or []])
            if g))
        contested_with = [ids.get(str(r), r) for r in claim.get("contested_with") or []
                          if str(r) in ids or str(r).startswith("claim:")]
        enriched.append({**claim, "claim": cid, "claimant_entity": claimant,
                         "about_event_ids": about_events, "about_entity_ids": about_entities,
                         "contested_with_ids": contested_with})
        sentence = claim.get("sentence") or {}
        when = claim.get("date")
        data = {"text": claim.get("text") or "", "claimant": claim.get("claimant_text"),
                "verb": claim.get("verb"), "stance": claim.get("stance"),
                "when": when if isinstance(when, str) and CALENDAR_VALUE.match(when) else None,
                "where": None, "checker_url": None, "causal": bool(claim.get("causal")),
                "cause": claim.get("cause"), "contested": bool(claim.get("contested")),
                "sentence": sentence.get("text") if isinstance(sentence, dict) else None,
                "start": claim.get("start"), "end": claim.get("end"), "review": None}
        links = ([{"kind": "ABOUT", "target": e, "relation": "event", "note": None,
                   "created_at": None} for e in about_events]
                 + [{"kind": "ABOUT", "target": e, "relation": "entity", "note": None,
                     "created_at": None} for e in about_entities]
                 + [{"kind": "CONTESTS", "target": c, "relation": "", "note": None,
                     "created_at": None} for c in contested_with if c != cid])
        if cid in seen:  # the same claim by the same claimant twice: stored once
            continue
        seen.add(cid)
        rows.append({"id": cid, "origin": "extracted", "document": document_id,
                     "claimant_entity": claimant, "created_at": created_at, "data": data,
                     "links": links})
    return enriched, rows


# ---------------------------------------------------------------------------------------
# Rows back into claims
# ---------------------------------------------------------------------------------------

Describe = Callable[[str], dict]
"""Given an id, ``{"id", "kind", "label", "exists", ...}`` (see
:meth:`graph.store.GraphStore.describe`)."""


def claim_from_row(row: dict, describe: Describe,
                   document: Callable[[str], SourceRef | None]) -> Claim:
    """A :class:`Claim` from its row and link rows, targets described by ``describe``."""
    data = row["data"]
    links = sorted(row.get("links") or [], key=lambda k: (k["kind"], k["target"],
                                                            k.get("relation") or ""))
    source = None
    where = data.get("where")
    if row.get("document"):
        ref = document(row["document"])
        if ref is not None:
            source = SourceRef(ref.document, ref.url, ref.published, ref.outlet, ref.title,
                               data.get("sentence"), data.get("start"), data.get("end"))
            where = where or ref.url or ref.outlet
    about = tuple({**describe(k["target"]), "kind": k["relation"] or None}
                  for k in links if k["kind"] == "ABOUT")
    evidence = tuple({"target": k["target"], **_without_id(describe(k["target"])),
                      "relation": k["relation"], "note": k.get("note"),
                      "added_at": k.get("created_at")}
                     for k in links if k["kind"] == "EVIDENCE")
    return Claim(
        id=row["id"], origin=row["origin"], text=data.get("text") or "",
        claimant=data.get("claimant"), claimant_entity=row.get("claimant_entity"),
        verb=data.get("verb"), stance=data.get("stance"), when=data.get("when"),
        where=where, checker_url=data.get("checker_url"),
        causal=bool(data.get("causal")), cause=data.get("cause"),
        contested=bool(data.get("contested")),
        contested_with=tuple(k["target"] for k in links if k["kind"] == "CONTESTS"),
        source=source, about=about, evidence=evidence, review=data.get("review"),
        created_at=row.get("created_at"))


def _without_id(described: dict) -> dict:
    return {k: v for k, v in described.items() if k != "id"}


# ---------------------------------------------------------------------------------------
# schema.org ClaimReview
# ---------------------------------------------------------------------------------------

def claim_review_jsonld(claim: Claim, *, claim_iri: str | None = None) -> dict | None:
    """The schema.org ``ClaimReview`` of a reviewed claim (None when it has no review).

    This is the markup fact-checkers already publish (and search engines read): the
    claim reviewed, who made it, where and when it appeared, the verdict as a
    ``Rating`` with its ``alternateName``, the fact-checking organization and the URL
    of the fact-check.

    References
    ----------
    .. [1] schema.org, "ClaimReview", https://schema.org/ClaimReview
    """
    review = claim.review
    if not review:
        return None
    item: dict = {"@type": "Claim", "text": claim.text}
    if claim_iri:
        item["@id"] = claim_iri
    if claim.claimant:
        item["author"] = {"@type": "Thing", "name": claim.claimant}
    if claim.when:
        item["datePublished"] = claim.when
    appearance = claim.where if claim.where and _URL.match(claim.where) else None
    if appearance:
        item["appearance"] = {"@type": "CreativeWork", "url": appearance}
    elif claim.where:
        item["appearance"] = {"@type": "CreativeWork", "name": claim.where}
    rating: dict = {"@type": "Rating", "alternateName": review["rating"]}
    for ours, theirs in (("rating_value", "ratingValue"), ("best_rating", "bestRating"),
                         ("worst_rating", "worstRating")):
        if review.get(ours) is not None:
            rating[theirs] = review[ours]
    out: dict = {"@context": "https://schema.org", "@type": "ClaimReview",
                 "claimReviewed": claim.text, "itemReviewed": item, "reviewRating": rating}
    url = review.get("url") or claim.checker_url
    if url:
        out["url"] = url
    if review.get("author"):
        out["author"] = {"@type": "Organization", "name": review["author"]}
    if review.get("date_published"):
        out["datePublished"] = review["date_published"]
    return out
