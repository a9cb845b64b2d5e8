"""Split words glued together by lost line breaks or dashes ("citiesAstana").

Scraped news often loses the separator between a word and a following name, as in the
seed article's "four Kazakh citiesAstana, Almaty". This component runs first, before
the tagger and parser, and splits a token of the shape ``lowercase + Capitalized`` when
the tail is a known place or platform, or the head is a known English word. It keeps
every character, so offsets are unchanged.

Reads: ``token.text``. Writes: the tokenization (``Doc.retokenize().split``).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ingest.gazetteer import gazetteer

GLUED = re.compile(r"^([a-z]{3,})([A-Z][a-z]{2,})$")


class GluedWordSplitter:
    def __init__(self, nlp: Language):
        self.gaz = gazetteer()
        words: set[str] = set()
        if "lemmatizer" in nlp.pipe_names:
            lookups = nlp.get_pipe("lemmatizer").lookups
            if lookups.has_table("lemma_index"):
                for entries in lookups.get_table("lemma_index").values():
                    words.update(entries)
        self.words = frozenset(words)

    def _known_tail(self, tail: str) -> bool:
        g = self.gaz
        return bool(g.city(tail) or g.country(tail) or g.platform(tail))

    def __call__(self, doc: Doc) -> Doc:
        splits = []
        for token in doc:
            m = GLUED.match(token.text)
            if not m:
                continue
            head, tail = m.groups()
            if self._known_tail(tail) or head in self.words or head.rstrip("s") in self.words:
                splits.append((token, head, tail))
        if splits:
            with doc.retokenize() as retokenizer:
                for token, head, tail in splits:
                    retokenizer.split(token, [head, tail], heads=[(token, 1), token.head])
        return doc


@Language.factory(
    "newsgraph_glued_words_v1",
    assigns=["token.orth"],
    requires=[],
)
def make_glued_word_splitter(nlp: Language, name: str) -> GluedWordSplitter:
    """Factory of :class:`GluedWordSplitter` (versioned name, spaCy-style)."""
    return GluedWordSplitter(nlp)
