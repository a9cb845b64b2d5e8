"""The exports (``graph/export/``) on a real store built from ``samples/`` by the real
pipeline: every RDF format parses back with rdflib with as many statements as written
and conforms to the SHACL shapes; the named graphs carry each document's statements and
PROV; the same store gives the same bytes twice; GraphML, GEXF and CSV load back. See
``docs/export.md``."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from decimal import Decimal

import networkx as nx
import pyshacl
import pytest
from rdflib import RDF, XSD, BNode, Dataset, Graph, Literal, Namespace, URIRef

from graph.export import (
    FORMATS,
    RDF_FORMATS,
    Counter,
    check_format,
    export,
    export_bytes,
    format_for_media_type,
    iter_export,
    media_type,
)
from graph.export.rdf import Iris, iri_segment
from graph.export.rdf_text import CONTEXT_IRI, published_context
from ingest.errors import ExportError
from ontology.loader import DATA_DIR

NG = Namespace("https://w3id.org/newsgraph/")
PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
TIME = Namespace("http://www.w3.org/2006/time#")
SCHEMA = Namespace("https://schema.org/")
OWL_SAME_AS = URIRef("http://www.w3.org/2002/07/owl#sameAs")
RDFLIB_FORMAT = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig",
                 "nquads": "nquads"}
IRIS = Iris.for_namespace()


@pytest.fixture(scope="module")
def store(tmp_path_factory, sample_records):
    """An embedded store of every sample, extracted by the real pipeline."""
    from graph.stores import make_store

    built = make_store("embedded", path=tmp_path_factory.mktemp("export") / "samples.db")
    for record in sample_records:
        built.write_extraction(record)
    yield built
    built.close()


@pytest.fixture(scope="module")
def exports(store) -> dict[str, tuple[bytes, int | None]]:
    """Every format once: its bytes and the number of statements the writer reported."""
    found = {}
    for name in FORMATS:
        counter = Counter()
        body = b"".join(iter_export(store, name, counter=counter))
        found[name] = (body, counter.statements if name in RDF_FORMATS else None)
    return found


@pytest.fixture(scope="module")
def union(exports) -> Graph:
    return Graph().parse(data=exports["turtle"][0], format="turtle")


@pytest.fixture(scope="module")
def dataset(exports) -> Dataset:
    ds = Dataset()
    ds.parse(data=exports["trig"][0], format="trig")
    return ds


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(DATA_DIR / "shapes.ttl", format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(DATA_DIR / "newsgraph.ttl", format="turtle")


def _kazakhstan_2016(store) -> str:
    dump = store.dump()
    return next(row[0] for row in dump["documents"]
                if (row[6] or "").endswith("kazakhstan-2016.txt"))


# ---------------------------------------------------------------------------------------
# RDF: parses back, conforms, is deterministic
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["turtle", "nt", "jsonld"])
def test_triple_formats_parse_back_with_as_many_triples(exports, name):
    body, written = exports[name]
    graph = Graph().parse(data=body, format=RDFLIB_FORMAT[name])
    assert written > 1000
    assert len(graph) == written


@pytest.mark.parametrize("name", ["trig", "nquads"])
def test_quad_formats_parse_back_with_as_many_quads(exports, store, name):
    body, written = exports[name]
    ds = Dataset()
    ds.parse(data=body, format=RDFLIB_FORMAT[name])
    assert len(list(ds.quads((None, None, None, None)))) == written
    names = {str(g.identifier) for g in ds.graphs() if str(g.identifier).startswith(IRIS.base)}
    assert names == {IRIS.graph(doc) for doc in (r[0] for r in store.dump()["documents"])}


def test_all_triple_formats_hold_the_same_graph(exports, union):
    from rdflib.compare import isomorphic

    for name in ("nt", "jsonld"):
        other = Graph().parse(data=exports[name][0], format=RDFLIB_FORMAT[name])
        assert isomorphic(union, other), name


def test_the_union_of_the_named_graphs_is_the_triple_export(dataset, union):
    """Every statement of the triple formats is in the TriG, and the TriG adds only the
    descriptions of its named graphs (``prov:Entity``)."""
    flat = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        flat.add((s, p, o))
    extra = set(flat) - set(union)
    assert set(union) <= set(flat)
    assert {str(s).rsplit("/", 2)[-2] for s, _p, _o in extra} == {"graph"}


def test_turtle_conforms_to_the_shapes(union, shapes, ontology):
    conforms, _, text = pyshacl.validate(union, shacl_graph=shapes, ont_graph=ontology,
                                         inference="rdfs")
    assert conforms, text[:4000]


def test_trig_flattened_conforms_to_the_shapes(dataset, shapes, ontology):
    flat = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        flat.add((s, p, o))
    conforms, _, text = pyshacl.validate(flat, shacl_graph=shapes, ont_graph=ontology,
                                         inference="rdfs")
    assert conforms, text[:4000]


@pytest.mark.parametrize("name", list(FORMATS))
def test_exporting_twice_gives_identical_bytes(store, exports, name):
    assert export_bytes(store, name) == exports[name][0]


def test_line_formats_are_sorted(exports):
    lines = exports["nt"][0].decode("utf-8").splitlines()
    assert lines == sorted(lines)
    quads = exports["nquads"][0].decode("utf-8").splitlines()
    graphs = [re.search(r"<([^<>]*)> \.$", q) for q in quads]
    named = [g[1] for g in graphs if g and g[1].startswith(IRIS.base + "graph/")]
    assert named == sorted(named)


def test_no_blank_nodes_anywhere(union, dataset):
    assert not any(isinstance(t, BNode) for triple in union for t in triple)
    assert not any(isinstance(t, BNode) for quad in dataset.quads((None, None, None, None))
                   for t in quad[:3])


# ---------------------------------------------------------------------------------------
# What the RDF says
# ---------------------------------------------------------------------------------------

def test_datatypes_are_the_ones_the_shapes_require(union):
    def datatypes(p):
        return {o.datatype for o in union.objects(None, p)}

    assert datatypes(NG.confidence) == {XSD.decimal}
    assert datatypes(NG.sourceCount) == {XSD.nonNegativeInteger}
    assert datatypes(OA.start) == datatypes(OA.end) == {XSD.nonNegativeInteger}
    assert datatypes(TIME.inXSDDate) == {XSD.date}
    assert datatypes(NG.ingestedAt) == {XSD.dateTime}
    assert datatypes(NG.published) <= {XSD.date, XSD.dateTime}
    units = set(union.objects(None, NG.granularity))
    assert units <= {TIME.unitDay, TIME.unitWeek, TIME.unitMonth, TIME.unitYear}
    assert TIME.unitDay in units and TIME.unitMonth in units
    for value in union.objects(None, NG.confidence):
        assert Decimal(str(value)) <= 1


def test_iris_come_from_the_store_ids(store, union):
    events = [r[0] for r in store.dump()["events"] if r[4]]
    for eid in events:
        kind, digest = eid.split(":")[1:]
        iri = URIRef(f"https://w3id.org/newsgraph/id/event/{kind}/{digest}")
        assert (iri, RDF.type, NG.Event) in union
    assert (URIRef("https://w3id.org/newsgraph/id/entity/country/kazakhstan"), RDF.type,
            NG.Country) in union


def test_countries_cities_and_platforms_link_out(union):
    kz = URIRef("https://w3id.org/newsgraph/id/entity/country/kazakhstan")
    assert set(union.objects(kz, OWL_SAME_AS)) == {
        URIRef("https://sws.geonames.org/1522867/"), URIRef("http://www.wikidata.org/entity/Q232")}
    cities = set(union.subjects(RDF.type, NG.City))
    linked = {c for c in cities for o in union.objects(c, OWL_SAME_AS)
              if str(o).startswith("https://sws.geonames.org/")}
    assert linked and all(union.value(c, NG.geonamesId) is not None for c in linked)
    platforms = set(union.subjects(RDF.type, NG.Platform))
    assert any(str(o).startswith("http://www.wikidata.org/entity/Q")
               for p in platforms for o in union.objects(p, OWL_SAME_AS))
    for entity, target in union.subject_objects(OWL_SAME_AS):
        if str(target).startswith(IRIS.base):  # a country name the store merged by alias
            assert (target, RDF.type, NG.Country) in union
        elif str(target).startswith("http://www.wikidata.org/"):
            assert str(target).endswith("/" + str(union.value(entity, NG.wikidata)))
        else:
            assert str(target) == f"https://sws.geonames.org/{union.value(entity, NG.geonamesId)}/"


def test_every_event_and_participation_keeps_its_source(union, store):
    """Turtle carries provenance on the nodes: each event is reportedIn its documents,
    with evidence sentences whose offsets point into the document."""
    events = set(union.subjects(RDF.type, NG.Event))
    assert events
    for event in events:
        assert list(union.objects(event, NG.reportedIn))
    with_evidence = [e for e in events if list(union.objects(e, NG.evidence))]
    assert len(with_evidence) >= 0.9 * len(events)
    for participation in union.subjects(RDF.type, NG.Participation):
        for evidence in union.objects(participation, NG.evidence):
            selector = union.value(evidence, OA.hasSelector)
            assert union.value(evidence, OA.hasSource) is not None
            start, end = union.value(selector, OA.start), union.value(selector, OA.end)
            assert 0 <= start.toPython() <= end.toPython()
            assert (selector, RDF.type, OA.TextQuoteSelector) in union
            assert union.value(selector, OA.exact)


def test_the_kazakhstan_2016_events_sit_in_that_samples_named_graph(dataset, store):
    doc = _kazakhstan_2016(store)
    graph = URIRef(IRIS.graph(doc))
    document = URIRef(IRIS.document(doc))
    events = [r[3] for r in store.dump()["edges"] if r[1] == "REPORTS" and r[2] == doc]
    assert events
    named = dataset.graph(graph)
    for eid in events:
        assert (URIRef(IRIS.event(eid)), RDF.type, NG.Event) in named
        assert (URIRef(IRIS.event(eid)), NG.reportedIn, document) in named
    default = dataset.default_graph
    assert (graph, RDF.type, PROV.Entity) in default
    assert (graph, PROV.wasDerivedFrom, document) in default
    activity = default.value(graph, PROV.wasGeneratedBy)
    assert (activity, RDF.type, NG.ExtractionActivity) in default
    assert (activity, PROV.used, document) in default
    agents = set(default.objects(activity, PROV.wasAssociatedWith))
    assert agents and all((a, RDF.type, PROV.SoftwareAgent) in default for a in agents)
    stored = store.get_document(doc)
    assert default.value(document, SCHEMA.url) == URIRef(stored.url)
    assert default.value(document, NG.published) == Literal(stored.published,
                                                             datatype=XSD.date)
    assert default.value(document, NG.ingestedAt).datatype == XSD.dateTime


def test_each_named_graph_names_only_its_own_document_as_source(dataset):
    for _s, _p, document, graph in dataset.quads((None, NG.reportedIn, None, None)):
        name = graph.identifier if hasattr(graph, "identifier") else graph
        assert str(name) == str(document).replace("/id/document/", "/id/graph/")


# ---------------------------------------------------------------------------------------
# JSON-LD
# ---------------------------------------------------------------------------------------

def test_jsonld_embeds_the_published_context_and_parses_offline(exports):
    data = json.loads(exports["jsonld"][0])
    assert data["@context"] == published_context()
    nodes = data["@graph"]
    ids = [n["id"] for n in nodes]
    assert ids == sorted(ids, key=lambda iri: f"<{iri}>")  # the order of N-Triples lines
    outage = next(n for n in nodes if "OutageEvent" in n.get("kind", []))
    assert outage["type"] == "OUTAGE"
    assert isinstance(outage["reportedIn"], list)
    assert re.fullmatch(r"[0-9.]+", outage["confidence"])


def test_jsonld_can_refer_to_the_context_by_iri(store):
    body = b"".join(iter_export(store, "jsonld", context="remote"))
    assert json.loads(body)["@context"] == CONTEXT_IRI


def test_role_names_that_are_context_terms_are_written_in_full(exports, union):
    """``participant`` is a role and a term of the context (ng:participant): the writer
    gives the role's full IRI so that it does not expand to the property."""
    nodes = json.loads(exports["jsonld"][0])["@graph"]
    roles = {n["role"] for n in nodes if "role" in n}
    assert "participant" not in roles
    assert set(union.objects(None, NG.role)) >= {URIRef(NG + "role/participant")}


