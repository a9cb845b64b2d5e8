"""Entity typing: spaCy's labels corrected into newsgraph's canonical types.

The small English model mislabels much of what matters in news about the internet and
politics (on the seed article it calls Twitter a person, Facebook a work of art,
Karaganda an organization and Zhanaozen a number). Two pieces fix that, both driven by
the data in ``ontology/gazetteers/``:

* :func:`ruler_patterns` feeds spaCy's own ``entity_ruler``, placed before ``ner``, with
  platforms, countries and named state bodies, so that the statistical model works
  around them;
* :class:`EntityTyper`, after ``ner``, relabels every remaining span to one of
  ``PERSON GOVERNMENT ORGANIZATION PLATFORM CITY COUNTRY LOCATION`` (or drops it), using
  the GeoNames and ISO lookups, government head words and the document's own people.

Reads: ``doc.ents``. Writes: ``doc.ents`` (canonical labels; DATE/TIME spans are kept
for the date normalizer).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ingest.gazetteer import fold, gazetteer
from ontology import load_gazetteer_file

RULER_LABELS = ("GOVERNMENT", "ORGANIZATION", "PLATFORM", "CITY", "COUNTRY")
CANONICAL = ("PERSON", "GOVERNMENT", "ORGANIZATION", "PLATFORM", "CITY", "COUNTRY", "LOCATION")
TEMPORAL = ("DATE", "TIME")
KEEP_AS_IS = TEMPORAL + ("CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")
CURRENCY = {"dollar", "dollars", "rouble", "roubles", "ruble", "rubles", "euro", "euros"}
LEADING_JUNK = {"the", "a", "an", "The", "A", "An"}


def ruler_patterns(
    kinds: tuple[str, ...] = ("PLATFORM", "ORGANIZATION", "GOVERNMENT", "COUNTRY"),
) -> list[dict]:
    """Phrase patterns for spaCy's ``span_ruler``, of the given kinds.

    Platforms, curated organizations and named state bodies go in a ruler before
    ``ner`` (the model mislabels them); countries in a ruler after it, so that a country
    inside an organization's name ("Zimbabwe Lawyers for Human Rights") stays part of it.
    """
    gaz = gazetteer()
    countries = load_gazetteer_file("countries")
    exclude = set(countries.get("ruler_exclude") or [])
    patterns: list[dict] = []
    for surface, platform in gaz.platform_surfaces.items():
        if not platform.context_only and len(surface) > 1:
            patterns.append({"label": "PLATFORM", "pattern": surface, "id": platform.name})
    seen = set()
    for country in gaz.countries():
        if country.name not in exclude and country.name not in seen:
            seen.add(country.name)
            patterns.append({"label": "COUNTRY", "pattern": country.name, "id": country.iso})
    for iso, names in (countries.get("aliases") or {}).items():
        for surface in names:
            if surface not in exclude and surface not in seen and surface[:1].isupper():
                seen.add(surface)
                patterns.append({"label": "COUNTRY", "pattern": surface, "id": iso})
    for surface, org in gaz.organization_surfaces.items():
        if not org.get("context_only"):
            patterns.append({"label": "ORGANIZATION", "pattern": surface, "id": org["name"]})
    for surface, body in gaz.government_surfaces.items():
        if surface[:1].isupper() and not surface.startswith("the "):
            patterns.append({"label": "GOVERNMENT", "pattern": surface, "id": body.name})
    return [p for p in patterns if p["label"] in kinds]


def clean_span(span: Span) -> Span | None:
    """Trim leading articles and trailing punctuation or possessives from a span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].text in LEADING_JUNK or doc[start].is_punct):
        start += 1
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].tag_ == "POS" or doc[end - 1].text in ("'s", "’s")
    ):
        end -= 1
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label_)


