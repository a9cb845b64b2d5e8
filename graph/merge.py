"""Merge rules: when two mentions are one entity, and two reports one event.

Entities merge by (1) an external id (Wikidata QID, GeoNames id, ISO code of a
country), (2) the canonical key of their name or an alias within the same type, and
(3) a fuzzy near-miss of the same type. Fuzzy matching for people requires a
token-set ratio of at least 92 and compatible given names, so that
"Mukhtar Ablyazov" and "Madina Ablyazova" stay two people; for other types it
requires a token-sort ratio of at least 92 (a token-set ratio would call
"Kazakhstan" and "Democratic Choice of Kazakhstan" equal).

Events merge when they have the same type, overlapping date intervals, the same
country, and overlapping participants (or neither has participants).
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

FUZZY_THRESHOLD = 92
GIVEN_NAME_THRESHOLD = 88


def _given_and_surname(key: str) -> tuple[list[str], str]:
    tokens = key.split()
    if not tokens:
        return [], ""
    return tokens[:-1], tokens[-1]


def compatible_person_names(a: str, b: str) -> bool:
    """True when two canonical person names may be one person.

    Surnames must be near-equal; the first given names must agree, where an
    initial agrees with a name starting with that letter and a missing given name
    agrees with any. A name of one token must be the other's surname.

    Examples
    --------
    >>> compatible_person_names("mukhtar ablyazov", "m ablyazov")
    True
    >>> compatible_person_names("mukhtar ablyazov", "madina ablyazova")
    False
    >>> compatible_person_names("mukhtar ablyazov", "mukhtar")
    False
    """
    given_a, surname_a = _given_and_surname(a)
    given_b, surname_b = _given_and_surname(b)
    if not surname_a or not surname_b:
        return False
    if surname_a != surname_b and fuzz.ratio(surname_a, surname_b) < FUZZY_THRESHOLD - 7:
        return False
    if not given_a or not given_b:
        return True
    first_a, first_b = given_a[0], given_b[0]
    if len(first_a) == 1 or len(first_b) == 1:
        return first_a[0] == first_b[0]
    return fuzz.ratio(first_a, first_b) >= GIVEN_NAME_THRESHOLD


def names_match(entity_type: str, a: str, b: str) -> bool:
    """True when canonical names ``a`` and ``b`` of type ``entity_type`` are one entity."""
    if a == b:
        return True
    if entity_type == "PERSON":
        return (fuzz.token_set_ratio(a, b) >= FUZZY_THRESHOLD
                and compatible_person_names(a, b))
    return fuzz.token_sort_ratio(a, b) >= FUZZY_THRESHOLD


def fuzzy_match(entity_type: str, key: str, keys: list[str], ids: list[str]) -> str | None:
    """The id of the one known entity whose name is a near-miss of ``key``, or None.

    Parameters
    ----------
    entity_type : str
        The type both must share.
    key : str
        The canonical key of the new name.
    keys, ids : list of str
        Canonical keys of known names of this type, and the entity id of each.

    Returns
    -------
    str or None
        None when nothing matches, or when the best matches belong to different
        entities (ambiguous: "Ablyazov" with two Ablyazovs known).
    """
    if not key or not keys:
        return None
    scorer = fuzz.token_set_ratio if entity_type == "PERSON" else fuzz.token_sort_ratio
    candidates = process.extract(key, keys, scorer=scorer, score_cutoff=FUZZY_THRESHOLD,
                                 limit=20)
    best_score = None
    found: set[str] = set()
    for candidate, score, index in candidates:
        if not names_match(entity_type, key, candidate):
            continue
        if best_score is None:
            best_score = score
        if score < best_score:
            break
        found.add(ids[index])
    if len(found) == 1:
        return found.pop()
    return None


def intervals_overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """True when two closed day intervals share a day."""
    return a_start <= b_end and b_start <= a_end


def same_country(a: str | None, b: str | None) -> bool:
    """Countries compare casefolded; two missing countries are the same."""
    return (a or "").casefold() == (b or "").casefold()


def participants_overlap(a: set[str], b: set[str]) -> bool:
    """Participants overlap when they share an entity, or when neither has any."""
    if not a and not b:
        return True
    return bool(a & b)
