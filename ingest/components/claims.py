"""Attributed claims: who says what, with what stance, about which events.

Reported speech is how news attributes what it cannot itself establish. The extractor
finds, in each sentence, a speech verb of ``ontology/claims.yaml`` with a speaker and
a content:

* ``X said (that) CLAUSE``, ``X told Y (that) CLAUSE``, quotes with a speaker: the
  content is the verb's clausal complement;
* ``according to X, CLAUSE``: the rest of the sentence;
* ``X pointed to Y, suggesting (that) CLAUSE``: the claimant of the main verb, the
  stance of the participle;
* ``X denied Y``, ``X blamed A on B``, ``X accused Y of Z``, ``X promised to …``: the
  verb's object (and its ``on``/``of`` phrase), or its infinitive.

Each claim gets its claimant (an entity of the article, a GROUP such as "activists", or
the pronoun's antecedent), the stance (assert, deny, suggest, blame, promise), the text
span with offsets, the date of its sentence, the events it is about (events reported in
the same sentence, or whose trigger the claim contains, or the previous sentence's when
the claim refers back: "the sites were down"), the entities it names, and whether it
gives a cause ("for technical reasons", "intended to limit …"). Two claims about the same
event that give different causes, or where one denies what another asserts, are marked
``contested`` with each other's ids.

Reads: the parse, ``doc._.entities``, ``doc._.entity_of_token``, ``doc._.events``,
``doc._.timexes``. Writes: ``doc._.claims``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ontology import load_data_file, load_taxonomy

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)

PRONOUNS_PERSON = {"he", "she"}
PRONOUNS_GROUP = {"they", "we"}


class ClaimExtractor:
    """Extract attributed claims and mark the contested ones."""

    def __init__(self, lexicon: dict, taxonomy=None):
        self.trigger_types: dict[str, str] = {}
        if taxonomy is not None:
            for name, et in taxonomy.event_types.items():
                for lemma in et.lemmas:
                    self.trigger_types.setdefault(lemma, name)
        self.verbs: dict[str, str] = lexicon["speech_verbs"]
        self.according = set(lexicon.get("according_to") or [])
        self.causal_cues = [c.lower() for c in lexicon.get("causal_cues") or []]
        self.not_claimants = set(lexicon.get("not_claimants") or [])
        self.deny_objects = set(lexicon.get("deny_objects") or [])
        self.speaker_heads = set(lexicon.get("speaker_heads") or [])
        self.object_predicate = dict(lexicon.get("object_predicate_verbs") or {})
        self.definite = {k: tuple(v) for k, v in (lexicon.get("definite_references") or {}).items()}

    # -- claimants ------------------------------------------------------------------------
    def _claimant(self, tok: Token | None, tok_ent: dict, ents: dict, last: dict):
        """(entity id, text) for a speaker token, resolving pronouns to the last speaker."""
        if tok is None:
            return None, None
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
                return None, None
        if tok.lower_ in ("who", "which", "that") and tok.head.dep_ == "relcl":
            tok = tok.head.head  # "residents …, who confirmed": the residents
        low = tok.lower_
        if low not in PRONOUNS_PERSON | PRONOUNS_GROUP and tok.i not in tok_ent:
            # "Engineers at Cloudflare said": the named entity inside the speaker phrase
            named = [tok_ent[t.i] for t in tok.subtree if t.i in tok_ent and t.i != tok.i]
            if named:
                return named[0], ents[named[0]]["name"]
            kinds = self.definite.get(tok.lemma_.lower())
            if kinds and any(c.lower_ == "the" for c in tok.children):
                # "the company said": the last entity of a kind the description fits
                eid = next((last[k] for k in kinds if k in last), None)
                if eid:
                    return eid, ents[eid]["name"]
        if low in PRONOUNS_PERSON:
            eid = last.get("PERSON")
            return eid, ents[eid]["name"] if eid else tok.text
        if low in PRONOUNS_GROUP:
            eid = last.get("GROUP") or last.get("ORGANIZATION") or last.get("GOVERNMENT")
            return eid, ents[eid]["name"] if eid else tok.text
        if low in self.not_claimants:
            return None, None
        for t in [tok, *[c for c in tok.children if c.dep_ in ("appos", "compound", "conj")]]:
            eid = tok_ent.get(t.i)
            if eid:
                return eid, ents[eid]["name"]
        if tok.lemma_.lower() not in self.speaker_heads and low not in self.speaker_heads:
            return None, None  # "the story tells …": no speaker
        span = tok.doc[tok.left_edge.i : tok.i + 1]
        return None, span.text

    # -- content ------------------------------------------------------------------------
    @staticmethod
    def _span_of(tokens: list[Token]) -> Span | None:
        tokens = [t for t in tokens if not (t.dep_ == "mark" and t.lower_ in ("that", "whether"))]
        if not tokens:
            return None
        doc = tokens[0].doc
        start = min(t.i for t in tokens)
        end = max(t.i for t in tokens) + 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        while start < end and (doc[start].is_punct or doc[start].lower_ in ("that",)):
            start += 1
        return doc[start:end] if end > start else None

    def _content(self, verb: Token) -> Span | None:
        children = list(verb.children)
        for c in children:
            if c.dep_ == "ccomp":
                cut = {
                    t.i
                    for d in c.subtree
                    if d.dep_ == "conj" and d.lemma_.lower() in self.verbs
                    for t in d.subtree
                }
                cut |= {t.i for t in c.subtree if t.dep_ == "cc" and t.head.i in cut}
                return self._span_of(
                    [
                        t
                        for t in c.subtree
                        if t.i not in cut and not (t.dep_ == "cc" and t.i + 1 in cut)
                    ]
                )
        lemma = verb.lemma_.lower()
        if lemma in self.object_predicate:
            obj = [c for c in children if c.dep_ == "dobj"]
            pred = [
                c
                for c in children
                if c.dep_ in ("oprd", "acomp") or (c.dep_ == "prep" and c.lower_ == "as")
            ]
            if obj and pred:
                return self._span_of([t for c in obj + pred for t in c.subtree])
        if verb.dep_ == "parataxis" or (
            verb.dep_ in ("advcl", "ccomp")
            and verb.i > verb.head.i
            and any(t.is_punct for t in verb.doc[verb.head.i : verb.i])
            and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in children)
        ):
            # "The outage, they noted, came at …": the clause around the speech verb
            skip = {t.i for t in verb.subtree}
            return self._span_of(
                [
                    t
                    for t in verb.head.subtree
                    if t.i not in skip
                    and not (t.is_punct and t.i in (min(skip) - 1, max(skip) + 1))
                ]
            )
        if lemma in ("blame", "accuse", "attribute"):
            obj = [c for c in children if c.dep_ == "dobj"]
            preps = [
                c for c in children if c.dep_ == "prep" and c.lower_ in ("on", "of", "for", "to")
            ]
            tokens = [t for c in obj + preps for t in c.subtree]
            return self._span_of(tokens)
        for c in children:
            if c.dep_ == "xcomp":  # "promised to restore access"
                return self._span_of(list(c.subtree))
        for c in children:
            if (
                c.dep_ == "dobj"
                and lemma in ("deny", "reject", "dismiss")
                and (c.lower_ in self.deny_objects or c.tag_ == "VBG")
            ):
                return self._span_of(list(c.subtree))
            if c.dep_ == "dobj" and lemma in ("confirm", "announce"):
                return self._span_of(list(c.subtree))
        for c in children:
            if c.dep_ == "pcomp" or (c.dep_ == "xcomp" and c.tag_ == "VBG"):
                return self._span_of(list(c.subtree))  # "denied ordering the dispersal"
        return None

    # -- main ---------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        entities = doc._.entities or []
        ents = {e["id"]: e for e in entities}
        tok_ent = {int(k): v for k, v in (doc._.entity_of_token or {}).items()}
        events = doc._.events or []
        timexes = [t for t in (doc._.timexes or []) if t.get("value")]
        claims: list[dict] = []
        last: dict[str, str] = {}
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
                    last[ents[eid]["type"]] = eid
            for claim in claims:
                if claim["claimant"] and claim["sentence"]["start"] == sent.start_char:
                    last[ents[claim["claimant"]]["type"]] = claim["claimant"]
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

    def _sentence_claims(self, sent: Span, tok_ent, ents, last) -> list[dict]:
        out = []
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ in ("VERB", "AUX") and (
                lemma in self.verbs or lemma in self.object_predicate
            ):
                subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                stance = self.verbs.get(lemma) or self.object_predicate[lemma]
                head = tok
                while (
                    subject is None
                    and head.dep_ in ("advcl", "xcomp", "conj", "ccomp")
                    and head.head != head
                ):
                    # "pointed to X, suggesting that …", "said … and promised to …"
                    head = head.head
                    if head.lemma_.lower() in self.verbs or head.dep_ == "ROOT":
                        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
                content = self._content(tok)
                if lemma == "point" and content is None:
                    continue  # "pointed to X": the claim is in its "suggesting" clause
                if subject is None or content is None:
                    continue
                eid, name = self._claimant(subject, tok_ent, ents, last)
                if name is None:
                    continue
                out.append(self._record(sent, tok, stance, eid, name, content))
            elif tok.lower_ in self.according and tok.nbor(1).lower_ == "to":
                pobj = next((c for c in tok.nbor(1).children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                eid, name = self._claimant(pobj, tok_ent, ents, last)
                skip = {t.i for t in tok.subtree} | {t.i for t in pobj.subtree} | {tok.i + 1}
                content = self._span_of([t for t in sent if t.i not in skip])
                if content is not None and name:
                    out.append(self._record(sent, tok, "assert", eid, name, content))
        return out

    def _record(self, sent, verb, stance, eid, name, content: Span) -> dict:
        text_low = content.text.lower()
        cue = next((c for c in self.causal_cues if c in text_low), None)
        causal = cue is not None or stance == "blame"
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
            claim["date"] = own[0]["value"]


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


__all__ = ["ClaimExtractor", "mark_contested"]
