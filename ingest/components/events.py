"""Event extraction: triggers from the taxonomy, checked, dated, placed and peopled.

For each sentence the extractor finds the triggers of the event types in
``ontology/taxonomy.yaml``: lemmas, phrases, a court as the subject of a verb, a speech
verb on a medium, a call to act, and a head word with an argument ("drivers blocked
roads", "prices would rise", "soldiers surrounded his home"). A phrase or a head with its
argument wins over a plain lemma of another type on the same word ("went dead" is no
death, "blocked roads" no outage). It keeps the triggers that pass the type's checks:

* ``requires_object``: an outage needs something to be out (a platform, the internet,
  a network, websites, mobile data), named in its sentence or the one before or after,
  and not "power cuts";
* ``requires_context``: a release needs prison, custody or a court nearby;
* ``verb_only``: "address" is a broadcast only as a verb, not an IP address;
* realis: the event must be said to have happened, not promised, planned, negated,
  conditional, habitual, generic or still to come ("promised to restore access",
  "ordered that access be restored", "next year's election").

The triggers of one type in one sentence are one event, unless they carry different
dates ("on Thursday the court declared ..., and on Friday another court granted bail"),
name different countries, or one names platforms and the other the whole network.

Each event gets the date of its own clause that hangs closest to the trigger (a date in
a coordinated clause, inside another event's phrase or in an infinitive it governs
dates that other event), else the date in force (the last one told before it in the
paragraph), else the article's first day-level date. In an article without a
publication date, weekdays are resolved on the story's own calendar. It gets a place
(the places of its own clause first; none from a reported, adverbial or coordinated
clause: the nearest city, else the main country if named, else the nearest country,
else the article's main country), one event per country when the sentence lists
several; participants with roles by entity type, assigned to the nearest trigger in the
dependency tree; its evidence sentence with offsets; and a confidence.

Mentions of one event (same type, day and country, participants that may be the same)
are merged, unless the text marks a new one ("again", "a second", "also"). A mention that
refers to an event rather than telling it ("the blackout" without a date of its own,
"after the arrest", "the most severe shutdown", "backed the price rise", "declared the
arrest illegal", "remained unavailable", "the association, which led the protests")
joins the last event of its type, or the first one told after it when it comes first
(a lede's "came back after a nationwide shutdown").

Reads: the parse, ``doc._.entities``, ``doc._.entity_of_token``, ``doc._.timexes``.
Writes: ``doc._.events``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ingest.components.event_rules import (
    AGENTIVE,
    BASE_CONFIDENCE,
    NAMED,
    NOT_NETWORK_MODIFIERS,
    OBJECT_WORDS,
    PARTICLE_SENSES,
    RULING_BODIES,
    SCOPED_TYPES,
    SPLIT_TYPES,
    argument_words,
    clause_tokens,
    in_other_clause,
    is_anaphoric,
    is_distinct,
    is_realis,
    may_be_one,
    relation,
    tree_distance,
    trigger_scope,
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
        # head lemma -> [(event type, relation, argument lemmas, context lemmas)]
        self.with_arguments: dict[str, list[tuple[str, str, frozenset, frozenset]]] = (
            defaultdict(list))
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
            for relation_, heads, arguments, context in et.with_arguments:
                for head in heads:
                    self.with_arguments[head].append(
                        (name, relation_, frozenset(arguments), frozenset(context)))

    # -- triggers -----------------------------------------------------------------------
    def _triggers(self, doc: Doc, sent: Span, phrase_hits: list) -> list[tuple[str, Token, str]]:
        """(event type, trigger token, kind) for each trigger of the sentence; kind is
        ``lemma``, ``subject``, ``speech``, ``call``, ``argument`` or ``phrase``."""
        found: list[tuple[str, Token, str]] = []
        # words a phrase or a head-with-argument gives a type to: a plain lemma of another
        # type on them is dropped ("went dead" is no death, "blocked roads" no outage)
        claimed: dict[int, set[str]] = defaultdict(set)
        for tok in sent:
            lemma = tok.lemma_.lower()
            pos = tok.pos_
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ == "VERB":
                for etype in self.by_subject.get(lemma, ()):
                    found.append((etype, tok.head, "subject"))
            elif lemma in self.by_subject:
                # "petitioned the Constitutional Court", "took its case to the court"
                verb = tok.head.head if tok.dep_ == "pobj" else tok.head
                if tok.dep_ in ("dobj", "pobj") and verb.pos_ == "VERB":
                    for etype in self.by_subject[lemma]:
                        found.append((etype, verb, "subject"))
            if pos == "VERB":
                found.extend((etype, tok, "speech") for etype in self._speech_on_medium(tok))
                found.extend((etype, tok, "call") for etype in self._call_to_act(tok))
            if lemma in self.with_arguments:
                for etype in self._with_argument(tok):
                    found.append((etype, tok, "argument"))
                    claimed[tok.i].add(etype)
            if lemma not in self.by_lemma or pos not in ("VERB", "NOUN", "ADJ", "PROPN") \
                    or tok.ent_type_ in NAMED:
                continue
            if pos in ("NOUN", "PROPN") and tok.dep_ in ("compound", "amod", "nmod"):
                continue  # "election observers", "riot police", "protest movement"
            if tok.dep_ == "amod" and tok.head.lemma_.lower() in RULING_BODIES:
                continue  # "the ruling party", "the governing coalition"
            if lemma in PARTICLE_SENSES and tok.i + 1 < len(doc) and (
                doc[tok.i + 1].lower_ in PARTICLE_SENSES[lemma]
            ):
                continue  # a phrasal verb of another sense: "a $700 billion bail out"
            for etype in self.by_lemma[lemma]:
                et = self.taxonomy.event_types[etype]
                if lemma in et.verb_only and pos != "VERB":
                    continue
                found.append((etype, tok, "lemma"))
        for match_id, start, end in phrase_hits:
            if sent.start <= start and end <= sent.end:
                etype = doc.vocab.strings[match_id]
                found.append((etype, doc[start:end].root, "phrase"))
                for i in range(start, end):
                    claimed[i].add(etype)
        return [
            (etype, tok, kind)
            for etype, tok, kind in found
            if kind != "lemma" or not claimed.get(tok.i) or etype in claimed[tok.i]
        ]

    def _with_argument(self, tok: Token) -> list[str]:
        """Event types a head word evokes with this argument ("blocked roads")."""
        rules = self.with_arguments.get(tok.lemma_.lower())
        if not rules:
            return []
        types = []
        for etype, relation_, arguments, context in rules:
            if context and not any(t.lemma_.lower() in context or t.lower_ in context
                                   for t in tok.sent):
                continue
            for arg in argument_words(tok, relation_):
                if arg.lemma_.lower() in arguments or arg.lower_ in arguments:
                    types.append(etype)
                    break
        return types

    def _call_to_act(self, verb: Token) -> list[str]:
        """Event types for a call to act: "urged supporters to rally", "called a strike"."""
        types = []
        for etype, verbs, actions in self.calls:
            if verb.lemma_.lower() not in verbs:
                continue
            for c in verb.subtree:
                if c.i != verb.i and c.lemma_.lower() in actions and (
                    c.head.i == verb.i or c.head.head.i == verb.i
                ) and c.dep_ not in ("nmod", "compound", "amod") and not any(
                    d.dep_ == "det" and d.lower_ in ("the", "this", "that") for d in c.children
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
            preps = list(verb.children) + [
                p for c in verb.children if c.dep_ == "nsubj" for p in c.children
            ]
            for prep in preps:
                if prep.dep_ != "prep" or prep.lower_ not in ("on", "in", "via", "through"):
                    continue
                for obj in prep.children:
                    if obj.dep_ == "pobj" and (
                        obj.lemma_.lower() in media or obj.ent_type_ == "PLATFORM"
                    ):
                        types.append(etype)
        return types

    def _passes(
        self, etype: str, trigger: Token, sent: Span, tok_ent: dict, ents: dict, kind: str = "lemma"
    ) -> bool:
        et = self.taxonomy.event_types[etype]
        lemmas = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
        if et.requires_object:
            # what is out may be named in the sentence before ("Users lost connectivity.
            # Ghana and Benin were hit hardest.")
            # or in the sentence after ("The nightly shutdowns started on Monday. Telenor
            # said it had been told to shut down mobile data.")
            start = sent.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
            end = sent.doc[sent.end].sent.end if sent.end < len(sent.doc) else sent.end
            window = sent.doc[start:end]
            kinds = {ents[tok_ent[t.i]]["type"] for t in window if t.i in tok_ent}
            lemmas = lemmas | {t.lemma_.lower() for t in window} | {t.lower_ for t in window}
            has_kind = bool(kinds & set(et.requires_object))
            has_word = "internet" in et.requires_object and bool(lemmas & OBJECT_WORDS)
            if not (has_kind or has_word):
                return False
            if any(c.dep_ in ("compound", "amod", "nmod") and c.lower_ in NOT_NETWORK_MODIFIERS
                   for c in trigger.children):
                return False  # "long power cuts"
        if et.requires_context and kind not in ("argument", "call") and not (
            lemmas & set(et.requires_context)
        ):
            return False  # a head with its argument, or a call to act, is its own context
        if et.negated_by and trigger.dep_ not in ("conj", "advcl", "ccomp", "relcl", "parataxis"):
            # "lifted the block", "refused bail", "ruled by ten votes to six"
            governor = trigger.head.head if trigger.head.pos_ == "ADP" else trigger.head
            if governor.lemma_.lower() in et.negated_by or (
                trigger.head.lemma_.lower() in et.negated_by
            ):
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
        all_timexes = _with_story_weekday(_with_story_year(getattr(doc._, "timexes", None) or []))
        timexes = [
            t
            for t in all_timexes
            if t.get("value") and t.get("type") in ("DATE", "TIME") and t["value"][:1].isdigit()
        ]
        unresolved = [t for t in all_timexes if t.get("type") == "DATE" and not t.get("value")]
        main_country = self._main_country(doc, entities)
        doc_date = next(
            (t for t in timexes
             if t.get("granularity") in ("day", "part_of_day", "hour", "minute")),
            timexes[0] if timexes else None,
        )
        mentions: list[dict] = []
        phrase_hits = self.phrases(doc)
        for sent in doc.sents:
            triggers = self._triggers(doc, sent, phrase_hits)
            if not triggers:
                continue
            by_type: dict[str, list[tuple[Token, bool]]] = defaultdict(list)
            for etype, tok, kind in triggers:
                if self._passes(etype, tok, sent, tok_ent, ents, kind):
                    by_type[etype].append((tok, kind in ("phrase", "argument", "speech", "call")))
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

    def _date_for(self, sent: Span, trigger: Token, timexes: list[dict], doc_date, unresolved,
                  others: frozenset = frozenset()):
        """The event's date: the date of its own clause that hangs closest to the trigger
        in the parse (an explicit date preferred to a weekday beside it), else the date in
        force (the last one told before it in the paragraph), else the article's first
        day-level date. A date in a clause coordinated with the trigger's, or inside the
        phrase of another event ("followed a televised address late on Saturday"), dates
        that other event."""
        own = [t for t in timexes if sent.start_char <= t["start"] < sent.end_char]
        own_unresolved = [t for t in unresolved if sent.start_char <= t["start"] < sent.end_char]
        own = [t for t in own + own_unresolved if not self._dates_other(sent, trigger, t, others)]
        if own:
            best = min(own, key=lambda t: self._attachment(sent, trigger, t))
            if best.get("value") is None:
                return None, True  # the text dates it, but we cannot resolve the date
            return best, True
        para_start = sent.doc.text.rfind("\n\n", 0, sent.start_char)
        before = [
            t
            for t in timexes
            if para_start < t["start"] < trigger.idx
            and (t.get("granularity") in ("day", "part_of_day", "week")
                 or t["start"] >= sent.start_char)
        ]
        if before:
            return before[-1], False
        return doc_date, False

    @staticmethod
    def _dates_other(sent: Span, trigger: Token, timex: dict, others: frozenset) -> bool:
        span = sent.doc.char_span(timex["start"], timex["end"], alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        up = [trigger, *trigger.ancestors]
        up_ids = {t.i for t in up}
        down = [root, *root.ancestors]
        meet = next((t for t in down if t.i in up_ids), None)
        if meet is None:
            return False
        for chain in (up, down):
            for t in chain:
                if t.i == meet.i:
                    break
                if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and not (
                    chain is down and t.i > trigger.i and root.i > t.i
                ):
                    # a date in a clause coordinated with the trigger's dates that clause,
                    # unless it closes the sentence ("X was blocked and Y cut on Monday")
                    return True
        for t in down:
            if t.i == meet.i:
                break
            if t.i in others and t.i != trigger.i:
                return True
            if t.head.i == trigger.i and t.dep_ == "xcomp" and any(
                c.tag_ == "TO" for c in t.children
            ):
                return True  # "asked supporters to stand outside on Sunday": the stand's date
        return False

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
        trigger_ids = {etype: {t.i for t, _ in toks} for etype, toks in triggers.items()}
        for etype, toks in triggers.items():
            others = frozenset(i for e, ids in trigger_ids.items() if e != etype for i in ids)
            all_ids = frozenset(i for ids in trigger_ids.values() for i in ids)
            groups = self._group_triggers(
                etype, toks, sent, timexes, doc_date, unresolved, others, all_ids, tok_ent, ents,
                sent_ents, main_country,
            )
            for group in groups:
                if group["own_date"] and _after_publication(group["timex"], doc):
                    continue  # "next year's presidential election": not happened yet
                out.append(self._mention(etype, group, sent, ents))
        self._assign_participants(out, sent_ents, ents)
        out = self._split_by_country(out, sent_ents, ents, tok_ent)
        for ev in out:
            ev.pop("trigger_tokens")
            if ev["participants"]:
                ev["confidence"] = round(min(0.95, ev["confidence"] + 0.1), 2)
        return out

    def _group_triggers(self, etype, toks, sent, timexes, doc_date, unresolved, others,
                        all_ids, tok_ent, ents, sent_ents, main_country) -> list[dict]:
        """The triggers of one type in one sentence, grouped into events: one event unless
        they carry different dates of their own ("on Thursday the court declared the arrest
        illegal, and on Friday another court granted bail") or, for an outage or a
        restoration, one names platforms and the other the whole network ("WhatsApp was cut
        first, and the whole internet was switched off later that day"), or their clauses
        name different countries ("Russia accuses him of embezzlement, and prosecutors in
        Kazakhstan have brought their own cases")."""
        groups: list[dict] = []
        for tok, is_phrase in toks:
            timex, own_date = self._date_for(sent, tok, timexes, doc_date, unresolved, others)
            anaphoric = is_anaphoric(tok, own_date, timexes, others, all_ids, timex)
            scope = trigger_scope(tok, tok_ent, ents) if etype in SCOPED_TYPES else None
            value = timex["value"] if timex else None
            place, country = self._place_for(tok, sent_ents, ents, main_country)
            for g in groups:
                if (g["scope"] is None or scope is None or g["scope"] == scope) and (
                    g["value"] is None or value is None or g["value"] == value
                ) and g["country"] == country:
                    g["toks"].append((tok, is_phrase))
                    g["scope"] = g["scope"] or scope
                    if place and ents[place]["type"] == "CITY" and (
                        g["place"] is None or ents[g["place"]]["type"] != "CITY"
                    ):
                        g["place"] = place
                    if (g["anaphoric"] and not anaphoric) or (own_date and not g["own_date"]):
                        g.update(trigger=tok, is_phrase=is_phrase, timex=timex, value=value,
                                 own_date=own_date, anaphoric=anaphoric)
                    break
            else:
                groups.append({"toks": [(tok, is_phrase)], "trigger": tok, "is_phrase": is_phrase,
                               "timex": timex, "value": value, "own_date": own_date,
                               "anaphoric": anaphoric, "scope": scope, "place": place,
                               "country": country})
        return groups

    def _mention(self, etype, group, sent, ents) -> dict:
        trigger, is_phrase = group["trigger"], group["is_phrase"]
        timex, own_date = group["timex"], group["own_date"]
        place, country = group["place"], group["country"]
        return {
            "type": etype,
            "trigger": trigger.text,
            "trigger_span": [trigger.idx, trigger.idx + len(trigger.text)],
            "trigger_tokens": [t for t, _ in group["toks"]],
            "date": {"value": timex["value"], "granularity": _granularity(timex)}
            if timex
            else None,
            "date_text": timex["text"] if timex else None,
            "anaphoric": group["anaphoric"],
            "distinct": not group["anaphoric"] and any(is_distinct(t) for t, _ in group["toks"]),
            "scope": group["scope"],
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

    def _place_for(self, trigger, sent_ents, ents, main_country):
        # a place inside a reported clause the trigger is not part of ("said in a video
        # that she had left for Lithuania") is not where the event happened
        sent_ents = {eid: t for eid, t in sent_ents.items() if not in_other_clause(t, trigger)}
        # the places of the trigger's own clause first ("Russia accuses him, and prosecutors
        # in Kazakhstan have brought cases": the accusation is Russia's)
        own = {t.i for t in clause_tokens(trigger)}
        in_clause = {eid: t for eid, t in sent_ents.items() if t.i in own
                     and ents[eid]["type"] in ("CITY", "COUNTRY", "LOCATION")}
        if in_clause:
            sent_ents = {eid: t for eid, t in sent_ents.items()
                         if t.i in own or ents[eid]["type"] not in ("CITY", "COUNTRY", "LOCATION")}
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
    def _split_by_country(events: list[dict], sent_ents, ents, tok_ent) -> list[dict]:
        """One event per country when the sentence lists several ("X, Y and Z were hit").

        Countries joined by conjunction in one sentence are each the place of their own
        event, so that a query by country finds each of them. An event placed in a country
        outside the list ("Russia accuses him, and prosecutors in Kazakhstan and Ukraine
        have brought cases") keeps its own.
        """
        sent_ids = {t.i for t in sent_ents.values()}
        if not sent_ids:
            return events
        sent = next(iter(sent_ents.values())).sent
        country_of = {t.i: tok_ent[t.i] for t in sent
                      if t.i in tok_ent and ents[tok_ent[t.i]]["type"] == "COUNTRY"}
        listed: list[str] = []
        for i, eid in country_of.items():
            tok = sent.doc[i]
            if eid not in listed and (
                (tok.dep_ == "conj" and tok.head.i in country_of)
                or any(c.dep_ == "conj" and c.i in country_of for c in tok.children)
            ):
                listed.append(eid)
        if len(listed) < 2:
            return events
        names = {ents[eid]["name"] for eid in listed}
        out = []
        for ev in events:
            if ev["type"] not in SPLIT_TYPES or (ev["country"] and ev["country"] not in names):
                out.append(ev)
                continue
            for eid in listed:
                copy = dict(
                    ev,
                    place=eid,
                    place_type="COUNTRY",
                    country=ents[eid]["name"],
                    participants=list(ev["participants"]),
                    # "Nigeria and Cameroon also saw disruption": the "also" is for the
                    # countries, which the split tells apart
                    distinct=False,
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
        """Mentions of one event become one event: same type, day and country, unless
        the text marks the mention as a new event ("again", "a second") or one names
        platforms and the other the whole network. A mention referring back ("the
        blackout") joins the last event of its type; one referring to an event the article
        only tells later (the lede's "after a nationwide shutdown") joins the first event
        of its type and country, once all are known."""
        events: list[dict] = []
        forward: list[dict] = []

        def join(same: dict, m: dict) -> None:
            same["mentions"].append(dict(m["evidence"], trigger=m["trigger"]))
            same["scope"] = same["scope"] or m["scope"]
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

        for m in mentions:
            key_date = _day(m["date"])
            earlier = [e for e in events if e["type"] == m["type"]]
            if m["anaphoric"]:
                if earlier:
                    earlier[-1]["mentions"].append(dict(m["evidence"], trigger=m["trigger"]))
                else:
                    forward.append(m)
                continue
            same = None if m["distinct"] else next(
                (
                    e
                    for e in earlier
                    if may_be_one(e, m)
                    and not (e["scope"] and m["scope"] and e["scope"] != m["scope"])
                    and _day(e["date"]) == key_date
                    and e["country"] == m["country"]
                ),
                None,
            )
            if same is None:
                m["mentions"] = [dict(m["evidence"], trigger=m["trigger"])]
                events.append(m)
                continue
            join(same, m)
        for m in forward:
            same = next((e for e in events if e["type"] == m["type"]
                         and e["country"] == m["country"]), None) or next(
                (e for e in events if e["type"] == m["type"]), None)
            if same is None:
                m["mentions"] = [dict(m["evidence"], trigger=m["trigger"])]
                events.append(m)
            else:
                same["mentions"].insert(0, dict(m["evidence"], trigger=m["trigger"]))
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
    dated = [t for t in timexes
             if t.get("value") and t["value"][:4].isdigit() and t["type"] == "DATE"]
    # a year told with its month or day dates the story; a bare year ("the 1992
    # constitution") only when there is nothing else
    years = [(t["start"], t["value"][:4]) for t in dated if len(t["value"]) >= 7] or [
        (t["start"], t["value"][:4]) for t in dated]
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


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _with_story_weekday(timexes: list[dict]) -> list[dict]:
    """Weekdays left unresolved (an article without a publication date) take the story's
    own calendar: the first day of that name on or after the last full date told before
    them, as a story runs forward ("on 28 January 2011 ... On Monday" is 31 January)."""
    if not any(t.get("value") is None for t in timexes):
        return timexes
    out = []
    anchor: date | None = None
    for t in timexes:
        value = t.get("value") or ""
        if len(value) >= 10 and value[:4].isdigit() and value[4] == "-" and value[5:7].isdigit() \
                and value[8:10].isdigit() and not t.get("inferred_day"):
            try:
                anchor = date.fromisoformat(value[:10])
            except ValueError:
                pass
        elif not value and anchor is not None and t.get("type") in ("DATE", "TIME"):
            words = t.get("text", "").lower().split()
            day = next((WEEKDAYS.index(w) for w in words if w in WEEKDAYS), None)
            if day is not None and not any(w in ("last", "next", "previous", "following",
                                                 "every", "each") for w in words):
                delta = (day - anchor.weekday()) % 7
                resolved = anchor + timedelta(days=delta)
                t = dict(t, value=resolved.isoformat(), granularity="day", type="DATE",
                         inferred_day=True)
        out.append(t)
    return out


def _after_publication(timex: dict | None, doc: Doc) -> bool:
    """Whether a date lies wholly after the article's publication date."""
    published = getattr(doc._, "published", None)
    value = str((timex or {}).get("value") or "")
    if published is None or not value[:4].isdigit():
        return False
    start = value[:10] if len(value) >= 10 else value[:7] + "-01" if len(value) >= 7 \
        else value[:4] + "-01-01"
    return start > str(published)[:10]


def _day(date_: dict | None) -> str | None:
    """The date an event is merged on: a time of day counts as its day ("on Thursday"
    and "on Thursday night" tell one day)."""
    if not date_:
        return None
    value = str(date_["value"])
    return value[:10] if date_.get("granularity") == "day" and len(value) > 10 else value


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
