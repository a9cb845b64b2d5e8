"""The records that flow out of ``ingest``: articles read, and inputs rejected.

Readers yield :class:`Article` or :class:`Rejection`; the pipeline turns an
``Article`` into an extraction dictionary in the shape of the JSON contract
(``docs/contract.md``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date, datetime


def normalize_for_hash(text: str) -> str:
    """Text normalized for the content hash: NFC, whitespace folded, stripped."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def content_hash(text: str) -> str:
    """SHA-256 of the normalized text, hex."""
    return hashlib.sha256(normalize_for_hash(text).encode("utf-8")).hexdigest()


def document_id(text: str, given: str | None = None) -> str:
    """A stable document id: the given id, else ``doc-`` and 16 hex digits of the text hash."""
    if given:
        return str(given)
    return "doc-" + content_hash(text)[:16]


@dataclass
class Article:
    """One news article as read from its source.

    ``text`` is kept exactly as the user supplied it (the body of a text file, the
    ``text`` field of a JSON line), so that character offsets point into it.
    """

    text: str
    id: str = ""
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date or datetime, as given or normalized
    source_path: str | None = None
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = document_id(self.text)

    @property
    def published_date(self) -> date | None:
        """The publication date as a :class:`datetime.date`, or None."""
        if not self.published:
            return None
        try:
            return datetime.fromisoformat(self.published.replace("Z", "+00:00")).date()
        except ValueError:
            return None

    def document(self) -> dict:
        """The ``document`` object of the JSON contract."""
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published,
            "source_path": self.source_path,
        }


@dataclass
class Rejection:
    """An input that could not be read, with where and why."""

    source: str  # path, or path:line
    reason: str
    code: str = "NG100"

    def as_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        return f"[{self.code}] {self.source}: {self.reason}"