# ---------------------------------------------------------------------------------------
# GraphML, GEXF, CSV
# ---------------------------------------------------------------------------------------

def claim_counts(store):
    """Claim nodes and their edges: the exports carry them beside the traversal graph."""
    rows = store.dump()
    claims = len(rows["claims"])
    edges = {(r[0], r[1], r[2], r[3] if r[1] == "EVIDENCE" else "")
             for r in rows["claim_links"]}
    extra = sum(1 for r in rows["claims"] if r[3]) + sum(1 for r in rows["claims"] if r[2])
    return claims, len(edges) + extra


def test_graphml_loads_back_with_networkx(exports, store):
    graph = nx.read_graphml(io.BytesIO(exports["graphml"][0]))
    claims, claim_edges = claim_counts(store)
    assert claims > 0
    assert graph.number_of_nodes() == store.graph.number_of_nodes() + claims
    assert graph.number_of_edges() == store.graph.number_of_edges() + claim_edges
    assert {d["kind"] for _, d in graph.nodes(data=True)} >= {"claim", "entity", "event"}
    kz = graph.nodes["ent:country:kazakhstan"]
    assert kz["label"] == "Kazakhstan" and kz["kind"] == "entity"
    assert kz["iri"] == "https://w3id.org/newsgraph/id/entity/country/kazakhstan"


