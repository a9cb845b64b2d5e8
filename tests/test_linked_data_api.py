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
