"""What every reader shares: turning bytes into text, dates into ISO, text into an Article.

A reader raises :class:`~ingest.errors.InputError` when a whole input cannot be read
and yields a :class:`~ingest.records.Rejection` when one article inside it cannot.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from datetime import date, datetime

import dateparser

from ingest.errors import InputError
from ingest.records import Article, Rejection, document_id

EMPTY, BINARY, ENCODING, MALFORMED, TOO_LARGE, UNREADABLE, UNSUPPORTED = (
    "NG101",
    "NG102",
    "NG103",
    "NG104",
    "NG105",
    "NG106",
    "NG107",
)

_SNIFF_CHARS = 8192
_MAX_CONTROL_RATIO = 0.1
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_DECLARED_ENCODING = re.compile(
    rb"""<\?xml[^>]*encoding=["']([\w.:-]+)|<meta[^>]*charset=["']?([\w.:-]+)""", re.IGNORECASE
)
_ISO_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\b")
_DATEPARSER_SETTINGS = {"STRICT_PARSING": True, "PARSERS": ["custom-formats", "absolute-time"]}


def decode(data: bytes, source: str, *, encoding: str | None = None) -> str:
    """Decode the bytes of an input, refusing empty, binary and badly encoded data.

    Parameters
    ----------
    data : bytes
        The raw input.
    source : str
        Where it came from, for the error message.
    encoding : str, optional
        The encoding the sender declared (an HTTP ``charset``). Without it the data
        must be UTF-8 (with or without BOM), UTF-16 with BOM, or, in HTML and XML,
        the encoding the markup declares (``<meta charset>``, ``<?xml encoding?>``).

    Returns
    -------
    str
        The text, without a byte order mark.

    Raises
    ------
    InputError
        NG101 if empty or whitespace only, NG102 if binary, NG103 if it cannot be
        decoded.
    """
    if not data:
        raise InputError("file is empty (0 bytes)", code=EMPTY, source=source)
    if encoding:
        text = _decode_strictly(data, _known_encoding(encoding, source), source)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_strictly(data, "utf-16", source)
    elif b"\x00" in data[:_SNIFF_CHARS]:
        raise InputError(
            "binary file (contains NUL bytes); give text, Markdown, HTML, JSON Lines or RSS/Atom",
            code=BINARY,
            source=source,
        )
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            match = _DECLARED_ENCODING.search(data[:2048])
            declared = (match.group(1) or match.group(2)).decode("ascii") if match else "utf-8"
            text = _decode_strictly(data, _known_encoding(declared, source), source)
    if _control_ratio(text[:_SNIFF_CHARS]) > _MAX_CONTROL_RATIO:
        raise InputError(
            "binary file (more than 10% control characters); give a text format",
            code=BINARY,
            source=source,
        )
    if not text.strip():
        raise InputError("file is empty (only whitespace)", code=EMPTY, source=source)
    return text


def _known_encoding(name: str, source: str) -> str:
    try:
        encoding = codecs.lookup(name).name
    except LookupError:
        raise InputError(
            f"unknown character encoding {name!r}; convert the input to UTF-8",
            code=ENCODING,
            source=source,
        ) from None
    return "utf-8-sig" if encoding == "utf-8" else encoding


