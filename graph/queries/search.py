"""Finding entities by name or alias: exact, then prefix, then fuzzy."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from graph.model import canonical_key

FUZZY_CUTOFF = 70


@dataclass(frozen=True, slots=True)
class NameHit:
    """An entity found by name: its id, the name that matched, how and how well."""

    entity: str
    matched_name: str
    match: str  # "exact", "words", "prefix" or "fuzzy"
    score: float


def search_names(query: str, names: list[tuple[str, str]], *, limit: int = 10,
                 offset: int = 0) -> list[NameHit]:
    """Rank entities whose names or aliases match ``query``.

    Parameters
    ----------
    query : str
        A name as a user types it.
    names : list of (entity id, name)
        Every known name and alias.
    limit, offset : int
        Page of results.

    Returns
    -------
    list of NameHit
        One hit per entity: exact matches of the canonical key (score 100) first, then
        names containing the query as whole words, e.g. a surname (97), then names
        starting with the query (95), then fuzzy matches by rapidfuzz's ``WRatio`` at or
        above 70 (capped at 94), best first.
    """
    key = canonical_key(query)
    if not key:
        return []
    best: dict[str, NameHit] = {}

    def offer(hit: NameHit) -> None:
        if hit.entity not in best or hit.score > best[hit.entity].score:
            best[hit.entity] = hit

    keys = [canonical_key(name) for _, name in names]
    for (entity, name), name_key in zip(names, keys, strict=True):
        if name_key == key:
            offer(NameHit(entity, name, "exact", 100.0))
        elif f" {key} " in f" {name_key} ":
            offer(NameHit(entity, name, "words", 97.0))
        elif name_key.startswith(key):
            offer(NameHit(entity, name, "prefix", 95.0))
    wanted = (limit + offset) * 4 + 20
    for _, score, index in process.extract(key, keys, scorer=fuzz.WRatio,
                                           score_cutoff=FUZZY_CUTOFF, limit=wanted):
        entity, name = names[index]
        offer(NameHit(entity, name, "fuzzy", min(float(score), 94.0)))
    ranked = sorted(best.values(), key=lambda h: (-h.score, h.matched_name, h.entity))
    return ranked[offset:offset + limit]
