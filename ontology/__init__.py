"""newsgraph's vocabulary and taxonomy, kept as data.

The YAML and Turtle files in this package are the source of truth; :mod:`ontology.loader`
reads and validates them.
"""

from ontology.loader import (
    DATA_DIR,
    EntityType,
    EventType,
    Taxonomy,
    load_data_file,
    load_entity_types,
    load_gazetteer_file,
    load_taxonomy,
)

__all__ = [
    "DATA_DIR",
    "EntityType",
    "EventType",
    "Taxonomy",
    "load_data_file",
    "load_entity_types",
    "load_gazetteer_file",
    "load_taxonomy",
]
