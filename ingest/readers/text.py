"""Plain text and Markdown, with an optional header block or YAML front matter.

The article text is the body after the header, kept exactly as given, so character
offsets into ``Article.text`` are offsets into the file from ``extra["offset"]`` on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import yaml

from ingest.errors import InputError
from ingest.readers.common import MALFORMED, make_article
from ingest.records import Article, Rejection

HEADER_KEYS = {
    "title": "title",
    "url": "url",
    "published": "published",
    "date": "published",
    "outlet": "outlet",
    "source": "outlet",
    "id": "id",
}
_HEADER_LINE = re.compile(r"^(title|url|published|date|outlet|source|id)[ \t]*:(.*)$", re.I)
_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*\r?$")


def read_text_file(content: str, source: str, max_bytes: int) -> Iterator[Article | Rejection]:
    """Read one article from a text or Markdown document.

    Parameters
    ----------
    content : str
        The decoded document.
    source : str
        Its path (or another name), stored as ``source_path``.
    max_bytes : int
        Largest article text accepted, in UTF-8 bytes.

    Yields
    ------
    Article or Rejection
        One article, or one rejection if the body is empty or too large.
    """
    meta, offset, extra = split_header(content, source)
    extra["offset"] = offset
    yield make_article(
        content[offset:],
        source,
        source_path=source,
        max_bytes=max_bytes,
        published=meta.get("published"),
        given_id=meta.get("id"),
        title=meta.get("title"),
        url=meta.get("url"),
        outlet=meta.get("outlet"),
        extra=extra,
    )


def split_header(content: str, source: str) -> tuple[dict, int, dict]:
    """Find the header block or front matter of a document.

    Returns
    -------
    tuple of (dict, int, dict)
        The metadata by field name (``title``, ``url``, ``published``, ``outlet``,
        ``id``), the character offset where the body starts (0 without a header), and
        the ``extra`` entries (front-matter keys we do not know, under ``"fields"``).

    Raises
    ------
    InputError
        NG104 if the document starts with front matter that is not valid YAML.
    """
    lines = content.splitlines(keepends=True)
    if lines and _FENCE.match(lines[0]) and lines[0].startswith("---"):
        found = _front_matter(content, lines, source)
        if found is not None:
            return found
    meta: dict = {}
    offset = 0
    for line in lines:
        match = _HEADER_LINE.match(line.rstrip("\r\n"))
        if not match:
            break
        meta[HEADER_KEYS[match.group(1).lower()]] = match.group(2).strip()
        offset += len(line)
    if not meta:
        return {}, 0, {}
    return meta, _skip_blank_lines(content, offset), {}


def _front_matter(content: str, lines: list[str], source: str) -> tuple[dict, int, dict] | None:
    closing = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if closing is None:
        return None
    block = "".join(lines[1:closing])
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(err, "problem", None) or str(err)
        raise InputError(
            f"front matter between --- lines is not valid YAML{where}: {problem}",
            code=MALFORMED,
            source=source,
        ) from None
    if not isinstance(data, dict):
        return None
    meta, unknown, warnings = {}, {}, []
    for key, value in data.items():
        field = HEADER_KEYS.get(str(key).lower())
        if field and _is_scalar(value):
            meta[field] = value
        elif not field and (_is_scalar(value) or _is_list_of_scalars(value)):
            unknown[str(key)] = value
        else:  # nested values (and YAML aliases, which can nest without end) are not read
            warnings.append(f"front matter field {key!r} ignored: its value is not a plain value")
    offset = sum(len(line) for line in lines[: closing + 1])
    extra = {"fields": unknown} if unknown else {}
    if warnings:
        extra["warnings"] = warnings
    return meta, _skip_blank_lines(content, offset), extra


def _is_scalar(value: object) -> bool:
    return value is None or isinstance(value, str | int | float | date)


def _is_list_of_scalars(value: object) -> bool:
    return isinstance(value, list) and all(_is_scalar(item) for item in value)


def _skip_blank_lines(content: str, offset: int) -> int:
    """The offset of the first non-blank line at or after ``offset``."""
    while offset < len(content):
        end = content.find("\n", offset)
        line_end = len(content) if end == -1 else end + 1
        if content[offset:line_end].strip():
            break
        offset = line_end
    return offset
