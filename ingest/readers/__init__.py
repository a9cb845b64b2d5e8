"""Readers: every input kind becomes the same :class:`~ingest.records.Article`.

Plain text and Markdown (with an optional header block or YAML front matter), HTML
pages, JSON Lines, JSON, and RSS/Atom feeds. Whatever cannot be read becomes a
:class:`~ingest.records.Rejection` with a code (NG101 empty, NG102 binary, NG103
encoding, NG104 malformed, NG105 too large, NG106 not found or unreadable, NG107
unsupported); :func:`read_paths` never raises on bad input. See ``docs/readers.md``.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ingest.errors import InputError
from ingest.readers.common import (
    MALFORMED,
    UNREADABLE,
    UNSUPPORTED,
    decode,
    make_article,
    normalize_published,
)
from ingest.readers.feeds import parse_feed, read_feed
from ingest.readers.jsonlines import read_json_document, read_json_lines
from ingest.readers.text import read_text_file
from ingest.readers.webpage import looks_like_html, read_html_page
from ingest.records import Article, Rejection
from ingest.settings import settings

__all__ = ["read_bytes", "read_paths", "read_text"]

LOGGER = logging.getLogger(__name__)
UNEXPECTED = "NG100"

Reader = Callable[[str, str, int], Iterator[Article | Rejection]]


def _read_xml(content: str, source: str, max_bytes: int) -> Iterator[Article | Rejection]:
    """An XML document: a feed if feedparser recognizes one, an HTML page, else unsupported."""
    feed = parse_feed(content)
    if feed is not None:
        yield from read_feed(content, source, max_bytes, parsed=feed)
    elif "<html" in content[:4096].lower():
        yield from read_html_page(content, source, max_bytes)
    else:
        raise InputError(
            "XML document is not an RSS or Atom feed; newsgraph reads no other XML",
            code=UNSUPPORTED,
            source=source,
        )


def _read_json_or_lines(content: str, source: str, max_bytes: int) -> Iterator[Article | Rejection]:
    """JSON if the whole document parses as JSON, else JSON Lines."""
    try:
        json.loads(content)
    except json.JSONDecodeError:
        return read_json_lines(content, source, max_bytes)
    return read_json_document(content, source, max_bytes)


READERS_BY_EXTENSION: dict[str, Reader] = {
    ".txt": read_text_file,
    ".text": read_text_file,
    ".md": read_text_file,
    ".markdown": read_text_file,
    ".html": read_html_page,
    ".htm": read_html_page,
    ".xhtml": read_html_page,
    ".jsonl": read_json_lines,
    ".ndjson": read_json_lines,
    ".json": read_json_document,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": _read_xml,
}
READERS_BY_MEDIA_TYPE: dict[str, Reader] = {
    "text/plain": read_text_file,
    "text/markdown": read_text_file,
    "text/html": read_html_page,
    "application/xhtml+xml": read_html_page,
    "application/json": read_json_document,
    "application/x-ndjson": read_json_lines,
    "application/jsonl": read_json_lines,
    "application/rss+xml": read_feed,
    "application/atom+xml": read_feed,
    "application/xml": _read_xml,
    "text/xml": _read_xml,
}
UNSUPPORTED_EXTENSIONS = frozenset(
    ".pdf .doc .docx .odt .rtf .epub .xls .xlsx .ppt .pptx .png .jpg .jpeg .gif .webp .svg "
    ".mp3 .mp4 .wav .zip .gz .tgz .bz2 .xz .7z .tar .exe .so .dll".split()
)


def sniff_reader(content: str) -> Reader:
    """The reader for a document of unknown kind, chosen by how its content starts."""
    if looks_like_html(content):
        return read_html_page
    start = content.lstrip()[:1]
    if start == "<":
        return _read_xml
    if start in ("{", "["):
        return _read_json_or_lines
    return read_text_file


def read_paths(
    paths: Iterable[str | Path] | str | Path,
    *,
    published: str | None = None,
    max_bytes: int | None = None,
) -> Iterator[Article | Rejection]:
    """Read articles from files and directories.

    A directory is walked recursively in sorted path order, skipping hidden files and
    directories. The reader is picked by file extension, else by sniffing the content.

    Parameters
    ----------
    paths : iterable of str or Path, or one str or Path
        Files and directories to read. Source paths are kept as given.
    published : str, optional
        A publication date (the CLI's ``--published``) for articles that carry none;
        it never overrides an article's own date. Filled-in articles have
        ``extra["published_filled"] = True``.
    max_bytes : int, optional
        Largest article text accepted, in UTF-8 bytes; defaults to
        ``settings().max_article_bytes`` (``NEWSGRAPH_MAX_ARTICLE_BYTES``).

    Returns
    -------
    iterator of Article or Rejection
        In input order. Bad input is a Rejection; no exception escapes the iteration.

    Raises
    ------
    InputError
        NG104, at once, if ``published`` is not a date.
    """
    default_published = None
    if published is not None:
        default_published = normalize_published(published)
        if default_published is None:
            raise InputError(
                f"{published!r} is not a date; write e.g. 2016-12-18",
                code=MALFORMED,
                source="--published",
            )
    if isinstance(paths, str | Path):
        paths = [paths]
    limit = settings().max_article_bytes if max_bytes is None else max_bytes
    return _read_all(paths, default_published, limit)


def _read_all(
    paths: Iterable[str | Path], default_published: str | None, max_bytes: int
) -> Iterator[Article | Rejection]:
    for given in paths:
        path = str(given)
        files = _walk(path) if os.path.isdir(path) else [path]
        for file in files:
            items = [file] if isinstance(file, Rejection) else _read_file(file, max_bytes)
            for item in items:
                if default_published and isinstance(item, Article) and not item.published:
                    item.published = default_published
                    item.extra["published_filled"] = True
                yield item


def _walk(root: str) -> Iterator[str | Rejection]:
    """The visible files under a directory in sorted order, then the unreadable directories."""
    errors: list[OSError] = []
    files: list[str] = []
    for directory, subdirectories, names in os.walk(root, onerror=errors.append):
        subdirectories[:] = [name for name in subdirectories if not name.startswith(".")]
        files += [os.path.join(directory, name) for name in names if not name.startswith(".")]
    yield from sorted(files, key=lambda file: Path(file).parts)
    for error in errors:
        yield _unreadable(str(error.filename or root), error)


def _read_file(path: str, max_bytes: int) -> Iterator[Article | Rejection]:
    extension = Path(path).suffix.lower()
    if os.path.exists(path) and not os.path.isfile(path):
        yield Rejection(path, "not a regular file (a device, pipe or socket)", UNSUPPORTED)
        return
    if extension in UNSUPPORTED_EXTENSIONS and os.path.exists(path):
        yield Rejection(
            path,
            f"unsupported file type {extension!r}; give text, Markdown, HTML, JSON Lines "
            "or RSS/Atom (convert documents to text first, e.g. with pdftotext)",
            UNSUPPORTED,
        )
        return
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        yield _unreadable(path, error)
        return
    yield from _read_data(data, path, READERS_BY_EXTENSION.get(extension), max_bytes)


def _unreadable(path: str, error: OSError) -> Rejection:
    if isinstance(error, FileNotFoundError):
        reason = "no such file or directory"
    elif isinstance(error, PermissionError):
        reason = "permission denied; check the file's permissions and owner"
    else:
        reason = f"cannot be read: {error.strerror or error}"
    return Rejection(path, reason, UNREADABLE)


def _read_data(
    data: bytes, source: str, reader: Reader | None, max_bytes: int, encoding: str | None = None
) -> Iterator[Article | Rejection]:
    """Decode and read one input, turning every failure into a Rejection."""
    try:
        content = decode(data, source, encoding=encoding)
        yield from (reader or sniff_reader(content))(content, source, max_bytes)
    except InputError as error:
        yield Rejection(error.source or source, error.message, error.code)
    except Exception as error:  # a bug in a reader or a library must not stop the run
        LOGGER.debug("unexpected error reading %s", source, exc_info=True)
        reason = f"unexpected error while reading ({type(error).__name__}: {error}); please report"
        yield Rejection(source, reason, UNEXPECTED)


def read_text(
    text: str,
    *,
    source: str = "<text>",
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    max_bytes: int | None = None,
) -> Article:
    """Make an Article of a text given directly, kept exactly as given (no header parsing).

    Parameters
    ----------
    text : str
        The article text.
    source : str, optional
        A name for where the text came from, stored as ``source_path``.
    id, title, url, outlet, published : str, optional
        Metadata; ``published`` is normalized to ISO (a value that is not a date is
        dropped with a warning in ``extra["warnings"]``). Without ``id``, the id is a
        hash of the text.
    max_bytes : int, optional
        Largest text accepted, in UTF-8 bytes; defaults to the setting.

    Returns
    -------
    Article

    Raises
    ------
    InputError
        NG101 if the text is empty or whitespace only, NG105 if it is too large.
    """
    limit = settings().max_article_bytes if max_bytes is None else max_bytes
    result = make_article(
        text,
        source,
        source_path=source,
        max_bytes=limit,
        published=published,
        given_id=id,
        title=title,
        url=url,
        outlet=outlet,
    )
    if isinstance(result, Rejection):
        raise InputError(result.reason, code=result.code, source=result.source)
    return result


def read_bytes(
    data: bytes, content_type: str, source: str, *, max_bytes: int | None = None
) -> list[Article | Rejection]:
    """Read articles from a request body (for the HTTP API).

    Parameters
    ----------
    data : bytes
        The body.
    content_type : str
        Its media type, optionally with a ``charset``: ``text/plain``,
        ``text/markdown``, ``text/html``, ``application/json`` (one article object or a
        list), ``application/x-ndjson``, ``application/rss+xml``,
        ``application/atom+xml`` or ``application/xml``.
    source : str
        A name for the body (e.g. ``"<request>"``), used as ``source_path`` and in
        rejections.
    max_bytes : int, optional
        Largest article text accepted, in UTF-8 bytes; defaults to the setting.

    Returns
    -------
    list of Article or Rejection
        Never raises on bad input; an unknown content type is an NG107 rejection.
    """
    media_type, _, parameters = content_type.partition(";")
    reader = READERS_BY_MEDIA_TYPE.get(media_type.strip().lower())
    if reader is None:
        supported = ", ".join(sorted(READERS_BY_MEDIA_TYPE))
        reason = f"unsupported content type {media_type.strip()!r}; use one of {supported}"
        return [Rejection(source, reason, UNSUPPORTED)]
    charset = None
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"')
    limit = settings().max_article_bytes if max_bytes is None else max_bytes
    return list(_read_data(data, source, reader, limit, encoding=charset))
