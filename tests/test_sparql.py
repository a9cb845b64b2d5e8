"""Read-only SPARQL over the export (``graph/sparql.py``), on a real store of the samples.

The example query of ``docs/export.md`` is read from the docs and must return the same
pairs as ``store.followed`` for the question newsgraph exists for; updates, SERVICE and
FROM are refused; a slow query is stopped at its time limit.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time

import pytest
from rdflib import Graph

from graph.export.rdf import Iris
from graph.sparql import check_query, default_engine, engine_for, result_format, run_sparql
from ingest.errors import QueryError
from tests.conftest import ROOT

ENGINES = ["rdflib", "oxigraph"]
QUESTION = dict(cause_type="BROADCAST", effect_type="OUTAGE", within="3d",
                cause_affiliation="opposition", same_place=True)
IRIS = Iris.for_namespace()
NG = "PREFIX ng: <https://w3id.org/newsgraph/>\n"


def docs_query() -> str:
    """The example query: the first ```sparql block of docs/export.md."""
    text = (ROOT / "docs" / "export.md").read_text(encoding="utf-8")
    found = re.search(r"```sparql\n(.*?)```", text, re.S)
    assert found, "docs/export.md lost its example SPARQL query"
    return found[1]


@pytest.fixture(scope="module")
def store(tmp_path_factory, sample_records):
    from graph.stores import make_store

    built = make_store("embedded", path=tmp_path_factory.mktemp("sparql") / "samples.db")
    for record in sample_records:
        built.write_extraction(record)
    yield built
    built.close()


@pytest.fixture(params=ENGINES)
def engine(request):
    if request.param == "oxigraph":
        pytest.importorskip("pyoxigraph")
    return request.param


def _select(store, query, engine=None):
    body, media = run_sparql(store, query, timeout_s=60, accept="json", engine=engine)
    assert media == "application/sparql-results+json"
    return json.loads(body)


def test_the_docs_query_returns_the_same_pairs_as_followed(store, engine):
    expected = {(IRIS.event(p.cause.id), IRIS.event(p.effect.id))
                for p in store.followed(**QUESTION)}
    rows = _select(store, docs_query(), engine)["results"]["bindings"]
    got = {(r["broadcast"]["value"], r["outage"]["value"]) for r in rows}
    assert got == expected
    assert len(rows) == len(got), "one row per pair"
    kazakhstan = IRIS.entity("ent:country:kazakhstan")
    assert any(r["country"]["value"] == kazakhstan and r["outageStart"]["value"] == "2016-12-16"
               for r in rows)


INTERVAL_CASES = [
    # (broadcast date, outage date): day, week, month, quarter and year values around
    # the edges of the 3-day window, both ways round
    ("2020-03-10", "2020-03-10"), ("2020-03-10", "2020-03-13"), ("2020-03-10", "2020-03-14"),
    ("2020-03-10", "2020-03-09"), ("2020-03", "2020-04-02"), ("2020-03", "2020-04-04"),
    ("2020-03-31", "2020-03"), ("2020-04-01", "2020-03"), ("2020", "2021-01-03"),
    ("2020", "2021-01-04"), ("2020-W11", "2020-03-18"), ("2020-W11", "2020-03-19"),
    ("2020-05-02", "2020-05"), ("2020-Q2", "2020-07-03"), ("2020-Q2", "2020-07-04"),
    ("2020-06", "2020"), ("2021-01-01", "2020"),
]


@pytest.fixture(scope="module")
def interval_store(tmp_path_factory):
    """One opposition broadcast and one outage per case, each case in its own country,
    plus a government broadcast and an outage in another country that must not match."""
    from graph.stores import make_store
    from tests.graph_fixtures import entity, event, extraction

    built = make_store("embedded", path=tmp_path_factory.mktemp("intervals") / "i.db")
    cases = [*INTERVAL_CASES, ("2020-03-10", "2020-03-11")]
    for n, (cause, effect) in enumerate(cases):
        country = f"Testland {n}"
        speaker = "government" if n == len(INTERVAL_CASES) else "opposition"
        built.write_extraction(extraction(
            f"case-{n}", outlet=f"Outlet {n}", published="2021-02-01",
            content_hash=f"{n:064x}",
            entities=[entity("e1", f"Speaker {n}", "PERSON", affiliation=[speaker]),
                      entity("e2", country, "COUNTRY")],
            events=[event("b", "BROADCAST", cause, participants=[("e1", "speaker")],
                          country=country, place="e2", sentence=f"Broadcast {n}."),
                    event("o", "OUTAGE", effect, country=country, place="e2",
                          sentence=f"Outage {n}.", start=100)]))
    built.write_extraction(extraction(  # an outage elsewhere, the day after case 0
        "elsewhere", outlet="Elsewhere", content_hash="f" * 64, published="2021-02-01",
        entities=[entity("e1", "Otherland", "COUNTRY")],
        events=[event("o", "OUTAGE", "2020-03-11", country="Otherland", place="e1")]))
    yield built
    built.close()


def test_the_docs_query_handles_intervals_exactly_as_followed(interval_store, engine):
    pairs = interval_store.followed(**QUESTION)
    assert any(not p.precise for p in pairs) and any(p.precise for p in pairs)
    expected = {(IRIS.event(p.cause.id), IRIS.event(p.effect.id)) for p in pairs}
    rows = _select(interval_store, docs_query(), engine)["results"]["bindings"]
    assert {(r["broadcast"]["value"], r["outage"]["value"]) for r in rows} == expected
    assert 0 < len(expected) < len(INTERVAL_CASES)


@pytest.mark.parametrize("update", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "CREATE GRAPH <urn:g>",
    "DROP DEFAULT",
    "COPY DEFAULT TO <urn:g>",
    "MOVE DEFAULT TO <urn:g>",
    "ADD DEFAULT TO <urn:g>",
])
def test_updates_are_refused(store, update):
    with pytest.raises(QueryError) as caught:
        run_sparql(store, update, timeout_s=5)
    assert caught.value.code == "NG421"
    assert "read-only" in caught.value.message


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <http://x.example/> { ?s ?q ?r } } }",
    "ASK { ?s ?p ?o FILTER EXISTS { SERVICE <http://x.example/> { ?s ?p ?o } } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://x.example/> { ?s ?p ?o } }",
])
def test_service_is_refused(store, query):
    with pytest.raises(QueryError) as caught:
        run_sparql(store, query, timeout_s=5)
    assert caught.value.code == "NG422"


def test_from_clauses_and_bad_syntax_are_refused(store):
    with pytest.raises(QueryError) as caught:
        run_sparql(store, "SELECT * FROM <http://example.org/x> WHERE { ?s ?p ?o }")
    assert caught.value.code == "NG423"
    with pytest.raises(QueryError) as caught:
        run_sparql(store, "SELECT * WHERE { ?s ?p ")
    assert caught.value.code == "NG420"


def test_a_slow_query_hits_the_time_limit(store, engine):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    engine_for(store, engine)  # build the dataset first: time only the query
    began = time.monotonic()
    with pytest.raises(QueryError) as caught:
        run_sparql(store, slow, timeout_s=1.0, engine=engine)
    assert caught.value.code == "NG426"
    assert time.monotonic() - began < 10


def test_select_result_formats(store, engine):
    query = NG + ("SELECT ?c ?name WHERE { ?c a ng:Country ; "
                  "<http://www.w3.org/2000/01/rdf-schema#label> ?name } ORDER BY ?name")
    as_json = json.loads(run_sparql(store, query, accept="json", engine=engine)[0])
    names = [r["name"]["value"] for r in as_json["results"]["bindings"]]
    assert "Kazakhstan" in names and names == sorted(names)
    body, media = run_sparql(store, query, accept="text/csv", engine=engine)
    assert media == "text/csv"
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows[0] == ["c", "name"] and len(rows) == len(names) + 1
    body, media = run_sparql(store, query, accept="tsv", engine=engine)
    assert media == "text/tab-separated-values" and body.decode().startswith("?c\t?name")
    body, media = run_sparql(store, query, accept="application/sparql-results+xml",
                             engine=engine)
    assert media == "application/sparql-results+xml" and b"<sparql" in body


def test_ask_construct_and_describe(store, engine):
    ask = json.loads(run_sparql(store, NG + "ASK { ?e a ng:OutageEvent }", engine=engine)[0])
    assert ask["boolean"] is True
    construct = (NG + "CONSTRUCT { ?e ng:country ?c } WHERE { ?e a ng:OutageEvent ; "
                 "ng:country ?c }")
    for accept, fmt in (("turtle", "turtle"), ("application/n-triples", "nt"),
                        ("application/ld+json", "json-ld")):
        body, media = run_sparql(store, construct, accept=accept, engine=engine)
        graph = Graph().parse(data=body, format=fmt)
        assert len(graph) > 5, media
    kz = IRIS.entity("ent:country:kazakhstan")
    body, media = run_sparql(store, f"DESCRIBE <{kz}>", engine=engine)
    assert media == "text/turtle"
    assert "Kazakhstan" in body.decode("utf-8")


def test_named_graphs_can_be_queried(store, engine):
    query = ("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?e a <https://w3id.org/newsgraph/Event> } }")
    graphs = {r["g"]["value"] for r in _select(store, query, engine)["results"]["bindings"]}
    assert graphs and all(g.startswith(IRIS.base + "graph/") for g in graphs)


def test_counts_are_the_same_on_both_engines(store):
    pytest.importorskip("pyoxigraph")
    query = NG + "SELECT (COUNT(*) AS ?n) WHERE { ?e a ng:Event }"
    counts = {e: _select(store, query, e)["results"]["bindings"][0]["n"]["value"]
              for e in ENGINES}
    assert counts["rdflib"] == counts["oxigraph"]


def test_accept_negotiation():
    assert result_format("SelectQuery", None) == ("json", "application/sparql-results+json")
    assert result_format("SelectQuery", "application/sparql-results+xml;q=0.5, text/csv") == (
        "csv", "text/csv")
    assert result_format("ConstructQuery", "*/*") == ("turtle", "text/turtle")
    assert result_format("DescribeQuery", "application/n-triples")[0] == "nt"
    with pytest.raises(QueryError) as caught:
        result_format("SelectQuery", "text/turtle")
    assert caught.value.code == "NG424"
    assert check_query("ASK { ?s ?p ?o }") == "AskQuery"


def test_the_dataset_is_cached_until_the_store_changes(store):
    engine = default_engine()
    first = engine_for(store, engine)
    assert engine_for(store, engine) is first
    from tests.graph_fixtures import entity, event, extraction

    store.write_extraction(extraction(
        "sparql-cache-doc", outlet="Test", published="2030-01-02",
        entities=[entity("e1", "Zanzibar Testland", "COUNTRY", iso="ZT")],
        events=[event("v1", "PROTEST", "2030-01-01", country="Zanzibar Testland",
                      place="e1")],
        content_hash="a" * 64))
    try:
        assert engine_for(store, engine) is not first
        rows = _select(store, NG + "SELECT ?e WHERE { ?e ng:country/ng:isoCode 'ZT' }")
        assert len(rows["results"]["bindings"]) == 1
    finally:
        store.delete_document("sparql-cache-doc")


def test_cli_runs_sparql_and_export(store, tmp_path):
    import typer
    from typer.testing import CliRunner

    from api.cli_export import register

    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """test app"""

    register(app)
    runner = CliRunner()
    query = NG + ("SELECT ?n WHERE { ?c a ng:Country ; "
                  "<http://www.w3.org/2000/01/rdf-schema#label> ?n }")
    result = runner.invoke(app, ["sparql", query, "--format", "csv", "--db", store.path])
    assert result.exit_code == 0, result.output
    assert "Kazakhstan" in result.stdout
    query_file = tmp_path / "q.rq"
    query_file.write_text(docs_query(), encoding="utf-8")
    result = runner.invoke(app, ["sparql", "--file", str(query_file), "--db", store.path])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["sparql", "DROP ALL", "--db", store.path])
    assert result.exit_code == 2 and "NG421" in result.output
    out = tmp_path / "graph.trig"
    result = runner.invoke(app, ["export", "--format", "trig", "--out", str(out),
                                 "--db", store.path])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"@base <")


def test_an_rdflib_dataset_can_be_queried_as_it_is(store):
    from graph.export import build_dataset

    dataset = build_dataset(store)
    rows = _select(dataset, NG + "SELECT (COUNT(*) AS ?n) WHERE { ?e a ng:OutageEvent }")
    assert int(rows["results"]["bindings"][0]["n"]["value"]) > 0
