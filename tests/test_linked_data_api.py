"""``/v1/export`` and ``/v1/sparql`` through the HTTP app, over a store of the samples."""

from __future__ import annotations

import json

import pytest
import rdflib
from fastapi.testclient import TestClient

QUESTION = """PREFIX ng: <https://w3id.org/newsgraph/>
SELECT (COUNT(?e) AS ?n) WHERE { ?e a ng:Event }"""


@pytest.fixture(scope="module")
def client(tmp_path_factory, sample_records):
    from api.app import create_app
    from graph.stores import make_store

    store = make_store("embedded", path=str(tmp_path_factory.mktemp("ld") / "g.db"))
    for record in sample_records:
        store.write_extraction(record)
    with TestClient(create_app(store=store)) as c:
        yield c
    store.close()


def test_turtle_export_parses_back(client):
    response = client.get("/v1/export?format=turtle")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    assert "attachment" in response.headers["content-disposition"]
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    events = set(graph.subjects(rdflib.RDF.type, rdflib.URIRef("https://w3id.org/newsgraph/Event")))
    assert len(events) > 50


def test_accept_header_chooses_the_format(client):
    response = client.get("/v1/export", headers={"Accept": "application/n-quads"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/n-quads")
    dataset = rdflib.Dataset()
    dataset.parse(data=response.text, format="nquads")
    assert len(list(dataset.contexts())) > 10  # one named graph per article


def test_unknown_format_is_a_problem(client):
    response = client.get("/v1/export?format=docx")
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "turtle" in response.json()["detail"]


def test_sparql_select_get_and_post(client):
    got = client.get("/v1/sparql", params={"query": QUESTION},
                     headers={"Accept": "application/sparql-results+json"})
    assert got.status_code == 200, got.text
    n = int(got.json()["results"]["bindings"][0]["n"]["value"])
    assert n > 50
    posted = client.post("/v1/sparql", content=QUESTION,
                         headers={"Content-Type": "application/sparql-query",
                                  "Accept": "application/sparql-results+json"})
    assert json.loads(posted.content)["results"]["bindings"][0]["n"]["value"] == str(n)


@pytest.mark.parametrize("query,code", [
    ("INSERT DATA { <http://a> <http://b> <http://c> }", "NG421"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "NG422"),
    ("SELECT WHERE {", "NG420"),
])
def test_sparql_refuses_writes_services_and_nonsense(client, query, code):
    response = client.get("/v1/sparql", params={"query": query})
    assert response.status_code in (400, 422)
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == code


NG = rdflib.Namespace("https://w3id.org/newsgraph/")


def _reported_in(graph):
    return {str(doc).rsplit("/", 1)[-1] for doc in graph.objects(None, NG.reportedIn)}


def test_export_of_one_view_holds_only_what_its_documents_support(client):
    from pyshacl import validate

    from ontology.loader import DATA_DIR

    whole = rdflib.Graph().parse(data=client.get("/v1/export?format=nt").text, format="nt")
    view = client.get("/v1/export", params={"format": "turtle", "entity": "Mukhtar Ablyazov"})
    assert view.status_code == 200, view.text
    assert 'filename="newsgraph-view.ttl"' in view.headers["content-disposition"]
    graph = rdflib.Graph().parse(data=view.text, format="turtle")
    assert 0 < len(graph) < len(whole) / 5
    documents = {s for s in graph.subjects(rdflib.RDF.type, NG.Document)}
    assert documents and _reported_in(graph) <= {str(d).rsplit("/", 1)[-1] for d in documents}
    ablyazov = rdflib.URIRef("https://w3id.org/newsgraph/id/entity/person/mukhtar-ablyazov")
    assert (ablyazov, rdflib.RDFS.label, rdflib.Literal("Mukhtar Ablyazov")) in graph
    conforms, _, text = validate(graph, shacl_graph=rdflib.Graph().parse(
        DATA_DIR / "shapes.ttl"), ont_graph=rdflib.Graph().parse(DATA_DIR / "newsgraph.ttl"),
        inference="rdfs")
    assert conforms, text[:3000]
    # an event's view: the documents reporting it, in CSV too
    events = client.get("/v1/events", params={"type": "OUTAGE", "country": "Kazakhstan",
                                               "from": "2016-12-16", "to": "2016-12-16"})
    (outage,) = events.json()["items"]
    csv_view = client.get("/v1/export", params={"format": "csv", "event": outage["id"]})
    assert csv_view.status_code == 200
    one = client.get("/v1/export", params=[("format", "nt")] + [
        ("document", s["document"]) for s in outage["sources"]])
    assert _reported_in(rdflib.Graph().parse(data=one.text, format="nt")) >= {
        s["document"] for s in outage["sources"]}


def test_export_of_an_unknown_view_is_a_404(client):
    for params in ({"document": "no-such-doc"}, {"entity": "zzqqxx nobody"},
                   {"event": "ev:outage:nothing"}):
        response = client.get("/v1/export", params={"format": "nt", **params})
        assert response.status_code == 404, (params, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
