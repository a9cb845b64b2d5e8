"""The syntactic rules of event extraction: is it said to have happened, who did it.

Word lists and parse tests used by :mod:`ingest.components.events`: realis (the text
says the event happened, rather than promising, negating, planning it or describing a
habit), the clause a trigger belongs to and the arguments of a head word, whether a
mention refers to an event already told (anaphoric) or is marked as a new one (distinct),
whether an outage names platforms or the whole network, whether a place sits in another
clause, dependency distance, and whether an entity is a core argument (agent or patient)
of a trigger. Kept apart so that each rule can be read and tested on its own.
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
# "began restoring", "used Facebook to call for a march"
REALIS_GOVERNORS = frozenset("begin start continue keep resume use".split())
# A decision announced is taken: "announced that fuel prices would double".
ANNOUNCING = frozenset("announce declare decide decree rule".split())
DECISION_TYPES = frozenset({"POLICY"})
# An authority's directive is reported as done: "ordered providers to block Facebook".
# "charged with inciting violence": the charge, not a fact
HEDGED_SPEECH = frozenset("blame accuse allege deny speculate attribute charge indict".split())
DIRECTIVES = frozenset("order instruct direct tell force require command".split())
# Nouns in these adjuncts point at events the story already told: "despite the blackout",
# "after the killing", "ending 60 hours of disruption".
# "similar blocks", "past blackouts", "repeated shutdowns": a series, not one event
GENERIC_MODIFIERS = frozenset(
    "similar such many several repeated regular frequent past previous earlier other "
    "occasional periodic".split()
)
BACKGROUND_PREPS = frozenset(
    "after during despite since amid following before until over throughout through of "
    "about".split()
)
# "mobile data remained unavailable": the state goes on, no new event
CONTINUATION_VERBS = frozenset("remain stay".split())
# "The unrest followed a televised address late on Saturday": the date is the address's
SEQUENCE_VERBS = frozenset("follow precede come".split())
# "a second televised address", "was cut again": a new event of a type already told
DISTINCT_MARKERS = frozenset(
    "again another second third fourth fresh renewed also too already".split()
)
# a trigger word followed by a particle that gives it another sense: "bail out" a bank
PARTICLE_SENSES = {"bail": frozenset({"out"}), "rule": frozenset({"out"})}
# "the ruling party": who rules, not a ruling
RULING_BODIES = frozenset("party parties coalition elite class family junta council alliance "
                          "government".split())
# protest verbs that take no object as protests: "demonstrated its new phone"
SHOWING_VERBS = frozenset("demonstrate strike".split())
# "long power cuts": electricity, not the internet
NOT_NETWORK_MODIFIERS = frozenset("power electricity electric water gas fuel".split())
# an outage of named platforms and one of the whole network are separate events
SCOPED_TYPES = frozenset({"OUTAGE", "RESTORATION"})
NETWORK_WORDS = frozenset(
    "internet network networks broadband connectivity web data lines connection "
    "connections".split()
)
MODALS = frozenset("will would could may might can should must shall 'll wo".split())
HABITUAL = frozenset(
    "occasionally often usually regularly routinely frequently sometimes generally typically "
    "always repeatedly periodically".split()
)
BASE_CONFIDENCE = 0.5
COURTS = frozenset({"court", "judge", "tribunal", "magistrate", "justice"})
ANAPHORIC_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "its", "their"})
SPLIT_TYPES = frozenset({"OUTAGE", "RESTORATION", "PROTEST", "VIOLENCE", "LEGAL_ACTION"})
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
    announced = etype in DECISION_TYPES and any(
        t.dep_ == "ccomp" and t.head.lemma_ in ANNOUNCING for t in (trigger, verb)
    )
    for tok in {trigger, verb}:
        children = list(tok.children)
        if any(c.dep_ == "neg" for c in children):
            return False
        if any(c.tag_ == "MD" and c.lower_ in MODALS for c in children) and not (
            announced and any(c.lower_ in ("would", "will") for c in children)
        ):
            return False
    if etype in DECISION_TYPES and trigger.dep_ == "pobj" and trigger.head.lower_ == "under" \
            and not any(c.lower_ in ("a", "an") for c in trigger.children):
        return False  # the law in force: "under Egyptian law the authorities had the right"
    if etype == "PROTEST" and trigger.pos_ == "VERB" and trigger.lemma_ in SHOWING_VERBS and any(
        c.dep_ == "dobj" for c in trigger.children
    ):
        return False  # "Apple demonstrated its new phone", "the wing struck the hangar"
    if trigger.tag_ == "VBG" and trigger.dep_ in ("csubj", "csubjpass"):
        return False  # a generic activity: "Cutting off social networks is a tool"
    vchildren = list(verb.children)
    if verb.dep_ == "ccomp" and any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VB" and c.lower_ == "be" for c in vchildren
    ) and not any(c.tag_ in ("TO", "MD") for c in vchildren):
        return False  # a mandative subjunctive: "ordered that full access be restored"
    governor = verb.head.head if verb.head.pos_ == "ADV" else verb.head
    if verb.dep_ == "advcl" and any(c.tag_ == "MD" for c in governor.children):
        return False  # "would be reopened as soon as the court published its decision"
    if trigger.head.lower_ == "without" or any(
        c.dep_ == "det" and c.lower_ == "no" for c in trigger.children
    ):
        return False  # "passed without a new shutdown", "no arrests were made"
    if trigger.tag_ == "NNS" and any(
        c.dep_ == "amod" and c.lower_ in GENERIC_MODIFIERS for c in trigger.children
    ):
        return False
    if any(a.lemma_ in HEDGED_SPEECH for a in own_ancestors(trigger, 4)):
        return False  # "blamed the disruption on attacks from abroad": a claim, not a fact
    if verb.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in vchildren):
        head = verb.head
        generic_use = head.lemma_ == "use" and head.tag_ in ("VBP", "VBZ")
        directive = etype in ("OUTAGE", "RESTORATION") and head.lemma_ in DIRECTIVES and not any(
            c.dep_ == "nsubj" and c.lemma_.lower() in COURTS for c in head.children
        )
        if (head.lemma_ not in REALIS_GOVERNORS or generic_use) and not directive and not (
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
        chain = verb
        for _ in range(3):  # "urged his supporters to continue protesting"
            if chain.dep_ != "xcomp":
                break
            chain = chain.head
            if chain.lemma_ in IRREALIS_GOVERNORS:
                return False
    return True


def own_ancestors(token: Token, limit: int) -> list[Token]:
    """The token's ancestors up to ``limit``, stopping at a clause it is coordinated with
    ("Maduro accuses X, and the court has moved to strip lawmakers": the court's move is
    no accusation)."""
    out: list[Token] = []
    current = token
    while len(out) < limit and current.head.i != current.i:
        if current.dep_ == "conj" and current.pos_ in ("VERB", "AUX"):
            break
        current = current.head
        out.append(current)
    return out


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


def argument_words(head: Token, relation_: str) -> list[Token]:
    """The words standing in a relation to a head word: its active ``subject`` (shared
    with the verb it is coordinated with), its ``object`` (direct object, passive subject,
    predicate noun or the object of its preposition) or a ``modifier`` before it. The
    ``of`` complement of a quantity counts too ("tens of thousands of protesters")."""
    if relation_ == "subject":
        deps = ("nsubj",)
    elif relation_ == "object":
        deps = ("dobj", "nsubjpass", "oprd", "attr", "dative")
    else:
        deps = ("amod", "compound", "nmod")
    words = [c for c in head.children if c.dep_ in deps
             or (relation_ == "object" and c.dep_ == "ccomp" and c.pos_ == "NOUN")]
    if relation_ == "subject" and not words and head.dep_ == "conj":
        words = [c for c in head.head.children if c.dep_ == "nsubj"]
    if relation_ == "object":
        # "declared Magufuli the winner": the predicate noun may hang on the object
        words += [a for w in list(words) for a in w.children if a.dep_ == "appos"]
        words += [g for c in head.children if c.dep_ == "prep" for g in c.children
                  if g.dep_ == "pobj"]
        if not words and head.dep_ == "conj":
            words = [c for c in head.head.children if c.dep_ == "nsubjpass"]
    if relation_ != "modifier":
        level = list(words)
        for _ in range(2):
            level = [g for w in level for c in w.children
                     if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                     if g.dep_ == "pobj"]
            words += level
    return words


def is_anaphoric(trigger: Token, own_date: bool, timexes: list[dict],
                 others: frozenset = frozenset(), triggers: frozenset = frozenset(),
                 timex: dict | None = None) -> bool:
    """Whether a trigger refers to an event already told (or told later) rather than
    telling a new one: "the blackout" without a date of its own, "after the killing",
    "the most severe shutdown", "backed the price rise", "declared the arrest illegal",
    "remained unavailable", "the association, which led the protests"."""
    children = list(trigger.children)
    definite = any(c.dep_ in ("det", "poss") and c.lower_ in ANAPHORIC_DETERMINERS
                   for c in children)
    head = trigger.head
    if trigger.pos_ == "NOUN":
        if definite and not own_date:
            return True
        if trigger.dep_ == "pobj" and head.lower_ in BACKGROUND_PREPS and not (
            own_date and timex and told_in_relative_clause(trigger, timex)
        ):
            return True  # "after the killing", but not "after protests that began on 25 May"
        if definite and trigger.dep_ == "nsubj" and head.lemma_ in SEQUENCE_VERBS:
            return True
        if any(c.dep_ == "amod" and (c.tag_ == "JJS" or any(g.lower_ == "most"
                                                             for g in c.children))
               for c in children):
            return True  # "the most severe shutdown", "the biggest protests"
        if definite and trigger.dep_ == "dobj" and head.pos_ == "VERB" and (
            head.lemma_ not in LIGHT_VERBS
        ):
            return True  # "backed the price rise", "upheld the block"
        if definite and (head.i in others
                         or (head.pos_ in ("ADP", "ADJ") and head.head.i in others)):
            return True  # the theme of another event: "declared the arrest illegal"
        if definite and trigger.dep_ == "pobj" and head.head.pos_ == "ADJ":
            return True  # "those responsible for the violence"
        if trigger.dep_ == "nsubj" and head.lemma_ == "be" and any(
            c.dep_ == "acomp" for c in head.children
        ):
            return True  # a judgement: "violence by security forces was unacceptable"
    if trigger.dep_ in ("acomp", "oprd", "xcomp") and head.lemma_ in CONTINUATION_VERBS:
        return True
    if trigger.pos_ == "VERB" and trigger.dep_ == "amod" and trigger.tag_ == "VBN" and (
        head.tag_ in ("NNS", "NNPS")
    ):
        return True  # told in passing: "the detained protesters", "the blocked sites"
    if trigger.tag_ in ("VBN", "VBD") and (
        (head.lower_ == "with" and trigger.dep_ in ("pcomp", "pobj"))
        or any(c.dep_ == "mark" and c.lower_ == "with" for c in children)
    ):
        return True  # a state in the background: "With most news sites blocked, ..."
    if trigger.pos_ == "VERB":
        # "after the authorities cut the country off": told as background, unless the
        # subordinate clause dates it (a date before its "after" is the main clause's)
        marks = [c for c in children if c.dep_ == "mark" and c.lower_ in BACKGROUND_PREPS]
        right = trigger.right_edge.idx + len(trigger.right_edge)
        if marks and not any(marks[0].idx < t["start"] < right for t in timexes):
            return True
        if not own_date_of_clause(trigger, timexes) and any(
            c.dep_ == "prep" and c.lower_ in BACKGROUND_PREPS for c in children
        ):
            return True
        if trigger.dep_ == "pcomp" and head.lower_ in BACKGROUND_PREPS:
            return True
    verb = clause_verb(trigger)
    if verb.dep_ != "relcl" or verb.head.i in triggers or verb.head.i in others \
            or verb.head.pos_ not in ("NOUN", "PROPN"):
        return False
    # a relative clause describing a participant by what it did: "the association, which
    # led the protests", "the military that seized power at the start of the month"
    by_its_deed = any(c.dep_ == "nsubj" and c.lower_ in ("that", "who", "which")
                      for c in verb.children)
    coarse = bool(timex) and timex.get("granularity") in ("month", "year")
    return not own_date or (coarse and by_its_deed)


def told_in_relative_clause(trigger: Token, timex: dict) -> bool:
    """Whether a date sits in a relative clause within the trigger's phrase ("the first
    mass protests, which began on 25 January"), telling when it happened as a new fact."""
    for c in trigger.subtree:
        if c.dep_ in ("relcl", "acl") and c.i != trigger.i:
            left = c.left_edge.idx
            right = c.right_edge.idx + len(c.right_edge)
            if left <= timex["start"] < right:
                return True
    return False


