"""Entity linking within a document: mentions grouped into canonical entities.

"Ablyazov" and "Mukhtar Ablyazov" become one PERSON; "Kazakhstan's Ministry of
Information" becomes the GOVERNMENT body "Ministry of Information" with country
Kazakhstan; cities get their GeoNames id and country, countries their ISO code,
platforms their Wikidata id. Attributes come from the text: affiliation and role from
modifiers and appositions ("opposition politician Mukhtar Ablyazov"). Unnamed groups
that act or speak ("activists", "opposition leaders") become ``GROUP`` entities scoped
to the document.

Reads: ``doc.ents`` (canonical labels), ``doc.noun_chunks``, the parse.
Writes: ``doc._.entities`` (list of entity dicts in the JSON contract's shape) and
``doc._.entity_of_token`` (token index → entity id).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span

from ingest.components.entities import CANONICAL
from ingest.gazetteer import fold, gazetteer

for _name, _default in (("entities", None), ("entity_of_token", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)

POSSESSIVE = {"'s", "’s", "'", "’"}


class EntityLinker:
    """Group entity mentions of one document into canonical entities with attributes."""

    def __init__(self) -> None:
        self.gaz = gazetteer()
        self.group_keys = sorted(self.gaz.groups, key=len, reverse=True)
        self.group_heads = frozenset(k.split()[-1] for k in self.gaz.groups)

    # -- attributes ----------------------------------------------------------------------
    def _modifier_words(self, span: Span) -> list[str]:
        """Lowercase words that modify a mention: compounds/amods before it, appositions."""
        doc = span.doc
        words: list[str] = []
        i = span.start - 1
        while i >= 0 and i >= span.start - 4:
            tok = doc[i]
            if tok.is_punct or tok.ent_type_ or tok.tag_ in ("DT", "POS", "PRP$", "IN", "CC"):
                break
            words.insert(0, tok.text.casefold())
            i -= 1
        root = span.root
        for child in root.children:
            if child.dep_ == "appos":
                words.extend(t.text.casefold() for t in child.subtree if not t.ent_type_)
        if root.dep_ == "appos" and root.head.i < span.start:
            words.extend(t.text.casefold() for t in root.head.subtree if t.i < span.start)
        return words

    def _attributes_from_words(self, words: list[str], attrs: dict) -> None:
        text = " ".join(words)
        for cue, affiliation in self.gaz.affiliation_modifiers.items():
            if cue in words and affiliation not in attrs["affiliation"]:
                attrs["affiliation"].append(affiliation)
        for title, affiliation in self.gaz.titles.items():
            bare = title.rstrip(".")
            if title in words and bare not in ("mr", "mrs", "ms", "dr", "gen"):
                if bare not in attrs["role"]:
                    attrs["role"].append(bare)
                if affiliation and affiliation not in attrs.setdefault("implied", []):
                    attrs["implied"].append(affiliation)
        multi = [r for r in self.gaz.roles if " " in r and r in text]
        covered = {w for r in multi for w in r.split()}
        for role, affiliation in self.gaz.roles.items():
            if role in multi or (role in words and role not in covered):
                bare = role.split()[-1] if role == "opposition leader" else role
                if bare not in attrs["role"]:
                    attrs["role"].append(bare)
                if affiliation and affiliation not in attrs.setdefault("implied", []):
                    # "opposition leader" says it outright; "president" only suggests it
                    target = "affiliation" if role == "opposition leader" else "implied"
                    if affiliation not in attrs.setdefault(target, []):
                        attrs[target].append(affiliation)

    def _possessor_country(self, span: Span):
        """The country of "Kazakhstan's ministry" or "the Kazakh government"."""
        doc = span.doc
        i = span.start - 1
        if i >= 1 and doc[i].text in POSSESSIVE:
            return self.gaz.country(doc[i - 1].text)
        if i >= 0:
            return self.gaz.demonym(doc[i].text) or (
                self.gaz.country(doc[i].text) if doc[i].ent_type_ == "COUNTRY" else None
            )
        return None

    # -- main --------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        gaz = self.gaz
        groups: dict[tuple, dict] = {}
        order: list[tuple] = []
        token_entity: dict[int, tuple] = {}
        persons = [e for e in doc.ents if e.label_ == "PERSON"]
        full_names = sorted({e.text for e in persons if len(e) > 1}, key=len, reverse=True)

        def key_for(ent: Span) -> tuple:
            label, text = ent.label_, ent.text
            if label == "PERSON":
                parts = text.split()
                for full in full_names:
                    fparts = full.split()
                    if len(parts) < len(fparts) and (
                        parts == fparts[-len(parts) :] or parts == fparts[: len(parts)]
                    ):
                        return ("PERSON", fold(full))
                return ("PERSON", fold(text))
            if label == "COUNTRY":
                c = gaz.country(text)
                return ("COUNTRY", c.iso if c else fold(text))
            if label == "CITY":
                c = gaz.city(text)
                return ("CITY", c.geonames_id if c else fold(text))
            if label == "PLATFORM":
                p = gaz.platform(text)
                return ("PLATFORM", p.name if p else fold(text))
            return (label, fold(text))

        for ent in doc.ents:
            if ent.label_ not in CANONICAL:
                continue
            key = key_for(ent)
            if key not in groups:
                groups[key] = {
                    "type": ent.label_,
                    "spans": [],
                    "attrs": {"affiliation": [], "role": []},
                }
                order.append(key)
            group = groups[key]
            group["spans"].append(ent)
            if ent.label_ in ("PERSON", "GOVERNMENT", "ORGANIZATION"):
                self._attributes_from_words(self._modifier_words(ent), group["attrs"])
            if ent.label_ in ("GOVERNMENT", "ORGANIZATION") and "country_iso" not in group:
                c = self._possessor_country(ent)
                if c:
                    group["country_iso"] = c.iso
            for t in range(ent.start, ent.end):
                token_entity[t] = key

        self._add_groups(doc, groups, order, token_entity)

        entities = []
        ids: dict[tuple, str] = {}
        for n, key in enumerate(order, start=1):
            g = groups[key]
            ids[key] = f"e{n}"
            entities.append(self._record(f"e{n}", key, g))
        doc._.entities = entities
        # token index (as a string: Doc extensions go through msgpack) → entity id
        doc._.entity_of_token = {str(t): ids[k] for t, k in token_entity.items()}
        return doc

    def _add_groups(self, doc, groups, order, token_entity) -> None:
        gaz = self.gaz
        for chunk in doc.noun_chunks:
            if chunk.root.lower_ not in self.group_heads:
                continue
            words = [t for t in chunk if t.tag_ not in ("DT", "PRP$", "POS") and not t.ent_type_]
            if not words or chunk.root.ent_type_ or any(t.i in token_entity for t in chunk):
                continue
            text = " ".join(t.text.casefold() for t in words)
            match = next((g for g in self.group_keys if text == g or text.endswith(" " + g)), None)
            if match is None:
                continue
            key = ("GROUP", match)
            if key not in groups:
                affiliation = gaz.groups[match]
                groups[key] = {
                    "type": "GROUP",
                    "spans": [],
                    "attrs": {"affiliation": [affiliation] if affiliation else [], "role": []},
                }
                order.append(key)
            span = Span(doc, words[0].i, words[-1].i + 1, label="GROUP")
            groups[key]["spans"].append(span)
            self._attributes_from_words([t.text.casefold() for t in words], groups[key]["attrs"])
            for t in range(span.start, span.end):
                token_entity[t] = key

    def _record(self, eid: str, key: tuple, g: dict) -> dict:
        gaz = self.gaz
        spans: list[Span] = g["spans"]
        surfaces = Counter(s.text for s in spans)
        etype = g["type"]
        # affiliations the text states ("opposition politician") win over the ones a role
        # only suggests ("president" of a parliament may lead the opposition)
        stated = g["attrs"]["affiliation"]
        implied = [a for a in g["attrs"].get("implied", []) if a not in stated]
        attrs = {
            "affiliation": stated or implied,
            "role": g["attrs"]["role"],
            "country": None,
            "geonames_id": None,
            "wikidata": None,
            "iso": None,
        }
        name = max(surfaces, key=lambda s: (len(s.split()), surfaces[s], len(s)))
        aliases = set(surfaces)
        if etype == "COUNTRY":
            c = gaz.country(name)
            if c:
                name, attrs.update(iso=c.iso, geonames_id=c.geonames_id, wikidata=c.wikidata)
                attrs["country"] = c.name
        elif etype == "CITY":
            c = gaz.city(name)
            if c:
                country = gaz.country_by_iso(c.country_iso)
                attrs.update(geonames_id=c.geonames_id, country=country.name if country else None)
                aliases.add(c.name)
        elif etype == "PLATFORM":
            p = gaz.platform(name)
            if p:
                name = p.name
                attrs["wikidata"] = p.wikidata
        elif etype in ("GOVERNMENT", "ORGANIZATION"):
            body = gaz.named_government(name)
            iso = g.get("country_iso") or (body.country_iso if body else None)
            country = gaz.country_by_iso(iso)
            if country:
                attrs["country"] = country.name
                for s in spans:
                    aliases.add(f"{country.name}'s {s.text}")
            org = gaz.organization(name)
            if org and org.get("affiliation") and org["affiliation"] not in attrs["affiliation"]:
                attrs["affiliation"].append(org["affiliation"])
            if etype == "GOVERNMENT" and "government" not in attrs["affiliation"]:
                attrs["affiliation"].append("government")
        if etype == "GROUP":
            attrs["scope"] = "document"
            name = key[1]
        aliases.discard(name)
        by_start = defaultdict(list)
        for s in spans:
            by_start[s.start_char].append(s)
        mentions = [
            {"start": s.start_char, "end": s.end_char, "text": s.text}
            for s in sorted(spans, key=lambda s: s.start_char)
        ]
        return {
            "id": eid,
            "name": name,
            "type": etype,
            "aliases": sorted(aliases),
            "attributes": attrs,
            "mentions": mentions,
        }


@Language.factory(
    "newsgraph_entity_linker_v1",
    assigns=["doc._.entities", "doc._.entity_of_token"],
    requires=["doc.ents", "token.dep"],
)
def make_entity_linker(nlp: Language, name: str) -> EntityLinker:
    """Factory of :class:`EntityLinker`."""
    return EntityLinker()
