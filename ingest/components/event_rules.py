"""The syntactic rules of event extraction: is it said to have happened, who did it.

Word lists and parse tests used by :mod:`ingest.components.events`: realis (the text
says the event happened, rather than promising, negating, planning it or describing a
habit), the clause a trigger belongs to, dependency distance, and whether an entity is a
core argument (agent or patient) of a trigger. Kept apart so that each rule can be read
and tested on its own.
"""

from __future__ import annotations

from spacy.tokens import Token

OBJECT_WORDS = frozenset(
    "internet network networks web website websites site sites access connection connections "
    "connectivity service services mobile data broadband phone phones sms messaging media "
    "platform platforms app apps online telecommunications telecom cellular communications "
    "signal lines cable cables connectivity bandwidth traffic".split()
)
IRREALIS_GOVERNORS = frozenset(
    "promise threaten plan vow intend want seek demand hope expect propose aim try urge "
    "ask call warn consider threat".split()
)
REALIS_GOVERNORS = frozenset("begin start continue keep resume".split())
# An authority's directive is reported as done: "ordered providers to block Facebook".
HEDGED_SPEECH = frozenset("blame accuse allege deny speculate attribute".split())
DIRECTIVES = frozenset("order instruct direct tell force require command".split())
# Nouns in these adjuncts point at events the story already told: "despite the blackout",
# "after the killing", "ending 60 hours of disruption".
# "similar blocks", "past blackouts", "repeated shutdowns": a series, not one event
GENERIC_MODIFIERS = frozenset(
    "similar such many several repeated regular frequent past previous earlier other "
    "occasional periodic".split()
)
BACKGROUND_PREPS = frozenset(
    "after during despite since amid following before until over throughout of".split()
)
MODALS = frozenset("will would could may might can should must shall 'll wo".split())
HABITUAL = frozenset(
    "occasionally often usually regularly routinely frequently sometimes generally typically "
    "always repeatedly periodically".split()
)
BASE_CONFIDENCE = 0.5
COURTS = frozenset({"court", "judge", "tribunal", "magistrate", "justice"})
ANAPHORIC_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "its", "their"})
SPLIT_TYPES = frozenset({"OUTAGE", "RESTORATION", "PROTEST", "VIOLENCE"})
NAMED = frozenset(
    {"PERSON", "PLATFORM", "CITY", "COUNTRY", "ORGANIZATION", "GOVERNMENT", "DATE", "TIME"}
)
AGENTIVE = frozenset({"actor", "authority"})
LIGHT_VERBS = frozenset(
    "hold give stage conduct launch impose carry make order announce declare issue file "
    "bring lead organize organise host deliver post air broadcast stream".split()
)


def relation(tok: Token, triggers: list[Token]) -> str | None:
    """``agent`` or ``patient`` when an entity token is a core argument of a trigger."""
    head_chain = [tok, *list(tok.ancestors)[:2]]
    for trig in triggers:
        if trig.pos_ in ("VERB", "AUX"):
            verb = clause_verb(trig)
        elif trig.dep_ in ("dobj", "nsubjpass") and trig.head.lemma_ in LIGHT_VERBS:
            verb = trig.head  # "held a protest", "imposed a shutdown", "gave an interview"
        else:
            verb = trig
        for t in head_chain:
            if t.head.i in (trig.i, verb.i) or (
                t.head.dep_ == "agent" and t.head.head.i in (trig.i, verb.i)
            ):
                if t.dep_ in ("nsubj",) or (t.dep_ == "pobj" and t.head.dep_ == "agent"):
                    return "agent"
                if t.dep_ in ("nsubjpass", "dobj"):
                    return "patient"
            if t.dep_ == "poss" and t.head.i == trig.i:
                return "agent"
    return None


def clause_verb(token: Token) -> Token:
    """The verb that governs a trigger's clause (the trigger itself if it is a verb)."""
    current = token
    for _ in range(6):
        if current.pos_ in ("VERB", "AUX") or current.dep_ == "ROOT":
            return current
        current = current.head
    return current


def is_realis(trigger: Token, etype: str) -> bool:
    """Whether the text says this event happened (not promised, negated or habitual)."""
    verb = clause_verb(trigger)
    for tok in {trigger, verb}:
        children = list(tok.children)
        if any(c.dep_ == "neg" for c in children):
            return False
        if any(c.tag_ == "MD" and c.lower_ in MODALS for c in children):
            return False
    if trigger.head.lower_ == "without" or any(
        c.dep_ == "det" and c.lower_ == "no" for c in trigger.children
    ):
        return False  # "passed without a new shutdown", "no arrests were made"
    if trigger.tag_ == "NNS" and any(
        c.dep_ == "amod" and c.lower_ in GENERIC_MODIFIERS for c in trigger.children
    ):
        return False
    if any(a.lemma_ in HEDGED_SPEECH for a in list(trigger.ancestors)[:4]):
        return False  # "blamed the disruption on attacks from abroad": a claim, not a fact
    vchildren = list(verb.children)
    if verb.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in vchildren):
        head = verb.head
        directive = etype in ("OUTAGE", "RESTORATION") and head.lemma_ in DIRECTIVES and not any(
            c.dep_ == "nsubj" and c.lemma_.lower() in COURTS for c in head.children
        )
        if head.lemma_ not in REALIS_GOVERNORS and not directive and not (
            head.tag_ in ("VBD", "VBN") and head.lemma_ in ("be", "have")
        ):
            return False
    if verb.tag_ in ("VBZ", "VBP") and any(c.lower_ in HABITUAL for c in vchildren):
        return False
    if etype != "MOBILIZATION":
        governor = verb.head if verb.dep_ in ("xcomp", "ccomp", "dobj", "pobj") else None
        if trigger.pos_ == "NOUN" and (
            trigger.head.lemma_ in IRREALIS_GOVERNORS
            or (trigger.head.dep_ == "prep" and trigger.head.head.lemma_ in IRREALIS_GOVERNORS)
        ):
            return False
        if governor is not None and governor.lemma_ in IRREALIS_GOVERNORS and verb.tag_ == "VB":
            return False
    return True


def tree_distance(a: Token, b: Token) -> int:
    """Number of dependency edges between two tokens of one sentence."""
    ancestors_a = {a.i: 0}
    d = 0
    for anc in a.ancestors:
        d += 1
        ancestors_a[anc.i] = d
    if b.i in ancestors_a:
        return ancestors_a[b.i]
    d = 0
    for anc in [b, *b.ancestors]:
        if anc.i in ancestors_a:
            return d + ancestors_a[anc.i]
        d += 1
    return 99


def may_be_one(event: dict, mention: dict) -> bool:
    """Whether a mention can be the same event as one already told (same type, date and
    country checked by the caller): the same trigger word, a shared participant, or one
    of them naming nobody."""
    if event["trigger"].lower() == mention["trigger"].lower():
        return True
    a = {p["entity"] for p in event["participants"]}
    b = {p["entity"] for p in mention["participants"]}
    return not a or not b or bool(a & b)


def own_date_of_clause(trigger: Token, timexes: list[dict]) -> bool:
    """Whether a date expression sits inside the trigger's own clause."""
    left, right = trigger.left_edge.idx, trigger.right_edge.idx + len(trigger.right_edge)
    return any(left <= t["start"] < right for t in timexes)