class EntityTyper:
    """Relabel ``doc.ents`` into newsgraph's canonical entity types."""

    def __init__(self, nlp: Language, min_city_population: int = 100_000):
        self.gaz = gazetteer()
        self.city_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        words: set[str] = set()
        if "lemmatizer" in nlp.pipe_names:
            lookups = nlp.get_pipe("lemmatizer").lookups
            if lookups.has_table("lemma_index"):
                for entries in lookups.get_table("lemma_index").values():
                    words.update(w.casefold() for w in entries)
        self.words = frozenset(words)
        names = []
        for _, city in self.gaz.city_names(min_city_population):
            name = city.name
            if name[:1].isupper() and name.casefold() not in words and len(name) > 3:
                names.append(name)
        self.city_matcher.add("CITY", list(nlp.tokenizer.pipe(sorted(set(names)))))

    def _type_of(self, span: Span, surnames: set[str]) -> str | None:
        label, text = span.label_, span.text
        gaz = self.gaz
        if label in RULER_LABELS:
            return label
        if gaz.organization(text) and label in ("ORG", "PERSON", "GPE", "PRODUCT", "NORP"):
            return "ORGANIZATION"
        platform = gaz.platform(text)
        if platform and (not platform.context_only or label in ("ORG", "PRODUCT")):
            return "PLATFORM"
        if text in surnames and label in ("GPE", "ORG", "LOC", "NORP", "PERSON", "FAC"):
            return "PERSON"
        if gaz.country(text) and label in ("GPE", "LOC", "ORG", "PERSON", "NORP"):
            return "COUNTRY"
        if gaz.named_government(text):
            return "GOVERNMENT"
        if label in ("ORG", "NORP", "FAC") and gaz.is_government_name(text):
            return "GOVERNMENT"
        single = len(span) == 1
        if gaz.city(text) and (
            label in ("GPE", "LOC", "FAC")
            or (label in ("ORG", "CARDINAL", "NORP") and single)
            or (label == "PERSON" and single)
        ):
            return "CITY"
        return {
            "PERSON": "PERSON",
            "ORG": "ORGANIZATION",
            "GPE": "LOCATION",
            "LOC": "LOCATION",
            "FAC": "LOCATION",
        }.get(label)

    def __call__(self, doc: Doc) -> Doc:
        surnames = {
            e.text.split()[-1]
            for e in doc.ents
            if e.label_ == "PERSON" and len(e) > 1 and e.text.split()[-1][:1].isupper()
        }
        out: list[Span] = []
        for ent in doc.ents:
            if ent.label_ in KEEP_AS_IS and not (
                ent.label_ in ("CARDINAL", "ORDINAL") and self.gaz.city(ent.text)
            ):
                out.append(ent)
                continue
            span = clean_span(ent)
            if span is None:
                continue
            owner = self._possessor(span)
            if owner is not None:  # "Kazakhstan's Ministry of Information"
                out.append(Span(doc, span.start, span.start + 1, label="COUNTRY"))
                span = Span(doc, span.start + 2, span.end, label=span.label_)
            if span.label_ == "PERSON":
                span = self._trim_person(span)
                if span is None:
                    continue
            label = self._type_of(span, surnames)
            if label in ("ORGANIZATION", "GOVERNMENT", "LOCATION", "PERSON") and self._is_word(
                span
            ):
                continue  # "Supreme", "State", "Digital": a capitalized word, not a name
            if label == "COUNTRY" and span.end < len(doc) and doc[span.end].lower_ in CURRENCY:
                continue  # "US dollar": a currency, not the country
            if self.gaz.demonym(span.text) and label not in ("COUNTRY", "PERSON"):
                continue
            if label:
                out.append(Span(doc, span.start, span.end, label=label))
        taken = {i for s in out for i in range(s.start, s.end)}
        for _, start, end in self.city_matcher(doc):
            if not any(i in taken for i in range(start, end)):
                out.append(Span(doc, start, end, label="CITY"))
                taken.update(range(start, end))
        doc.ents = sorted(out, key=lambda s: s.start)
        return doc

    def _possessor(self, span: Span):
        """The country that opens a span in the possessive, if any."""
        if len(span) > 2 and span[1].tag_ == "POS" and span.label_ in ("ORG", "FAC", "NORP"):
            return self.gaz.country(span[0].text)
        return None

    def _is_word(self, span: Span) -> bool:
        """A capitalized common word that is no name: "Supreme", "Riot police", "Engineers
        said", a plural demonym ("Kazakhs"). Names that are also words ("Apple", "Shell")
        stay: only a word at the start of a sentence, an adjective or a plural is dropped."""
        if len(span) != 1 or span.text.isupper() or span.label_ in RULER_LABELS:
            return False
        tok = span[0]
        if self.gaz.demonym(tok.text.rstrip("s")):
            return True
        gaz = self.gaz
        if gaz.city(tok.text) or gaz.organization(tok.text) or gaz.platform(tok.text):
            return False
        word = tok.lemma_.casefold()
        if word not in self.words and tok.text.casefold() not in self.words:
            return False
        return (tok.is_sent_start and tok.tag_ != "NNP") or tok.pos_ == "ADJ" or tok.tag_ in (
            "NNS", "NNPS", "JJ")

    def _trim_person(self, span: Span) -> Span | None:
        """Cut a PERSON span at a sentence boundary or at an all-caps word (page furniture)."""
        doc = span.doc
        start = span.start
        while start < span.end - 1 and (
            doc[start].lower_ in self.gaz.titles
            or (
                start + 1 < span.end
                and f"{doc[start].lower_} {doc[start + 1].lower_}" in self.gaz.titles
            )
        ):
            start += 2 if f"{doc[start].lower_} {doc[start + 1].lower_}" in self.gaz.titles else 1
        span = Span(doc, start, span.end, label=span.label_)
        end = span.start
        for tok in span:
            if tok.i > span.start and (tok.is_sent_start or (tok.is_upper and len(tok) > 3)):
                break
            if tok.text.endswith(".") and tok.i < span.end - 1 and len(tok) > 2:
                end = tok.i + 1
                break
            end = tok.i + 1
        if end <= span.start:
            return None
        trimmed = Span(doc, span.start, end, label="PERSON")
        if fold(trimmed.text) in {"he", "she", "they"}:
            return None
        return clean_span(trimmed)


@Language.factory(
    "newsgraph_entity_typer_v1",
    default_config={"min_city_population": 100_000},
    assigns=["doc.ents"],
    requires=["doc.ents", "token.lemma"],
)
def make_entity_typer(nlp: Language, name: str, min_city_population: int) -> EntityTyper:
    """Factory of :class:`EntityTyper`."""
    return EntityTyper(nlp, min_city_population=min_city_population)