def test_gexf_loads_back_with_networkx(exports, store):
    graph = nx.read_gexf(io.BytesIO(exports["gexf"][0]))
    claims, claim_edges = claim_counts(store)
    assert graph.number_of_nodes() == store.graph.number_of_nodes() + claims
    assert graph.number_of_edges() == store.graph.number_of_edges() + claim_edges
    assert b"lastmodifieddate" not in exports["gexf"][0]


def test_csv_zip_has_headers_and_a_row_per_node_and_edge(exports, store):
    archive = zipfile.ZipFile(io.BytesIO(exports["csv"][0]))
    assert sorted(archive.namelist()) == ["edges.csv", "nodes.csv"]
    nodes = list(csv.reader(io.StringIO(archive.read("nodes.csv").decode("utf-8"))))
    edges = list(csv.reader(io.StringIO(archive.read("edges.csv").decode("utf-8"))))
    assert nodes[0][:3] == ["Id", "Label", "kind"]
    assert edges[0][:5] == ["Source", "Target", "Type", "Id", "Label"]
    claims, claim_edges = claim_counts(store)
    assert len(nodes) - 1 == store.graph.number_of_nodes() + claims
    assert len(edges) - 1 == store.graph.number_of_edges() + claim_edges
    assert "CLAIMS" in {row[5] for row in edges[1:]}


