"""The read-only Cypher runner, against a real Neo4j: reads work, writes never happen."""

from __future__ import annotations

import time

import pytest
from neo4j import GraphDatabase

from graph.stores import neo4j_cypher
from graph.stores.neo4j_cypher import run_read_only
from ingest.errors import QueryError

pytestmark = pytest.mark.neo4j


@pytest.fixture
def driver(neo4j_clean, tmp_path):
    with GraphDatabase.driver(neo4j_clean, auth=None) as drv:
        drv.execute_query("UNWIND range(1, 5) AS i CREATE (:Person {id: i, name: 'p' + i})"
                          "-[:KNOWS {since: date('2022-01-0' + i)}]->(:Place {id: i})")
        yield drv


def graph_state(drv):
    nodes = drv.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
    labels = sorted(r["label"] for r in
                    drv.execute_query("CALL db.labels() YIELD label RETURN label").records)
    props = drv.execute_query("MATCH (n:Person) RETURN collect(n.name) AS p").records[0]["p"]
    return nodes, labels, sorted(props)


def test_a_read_returns_columns_rows_and_json_values(driver):
    result = run_read_only(driver, None, "MATCH (p:Person)-[k:KNOWS]->(x) WHERE p.id <= $n "
                           "RETURN p.name AS name, k.since AS since, x ORDER BY name",
                           {"n": 2})
    assert result["columns"] == ["name", "since", "x"]
    assert result["truncated"] is False
    assert [r[:2] for r in result["rows"]] == [["p1", "2022-01-01"], ["p2", "2022-01-02"]]
    assert result["rows"][0][2]["labels"] == ["Place"]
    assert result["rows"][0][2]["properties"] == {"id": 1}
    fulltext_free = run_read_only(driver, None, "CALL db.labels() YIELD label RETURN label")
    assert ["Person"] in fulltext_free["rows"]


@pytest.mark.parametrize("query", [
    "CREATE (n:Intruder) RETURN n",
    "MERGE (n:Person {id: 99}) RETURN n",
    "MATCH (n:Person {id: 1}) DETACH DELETE n",
    "MATCH (n:Person) SET n.name = 'owned' RETURN n",
    "MATCH (n:Person) REMOVE n.name RETURN n",
    "LOAD CSV FROM 'file:///etc/hostname' AS row RETURN row",
    "CALL { LOAD CSV FROM 'file:///etc/hostname' AS row RETURN row } RETURN row",
    "CALL db.createLabel('Intruder')",
    "CALL db.createProperty('intruder')",
    "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')",  # Enterprise only: unknown
    "CALL dbms.killConnections(['bolt-1'])",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "SHOW TRANSACTIONS",
    "CREATE INDEX intruder FOR (n:Person) ON (n.name)",
])
def test_writes_files_and_admin_procedures_are_refused(driver, query):
    before = graph_state(driver)
    with pytest.raises(QueryError) as info:
        run_read_only(driver, None, query)
    assert info.value.code in ("NG430", "NG431")
    assert graph_state(driver) == before
    assert driver.execute_query("SHOW INDEXES YIELD name WHERE name = 'intruder' "
                                "RETURN name").records == []


@pytest.mark.parametrize("query", [
    "CREATE (n:Intruder) RETURN n",
    "MATCH (n:Person) SET n.name = 'owned' RETURN n",
    "CALL db.createLabel('Intruder')",
])
def test_the_server_itself_refuses_writes_without_the_plan_check(driver, monkeypatch, query):
    """The plan check is a second guard: with it disabled the READ session still refuses."""
    monkeypatch.setattr(neo4j_cypher, "check_plan", lambda *a: None)
    before = graph_state(driver)
    with pytest.raises(QueryError) as info:
        run_read_only(driver, None, query)
    assert info.value.code == "NG431" and "refused a write" in info.value.message
    assert graph_state(driver) == before


def test_a_slow_query_is_stopped_by_the_timeout(driver):
    began = time.monotonic()
    with pytest.raises(QueryError) as info:
        run_read_only(driver, None,
                      "UNWIND range(1, 100000000000) AS x WITH x WHERE x = -1 RETURN x",
                      timeout_s=1.0)
    assert info.value.code == "NG432"
    assert time.monotonic() - began < 20


def test_rows_beyond_the_cap_are_truncated(driver):
    capped = run_read_only(driver, None, "UNWIND range(1, 50) AS i RETURN i", row_cap=10)
    assert capped["rows"] == [[i] for i in range(1, 11)] and capped["truncated"] is True
    exact = run_read_only(driver, None, "UNWIND range(1, 10) AS i RETURN i", row_cap=10)
    assert len(exact["rows"]) == 10 and exact["truncated"] is False
    big = run_read_only(driver, None, "UNWIND range(1, 10000000) AS i RETURN i", row_cap=5,
                        timeout_s=30)
    assert len(big["rows"]) == 5 and big["truncated"] is True


def test_bad_queries_are_query_errors(driver):
    with pytest.raises(QueryError) as info:
        run_read_only(driver, None, "MATCH (n RETURN n")
    assert info.value.code == "NG430"
    with pytest.raises(QueryError):
        run_read_only(driver, None, "  ")
    with pytest.raises(QueryError):
        run_read_only(driver, None, "RETURN 1", row_cap=0)


def test_the_store_exposes_the_runner(neo4j_clean):
    from graph.stores import make_store
    from tests.graph_fixtures import reuters_broadcast_and_outage

    with make_store("neo4j", uri=neo4j_clean) as store:
        store.write_extraction(reuters_broadcast_and_outage())
        result = store.run_cypher("MATCH (e:Event) RETURN e.type AS t ORDER BY t")
        assert result == {"columns": ["t"], "rows": [["BROADCAST"], ["OUTAGE"]],
                          "truncated": False}
        with pytest.raises(QueryError):
            store.run_cypher("MATCH (e:Event) DETACH DELETE e")
        assert store.counts()["events"] == 2
