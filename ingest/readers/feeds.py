"""RSS and Atom feeds: each entry is an article, its HTML content turned into plain text."""

from __future__ import annotations

import calendar
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from html import unescape

import feedparser
import lxml.etree
import lxml.html

from ingest.errors import InputError
from ingest.readers.common import EMPTY, MALFORMED, make_article, normalize_published
from ingest.records import Article, Rejection

BLOCK_TAGS = frozenset(
    "address article aside blockquote dd details div dl dt figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul".split()
)
SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript"})
LINE_BREAK = "\x00"  # marks a <br>; lxml never gives text with NUL in it


def parse_feed(content: str) -> feedparser.FeedParserDict | None:
    """The parsed feed if the document is RSS or Atom (feedparser found a version), else None."""
    # A stream, never a str or bytes: feedparser would treat those as a URL or file name.
    parsed = feedparser.parse(io.BytesIO(content.encode("utf-8")))
    return parsed if parsed.get("version") else None


def read_feed(
    content: str,
    source: str,
    max_bytes: int,
    *,
    parsed: feedparser.FeedParserDict | None = None,
) -> Iterator[Article | Rejection]:
    """Read every entry of an RSS or Atom feed as an article.

    Title, link (as ``url``), published (else updated) date, the feed's title (as
    ``outlet``) and the entry id or guid (else a hash of the text) are kept; the text is
    the entry's content, else its summary, as plain text with paragraphs separated by
    blank lines.

    Parameters
    ----------
    content : str
        The decoded feed.
    source : str
        Its path (or another name), stored as ``source_path``.
    max_bytes : int
        Largest article text accepted, in UTF-8 bytes.
    parsed : FeedParserDict, optional
        The feed already parsed by :func:`parse_feed`, to save parsing it again.

    Yields
    ------
    Article or Rejection
        One per entry; an entry without text is rejected, naming its number and title.

    Raises
    ------
    InputError
        NG104 if the document is not a feed; NG101 if the feed has no entries.
    """
    feed = parsed or parse_feed(content)
    if feed is None:
        raise InputError(
            "not an RSS or Atom feed that feedparser can read", code=MALFORMED, source=source
        )
    if not feed.entries:
        raise InputError("feed has no entries", code=EMPTY, source=source)
    outlet = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        title = html_to_text(entry.get("title", "")) or None
        text = html_to_text(_entry_body(entry))
        if not text:
            reason = f"entry {number} ({title!r}) has no content or summary text"
            yield Rejection(source, reason, EMPTY)
            continue
        article = make_article(
            text,
            source,
            source_path=source,
            max_bytes=max_bytes,
            published=_entry_date(entry),
            given_id=entry.get("id"),
            title=title,
            url=_web_link(entry.get("link")),
            outlet=outlet,
            extra={"entry": number},
        )
        if isinstance(article, Rejection):
            article.reason = f"entry {number} ({title!r}): {article.reason}"
        yield article


def _entry_body(entry: feedparser.FeedParserDict) -> str:
    contents = entry.get("content") or []
    for part in contents:
        if part.get("value", "").strip():
            if part.get("type") == "text/plain":
                return "".join(f"<p>{line}</p>" for line in _escape(part["value"]).split("\n\n"))
            return part["value"]
    return entry.get("summary", "")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _entry_date(entry: feedparser.FeedParserDict) -> str | None:
    # dict.get: FeedParserDict maps a missing "updated" to "published" with a warning
    for raw_key, parsed_key in (("published", "published_parsed"), ("updated", "updated_parsed")):
        raw = dict.get(entry, raw_key)
        if raw and normalize_published(raw):
            return raw
        parsed = dict.get(entry, parsed_key)
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
    return dict.get(entry, "published") or dict.get(entry, "updated")


def _web_link(link: str | None) -> str | None:
    return link if link and re.match(r"https?://", link, re.I) else None


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: blocks become paragraphs separated by blank lines.

    Whitespace inside a paragraph is folded to single spaces; ``<br>`` starts a new line;
    scripts and styles are dropped. Text without markup is returned with whitespace folded.
    """
    if not fragment or not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return " ".join(unescape(re.sub(r"<[^>]*>", " ", fragment)).split())
    paragraphs: list[str] = []
    current: list[str] = []

    def end_paragraph() -> None:
        lines = (" ".join(line.split()) for line in "".join(current).split(LINE_BREAK))
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
        current.clear()

    def walk(element: lxml.html.HtmlElement) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in SKIPPED_TAGS:
            return
        if tag in BLOCK_TAGS:
            end_paragraph()
        if tag == "br":
            current.append(LINE_BREAK)
        if tag and element.text:
            current.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if tag in BLOCK_TAGS:
            end_paragraph()

    walk(root)
    end_paragraph()
    return "\n\n".join(paragraphs)