def test_csv_to_a_folder(store, tmp_path):
    result = export(store, "csv", tmp_path / "csv")
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == ["edges.csv", "nodes.csv"]
    assert result["bytes"] > 0


# ---------------------------------------------------------------------------------------
# The API around the writers
# ---------------------------------------------------------------------------------------

def test_media_types_and_negotiation():
    assert media_type("turtle") == "text/turtle"
    assert media_type("nt") == "application/n-triples"
    assert media_type("jsonld") == "application/ld+json"
    assert media_type("trig") == "application/trig"
    assert media_type("nquads") == "application/n-quads"
    assert format_for_media_type("application/n-quads, text/turtle;q=0.5") == "nquads"
    assert format_for_media_type("text/turtle;q=0.2, application/ld+json") == "jsonld"
    assert format_for_media_type("text/html") is None


def test_unknown_format_is_an_export_error(store):
    with pytest.raises(ExportError, match="turtle, nt, jsonld"):
        check_format("rdfxml")
    with pytest.raises(ExportError):
        export_bytes(store, "xlsx")


def test_export_writes_a_file_and_reports_what_it_wrote(store, tmp_path, exports):
    result = export(store, "turtle", tmp_path / "out" / "graph.ttl")
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == exports["turtle"][0]
    assert result["statements"] == exports["turtle"][1]
    assert result["media_type"] == "text/turtle"


