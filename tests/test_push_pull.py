"""``push`` (embedded -> Neo4j) and ``pull`` (Neo4j -> embedded): equal graphs, resumable,
idempotent; and the ``newsgraph push``/``pull`` commands."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from api.cli_neo4j import register
from graph.stores import make_store
from graph.stores.neo4j_sync import pull, push
from tests.graph_fixtures import corpus, synthetic_extractions
from tests.test_neo4j_store import assert_same_graph

pytestmark = pytest.mark.neo4j


@pytest.fixture
def source(tmp_path):
    store = make_store("embedded", path=tmp_path / "source.db")
    for item in corpus() + synthetic_extractions(25, seed=11):
        store.write_extraction(item)
    edited = synthetic_extractions(25, seed=11)[3]
    edited["document"]["content_hash"] = "edited"
    edited["events"] = edited["events"][:1]
    store.write_extraction(edited)  # a replaced document: written last
    yield store
    store.close()


@pytest.fixture
def neo(neo4j_clean):
    store = make_store("neo4j", uri=neo4j_clean)
    yield store
    store.close()


def test_push_then_pull_gives_equal_graphs(source, neo, tmp_path):
    summary = push(source, neo, batch=4)
    assert summary["added"] == summary["documents"] == 29 and summary["skipped"] == 0
    assert_same_graph(source, neo)
    with make_store("embedded", path=tmp_path / "back.db") as back:
        pulled = pull(neo, back)
        assert pulled["added"] == 29
        assert back.dump() == source.dump()
        assert pull(neo, back)["skipped"] == 29


def test_push_is_idempotent_and_resumes_after_an_interruption(source, neo):
    original = neo.write_extractions
    calls = []

    def failing(items):
        calls.append(len(items))
        if len(calls) == 3:
            raise RuntimeError("connection lost")
        return original(items)

    neo.write_extractions = failing
    with pytest.raises(RuntimeError):
        push(source, neo, batch=5)
    neo.write_extractions = original
    assert neo.counts()["documents"] == 10  # two batches committed, the third not at all
    resumed = push(source, neo, batch=5)
    assert resumed["skipped"] == 10 and resumed["added"] == 19
    assert_same_graph(source, neo)
    again = push(source, neo, batch=5)
    assert again["skipped"] == 29 and again["added"] == 0
    assert_same_graph(source, neo)


def test_samples_survive_a_round_trip(neo, sample_records, tmp_path):
    with make_store("embedded", path=tmp_path / "samples.db") as embedded, \
            make_store("embedded", path=tmp_path / "back.db") as back:
        for record in sample_records:
            embedded.write_extraction(record)
        assert embedded.list_claims(origin="extracted")
        # a fact-checker's claim, with evidence and a review, goes along
        outage = embedded.list_events(type="OUTAGE", country="Kazakhstan")[0]
        claim, _ = embedded.add_claim("The sites were down for technical reasons.",
                                      claimant="Ministry of Information", about=[outage.id])
        embedded.add_claim_evidence(claim.id, outage.id, "refutes", "During the livestream.")
        embedded.review_claim(claim.id, {"rating": "Misleading", "author": "Desk"})
        summary = push(embedded, neo, batch=50)
        assert summary["checker_claims"] == 1
        assert_same_graph(embedded, neo)
        assert neo.get_claim(claim.id).review["rating"] == "Misleading"
        pull(neo, back)
        assert back.dump() == embedded.dump()


def test_push_and_pull_commands(source, neo4j_clean, tmp_path):
    app = typer.Typer()

    @app.callback()
    def _root():
        """test app"""

    register(app)
    runner = CliRunner()
    db = str(source.path)
    pushed = runner.invoke(app, ["push", "--to", neo4j_clean, "--db", db, "--batch", "7",
                                 "--json"])
    assert pushed.exit_code == 0, pushed.output
    assert json.loads(pushed.stdout)["added"] == 29
    again = runner.invoke(app, ["push", "--to", neo4j_clean, "--db", db])
    assert again.exit_code == 0 and "skipped 29" in again.stdout
    back = str(tmp_path / "pulled.db")
    pulled = runner.invoke(app, ["pull", "--from", neo4j_clean, "--db", back, "--json"])
    assert pulled.exit_code == 0, pulled.output
    assert json.loads(pulled.stdout)["added"] == 29
    with make_store("embedded", path=back) as copy:
        assert copy.dump() == source.dump()
    bad = runner.invoke(app, ["push", "--to", "not-a-uri", "--db", db])
    assert bad.exit_code == 2 and "NG306" in bad.output
