"""Claims in the exports: RDF (``ng:Claim`` ⊑ ``schema:Claim``, ``prov:wasAttributedTo``,
assessments), schema.org ``ClaimReview`` in RDF and as JSON-LD, named graphs, SHACL, and
the CSV and GraphML nodes; over the samples, the seed article and a fact-checker's
reviewed claim, all extracted and stored for real."""

from __future__ import annotations

import io
import json
import zipfile

import pyshacl
import pytest
from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, Namespace, URIRef

from graph.export import export_bytes, format_for_media_type, iter_export
from graph.export.rdf import Iris
from ontology.loader import DATA_DIR

NG = Namespace("https://w3id.org/newsgraph/")
PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
IRIS = Iris.for_namespace()
SEED_DOC = "doc-d465a2e18e5b181d"


@pytest.fixture(scope="module")
def store(tmp_path_factory, sample_records, seed_record):
    from graph.stores import make_store

    built = make_store("embedded", path=tmp_path_factory.mktemp("claims-export") / "g.db")
    for record in [*sample_records, seed_record]:
        built.write_extraction(record)
    outage = next(e for e in built.list_events(type="OUTAGE", country="Kazakhstan")
                  if e.value == "2016-12-16")
    claim, _ = built.add_claim(
        "The sites were down for technical reasons.", claimant="Ministry of Information",
        claimant_entity="ent:government:ministry-of-information", when="2016-12-17",
        where="https://gov.example/kz/statement", checker_url="https://check.example/kz",
        about=[outage.id])
    built.add_claim_evidence(claim.id, outage.id, "refutes", "It began with the livestream.")
    built.review_claim(claim.id, {"rating": "Misleading", "rating_value": 2, "best_rating": 5,
                                  "worst_rating": 1, "author": "Steppe Fact Check",
                                  "date_published": "2016-12-20"})
    unreviewed, _ = built.add_claim("Access came back the same evening.", where="a TV talk show")
    built.ids = {"outage": outage.id, "checker": claim.id, "unreviewed": unreviewed.id}
    yield built
    built.close()


@pytest.fixture(scope="module")
def union(store) -> Graph:
    return Graph().parse(data=export_bytes(store, "turtle"), format="turtle")


def _seed_claims(store):
    claims = store.list_claims(document=SEED_DOC)
    ministry = next(c for c in claims if c.claimant == "Ministry of Information"
                    and "technical reasons" in c.text)
    activists = next(c for c in claims if c.claimant == "activists" and c.causal)
    return ministry, activists


def test_quoted_claims_are_schema_claims_attributed_to_their_claimants(store, union):
    ministry, activists = _seed_claims(store)
    s = URIRef(IRIS.claim(ministry.id))
    assert (s, RDF.type, NG.Claim) in union and (s, RDF.type, SCHEMA.Claim) in union
    entity = URIRef(IRIS.entity("ent:government:ministry-of-information"))
    assert (s, NG.claimant, entity) in union
    assert (s, PROV.wasAttributedTo, entity) in union
    assert (s, NG.claimOrigin, Literal("extracted")) in union
    assert (s, NG.stance, Literal("assert")) in union
    assert (s, NG.causal, Literal("true", datatype=XSD.boolean)) in union
    assert (s, PROV.wasDerivedFrom, URIRef(IRIS.document(SEED_DOC))) in union
    assert (s, NG.about, URIRef(IRIS.event(store.ids["outage"]))) in union
    assert (s, NG.contestedBy, URIRef(IRIS.claim(activists.id))) in union
    quote = union.value(s, NG.evidence)
    selector = union.value(quote, OA.hasSelector)
    assert str(union.value(selector, OA.exact)) == ministry.text
    assert union.value(selector, OA.start).toPython() == ministry.source.start


