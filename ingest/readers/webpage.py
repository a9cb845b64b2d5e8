"""HTML pages: trafilatura finds the main text and the page's metadata."""

from __future__ import annotations

import re
from collections.abc import Iterator

import trafilatura

from ingest.errors import InputError
from ingest.readers.common import EMPTY, MALFORMED, make_article
from ingest.records import Article, Rejection

_HTML_START = re.compile(r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html)\b", re.I | re.S)


def looks_like_html(content: str) -> bool:
    """Whether a document starts like an HTML page (``<!doctype html`` or ``<html``)."""
    return _HTML_START.match(content[:4096]) is not None


def read_html_page(content: str, source: str, max_bytes: int) -> Iterator[Article | Rejection]:
    """Read the main text and metadata of an HTML page.

    The text is what trafilatura extracts (boilerplate such as navigation, footers
    and comments removed), one paragraph per block separated by blank lines. Title,
    date, canonical URL and site name (the outlet) come from the page's metadata.

    Parameters
    ----------
    content : str
        The decoded page.
    source : str
        Its path (or another name), stored as ``source_path``.
    max_bytes : int
        Largest article text accepted, in UTF-8 bytes.

    Yields
    ------
    Article or Rejection
        One article, or one rejection if the extracted text is too large.

    Raises
    ------
    InputError
        NG104 if the page is truncated and no text can be extracted from it; NG101 if
        a complete page has no main text.
    """
    document = trafilatura.bare_extraction(content, with_metadata=True, include_comments=False)
    paragraphs = [line.strip() for line in (document.text or "").splitlines()] if document else []
    text = "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
    if not text:
        if "</html>" not in content[-4096:].lower():
            raise InputError(
                "HTML page is truncated (no closing </html>) and no text could be extracted",
                code=MALFORMED,
                source=source,
            )
        raise InputError("HTML page has no main text to extract", code=EMPTY, source=source)
    yield make_article(
        text,
        source,
        source_path=source,
        max_bytes=max_bytes,
        published=document.date,
        title=document.title,
        url=document.url,
        outlet=document.sitename or document.hostname,
        extra={"extractor": f"trafilatura {trafilatura.__version__}"},
    )
