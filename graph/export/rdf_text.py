"""Writers for the RDF formats: N-Triples, N-Quads, Turtle, TriG and JSON-LD.

Each takes the sorted blocks of :mod:`graph.export.rdf` and yields text chunks as it
goes, so a large export streams: nothing but the blocks of the kind of node being
written is held in memory. They are small hand-written serializers rather than
rdflib's because rdflib's need the whole graph in an rdflib store (about 1 KB a triple)
and are slower by an order of magnitude; every writer is tested by parsing its output
back with rdflib (``tests/test_export.py``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from graph.export.rdf import (
    NG,
    PREFIXES,
    TYPE,
    XSD,
    Block,
    Lit,
    RdfModel,
    Term,
)
from ontology.loader import DATA_DIR

CONTEXT_IRI = "https://w3id.org/newsgraph/context.jsonld"
CHUNK_CHARS = 1 << 16

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')


def _escape(text: str) -> str:
    return _NEEDS_ESCAPE.sub(lambda m: _ESCAPES.get(m[0], f"\\u{ord(m[0]):04X}"), text)


def nt_term(term: Term) -> str:
    """A term in N-Triples syntax."""
    if isinstance(term, Lit):
        if term.datatype and term.datatype != XSD + "string":
            return f'"{_escape(term.lexical)}"^^<{term.datatype}>'
        return f'"{_escape(term.lexical)}"'
    return f"<{term}>"


def chunked(pieces: Iterable[str], size: int = CHUNK_CHARS) -> Iterator[str]:
    """Join small strings into chunks of about ``size`` characters."""
    buffer: list[str] = []
    length = 0
    for piece in pieces:
        buffer.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(buffer)
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer)


class Counter:
    """Counts the statements a writer wrote."""

    def __init__(self) -> None:
        self.statements = 0


# ---------------------------------------------------------------------------------------
# N-Triples and N-Quads: one statement a line
# ---------------------------------------------------------------------------------------

def _nt_lines(blocks: Iterable[Block], graph: str | None, counter: Counter) -> Iterator[str]:
    tail = f" <{graph}> .\n" if graph else " .\n"
    for s, pos in blocks:
        subject = f"<{s}> "
        counter.statements += len(pos)
        yield "".join(f"{subject}<{p}> {nt_term(o)}{tail}" for p, o in pos)


def write_ntriples(model: RdfModel, counter: Counter | None = None) -> Iterator[str]:
    """N-Triples of the whole graph, sorted by subject, predicate and object."""
    yield from chunked(_nt_lines(model.union_blocks(), None, counter or Counter()))


def write_nquads(model: RdfModel, counter: Counter | None = None) -> Iterator[str]:
    """N-Quads: the default graph first, then each document's graph by document id,
    each sorted by subject, predicate and object."""
    counter = counter or Counter()

    def lines() -> Iterator[str]:
        for name, blocks in model.named_graphs():
            yield from _nt_lines(blocks, name, counter)

    yield from chunked(lines())


# ---------------------------------------------------------------------------------------
# Turtle and TriG
# ---------------------------------------------------------------------------------------

_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_PREFIX_ORDER = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


class _TurtleTerms:
    def __init__(self, base: str):
        self.base = base
        self.cut = len(base)
        self.known: dict[str, str] = {}

    def iri(self, iri: str) -> str:
        if iri.startswith(self.base):
            return f"<{iri[self.cut:]}>"
        found = self.known.get(iri)
        if found is None:
            found = f"<{iri}>"
            for prefix, namespace in _PREFIX_ORDER:
                if iri.startswith(namespace) and _LOCAL.match(iri[len(namespace):]):
                    found = f"{prefix}:{iri[len(namespace):]}"
                    break
            if len(self.known) < 100_000:
                self.known[iri] = found
        return found

    def term(self, term: Term) -> str:
        if isinstance(term, Lit):
            if term.datatype and term.datatype != XSD + "string":
                return f'"{_escape(term.lexical)}"^^{self.iri(term.datatype)}'
            return f'"{_escape(term.lexical)}"'
        return self.iri(term)

    def block(self, block: Block, indent: str = "") -> str:
        s, pos = block
        types = [o for p, o in pos if p == TYPE]
        rest = [(p, o) for p, o in pos if p != TYPE]
        groups: list[tuple[str, list[str]]] = []
        if types:
            groups.append(("a", [self.term(o) for o in types]))
        for p, o in rest:
            if groups and groups[-1][0] == p:
                groups[-1][1].append(self.term(o))
            else:
                groups.append((p, [self.term(o)]))
        lines = [f"{self.iri(p) if p != 'a' else 'a'} {', '.join(objects)}"
                 for p, objects in groups]
        separator = f" ;\n{indent}    "
        return f"{indent}{self.iri(s)} {separator.join(lines)} .\n"


def _header(model: RdfModel) -> str:
    lines = [f"@base <{model.iris.base}> ."]
    lines += [f"@prefix {prefix}: <{namespace}> ." for prefix, namespace in PREFIXES.items()]
    return "\n".join(lines) + "\n\n"


def write_turtle(model: RdfModel, counter: Counter | None = None) -> Iterator[str]:
    """Turtle of the whole graph: one paragraph per subject, subjects sorted."""
    counter = counter or Counter()
    terms = _TurtleTerms(model.iris.base)

    def pieces() -> Iterator[str]:
        yield _header(model)
        for block in model.union_blocks():
            counter.statements += len(block[1])
            yield terms.block(block)

    yield from chunked(pieces())


def write_trig(model: RdfModel, counter: Counter | None = None) -> Iterator[str]:
    """TriG: the default graph (documents and their PROV) at the top level, then one
    ``<graph/doc> { … }`` per document."""
    counter = counter or Counter()
    terms = _TurtleTerms(model.iris.base)

    def pieces() -> Iterator[str]:
        yield _header(model)
        for name, blocks in model.named_graphs():
            if name is not None:
                yield f"\n{terms.iri(name)} {{\n"
            for block in blocks:
                counter.statements += len(block[1])
                yield terms.block(block, "    " if name is not None else "")
            if name is not None:
                yield "}\n"

    yield from chunked(pieces())


# ---------------------------------------------------------------------------------------
# JSON-LD, compacted with ontology/context.jsonld
# ---------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def published_context() -> dict:
    """The ``@context`` object of ``ontology/context.jsonld``."""
    return json.loads((DATA_DIR / "context.jsonld").read_text(encoding="utf-8"))["@context"]


class _Term:
    """One term of the context, seen from the writer: what it maps and coerces to."""

    def __init__(self, name: str, iri: str, coerce: str | None, container: str | None,
                 scoped: dict | None):
        self.name, self.iri, self.coerce = name, iri, coerce
        self.is_set = container == "@set"
        self.scoped = scoped or {}


class _JsonLdTerms:
    """Compaction of IRIs and values with the published context."""

    def __init__(self, context: dict):
        self.prefixes = {k: v for k, v in context.items()
                         if isinstance(v, str) and v.endswith(("/", "#")) and k[0] != "@"}
        self.vocab = context.get("@vocab", NG)
        self.names = {k for k in context if not k.startswith("@")}
        self.by_iri: dict[str, list[_Term]] = {}
        self.class_terms: dict[str, str] = {}
        for name, spec in context.items():
            if name.startswith("@") or name in self.prefixes:
                continue
            if isinstance(spec, str):
                if not spec.startswith("@"):
                    self.class_terms[self.expand(spec)] = name
                continue
            iri = self.expand(spec["@id"])
            coerce = spec.get("@type")
            if coerce not in (None, "@id", "@vocab"):
                coerce = self.expand(coerce)
            term = _Term(name, iri, coerce, spec.get("@container"), spec.get("@context"))
            self.by_iri.setdefault(iri, []).append(term)
        self.plans: dict[tuple[str, str | None], tuple[str, bool, str]] = {}
        self.types: dict[str, str] = {}
        self.vocab_values: dict[tuple[str, str], str] = {}

    def expand(self, value: str) -> str:
        prefix, _, local = value.partition(":")
        if local and prefix in self.prefixes:
            return self.prefixes[prefix] + local
        return value

    def compact_iri(self, iri: str) -> str:
        for prefix, namespace in sorted(self.prefixes.items(), key=lambda kv: -len(kv[1])):
            local = iri[len(namespace):]
            if iri.startswith(namespace) and _LOCAL.match(local):
                return f"{prefix}:{local}"
        return iri

    def type_value(self, iri: str) -> str:
        if iri in self.class_terms:
            return self.class_terms[iri]
        local = iri[len(self.vocab):]
        if iri.startswith(self.vocab) and _LOCAL.match(local) and local not in self.names:
            return local
        return self.compact_iri(iri)

    def vocab_value(self, term: _Term, iri: str) -> str:
        """A value of an ``@type: @vocab`` term: a scoped name, else the full IRI."""
        for name, target in term.scoped.items():
            if not name.startswith("@") and self.expand(target) == iri:
                return name
        vocab = term.scoped.get("@vocab")
        if vocab and iri.startswith(vocab):
            local = iri[len(vocab):]
            if _LOCAL.match(local) and local not in self.names:
                return local
        return iri

    def expanded(self, value: Term) -> object:
        if isinstance(value, Lit):
            if value.datatype and value.datatype != XSD + "string":
                return {"@value": value.lexical, "@type": self.compact_iri(value.datatype)}
            return value.lexical
        return {"@id": value}

    def _plan(self, p: str, value: Term) -> tuple[str, bool, str]:
        """How to write a value of ``p``: its key, whether it is a set, and how to
        convert it (``lexical``, ``iri``, ``vocab`` or ``expanded``)."""
        kind = (value.datatype if value.datatype != XSD + "string" else None
                ) if isinstance(value, Lit) else "@iri"
        found = self.plans.get((p, kind))
        if found is None:
            found = (self.compact_iri(p), False, "expanded")
            for term in self.by_iri.get(p, ()):
                if kind == "@iri" and term.coerce in ("@id", "@vocab"):
                    found = (term.name, term.is_set, "iri" if term.coerce == "@id" else "vocab")
                    break
                if kind != "@iri" and term.coerce not in ("@id", "@vocab") \
                        and term.coerce == kind:
                    found = (term.name, term.is_set, "lexical")
                    break
            self.plans[(p, kind)] = found
        return found

    def node(self, block: Block) -> dict:
        s, pos = block
        node: dict = {"id": s}
        values: dict[str, list] = {}
        sets: set[str] = set()
        for p, o in pos:
            if p == TYPE:
                found = self.types.get(o)
                if found is None:
                    found = self.types[o] = self.type_value(o)
                values.setdefault("kind", []).append(found)
                continue
            key, is_set, how = self._plan(p, o)
            if how == "lexical":
                compacted = o.lexical
            elif how == "iri":
                compacted = o
            elif how == "vocab":
                compacted = self.vocab_values.get((p, o))
                if compacted is None:
                    term = next(t for t in self.by_iri[p] if t.coerce == "@vocab")
                    compacted = self.vocab_values[(p, o)] = self.vocab_value(term, o)
            else:
                compacted = self.expanded(o)
            if is_set:
                sets.add(key)
            values.setdefault(key, []).append(compacted)
        for key, found in values.items():
            node[key] = found if len(found) > 1 or key in sets else found[0]
        return node


def write_jsonld(model: RdfModel, counter: Counter | None = None, *,
                 context: str = "embedded") -> Iterator[str]:
    """JSON-LD 1.1: ``{"@context": …, "@graph": [one node object per subject]}``.

    Parameters
    ----------
    context : str
        ``embedded`` (default) writes the published context into the file, so that it
        reads offline; ``remote`` refers to it by its IRI (:data:`CONTEXT_IRI`), which
        resolves only once the w3id.org redirect is registered.
    """
    counter = counter or Counter()
    terms = _JsonLdTerms(published_context())
    head = published_context() if context == "embedded" else CONTEXT_IRI

    def pieces() -> Iterator[str]:
        yield '{"@context": ' + json.dumps(head, sort_keys=True, ensure_ascii=False)
        yield ',\n "@graph": [\n'
        first = True
        for block in model.union_blocks():
            counter.statements += len(block[1])
            text = json.dumps(terms.node(block), sort_keys=True, ensure_ascii=False)
            yield ("  " if first else ",\n  ") + text
            first = False
        yield "\n]}\n"

    yield from chunked(pieces())


__all__ = ["CONTEXT_IRI", "Counter", "nt_term", "published_context", "write_jsonld",
           "write_nquads", "write_ntriples", "write_trig", "write_turtle"]