def test_a_fact_checkers_claim_assessment_and_claimreview(store, union):
    s = URIRef(IRIS.claim(store.ids["checker"]))
    event = URIRef(IRIS.event(store.ids["outage"]))
    assert (s, NG.claimOrigin, Literal("checker")) in union
    assert (s, NG.refutedBy, event) in union
    assert (s, SCHEMA.appearance, URIRef("https://gov.example/kz/statement")) in union
    assert (s, SCHEMA.dateCreated, Literal("2016-12-17", datatype=XSD.date)) in union
    assert (s, RDFS.seeAlso, URIRef("https://check.example/kz")) in union
    (assessment,) = list(union.subjects(NG.assessedClaim, s))
    assert union.value(assessment, NG.assessmentTarget) == event
    assert str(union.value(assessment, NG.evidenceRelation)) == "refutes"
    assert str(union.value(assessment, RDFS.comment)) == "It began with the livestream."
    (review,) = list(union.subjects(SCHEMA.itemReviewed, s))
    assert (review, RDF.type, SCHEMA.ClaimReview) in union
    rating = union.value(review, SCHEMA.reviewRating)
    assert str(union.value(rating, SCHEMA.alternateName)) == "Misleading"
    assert union.value(rating, SCHEMA.ratingValue).toPython() == 2
    author = union.value(review, SCHEMA.author)
    assert str(union.value(author, SCHEMA.name)) == "Steppe Fact Check"
    unreviewed = URIRef(IRIS.claim(store.ids["unreviewed"]))
    assert (unreviewed, NG.statedIn, Literal("a TV talk show")) in union
    assert not list(union.subjects(SCHEMA.itemReviewed, unreviewed))


def test_claims_conform_to_the_shapes(union):
    shapes = Graph().parse(DATA_DIR / "shapes.ttl", format="turtle")
    ontology = Graph().parse(DATA_DIR / "newsgraph.ttl", format="turtle")
    conforms, _, text = pyshacl.validate(union, shacl_graph=shapes, ont_graph=ontology,
                                         inference="rdfs")
    assert conforms, text[:4000]
    broken = Graph() + union
    broken.add((URIRef(IRIS.claim("claim:broken")), RDF.type, NG.Claim))  # no text
    conforms, _, text = pyshacl.validate(broken, shacl_graph=shapes, ont_graph=ontology,
                                         inference="rdfs")
    assert not conforms and "ng:text" in text


def test_named_graphs_hold_quoted_claims_with_their_article(store):
    dataset = Dataset()
    dataset.parse(data=export_bytes(store, "trig"), format="trig")
    ministry, _ = _seed_claims(store)
    quoted = URIRef(IRIS.claim(ministry.id))
    graphs = {str(g.identifier if hasattr(g, "identifier") else g)
              for _, _, _, g in dataset.quads((quoted, RDF.type, NG.Claim, None))}
    assert graphs == {IRIS.graph(SEED_DOC)}
    checker = URIRef(IRIS.claim(store.ids["checker"]))
    graphs = {str(g.identifier if hasattr(g, "identifier") else g)
              for _, _, _, g in dataset.quads((checker, RDF.type, NG.Claim, None))}
    assert len(graphs) == 1 and not graphs & {IRIS.graph(SEED_DOC)}


def test_claimreview_export_is_the_markup_fact_checkers_publish(store):
    reviews = json.loads(b"".join(iter_export(store, "claimreview")))
    assert len(reviews) == 1  # only the reviewed claim
    (review,) = reviews
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["itemReviewed"]["@id"] == IRIS.claim(store.ids["checker"])
    assert review["itemReviewed"]["author"]["name"] == "Ministry of Information"
    assert review["reviewRating"]["alternateName"] == "Misleading"
    assert review["url"] == "https://check.example/kz"
    assert format_for_media_type("application/ld+json") == "jsonld"  # never by Accept


def test_csv_and_graphml_carry_claim_nodes_and_edges(store):
    archive = zipfile.ZipFile(io.BytesIO(export_bytes(store, "csv")))
    nodes = archive.read("nodes.csv").decode("utf-8")
    edges = archive.read("edges.csv").decode("utf-8")
    assert f"{store.ids['checker']}," in nodes and "Misleading" in nodes
    assert f",{store.ids['checker']},Directed," in edges  # CLAIMS from the claimant
    assert "evidence (refutes)" in edges


def test_the_sparql_example_of_the_docs_finds_the_competing_explanations(store):
    import re

    from graph.sparql import run_sparql
    from tests.conftest import ROOT

    text = (ROOT / "docs" / "claims.md").read_text(encoding="utf-8")
    query = re.search(r"```sparql\n(.*?)```", text, re.S).group(1)
    body, _ = run_sparql(store, query, timeout_s=120, accept="json")
    rows = [{k: v["value"] for k, v in b.items()}
            for b in json.loads(body)["results"]["bindings"]]
    pairs = {(r["day"], r["who"], r["rival"]) for r in rows}
    assert ("2016-12-16", "Ministry of Information", "activists") in pairs
    assert all(r["article"].startswith(IRIS.base + "document/") for r in rows)
