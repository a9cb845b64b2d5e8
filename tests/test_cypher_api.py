"""``/v1/cypher`` on a real Neo4j: reads answer, writes are refused by the server."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.graph_fixtures import corpus


@pytest.fixture
def neo4j_client(neo4j_clean):
    from api.app import create_app
    from graph.stores import make_store

    store = make_store("neo4j", uri=neo4j_clean)
    for extraction in corpus():
        store.write_extraction(extraction)
    with TestClient(create_app(store=store)) as client:
        yield client
    store.close()


def test_a_read_query_answers(neo4j_client):
    response = neo4j_client.post("/v1/cypher", json={
        "query": "MATCH (e:Event {type: $type}) RETURN e.id AS id ORDER BY id",
        "params": {"type": "OUTAGE"}})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["columns"] == ["id"] and body["rows"] and body["truncated"] is False


@pytest.mark.parametrize("query", [
    "CREATE (n:Hacked) RETURN n",
    "MATCH (e:Event) SET e.type = 'NOTHING' RETURN count(e)",
    "MATCH (n) DETACH DELETE n",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
])
def test_writes_are_refused(neo4j_client, query):
    response = neo4j_client.get("/v1/cypher", params={"query": query})
    assert response.status_code in (400, 403), response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    still = neo4j_client.post("/v1/cypher", json={"query": "MATCH (e:Event) RETURN count(e)"})
    assert still.json()["rows"][0][0] > 0  # nothing was deleted or changed


def test_the_embedded_store_says_to_use_neo4j(tmp_path):
    from api.app import create_app
    from graph.stores import make_store

    store = make_store("embedded", path=str(tmp_path / "e.db"))
    with TestClient(create_app(store=store)) as client:
        response = client.get("/v1/cypher", params={"query": "RETURN 1"})
    store.close()
    assert response.status_code == 400
    assert "NEWSGRAPH_STORE" in response.json()["detail"]
