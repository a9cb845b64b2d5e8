"""Event extraction: triggers from the taxonomy, checked, dated, placed and peopled.

For each sentence the extractor finds trigger words and phrases of the event types in
``ontology/taxonomy.yaml`` and keeps those that pass the type's checks:

* ``requires_object``: an outage needs something to be out (a platform, the internet,
  a network, websites, mobile data);
* ``requires_context``: a release needs prison, custody or a court nearby;
* ``verb_only``: "address" is a broadcast only as a verb, not an IP address;
* realis: the event must be said to have happened, not promised, planned, negated,
  conditional or habitual ("promised to restore access" is no restoration).

Each event gets the nearest date of its own sentence, else the date in force in the
context (the last date of the paragraph, else the article's first day-level date);
a place (the nearest city, else the main country if the sentence names it, else the
nearest country, else the article's main country); participants with roles by entity
type, assigned to the nearest trigger in the dependency tree; its evidence sentence
with offsets; and a confidence. Mentions of the same event (same type, date and
country) within the article are merged into one event.

Reads: the parse, ``doc._.entities``, ``doc._.entity_of_token``, ``doc._.timexes``.
Writes: ``doc._.events``.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ingest.components.event_rules import (
    AGENTIVE,
    ANAPHORIC_DETERMINERS,
    BACKGROUND_PREPS,
    BASE_CONFIDENCE,
    NAMED,
    OBJECT_WORDS,
    SPLIT_TYPES,
    is_realis,
    may_be_one,
    own_date_of_clause,
    relation,
    tree_distance,
)
from ingest.gazetteer import gazetteer
from ontology import Taxonomy, load_taxonomy

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)


class EventExtractor:
    """Extract typed events with date, place, participants and evidence."""

    def __init__(self, nlp: Language, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self.gaz = gazetteer()
        self.by_lemma: dict[str, list[str]] = defaultdict(list)
        self.by_subject: dict[str, list[str]] = defaultdict(list)
        self.speech_on_media: list[tuple[str, frozenset, frozenset]] = []
        self.calls: list[tuple[str, frozenset, frozenset]] = []
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for name, et in taxonomy.event_types.items():
            for lemma in et.lemmas:
                self.by_lemma[lemma].append(name)
            for lemma in et.subject_heads:
                self.by_subject[lemma].append(name)
            if et.call_verbs:
                self.calls.append((name, frozenset(et.call_verbs), frozenset(et.call_actions)))
            if et.speech_verbs:
                self.speech_on_media.append((name, frozenset(et.speech_verbs), frozenset(et.media)))
            if et.phrases:
                self.phrases.add(name, list(nlp.tokenizer.pipe(et.phrases)))

    # -- triggers -----------------------------------------------------------------------
    def _triggers(self, doc: Doc, sent: Span, phrase_hits: list) -> list[tuple[str, Token, bool]]:
        found: list[tuple[str, Token, bool]] = []
        for tok in sent:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ == "VERB":
                for etype in self.by_subject.get(tok.lemma_.lower(), ()):
                    found.append((etype, tok.head, False))
            elif tok.lemma_.lower() in self.by_subject:
                # "petitioned the Constitutional Court", "took its case to the court"
                verb = tok.head.head if tok.dep_ == "pobj" else tok.head
                if tok.dep_ in ("dobj", "pobj") and verb.pos_ == "VERB":
                    for etype in self.by_subject[tok.lemma_.lower()]:
                        found.append((etype, verb, False))
            if tok.pos_ == "VERB":
                found.extend((etype, tok, True) for etype in self._speech_on_medium(tok))
                found.extend((etype, tok, True) for etype in self._call_to_act(tok))
            if tok.pos_ not in ("VERB", "NOUN", "ADJ", "PROPN") or tok.ent_type_ in NAMED:
                continue
            if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("compound", "amod", "nmod"):
                continue  # "election observers", "riot police", "protest movement"
            for etype in self.by_lemma.get(tok.lemma_.lower(), ()):
                et = self.taxonomy.event_types[etype]
                if tok.lemma_.lower() in et.verb_only and tok.pos_ != "VERB":
                    continue
                found.append((etype, tok, False))
        for match_id, start, end in phrase_hits:
            if sent.start <= start and end <= sent.end:
                found.append((doc.vocab.strings[match_id], doc[start:end].root, True))
        return found

    def _call_to_act(self, verb: Token) -> list[str]:
        """Event types for a call to act: "urged supporters to rally", "called a strike"."""
        types = []
        for etype, verbs, actions in self.calls:
            if verb.lemma_.lower() not in verbs:
                continue
            for c in verb.subtree:
                if c.i != verb.i and c.lemma_.lower() in actions and (
                    c.head.i == verb.i or c.head.head.i == verb.i
                ):
                    types.append(etype)
                    break
        return types

    def _speech_on_medium(self, verb: Token) -> list[str]:
        """Event types for a speech verb whose "on"/"in" object is a medium or platform."""
        types = []
        for etype, verbs, media in self.speech_on_media:
            if verb.lemma_.lower() not in verbs:
                continue
            for prep in verb.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("on", "in", "via", "through"):
                    continue
                for obj in prep.children:
                    if obj.dep_ == "pobj" and (
                        obj.lemma_.lower() in media or obj.ent_type_ == "PLATFORM"
                    ):
                        types.append(etype)
        return types

    def _passes(self, etype: str, trigger: Token, sent: Span, tok_ent: dict, ents: dict) -> bool:
        et = self.taxonomy.event_types[etype]
        lemmas = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
        if et.requires_object:
            # what is out may be named in the sentence before ("Users lost connectivity.
            # Ghana and Benin were hit hardest.")
            window = sent.doc[max(0, sent.start - 40) : sent.end]
            if sent.start > 0:
                prev = sent.doc[sent.start - 1].sent
                window = sent.doc[prev.start : sent.end]
            kinds = {ents[tok_ent[t.i]]["type"] for t in window if t.i in tok_ent}
            lemmas = lemmas | {t.lemma_.lower() for t in window} | {t.lower_ for t in window}
            has_kind = bool(kinds & set(et.requires_object))
            has_word = "internet" in et.requires_object and bool(lemmas & OBJECT_WORDS)
            if not (has_kind or has_word):
                return False
        if et.requires_context and not (lemmas & set(et.requires_context)):
            return False
        if et.negated_by and trigger.head.lemma_.lower() in et.negated_by:
            return False
        return is_realis(trigger, etype)

    # -- context ------------------------------------------------------------------------
    def _main_country(self, doc: Doc, entities: list[dict]) -> dict | None:
        """The country the article is about: its countries, its cities' countries and its
        demonyms ("Belarusians") counted, a mention in the lede counting double."""
        score: Counter = Counter()
        ids: dict[str, str] = {}
        first: dict[str, int] = {}
        lede_end = next(iter(doc.sents)).end_char if len(doc) else 0
        for e in entities:
            attrs = e["attributes"]
            if e["type"] == "COUNTRY" and attrs.get("iso") and attrs["iso"] != "SU":
                name = e["name"]
                ids[name] = e["id"]
            elif e["type"] == "CITY" and attrs.get("country"):
                name = attrs["country"]
            else:
                continue
            for m in e["mentions"]:
                score[name] += 2 if m["start"] < lede_end else 1
                first[name] = min(first.get(name, m["start"]), m["start"])
        for tok in doc:
            if tok.is_title and tok.pos_ in ("PROPN", "NOUN", "ADJ"):
                country = self.gaz.demonym(tok.text) or (
                    self.gaz.demonym(tok.text[:-1]) if tok.text.endswith("s") else None
                )
                if country:
                    score[country.name] += 1
                    first[country.name] = min(first.get(country.name, tok.idx), tok.idx)
        if not score:
            return None
        best = max(score, key=lambda n: (score[n], -first[n]))
        return {"name": best, "id": ids.get(best)}

    def __call__(self, doc: Doc) -> Doc:
        entities = doc._.entities or []
        ents = {e["id"]: e for e in entities}
        tok_ent: dict[int, str] = {int(k): v for k, v in (doc._.entity_of_token or {}).items()}
        all_timexes = _with_story_year(getattr(doc._, "timexes", None) or [])
        timexes = [
            t
            for t in all_timexes
            if t.get("value") and t.get("type") in ("DATE", "TIME") and t["value"][:1].isdigit()
        ]
        unresolved = [t for t in all_timexes if t.get("type") == "DATE" and not t.get("value")]
        main_country = self._main_country(doc, entities)
        doc_date = next(
            (t for t in timexes if t.get("granularity") in ("day", "part_of_day")),
            timexes[0] if timexes else None,
        )
        mentions: list[dict] = []
        phrase_hits = self.phrases(doc)
        for sent in doc.sents:
            triggers = self._triggers(doc, sent, phrase_hits)
            if not triggers:
                continue
            by_type: dict[str, list[tuple[Token, bool]]] = defaultdict(list)
            for etype, tok, is_phrase in triggers:
                if self._passes(etype, tok, sent, tok_ent, ents):
                    by_type[etype].append((tok, is_phrase))
            if not by_type:
                continue
            mentions.extend(
                self._sentence_events(
                    doc, sent, by_type, ents, tok_ent, timexes, main_country, doc_date,
                    unresolved,
                )
            )
        doc._.events = self._merge(mentions)
        return doc

    def _date_for(self, sent: Span, trigger: Token, timexes: list[dict], doc_date, unresolved):
        """The event's date: the date of its own sentence that hangs closest to the
        trigger in the parse (an explicit date preferred to a weekday beside it), else the
        date in force in the paragraph, else the article's first day-level date."""
        own = [t for t in timexes if sent.start_char <= t["start"] < sent.end_char]
        own_unresolved = [t for t in unresolved if sent.start_char <= t["start"] < sent.end_char]
        if own or own_unresolved:
            best = min(own + own_unresolved, key=lambda t: self._attachment(sent, trigger, t))
            if best.get("value") is None:
                return None, True  # the text dates it, but we cannot resolve the date
            return best, True
        para_start = sent.doc.text.rfind("\n\n", 0, sent.start_char)
        before = [
            t
            for t in timexes
            if para_start < t["start"] < sent.start_char
            and t.get("granularity") in ("day", "part_of_day", "week")
        ]
        if before:
            return before[-1], False
        return doc_date, False

    @staticmethod
    def _attachment(sent: Span, trigger: Token, timex: dict) -> tuple:
        span = sent.doc.char_span(timex["start"], timex["end"], alignment_mode="expand")
        distance = tree_distance(trigger, span.root) if span is not None else 99
        explicit = any(c.isdigit() for c in timex.get("text", ""))
        return (distance - (1 if explicit else 0), abs(timex["start"] - trigger.idx))

    def _sentence_events(
        self, doc, sent, by_type, ents, tok_ent, timexes, main_country, doc_date, unresolved
    ) -> list[dict]:
        out = []
        triggers = {etype: toks for etype, toks in by_type.items()}
        # entities of the sentence, by first token
        sent_ents: dict[str, Token] = {}
        for t in sent:
            eid = tok_ent.get(t.i)
            if eid and eid not in sent_ents:
                sent_ents[eid] = t
        # place and country
        for etype, toks in triggers.items():
            trigger, is_phrase = toks[0]
            timex, own_date = self._date_for(sent, trigger, timexes, doc_date, unresolved)
            # "the outage", "the blackout": a definite noun without its own date refers
            # back to an event already told, not to a new one
            anaphoric = trigger.pos_ == "NOUN" and (
                (not own_date and any(c.dep_ in ("det", "poss") and
                                      c.lower_ in ANAPHORIC_DETERMINERS
                                      for c in trigger.children))
                or (trigger.dep_ == "pobj" and trigger.head.lower_ in BACKGROUND_PREPS)
            ) or (
                trigger.pos_ == "VERB" and not own_date_of_clause(trigger, timexes)
                and any(c.dep_ in ("mark", "prep") and c.lower_ in BACKGROUND_PREPS
                        for c in trigger.children)
            ) or (
                trigger.pos_ == "VERB" and trigger.dep_ == "pcomp"
                and trigger.head.lower_ in BACKGROUND_PREPS
            )
            place, country = self._place_for(trigger, sent_ents, ents, main_country)
            out.append(
                {
                    "type": etype,
                    "trigger": trigger.text if not is_phrase else trigger.text,
                    "trigger_span": [trigger.idx, trigger.idx + len(trigger.text)],
                    "trigger_tokens": [t for t, _ in toks],
                    "date": {"value": timex["value"], "granularity": _granularity(timex)}
                    if timex
                    else None,
                    "date_text": timex["text"] if timex else None,
                    "anaphoric": anaphoric,
                    "place": place,
                    "place_type": ents[place]["type"] if place else None,
                    "country": country,
                    "participants": [],
                    "evidence": {
                        "sentence": sent.text,
                        "start": sent.start_char,
                        "end": sent.end_char,
                    },
                    "confidence": round(
                        min(
                            0.95,
                            BASE_CONFIDENCE
                            + 0.15 * own_date
                            + 0.1 * is_phrase
                            + 0.1 * (trigger.pos_ == "VERB"),
                        ),
                        2,
                    ),
                }
            )
        self._assign_participants(out, sent_ents, ents)
        out = self._split_by_country(out, sent_ents, ents)
        for ev in out:
            ev.pop("trigger_tokens")
            if ev["participants"]:
                ev["confidence"] = round(min(0.95, ev["confidence"] + 0.1), 2)
        return out

    def _place_for(self, trigger, sent_ents, ents, main_country):
        cities = [(eid, t) for eid, t in sent_ents.items() if ents[eid]["type"] == "CITY"]
        if len(cities) == 1:
            eid, _ = min(cities, key=lambda p: abs(p[1].i - trigger.i))
            return eid, ents[eid]["attributes"].get("country")
        countries = [
            (eid, t)
            for eid, t in sent_ents.items()
            if ents[eid]["type"] == "COUNTRY" and ents[eid]["attributes"].get("iso") != "SU"
        ]
        if main_country and any(eid == main_country["id"] for eid, _ in countries):
            return main_country["id"], main_country["name"]
        if countries:
            eid, _ = min(countries, key=lambda p: abs(p[1].i - trigger.i))
            return eid, ents[eid]["name"]
        locations = [(eid, t) for eid, t in sent_ents.items() if ents[eid]["type"] == "LOCATION"]
        if locations:
            eid, _ = min(locations, key=lambda p: abs(p[1].i - trigger.i))
            return eid, main_country["name"] if main_country else None
        return None, main_country["name"] if main_country else None

    @staticmethod
    def _split_by_country(events: list[dict], sent_ents, ents) -> list[dict]:
        """One event per country when the sentence lists several ("X, Y and Z were hit").

        Countries joined by conjunction in one sentence are each the place of their own
        event, so that a query by country finds each of them.
        """
        country_toks = {t.i: eid for eid, t in sent_ents.items() if ents[eid]["type"] == "COUNTRY"}
        listed: list[str] = []
        for eid in country_toks.values():
            tok = sent_ents[eid]
            if (tok.dep_ == "conj" and tok.head.i in country_toks) or any(
                c.dep_ == "conj" and c.i in country_toks for c in tok.children
            ):
                listed.append(eid)
        if len(listed) < 2:
            return events
        out = []
        for ev in events:
            if ev["type"] not in SPLIT_TYPES:
                out.append(ev)
                continue
            for eid in listed:
                copy = dict(
                    ev,
                    place=eid,
                    place_type="COUNTRY",
                    country=ents[eid]["name"],
                    participants=list(ev["participants"]),
                )
                out.append(copy)
        return out

    def _assign_participants(self, events: list[dict], sent_ents, ents) -> None:
        """Give each entity of the sentence a role in the nearest event that can take it.

        Agentive roles (actor, authority) need a syntactic link: the entity is the
        subject of the trigger's clause or the agent of a passive ("blocked by X").
        Patient roles (target, affected platform) prefer a passive subject or object.
        Other roles (speaker, platform, participant) go by dependency distance.
        """
        for eid, tok in sent_ents.items():
            kind = ents[eid]["type"]
            if kind in ("CITY", "COUNTRY", "LOCATION"):
                continue
            best = None
            for ev in events:
                role = self._role_for(ev, kind, tok)
                if role is None:
                    continue
                dist = min(tree_distance(tok, t) for t in ev["trigger_tokens"])
                if kind == "GROUP" and dist > 3:
                    continue
                if best is None or dist < best[0]:
                    best = (dist, ev, role)
            if best:
                best[1]["participants"].append({"entity": eid, "role": best[2]})

    def _role_for(self, ev: dict, kind: str, tok: Token) -> str | None:
        roles = self.taxonomy.event_types[ev["type"]].roles
        allowed = [
            r
            for r, kinds in roles.items()
            if kind in kinds or (kind == "GROUP" and "PERSON" in kinds)
        ]
        if not allowed:
            return None
        link = relation(tok, ev["trigger_tokens"])
        if kind == "GROUP" and link is None:
            return None  # unnamed groups take part only as syntactic arguments
        if link == "agent":
            for r in ("actor", "authority", "speaker", "participant"):
                if r in allowed:
                    return r
        if link == "patient":
            for r in ("target", "affected_platform", "participant"):
                if r in allowed:
                    return r
        for r in allowed:
            if r not in AGENTIVE and not (r == "target" and kind in ("GROUP", "GOVERNMENT")):
                return r
        return None

    @staticmethod
    def _merge(mentions: list[dict]) -> list[dict]:
        events: list[dict] = []
        for m in mentions:
            key_date = m["date"]["value"] if m["date"] else None
            earlier = [e for e in events if e["type"] == m["type"]]
            if m["anaphoric"] and earlier:
                same = earlier[-1]
                same["mentions"].append(dict(m["evidence"], trigger=m["trigger"]))
                continue
            same = next(
                (
                    e
                    for e in events
                    if e["type"] == m["type"]
                    and may_be_one(e, m)
                    and (e["date"]["value"] if e["date"] else None) == key_date
                    and e["country"] == m["country"]
                ),
                None,
            )
            if same is None:
                m["mentions"] = [dict(m["evidence"], trigger=m["trigger"])]
                events.append(m)
                continue
            same["mentions"].append(dict(m["evidence"], trigger=m["trigger"]))
            known = {(p["entity"], p["role"]) for p in same["participants"]}
            for p in m["participants"]:
                if (p["entity"], p["role"]) not in known:
                    same["participants"].append(p)
            if m["place"] and (
                same["place"] is None
                or (m["place_type"] == "CITY" and same["place_type"] != "CITY")
            ):
                same["place"], same["place_type"] = m["place"], m["place_type"]
            same["confidence"] = max(same["confidence"], m["confidence"])
        for n, e in enumerate(events, start=1):
            e["id"] = f"ev{n}"
            e["confidence"] = round(min(0.99, e["confidence"] + 0.03 * (len(e["mentions"]) - 1)), 2)
        return [
            {
                k: e[k]
                for k in (
                    "id",
                    "type",
                    "trigger",
                    "date",
                    "place",
                    "country",
                    "participants",
                    "evidence",
                    "confidence",
                    "mentions",
                    "trigger_span",
                    "date_text",
                )
            }
            for e in events
        ]


