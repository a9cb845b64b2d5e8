"""JSON Lines (one article object per line) and JSON (one object or a list of them).

Each object has ``text`` (required, a non-empty string) and optionally ``id``,
``title``, ``url``, ``published`` (ISO 8601 date or datetime) and ``outlet``; other
fields are kept in ``extra["fields"]``. A bad object is rejected on its own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ingest.errors import InputError
from ingest.readers.common import EMPTY, MALFORMED, iso_published, make_article
from ingest.records import Article, Rejection

KNOWN_FIELDS = ("text", "id", "title", "url", "published", "outlet")


def read_json_lines(content: str, source: str, max_bytes: int) -> Iterator[Article | Rejection]:
    """Read one article per non-blank line; a bad line becomes a ``path:LINE`` rejection.

    Parameters
    ----------
    content : str
        The decoded file.
    source : str
        Its path (or another name), stored as ``source_path``.
    max_bytes : int
        Largest article text accepted, in UTF-8 bytes.

    Yields
    ------
    Article or Rejection
        One per non-blank line, in order.

    Raises
    ------
    InputError
        NG101 if the file has no non-blank line.
    """
    seen = False
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        seen = True
        location = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Rejection(location, f"invalid JSON at column {err.colno}: {err.msg}", MALFORMED)
            continue
        yield article_from_object(record, location, source, max_bytes)
    if not seen:
        raise InputError("file has no JSON lines (only blank lines)", code=EMPTY, source=source)


def read_json_document(content: str, source: str, max_bytes: int) -> Iterator[Article | Rejection]:
    """Read a JSON document holding one article object or a list of them.

    A bad item of a list is rejected with the source ``source[INDEX]`` (0-based).

    Raises
    ------
    InputError
        NG104 if the document is not valid JSON, or is neither an object nor a list;
        NG101 if it is an empty list.
    """
    try:
        document = json.loads(content)
    except json.JSONDecodeError as err:
        raise InputError(
            f"invalid JSON at line {err.lineno}, column {err.colno}: {err.msg}",
            code=MALFORMED,
            source=source,
        ) from None
    if isinstance(document, dict):
        yield article_from_object(document, source, source, max_bytes)
    elif isinstance(document, list):
        if not document:
            raise InputError("JSON list is empty; give article objects", code=EMPTY, source=source)
        for index, item in enumerate(document):
            yield article_from_object(item, f"{source}[{index}]", source, max_bytes)
    else:
        raise InputError(
            f"JSON document is {_json_type(document)}; give an article object or a list of them",
            code=MALFORMED,
            source=source,
        )


def article_from_object(
    record: object, location: str, source_path: str, max_bytes: int
) -> Article | Rejection:
    """Validate one article object and build its Article (or say what is wrong with it)."""
    if not isinstance(record, dict):
        return Rejection(location, f"expected a JSON object, got {_json_type(record)}", MALFORMED)
    text = record.get("text")
    if text is None:
        return Rejection(location, "missing required field 'text'", MALFORMED)
    if not isinstance(text, str):
        reason = f"field 'text' must be a string, got {_json_type(text)}"
        return Rejection(location, reason, MALFORMED)
    if not text.strip():
        return Rejection(location, "field 'text' is empty (only whitespace)", EMPTY)
    for name in ("id", "title", "url", "outlet", "published"):
        value = record.get(name)
        allowed = (str, int) if name == "id" else (str,)
        if value is not None and (isinstance(value, bool) or not isinstance(value, allowed)):
            return Rejection(
                location, f"field {name!r} must be a string, got {_json_type(value)}", MALFORMED
            )
    published = record.get("published")
    if published is not None and published.strip() and iso_published(published.strip()) is None:
        return Rejection(
            location,
            f"field 'published' is not an ISO 8601 date or datetime: {published!r} "
            "(write e.g. 2016-12-18 or 2016-12-18T09:30:00Z)",
            MALFORMED,
        )
    unknown = {key: value for key, value in record.items() if key not in KNOWN_FIELDS}
    return make_article(
        text,
        location,
        source_path=source_path,
        max_bytes=max_bytes,
        published=published.strip() if published else None,
        given_id=record.get("id"),
        title=record.get("title"),
        url=record.get("url"),
        outlet=record.get("outlet"),
        extra={"fields": unknown} if unknown else None,
    )


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    return names.get(type(value), "a number")