def _decode_strictly(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        if err.encoding.startswith("utf-16"):
            problem = f"is not valid UTF-16 despite its byte order mark (at byte {err.start})"
            hint = "re-save it as UTF-8"
        else:
            start = err.start
            if encoding == "utf-8-sig" and data.startswith(codecs.BOM_UTF8):
                start += len(codecs.BOM_UTF8)  # the codec counts from after the BOM
            name = "UTF-8" if err.encoding.startswith("utf-8") else err.encoding.upper()
            problem = f"is not valid {name}: invalid byte 0x{data[start]:02x} "
            problem += f"at byte offset {start}"
            guess = _guess_encoding(data.removeprefix(codecs.BOM_UTF8))
            hint = (
                f"convert it with `iconv -f {guess} -t UTF-8` "
                "(the source encoding is a guess: use the file's real one if you know it)"
            )
        raise InputError(f"file {problem}; {hint}", code=ENCODING, source=source) from None


_COMMON_ENCODINGS = [
    "cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r",
    "shift_jis", "euc_jp", "gb18030", "big5", "euc_kr",
]  # fmt: skip


def _guess_encoding(data: bytes) -> str:
    """The likeliest common encoding of some bytes, spelled for ``iconv``."""
    from charset_normalizer import from_bytes  # a dependency of trafilatura

    sample = data[:65536]
    best = from_bytes(sample, cp_isolation=_COMMON_ENCODINGS).best()
    if best is None:
        return "<encoding>"
    try:  # when Windows-1252 reads the bytes the same way, say so: it is the commonest
        if str(best) == sample.decode("cp1252"):
            return "CP1252"
    except UnicodeDecodeError:
        pass
    return "LATIN1" if best.encoding == "latin_1" else best.encoding.replace("_", "-").upper()


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(
        1 for char in text if char not in _ALLOWED_CONTROLS and unicodedata.category(char) == "Cc"
    )
    return controls / len(text)


def normalize_published(value: object) -> str | None:
    """A publication date as ISO ``YYYY-MM-DD``, or ISO datetime when a time is given.

    Accepts ISO strings, ``date``/``datetime`` objects and written dates such as
    ``18 December 2016`` or ``Dec 18, 2016`` (parsed by dateparser, strictly: day,
    month and year must all be present; relative dates like ``yesterday`` are refused).

    Returns
    -------
    str or None
        The ISO form, or None when the value is empty or not a date.
    """
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    if _ISO_LIKE.match(value):
        return iso_published(value)
    parsed = dateparser.parse(value, settings=_DATEPARSER_SETTINGS)
    if parsed is None:
        return None
    if _HAS_TIME.search(value):
        return parsed.isoformat(timespec="seconds")
    return parsed.date().isoformat()


def iso_published(value: str) -> str | None:
    """An ISO 8601 date or datetime in canonical form (``2016-12-18``,
    ``2016-12-18T09:30:00+00:00``), or None if the value is not ISO 8601."""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).isoformat(timespec="seconds")
    except ValueError:
        return None


def ambiguous_date_warning(value: object) -> str | None:
    """A warning when a numeric date such as ``03/04/2016`` could be day- or month-first."""
    match = _NUMERIC_DATE.match(value) if isinstance(value, str) else None
    if match and match.group(1) != match.group(2) and max(map(int, match.groups())) <= 12:
        return f"published: {value!r} is ambiguous (read as month/day/year); prefer YYYY-MM-DD"
    return None


def make_article(
    text: str,
    location: str,
    *,
    source_path: str,
    max_bytes: int,
    published: object = None,
    given_id: object = None,
    title: object = None,
    url: object = None,
    outlet: object = None,
    extra: dict | None = None,
) -> Article | Rejection:
    """Build an Article, or a Rejection if its text is empty or over the size limit.

    ``published`` is normalized with :func:`normalize_published`; a value that is not a
    date leaves ``published`` empty and adds a warning to ``extra["warnings"]``.
    """
    if not text.strip():
        return Rejection(location, "article text is empty (only whitespace)", EMPTY)
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as err:
        reason = (
            f"article text has an unpaired surrogate at character {err.start} "
            "(a broken \\uXXXX escape?); fix the text"
        )
        return Rejection(location, reason, ENCODING)
    if size > max_bytes:
        reason = (
            f"article text is {size:,} bytes, over the limit of {max_bytes:,} bytes; "
            "split the article or raise NEWSGRAPH_MAX_ARTICLE_BYTES"
        )
        return Rejection(location, reason, TOO_LARGE)
    extra = dict(extra or {})
    warnings = list(extra.pop("warnings", []))
    iso = normalize_published(published)
    if published not in (None, "") and iso is None:
        warnings.append(f"published: {published!r} is not a date; left empty")
    if warning := ambiguous_date_warning(published):
        warnings.append(warning)
    if warnings:
        extra["warnings"] = warnings
    return Article(
        text=text,
        id=document_id(text, _clean(given_id)),
        title=_clean(title),
        url=_clean(url),
        outlet=_clean(outlet),
        published=iso,
        source_path=source_path,
        extra=extra,
    )


def _clean(value: object) -> str | None:
    """A metadata value as a stripped string, None when empty."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None