def test_the_namespace_setting_moves_data_iris_not_the_vocabulary(store):
    body = export_bytes(store, "nt", namespace="https://example.org/mine/").decode("utf-8")
    assert "<https://example.org/mine/id/event/" in body
    assert "<https://w3id.org/newsgraph/id/" not in body
    assert "<https://w3id.org/newsgraph/Event>" in body


def test_iri_segments_are_percent_encoded():
    assert iri_segment("doc-3f2a") == "doc-3f2a"
    assert iri_segment("a b/c?d#e") == "a%20b%2Fc%3Fd%23e"
    assert iri_segment("côte-d-ivoire") == "côte-d-ivoire"
    iris = Iris.for_namespace("https://w3id.org/newsgraph/")
    assert iris.entity("ent:person:mukhtar-ablyazov") == (
        "https://w3id.org/newsgraph/id/entity/person/mukhtar-ablyazov")
    assert iris.event("ev:outage:1c0e") == "https://w3id.org/newsgraph/id/event/outage/1c0e"
    assert iris.participation("rel:PARTICIPANT:9b1c0e7a") == (
        "https://w3id.org/newsgraph/id/participation/9b1c0e7a")
    assert iris.evidence("doc-1", 0, 52) == "https://w3id.org/newsgraph/id/evidence/doc-1/0-52"


def test_an_in_memory_store_with_odd_ids_exports_and_conforms(shapes, ontology):
    """The dump() path (a store without a file), a document id that needs
    percent-encoding, a date-time publication, a quarter date and an unknown role."""
    from graph.stores import make_store
    from tests.graph_fixtures import entity, event, extraction

    store = make_store("embedded", path=":memory:")
    try:
        store.write_extraction(extraction(
            "my doc/1 ?", outlet="Example News", published="2021-03-04T05:06:07Z",
            content_hash="b" * 64,
            entities=[entity("e1", "Jane Roe", "PERSON", affiliation=["opposition"]),
                      entity("e2", "Testland", "COUNTRY", iso="TL")],
            events=[event("v1", "BROADCAST", "2021-Q1", participants=[("e1", "orator")],
                          country="Testland", place="e2")]))
        for name in ("nt", "turtle", "jsonld", "trig"):
            body = export_bytes(store, name)
            if name == "trig":
                ds = Dataset()
                ds.parse(data=body, format="trig")
                continue
            graph = Graph().parse(data=body, format=RDFLIB_FORMAT[name])
            if name == "nt":
                conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes,
                                                     ont_graph=ontology, inference="rdfs")
                assert conforms, text[:3000]
        doc = URIRef("https://w3id.org/newsgraph/id/document/my%20doc%2F1%20%3F")
        assert graph.value(doc, NG.published) == Literal("2021-03-04T05:06:07Z",
                                                         datatype=XSD.dateTime)
        assert set(graph.objects(None, NG.role)) == {URIRef(NG + "role/participant")}
        assert set(graph.objects(None, NG.granularity)) == {TIME.unitYear}
        data = json.loads(export_bytes(store, "jsonld"))
        assert any("publishedAt" in n for n in data["@graph"])
    finally:
        store.close()
