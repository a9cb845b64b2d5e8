"""Load and validate the ontology's data files.

Every loader names the file and the key at fault in its error, the way
followthemoney's model loader does, so that an edit to the taxonomy that breaks it
says where.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ingest.errors import OntologyError

DATA_DIR = Path(__file__).resolve().parent


def _read_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise OntologyError("file is missing; reinstall newsgraph", source=str(path)) from exc
    except yaml.YAMLError as exc:
        raise OntologyError(f"is not valid YAML: {exc}", source=str(path)) from exc
    if not isinstance(data, dict):
        raise OntologyError("must be a YAML mapping at the top level", source=str(path))
    return data


@dataclass(frozen=True)
class EventType:
    """One event type of the taxonomy (``ontology/taxonomy.yaml``)."""

    name: str
    label: str
    definition: str
    lemmas: tuple[str, ...]
    phrases: tuple[str, ...]
    requires_object: tuple[str, ...] = ()
    requires_context: tuple[str, ...] = ()
    negated_by: tuple[str, ...] = ()
    verb_only: tuple[str, ...] = ()
    subject_heads: tuple[str, ...] = ()
    call_verbs: tuple[str, ...] = ()
    call_actions: tuple[str, ...] = ()
    speech_verbs: tuple[str, ...] = ()
    media: tuple[str, ...] = ()
    # (relation, heads, arguments, context): a head word that evokes this type only with
    # one of these arguments in that relation ("blocked roads", "prices would rise"), and,
    # when context is given, one of those words in the sentence
    with_arguments: tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]],
                          ...] = ()
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    parent: str | None = None


@dataclass(frozen=True)
class Taxonomy:
    """The event taxonomy: event types, participant roles and affiliations."""

    version: str
    event_types: dict[str, EventType]
    roles: dict[str, str]
    affiliations: dict[str, str]

    def __contains__(self, name: str) -> bool:
        return name in self.event_types


@dataclass(frozen=True)
class EntityType:
    """One canonical entity type (``ontology/entity_types.yaml``)."""

    name: str
    label: str
    definition: str
    spacy: tuple[str, ...]
    core: bool


def _strings(value, where: str, path: Path) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise OntologyError(f"{where} must be a list of strings", source=str(path))
    return tuple(value)


ARGUMENT_RELATIONS = ("subject", "object", "modifier")


def _with_arguments(value, where: str, path: Path) -> tuple:
    """``triggers.with_arguments``: a list of {relation, heads, arguments, context}."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise OntologyError(f"{where}.triggers.with_arguments must be a list", source=str(path))
    out = []
    for n, item in enumerate(value):
        at = f"{where}.triggers.with_arguments[{n}]"
        if not isinstance(item, dict) or item.get("relation") not in ARGUMENT_RELATIONS:
            raise OntologyError(f"{at} needs a relation, one of {ARGUMENT_RELATIONS}",
                                source=str(path))
        out.append((item["relation"], _strings(item.get("heads"), f"{at}.heads", path),
                    _strings(item.get("arguments"), f"{at}.arguments", path),
                    _strings(item.get("context"), f"{at}.context", path)))
    return tuple(out)


@lru_cache(maxsize=4)
def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """Read ``taxonomy.yaml`` and check that every reference in it resolves.

    Raises
    ------
    OntologyError
        Naming the file and the key, when a type lacks a label or definition, a role
        is undeclared, a parent type does not exist, or a list holds non-strings.
    """
    path = path or DATA_DIR / "taxonomy.yaml"
    data = _read_yaml(path)
    roles = data.get("roles") or {}
    affiliations = data.get("affiliations") or {}
    entity_types = set(load_entity_types())
    types: dict[str, EventType] = {}
    for name, spec in (data.get("event_types") or {}).items():
        where = f"event_types.{name}"
        if not isinstance(spec, dict) or not spec.get("label") or not spec.get("definition"):
            raise OntologyError(f"{where} needs a label and a definition", source=str(path))
        triggers = spec.get("triggers") or {}
        type_roles: dict[str, tuple[str, ...]] = {}
        for role, kinds in (spec.get("roles") or {}).items():
            if role not in roles:
                raise OntologyError(
                    f"{where}.roles uses role {role!r}, which is not declared under `roles:`",
                    source=str(path),
                )
            kinds_t = _strings(kinds, f"{where}.roles.{role}", path)
            unknown = set(kinds_t) - entity_types
            if unknown:
                raise OntologyError(
                    f"{where}.roles.{role} names unknown entity types {sorted(unknown)}",
                    source=str(path),
                )
            type_roles[role] = kinds_t
        types[name] = EventType(
            name=name,
            label=spec["label"],
            definition=" ".join(str(spec["definition"]).split()),
            lemmas=_strings(triggers.get("lemmas"), f"{where}.triggers.lemmas", path),
            phrases=_strings(triggers.get("phrases"), f"{where}.triggers.phrases", path),
            requires_object=_strings(spec.get("requires_object"), f"{where}.requires_object", path),
            requires_context=_strings(
                spec.get("requires_context"), f"{where}.requires_context", path
            ),
            negated_by=_strings(spec.get("negated_by"), f"{where}.negated_by", path),
            verb_only=_strings(triggers.get("verb_only"), f"{where}.triggers.verb_only", path),
            subject_heads=_strings(
                triggers.get("subject_heads"), f"{where}.triggers.subject_heads", path
            ),
            speech_verbs=_strings(
                triggers.get("speech_verbs"), f"{where}.triggers.speech_verbs", path
            ),
            media=_strings(triggers.get("media"), f"{where}.triggers.media", path),
            call_verbs=_strings((spec.get("calls") or {}).get("verbs"), f"{where}.calls.verbs",
                                path),
            call_actions=_strings((spec.get("calls") or {}).get("actions"),
                                  f"{where}.calls.actions", path),
            with_arguments=_with_arguments(triggers.get("with_arguments"), where, path),
            roles=type_roles,
            parent=spec.get("parent"),
        )
    for t in types.values():
        if t.parent and t.parent not in types:
            raise OntologyError(
                f"event_types.{t.name}.parent {t.parent!r} is not an event type", source=str(path)
            )
    if not types:
        raise OntologyError("declares no event_types", source=str(path))
    return Taxonomy(
        version=str(data.get("version", "0")),
        event_types=types,
        roles=dict(roles),
        affiliations=dict(affiliations),
    )


@lru_cache(maxsize=4)
def load_entity_types(path: Path | None = None) -> dict[str, EntityType]:
    """Read ``entity_types.yaml``: the canonical entity types."""
    path = path or DATA_DIR / "entity_types.yaml"
    data = _read_yaml(path)
    out = {}
    for name, spec in (data.get("entity_types") or {}).items():
        if not isinstance(spec, dict) or not spec.get("label"):
            raise OntologyError(f"entity_types.{name} needs a label", source=str(path))
        out[name] = EntityType(
            name=name,
            label=spec["label"],
            definition=" ".join(str(spec.get("definition", "")).split()),
            spacy=_strings(spec.get("spacy"), f"entity_types.{name}.spacy", path),
            core=bool(spec.get("core", False)),
        )
    return out


@lru_cache(maxsize=16)
def load_data_file(name: str) -> dict:
    """Read ``ontology/<name>.yaml`` (such as ``claims``) as a mapping."""
    return _read_yaml(DATA_DIR / f"{name}.yaml")


@lru_cache(maxsize=16)
def load_gazetteer_file(name: str) -> dict:
    """Read ``ontology/gazetteers/<name>.yaml`` as a mapping."""
    return _read_yaml(DATA_DIR / "gazetteers" / f"{name}.yaml")
