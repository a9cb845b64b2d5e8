"""Attributed claims: who says what, with what stance, about which events.

Reported speech is how news attributes what it cannot itself establish. The extractor
finds, in each sentence, a speech verb of ``ontology/claims.yaml`` with a speaker and
a content:

* ``X said (that) CLAUSE``, ``X told Y (that) CLAUSE``, quotes with a speaker: the
  content is the verb's clausal complement; two complements coordinated as
  ``said A, and that B`` are two claims;
* ``X announced in a statement that CLAUSE``, ``X repeated the claim that CLAUSE``: the
  clause of a speech noun;
* ``according to X, CLAUSE``: the rest of the sentence;
* ``X pointed to Y, suggesting (that) CLAUSE``: the claimant of the main verb, the
  stance of the participle; without such a participle, ``X pointed to Y`` blames Y;
* ``X denied Y``, ``X blamed A on B``, ``X accused Y of Z``, ``X promised to …`` or
  ``X promised an inquiry``: the verb's object (and its ``on``/``of`` phrase), or its
  infinitive;
* ``X called Y Z``, ``X defended Y as Z``: the object and its predicate.

Each claim gets its claimant (an entity of the article, a GROUP such as "activists", or
the pronoun's antecedent; "Telegram's founder, Pavel Durov" is Pavel Durov, "engineers
at Cloudflare" are Cloudflare, and "X and Y said" gives one claim for each), the stance
(assert, deny, suggest, blame, promise), the text span with offsets, the calendar date
of its sentence (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, never ``FUTURE_REF`` and the
like), the events it is about (events reported in the same sentence, or whose trigger
the claim contains, or the previous sentence's when the claim refers back: "the sites
were down"), the entities it names, and whether it gives a cause ("for technical
reasons", "intended to limit …"). Two claims about the same event that give different
causes, or where one denies what another asserts, are marked ``contested`` with each
other's ids.

Announcing or declaring one's own decision ("announced that fuel prices would double",
"declared the arrest illegal") is a policy, not a claim, and ``told X to …`` is an
order.

Reads: the parse, ``doc._.entities``, ``doc._.entity_of_token``, ``doc._.events``,
``doc._.timexes``. Writes: ``doc._.claims``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ontology import load_data_file, load_taxonomy

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)

PRONOUNS_PERSON = {"he", "she"}
PRONOUNS_GROUP = {"they", "we"}
# A statement date is a calendar value; TIMEX values such as FUTURE_REF, 2021-W02 or
# XXXX-01-25 are not, and a time ("2021-10-04T15:40") gives its day.
CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")
# Entity types that cannot speak: a place named inside a speaker phrase
# ("residents of Astana") is not the claimant.
PLACES = {"CITY", "COUNTRY", "LOCATION"}


def calendar_date(value: str | None) -> str | None:
    """The calendar part (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) of a TIMEX3 value.

    Parameters
    ----------
    value : str or None
        A TIMEX3 value such as ``2016-12-16``, ``2021-10-04T15:40`` or ``FUTURE_REF``.

    Returns
    -------
    str or None
        ``2016-12-16`` for both of the first two; None for values with no calendar
        date (``FUTURE_REF``, ``PAST_REF``, ``PRESENT_REF``, ``2021-W02``, ``XXXX-01``,
        durations).
    """
    if not value:
        return None
    m = CALENDAR.match(str(value))
    if m is None:
        return None
    rest = str(value)[m.end() :]
    if rest and not rest.startswith("T"):
        return None  # "2016-W50", "2016-Q3", "2016-12-16X": not a calendar value
    return m.group(0)


class ClaimExtractor:
    """Extract attributed claims and mark the contested ones.

    Parameters
    ----------
    lexicon : dict
        ``ontology/claims.yaml``: speech verbs and their stances, the cues and the
        word lists the rules read.
    taxonomy : optional
        The event taxonomy; its trigger lemmas link a claim to the event it names.
    """

    def __init__(self, lexicon: dict, taxonomy=None):
        self.trigger_types: dict[str, str] = {}
        if taxonomy is not None:
            for name, et in taxonomy.event_types.items():
                for lemma in et.lemmas:
                    self.trigger_types.setdefault(lemma, name)
        self.verbs: dict[str, str] = lexicon["speech_verbs"]
        self.according = set(lexicon.get("according_to") or [])
        self.causal_cues = [c.lower() for c in lexicon.get("causal_cues") or []]
        self.deny_cues = [c.lower() for c in lexicon.get("deny_cues") or []]
        self.not_claimants = set(lexicon.get("not_claimants") or [])
        self.deny_objects = set(lexicon.get("deny_objects") or [])
        self.speaker_heads = set(lexicon.get("speaker_heads") or [])
        self.member_preps = set(lexicon.get("member_prepositions") or [])
        self.public_heads = set(lexicon.get("public_heads") or [])
        self.document_heads = set(lexicon.get("document_heads") or [])
        self.object_predicate = dict(lexicon.get("object_predicate_verbs") or {})
        self.prepositional = {
            k: (v["prep"], v["stance"])
            for k, v in (lexicon.get("prepositional_verbs") or {}).items()
        }
        self.speech_nouns: dict[str, str] = dict(lexicon.get("speech_nouns") or {})
        self.decision_verbs = set(lexicon.get("decision_verbs") or [])
        self.order_verbs = set(lexicon.get("order_verbs") or [])
        self.that_verbs = set(lexicon.get("that_verbs") or [])
        self.definite = {k: tuple(v) for k, v in (lexicon.get("definite_references") or {}).items()}

    # -- claimants ------------------------------------------------------------------------
    def _claimants(
        self, tok: Token | None, tok_ent: dict, ents: dict, last: dict, source: bool = False
    ) -> list:
        """The (entity id, text) pairs a speaker token stands for.

        One pair, except for coordinated speakers ("Mehbooba Mufti and Omar Abdullah
        said"): one for each. An appositive name wins over the phrase it renames
        ("Telegram's founder, Pavel Durov"). Empty when the token is no speaker.
        ``source`` is for the object of "according to", which names a source however
        it is phrased ("the network monitoring firm Renesys").
        """
        if tok is None:
            return []
        if tok.ent_type_ in ("DATE", "TIME"):  # "On Friday, the anniversary, activists said"
            tok = next(
                (
                    c
                    for c in tok.head.children
                    if c.dep_ in ("nsubj", "appos")
                    and c.i != tok.i
                    and c.ent_type_ not in ("DATE", "TIME")
                ),
                None,
            )
            if tok is None:
                return []
        if tok.lower_ in ("who", "which", "that") and tok.head.dep_ == "relcl":
            tok = tok.head.head  # "residents …, who confirmed": the residents
        unnamed = PLACES | {"GROUP"}
        named = [
            c
            for c in tok.children
            if c.dep_ == "appos" and c.i in tok_ent and ents[tok_ent[c.i]]["type"] not in unnamed
        ]
        if tok.i in tok_ent and ents[tok_ent[tok.i]]["type"] not in unnamed:
            named = []  # "Amnesty International, a rights group,": Amnesty International
        heads = named or [tok]
        for h in list(heads):
            heads += [
                c
                for c in h.children
                if c.dep_ == "conj"
                and (c.i in tok_ent or c.pos_ == "PROPN" or c.lemma_.lower() in self.speaker_heads)
            ]
        out = []
        for h in heads:
            eid, name = self._claimant(h, tok_ent, ents, last, source)
            if name and (eid, name) not in out:
                out.append((eid, name))
        return out

    def _claimant(self, tok: Token, tok_ent: dict, ents: dict, last: dict, source=False):
        """(entity id, text) for one speaker token, resolving pronouns to the last speaker.

        (None, None) when the token is no speaker ("the story tells …").
        """
        low = tok.lower_
        if low in PRONOUNS_PERSON:
            eid = self._last(last, ("PERSON",))
            return eid, ents[eid]["name"] if eid else tok.text
        if low in PRONOUNS_GROUP:
            eid = self._last(last, ("GROUP", "ORGANIZATION", "GOVERNMENT"))
            return eid, ents[eid]["name"] if eid else tok.text
        if low in self.not_claimants:
            return None, None
        own = tok_ent.get(tok.i)
        if own is None or ents[own]["type"] == "GROUP":
            # "engineers at Cloudflare", "a spokesman for the ministry": the organization;
            # "customers of MTN Ghana" stay customers
            for prep in tok.children:
                if prep.dep_ != "prep" or prep.lower_ not in self.member_preps:
                    continue
                for pobj in prep.children:
                    eid = tok_ent.get(pobj.i)
                    if pobj.dep_ == "pobj" and eid and ents[eid]["type"] not in PLACES | {"GROUP"}:
                        return eid, ents[eid]["name"]
        if own is not None:
            return own, ents[own]["name"]
        for t in [c for c in tok.children if c.dep_ in ("compound", "conj")]:
            eid = tok_ent.get(t.i)
            if eid:
                return eid, ents[eid]["name"]
        is_speaker = tok.lemma_.lower() in self.speaker_heads or low in self.speaker_heads
        public = tok.lemma_.lower() in self.public_heads or low in self.public_heads
        document = tok.lemma_.lower() in self.document_heads
        if (is_speaker or source or document) and not public:
            # "Kazakhstan's Ministry of Information", "the UN's special rapporteur": the
            # entity named inside the speaker phrase (not in a relative clause)
            skip = {
                t.i
                for c in tok.children
                if c.dep_ in ("relcl", "acl") and not source
                for t in c.subtree
            }
            inside = [
                tok_ent[t.i]
                for t in tok.subtree
                if t.i in tok_ent and t.i != tok.i and t.i not in skip
            ]
            if inside:
                return inside[0], ents[inside[0]]["name"]
            kinds = self.definite.get(tok.lemma_.lower())
            if kinds and any(c.lower_ == "the" for c in tok.children):
                # "the company said": the last entity of a kind the description fits
                eid = self._last(last, kinds)
                if eid:
                    return eid, ents[eid]["name"]
        if tok.pos_ == "PROPN":
            # a name the entity linker left unlinked: "Tokayev" for Kassym-Jomart Tokayev
            eid = self._by_name(tok, ents)
            if eid:
                return eid, ents[eid]["name"]
        if not is_speaker:
            return None, None  # "the story tells …", "people said": no speaker
        span = tok.doc[tok.left_edge.i : tok.i + 1]
        return None, span.text

    @staticmethod
    def _last(last: dict, kinds) -> str | None:
        """The entity of one of ``kinds`` that was last a subject (the most recent)."""
        seen = [last[k] for k in kinds if k in last]
        return max(seen, key=lambda v: v[1])[0] if seen else None

    @staticmethod
    def _by_name(tok: Token, ents: dict) -> str | None:
        """The speaking entity whose name or alias is, or ends with, the proper name."""
        words = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
        text = " ".join(t.text for t in [*words, tok]).casefold()
        for e in ents.values():
            if e["type"] in PLACES:
                continue
            for n in [e["name"], *(e.get("aliases") or [])]:
                n = n.casefold()
                if n == text or n.endswith(" " + text):
                    return e["id"]
        return None

    # -- content ------------------------------------------------------------------------
    @staticmethod
    def _span_of(tokens: list[Token]) -> Span | None:
        tokens = [t for t in tokens if not (t.dep_ == "mark" and t.lower_ in ("that", "whether"))]
        if not tokens:
            return None
        doc = tokens[0].doc
        start = min(t.i for t in tokens)
        end = max(t.i for t in tokens) + 1
        while end > start and (
            doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ == "cc"
        ):
            if doc[end - 1].is_quote and any(t.is_quote for t in doc[start : end - 1]):
                break  # 'was "unacceptable"': keep the closing quote of a quoted word
            end -= 1
        while start < end and (
            doc[start].is_punct or doc[start].is_space or doc[start].lower_ in ("that",)
        ):
            start += 1
        return doc[start:end] if end > start else None

    def _clauses(self, verb: Token, clause: Token) -> list[Span]:
        """The content of a clausal complement: ``said A, and that B`` gives A and B.

        Speech verbs coordinated inside the clause ("… and promised to …") are left to
        their own claim; a subject the parser hung on the speech verb after it ("said
        President X, in power since 1994, had won") is put back into the content.
        """
        cut = {
            t.i
            for d in clause.subtree
            if d.dep_ == "conj" and d.lemma_.lower() in self.verbs and d.head.i == clause.i
            for t in d.subtree
        }
        split = [
            d
            for d in clause.children
            if d.dep_ == "conj"
            and d.i not in cut
            and d.pos_ in ("VERB", "AUX")
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in d.children)
            and any(t.lower_ == "that" for t in clause.doc[d.left_edge.i : d.left_edge.i + 2])
        ]
        for d in split:
            cut |= {t.i for t in d.subtree}
        late = [
            c
            for c in verb.children
            if c.dep_ == "nsubj" and verb.i < c.i < clause.i and clause.i > verb.i
        ]
        lead = []
        if late and not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
            lead = [
                t
                for c in verb.children
                if late[0].i <= c.i < clause.left_edge.i and c.dep_ != "punct"
                for t in c.subtree
            ]
        main = self._span_of(
            lead
            + [
                t
                for t in clause.subtree
                if t.i not in cut and not (t.dep_ == "cc" and t.i + 1 in cut)
            ]
        )
        spans = [main] + [self._span_of(list(d.subtree)) for d in split]
        return [sp for sp in spans if sp is not None]

    def _prospective(self, clause: Token) -> bool:
        """A clause about what is going to happen ("would rise", "was taking over")."""
        aux = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
        return any(a.lower_ in ("would", "will", "'ll") for a in aux) or (
            clause.tag_ == "VBG" and any(a.lemma_ == "be" for a in aux)
        )

    def _content(self, verb: Token) -> list[Span]:
        """The claims' text spans for a speech verb (empty when it reports none)."""
        children = list(verb.children)
        lemma = verb.lemma_.lower()
        ccomps = [
            c
            for c in children
            if c.dep_ == "ccomp"
            # "declared himself interim president": an act, not a claim
            and not any(
                d.dep_ == "nsubj" and d.lower_.endswith(("self", "selves")) for d in c.children
            )
            # a clause before the verb is its content only when nothing closes it off:
            # "Many moved to Telegram; its founder said …" is no content of "said"
            and not (
                c.i < verb.i
                and any(t.text in (";", ":") for t in verb.doc[c.right_edge.i : verb.i])
            )
        ]
        ccomps.sort(key=lambda c: c.i < verb.i)  # the complement after the verb first
        if lemma in self.that_verbs:
            # "found that the filtering was …", not "a ruling that found the ban …"
            ccomps = [
                c
                for c in ccomps
                if any(d.dep_ == "mark" and d.lower_ == "that" for d in c.children)
            ]
        for c in ccomps:
            if lemma in self.decision_verbs and self._prospective(c):
                return []  # "announced that fuel prices would double": a decision
            return self._clauses(verb, c)
        if lemma in self.object_predicate:
            obj = [
                c
                for c in children
                if c.dep_ == "dobj" or (c.dep_ == "xcomp" and c.pos_ in ("NOUN", "PROPN"))
            ]
            pred = [
                c
                for c in children
                if c.dep_ in ("oprd", "acomp") or (c.dep_ == "prep" and c.lower_ == "as")
            ]
            if obj and not pred and lemma in ("call", "brand", "label"):
                # "called the shutdown collective punishment", parsed as one noun phrase
                if any(c.dep_ == "nmod" for c in obj[0].children):
                    return [sp for sp in [self._span_of(list(obj[0].subtree))] if sp]
            if obj and pred:
                tokens = [t for c in obj + pred for t in c.subtree]
                end = max(t.i for t in tokens)
                for c in sorted(children, key=lambda c: c.i):
                    # "defended the measures as necessary for security during the vote"
                    if c.i == end + 1 and c.dep_ == "prep" and c.lower_ != "as":
                        tokens += list(c.subtree)
                        end = c.right_edge.i
                return [sp for sp in [self._span_of(tokens)] if sp]
        if verb.dep_ == "parataxis" or (
            verb.dep_ in ("advcl", "ccomp")
            and verb.i > verb.head.i
            and any(t.is_punct for t in verb.doc[verb.head.i : verb.i])
            and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in children)
        ):
            # "The outage, they noted, came at …": the clause around the speech verb
            skip = {t.i for t in verb.subtree}
            span = self._span_of(
                [
                    t
                    for t in verb.head.subtree
                    if t.i not in skip
                    and not (t.is_punct and t.i in (min(skip) - 1, max(skip) + 1))
                ]
            )
            return [span] if span else []
        for c in children:
            # "announced in a brief televised statement that Mubarak had resigned"
            if c.dep_ != "prep":
                continue
            for noun in c.children:
                spans = self._noun_clause(noun, any_noun=True)
                if noun.dep_ == "pobj" and spans:
                    return spans
        if lemma in ("blame", "accuse", "attribute"):
            obj = [c for c in children if c.dep_ == "dobj"]
            preps = [
                c for c in children if c.dep_ == "prep" and c.lower_ in ("on", "of", "for", "to")
            ]
            tokens = [t for c in obj + preps for t in c.subtree]
            span = self._span_of(tokens)
            return [span] if span else []
        if lemma in self.prepositional:
            prep, _ = self.prepositional[lemma]
            # "pointed to cyberattacks"; "pointed to X, suggesting …" is the participle's
            if not self._speech_participle(verb):
                for c in children:
                    if c.dep_ == "prep" and c.lower_ == prep:
                        span = self._span_of(
                            [t for p in c.children if p.dep_ == "pobj" for t in p.subtree]
                        )
                        if span:
                            return [span]
            return []
        stance = self.verbs.get(lemma)
        for c in children:
            if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and lemma not in self.order_verbs:
                if c.tag_ == "VBG" or stance == "promise":  # "promised to restore access"
                    span = self._span_of(list(c.subtree))
                    return [span] if span else []
        for c in children:
            if (
                c.dep_ == "dobj"
                and lemma in ("deny", "reject", "dismiss")
                and (c.lower_ in self.deny_objects or c.tag_ == "VBG")
                and not self._noun_clause(c)  # "denied reports that …": the clause
            ):
                return [sp for sp in [self._span_of(list(c.subtree))] if sp]
            if c.dep_ == "dobj" and stance == "promise" and c.pos_ in ("NOUN", "PROPN"):
                # "promised a firm response", "pledged an investigation"
                return [sp for sp in [self._span_of(list(c.subtree))] if sp]
        for c in children:
            if c.dep_ == "pcomp" or (c.dep_ == "xcomp" and c.tag_ == "VBG"):
                # "denied ordering the dispersal"
                return [sp for sp in [self._span_of(list(c.subtree))] if sp]
        return []

    def _speech_participle(self, verb: Token) -> bool:
        """Whether a speech verb hangs on the verb: "pointed to X, suggesting that …"."""
        return any(
            c.dep_ in ("advcl", "xcomp", "conj") and c.lemma_.lower() in self.verbs
            for c in verb.children
        )

    def _noun_clause(self, noun: Token, any_noun: bool = False) -> list[Span]:
        """The that-clause of a noun: "the claim that …", "in a report that …".

        Parameters
        ----------
        noun : Token
            The noun the clause hangs on.
        any_noun : bool
            Accept any noun (in a phrase of a speech verb: "said in a report that …"),
            not only the speech nouns of ``ontology/claims.yaml``.

        Returns
        -------
        list of Span
            The clause (with the clauses the parser split it into), or nothing when the
            noun has no complement clause ("the statement that followed" is relative).
        """
        if not any_noun and noun.lemma_.lower() not in self.speech_nouns:
            return []
        clauses = [
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp", "relcl") and c.i > noun.i and c.pos_ in ("VERB", "AUX")
        ]
        if not clauses or noun.i + 1 >= len(noun.doc) or noun.doc[noun.i + 1].lower_ != "that":
            return []
        if not any(c.lower_ == "that" and c.dep_ == "mark" for c in clauses[0].children):
            return []  # "the statement that followed": a relative clause
        span = self._span_of([t for c in clauses for t in c.subtree])
        return [span] if span else []

    # -- main ---------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        """Set ``doc._.claims``: the claims of every sentence, linked and contested."""
        entities = doc._.entities or []
        ents = {e["id"]: e for e in entities}
        tok_ent = {int(k): v for k, v in (doc._.entity_of_token or {}).items()}
        events = doc._.events or []
        timexes = [t for t in (doc._.timexes or []) if calendar_date(t.get("value"))]
        claims: list[dict] = []
        last: dict[str, tuple[str, int]] = {}
        previous_sentence: Span | None = None
        for sent in doc.sents:
            for claim in self._sentence_claims(sent, tok_ent, ents, last):
                self._link(claim, sent, previous_sentence, events, tok_ent, timexes)
                self._link_by_trigger(claim, doc, events)
                claims.append(claim)
            for t in sent:
                eid = tok_ent.get(t.i)
                if eid and (
                    t.dep_ in ("nsubj", "nsubjpass", "appos", "poss")
                    or t.head.dep_ in ("nsubj", "nsubjpass")
                ):
                    last[ents[eid]["type"]] = (eid, t.i)
            for claim in claims:
                if claim["claimant"] and claim["sentence"]["start"] == sent.start_char:
                    last[ents[claim["claimant"]]["type"]] = (claim["claimant"], sent.end)
            previous_sentence = sent
        for n, claim in enumerate(claims, start=1):
            claim["id"] = f"c{n}"
        mark_contested(claims)
        keys = {
            ev["id"]: {
                "type": ev["type"],
                "date": (ev.get("date") or {}).get("value"),
                "country": ev.get("country"),
            }
            for ev in events
        }
        for claim in claims:
            # store-independent: the graph gives events global ids; this key finds them
            claim["about_event_keys"] = [keys[e] for e in claim["about_events"] if e in keys]
        doc._.claims = claims
        return doc

    def _subject(self, tok: Token) -> Token | None:
        """The speaker of a speech verb: its subject, or the nearest subject up the tree.

        "pointed to X, suggesting that …", "said … and promised to …" share the subject
        of the verb they hang on. "Doctors linked to the movement said …", where the
        parser made "linked" a clause of "said", gives "Doctors".
        """
        subject = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
        subject = subject or next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subject is None:
            early = [
                c
                for c in tok.children
                if c.dep_ == "ccomp"
                and c.i < tok.i
                and c.tag_ in ("VBN", "VBD")
                and c.right_edge.i == tok.i - 1
                and any(d.dep_ == "ccomp" and d.i > tok.i for d in tok.children)
            ]
            if early:
                subject = next((c for c in early[0].children if c.dep_ == "nsubj"), None)
        if subject is None and tok.dep_ == "pcomp" and tok.head.lower_ == "as":
            # "X was quoted as saying that …"
            quoted = tok.head.head
            if quoted.lemma_.lower() in ("quote", "cite"):
                subject = next((c for c in quoted.children if c.dep_ == "nsubjpass"), None)
        head = tok
        while (
            subject is None
            and head.dep_ in ("advcl", "xcomp", "conj", "ccomp")
            and head.head != head
        ):
            parent = head.head
            if (
                head.dep_ == "conj"
                and head.lemma_.lower() in self.verbs
                and parent.dep_ == "ccomp"
                and parent.head.lemma_.lower() in self.verbs
            ):
                # "denied that A and said B", parsed with "said" inside the first
                # clause: both verbs share the subject of "denied"
                parent = parent.head
            head = parent
            subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if subject is None and head.lemma_.lower() not in self.verbs and head.dep_ == "ccomp":
                break  # a speech verb inside someone else's claim needs its own subject
        return subject

    def _sentence_claims(self, sent: Span, tok_ent, ents, last) -> list[dict]:
        """The claims of one sentence: speech verbs, "according to", speech nouns.

        ``last`` (entity type → (id, token index)) is updated with the sentence's
        subjects as they come, so that a pronoun finds a speaker named before it.
        """
        out = []
        for tok in sent:
            lemma = tok.lemma_.lower()
            eid = tok_ent.get(tok.i)
            if eid and (tok.dep_ in ("nsubj", "nsubjpass") or tok.head.dep_ == "nsubj"):
                # "Mubarak appeared on television, said he had …": he is Mubarak
                last[ents[eid]["type"]] = (eid, tok.i)
            if tok.pos_ in ("VERB", "AUX") and (
                lemma in self.verbs or lemma in self.object_predicate
            ):
                if lemma in self.prepositional and not self._speech_participle(tok):
                    stance = self.prepositional[lemma][1]  # "pointed to cyberattacks"
                else:
                    stance = self.verbs.get(lemma) or self.object_predicate[lemma]
                contents = self._content(tok)
                if not contents:
                    continue
                for eid, name in self._claimants(self._subject(tok), tok_ent, ents, last):
                    for content in contents:
                        out.append(self._record(sent, tok, stance, eid, name, content))
            elif (
                tok.lower_ in self.according and tok.i + 1 < sent.end and tok.nbor(1).lower_ == "to"
            ):
                pobj = next((c for c in tok.nbor(1).children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                skip = {t.i for t in tok.subtree} | {t.i for t in pobj.subtree} | {tok.i + 1}
                content = self._span_of([t for t in sent if t.i not in skip])
                if content is None:
                    continue
                for eid, name in self._claimants(pobj, tok_ent, ents, last, source=True):
                    out.append(self._record(sent, tok, "assert", eid, name, content))
            elif lemma in self.speech_nouns and tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
                # "He repeated the military's claim that the election had been marred";
                # "denied reports that …" denies it
                subject = self._subject(tok.head)
                stance = self.speech_nouns[lemma]
                if self.verbs.get(tok.head.lemma_.lower()) == "deny":
                    stance = "deny"
                for content in self._noun_clause(tok):
                    for eid, name in self._claimants(subject, tok_ent, ents, last):
                        out.append(self._record(sent, tok, stance, eid, name, content))
        return out

    def _record(self, sent, verb, stance, eid, name, content: Span) -> dict:
        """A claim record; causal when its text has a causal cue or it blames."""
        text_low = content.text.lower()
        cue = next((c for c in self.causal_cues if c in text_low), None)
        causal = cue is not None or stance == "blame"
        if stance == "assert" and any(c in text_low for c in self.deny_cues):
            stance = "deny"  # "said it had found no evidence of malicious activity"
        return {
            "claimant": eid,
            "claimant_text": name,
            "verb": verb.text,
            "stance": stance,
            "text": content.text,
            "start": content.start_char,
            "end": content.end_char,
            "sentence": {"text": sent.text, "start": sent.start_char, "end": sent.end_char},
            "date": None,
            "about_events": [],
            "about_entities": [],
            "causal": causal,
            "cause": content.text[text_low.index(cue) :] if cue and cue in text_low else None,
            "links": [],
            "contested": False,
            "contested_with": [],
        }

    def _link_by_trigger(self, claim: dict, doc: Doc, events: list[dict]) -> None:
        """A claim that names an event ("the block had been intended to …") is about the
        last event of that type told before it (or in its own sentence)."""
        span = doc.char_span(claim["start"], claim["end"], alignment_mode="expand")
        if span is None:
            return
        for tok in span:
            etype = self.trigger_types.get(tok.lemma_.lower())
            if etype is None or tok.pos_ not in ("NOUN", "VERB"):
                continue
            told = [
                ev
                for ev in events
                if ev["type"] == etype and ev["evidence"]["start"] <= claim["sentence"]["end"]
            ]
            if told and told[-1]["id"] not in claim["about_events"]:
                claim["about_events"].append(told[-1]["id"])
            if told and claim["causal"]:
                # the event the claim names is the effect whose cause or purpose it gives;
                # the other events of the claim are the cause it points to
                effect = told[-1]["id"]
                claim["links"] = [
                    {"cause": other, "effect": effect}
                    for other in claim["about_events"]
                    if other != effect
                ]

    @staticmethod
    def _link(claim, sent, previous, events, tok_ent, timexes) -> None:
        """Link a claim to the events and entities it is about, and date it.

        ``timexes`` are the document's expressions with a calendar value; the claim's
        date is the calendar date of the first of them in its sentence, or None.
        """
        s, e = claim["start"], claim["end"]
        about = []
        for ev in events:
            spans = [ev["evidence"], *ev.get("mentions", [])]
            if any(m["start"] <= s < m["end"] or s <= m["start"] < e for m in spans):
                about.append(ev["id"])
        if not about and previous is not None:
            about = [
                ev["id"]
                for ev in events
                if any(
                    m["start"] == previous.start_char
                    for m in [ev["evidence"], *ev.get("mentions", [])]
                )
            ]
        claim["about_events"] = about
        claim["about_entities"] = sorted(
            {tok_ent[t] for t in range(len(sent.doc)) if t in tok_ent and s <= sent.doc[t].idx < e},
            key=lambda x: int(x[1:]),
        )
        own = [
            t
            for t in timexes
            if sent.start_char <= t["start"] < sent.end_char and t.get("type") in ("DATE", "TIME")
        ]
        if own:
            claim["date"] = calendar_date(own[0]["value"])


def mark_contested(claims: list[dict]) -> None:
    """Mark claims about the same event that give different causes, or deny each other.

    Two causal claims by different claimants about one event compete when their causes
    differ; a ``deny`` claim competes with every ``assert`` claim by another claimant
    about the same event.
    """
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            if a["claimant_text"] == b["claimant_text"]:
                continue
            if not set(a["about_events"]) & set(b["about_events"]):
                continue
            competing = (
                a["causal"]
                and b["causal"]
                and (a["cause"] or a["text"]) != (b["cause"] or b["text"])
            ) or {a["stance"], b["stance"]} == {"deny", "assert"}
            if competing:
                a["contested"] = b["contested"] = True
                a["contested_with"].append(b["id"])
                b["contested_with"].append(a["id"])


@Language.factory(
    "newsgraph_claim_extractor_v1",
    assigns=["doc._.claims"],
    requires=["doc._.entities", "doc._.entity_of_token", "doc._.events", "token.dep"],
)
def make_claim_extractor(nlp: Language, name: str) -> ClaimExtractor:
    """Factory of :class:`ClaimExtractor`, reading ``ontology/claims.yaml``."""
    return ClaimExtractor(load_data_file("claims"), load_taxonomy())


__all__ = ["ClaimExtractor", "calendar_date", "mark_contested"]
