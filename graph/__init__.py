"""The newsgraph knowledge graph: data model, merge rules, stores and queries.

See ``docs/graph.md``. Build a store with :func:`graph.stores.make_store`.
"""
