"""The one root exception of newsgraph, and the errors built on it.

Every error newsgraph raises on purpose is a :class:`NewsgraphError`. Each carries a
stable ``code`` (``NG1xx`` input, ``NG2xx`` pipeline, ``NG3xx`` store, ``NG4xx`` queries
and API, ``NG44x`` claims, ``NG5xx`` export) and a message that names the input and says
how to fix the problem, in the manner of spaCy's error catalogue.
"""

from __future__ import annotations


class NewsgraphError(Exception):
    """Root of every error newsgraph raises on purpose.

    Parameters
    ----------
    message : str
        What went wrong and how to fix it.
    code : str, optional
        A stable error code, e.g. ``"NG101"``.
    source : str, optional
        The input the error is about (a path, ``path:line``, a URL or an id).
    """

    code = "NG000"

    def __init__(self, message: str, *, code: str | None = None, source: str | None = None):
        self.message = message
        self.source = source
        if code is not None:
            self.code = code
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"[{self.code}] {where}{self.message}"


class InputError(NewsgraphError):
    """An article could not be read: empty, binary, badly encoded, malformed or too large."""

    code = "NG100"


class ModelNotFoundError(NewsgraphError):
    """The configured spaCy pipeline is not installed."""

    code = "NG201"


class OntologyError(NewsgraphError):
    """A file in ``ontology/`` is malformed or refers to something that does not exist."""

    code = "NG202"


class StoreError(NewsgraphError):
    """The graph store refused an operation or is unreachable."""

    code = "NG300"


class NotFoundError(StoreError):
    """A node, edge or document id is not in the store."""

    code = "NG304"


class QueryError(NewsgraphError):
    """A query's parameters are invalid (unknown type, bad window, unbounded work)."""

    code = "NG400"


class ClaimError(NewsgraphError):
    """A fact-checker's claim, evidence link or review is invalid (``NG44x``)."""

    code = "NG440"


class ExportError(NewsgraphError):
    """An export format is unknown or the export could not be written."""

    code = "NG500"