def is_distinct(trigger: Token) -> bool:
    """Whether the text marks the event as a new one of its kind ("a second address",
    "was cut again", "another shutdown")."""
    words = {trigger, clause_verb(trigger)}
    if trigger.dep_ in ("amod", "compound"):
        words.add(trigger.head)  # "a second televised address"
    return any(c.lower_ in DISTINCT_MARKERS for t in words for c in t.children)


def clause_tokens(trigger: Token) -> list[Token]:
    """The tokens of the trigger's own clause, without the clauses coordinated with,
    reported by or subordinate to it."""
    verb = clause_verb(trigger)
    skip: set[int] = set()
    for c in verb.children:
        if c.dep_ in ("conj", "ccomp", "advcl", "relcl") and c.i != trigger.i:
            skip.update(t.i for t in c.subtree)
    return [t for t in verb.subtree if t.i not in skip]


def trigger_scope(trigger: Token, tok_ent: dict, ents: dict) -> str | None:
    """``platform`` when the trigger's clause names a platform, ``network`` when it names
    the internet or a network only, else None."""
    words = clause_tokens(trigger)
    if any(t.i in tok_ent and ents[tok_ent[t.i]]["type"] == "PLATFORM" for t in words):
        return "platform"
    if any(t.lower_ in NETWORK_WORDS for t in words):
        return "network"
    return None


def in_other_clause(token: Token, trigger: Token) -> bool:
    """Whether a token sits in a clause the trigger is not part of: a reported or
    adverbial clause below the trigger's ("said in a video that she had left for
    Lithuania"), or a clause coordinated with it ("condemned the coup, and France urged
    respect for the constitution")."""
    up = [trigger, *trigger.ancestors]
    up_ids = {t.i for t in up}
    down = [token, *token.ancestors]
    meet = next((t for t in down if t.i in up_ids), None)
    if meet is None:
        return False
    for t in down:
        if t.i == meet.i:
            break
        if t.dep_ in ("ccomp", "advcl") or (t.dep_ == "conj" and t.pos_ in ("VERB", "AUX")):
            return True
    for t in up:
        if t.i == meet.i:
            break
        if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX"):
            return True
    return False
