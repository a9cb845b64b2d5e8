"""Line breaks end sentences: a headline or byline never runs into the next paragraph.

Reads: whitespace tokens. Writes: ``token.is_sent_start`` (before the parser, which
respects it).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


def mark_line_starts(doc: Doc) -> Doc:
    """Start a sentence at the first token after a line break."""
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            if not doc[i].is_space:
                doc[i].is_sent_start = True
    return doc


@Language.component("newsgraph_line_breaks_v1", assigns=["token.is_sent_start"], requires=[])
def line_breaks(doc: Doc) -> Doc:
    """spaCy component wrapper of :func:`mark_line_starts`."""
    return mark_line_starts(doc)