def _with_story_year(timexes: list[dict]) -> list[dict]:
    """Yearless dates ("XXXX-01-25", in undated articles) take the story's year: the last
    explicit year told before them, else the first one the article tells."""
    years = [(t["start"], t["value"][:4]) for t in timexes
             if t.get("value") and t["value"][:4].isdigit() and t["type"] == "DATE"]
    if not years:
        return timexes
    out = []
    for t in timexes:
        value = t.get("value") or ""
        if value.startswith("XXXX"):
            before = [y for start, y in years if start < t["start"]]
            year = before[-1] if before else years[0][1]
            t = dict(t, value=year + value[4:], inferred_year=True)
        out.append(t)
    return out


def _granularity(timex: dict) -> str | None:
    g = timex.get("granularity")
    if g in ("part_of_day", "minute", "hour"):
        return "day"
    return g


@Language.factory(
    "newsgraph_event_extractor_v1",
    assigns=["doc._.events"],
    requires=["doc._.entities", "doc._.entity_of_token", "doc._.timexes", "token.dep"],
)
def make_event_extractor(nlp: Language, name: str) -> EventExtractor:
    """Factory of :class:`EventExtractor`, reading ``ontology/taxonomy.yaml``."""
    return EventExtractor(nlp, load_taxonomy())
