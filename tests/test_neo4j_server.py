"""The real Neo4j test server (tests/neo4j_server.py fixtures) works as the other tests expect."""

from __future__ import annotations

import neo4j
import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import ClientError

pytestmark = pytest.mark.neo4j


def test_server_is_neo4j_5_26_on_loopback(neo4j_uri: str) -> None:
    assert neo4j_uri.startswith("bolt://127.0.0.1:")
    with GraphDatabase.driver(neo4j_uri, auth=None) as driver:
        info = driver.get_server_info()
        assert info.agent.startswith("Neo4j/5.26.")
        edition = driver.execute_query(
            "CALL dbms.components() YIELD edition RETURN edition"
        ).records[0]["edition"]
        assert edition == "community"


def test_parameterised_writes_read_back(neo4j_clean: str) -> None:
    events = [
        {"id": "e1", "title": "Port strike begins", "day": "2024-03-01", "score": 0.75},
        {"id": "e2", "title": "Strike ends after talks", "day": "2024-03-09", "score": 0.5},
    ]
    with GraphDatabase.driver(neo4j_clean, auth=None) as driver:
        summary = driver.execute_query(
            "UNWIND $events AS e "
            "CREATE (:Event {id: e.id, title: e.title, day: date(e.day), score: e.score})",
            events=events,
        ).summary
        assert summary.counters.nodes_created == 2
        driver.execute_query(
            "MATCH (a:Event {id: $a}), (b:Event {id: $b}) CREATE (a)-[:FOLLOWED_BY]->(b)",
            a="e1",
            b="e2",
        )

        records = driver.execute_query(
            "MATCH (a:Event)-[:FOLLOWED_BY]->(b:Event) "
            "RETURN a.id AS a, b.title AS title, b.day AS day, b.score AS score",
            routing_=neo4j.RoutingControl.READ,
        ).records
        assert len(records) == 1
        assert records[0]["a"] == "e1"
        assert records[0]["title"] == "Strike ends after talks"
        assert records[0]["day"] == neo4j.time.Date(2024, 3, 9)
        assert records[0]["score"] == 0.5


def test_write_in_read_access_mode_is_refused(neo4j_clean: str) -> None:
    def create_node(tx: neo4j.ManagedTransaction) -> None:
        tx.run("CREATE (n:X) RETURN n").consume()

    with GraphDatabase.driver(neo4j_clean, auth=None) as driver:
        with driver.session(default_access_mode=neo4j.READ_ACCESS) as session:
            with pytest.raises(ClientError) as excinfo:
                session.execute_read(create_node)
        assert excinfo.value.code == "Neo.ClientError.Statement.AccessMode"

        # Nothing was written.
        count = driver.execute_query("MATCH (n:X) RETURN count(n) AS c").records[0]["c"]
        assert count == 0


@pytest.mark.parametrize("run", [1, 2])
def test_neo4j_clean_wipes_data_and_schema(neo4j_clean: str, run: int) -> None:
    """Whichever of the two runs goes second sees the other's data and schema gone."""
    with GraphDatabase.driver(neo4j_clean, auth=None) as driver:
        nodes = driver.execute_query("MATCH (n) RETURN count(n) AS c").records[0]["c"]
        assert nodes == 0
        assert driver.execute_query("SHOW CONSTRAINTS").records == []
        index_types = sorted(r["type"] for r in driver.execute_query("SHOW INDEXES").records)
        assert index_types == ["LOOKUP", "LOOKUP"]

        driver.execute_query(
            "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE"
        )
        driver.execute_query("CREATE INDEX event_day IF NOT EXISTS FOR (e:Event) ON (e.day)")
        driver.execute_query(
            "UNWIND range(1, $n) AS i CREATE (:Entity {id: i})-[:MENTIONED_IN]->(:Event {day: i})",
            n=50 * run,
        )
        nodes = driver.execute_query("MATCH (n) RETURN count(n) AS c").records[0]["c"]
        assert nodes == 100 * run
