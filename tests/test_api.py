"""The HTTP API through FastAPI's TestClient, over a store filled from ``samples/`` by the
real pipeline: every endpoint, the example question, auth, limits, pagination, the one
error shape, deletes, concurrency, and the docs."""

from __future__ import annotations

import json
import re
import threading
from dataclasses import replace

import pytest

from api.app import create_app
from graph.stores import make_store
from ingest.settings import Settings
from tests.api_fixtures import READ_TOKEN, TOKEN, TestClient, module_db, samples_db  # noqa: F401
from tests.conftest import ROOT

EXAMPLE = ("/v1/correlations/followed?cause=BROADCAST&cause_affiliation=opposition"
           "&effect=OUTAGE&within=P3D&same_place=true")
WRITE = {"Authorization": f"Bearer {TOKEN}"}
PROBLEM_FIELDS = {"type", "title", "status", "detail", "code"}
KZ_DOC = "doc-24f02af29ef8422f"
ABLYAZOV = "ent:person:mukhtar-ablyazov"

A = {"id": "wire-a", "published": "2016-12-18", "outlet": "Wire A",
     "text": "Facebook and YouTube were blocked in Kazakhstan on 16 December, according to "
             "activists."}
B = {"id": "wire-b", "published": "2016-12-18", "outlet": "Wire B",
     "text": "Facebook and YouTube were blocked in Kazakhstan on 16 December. On 17 December, "
             "thousands of people protested in Almaty against the government of Nursultan "
             "Nazarbayev."}


@pytest.fixture(scope="module")
def store(module_db):  # noqa: F811 - a fixture from tests.api_fixtures
    opened = make_store("embedded", path=module_db)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(store, Settings(api_token=TOKEN))) as test_client:
        yield test_client


@pytest.fixture
def empty_client(tmp_path):
    opened = make_store("embedded", path=tmp_path / "empty.db")
    with TestClient(create_app(opened, Settings(api_token=TOKEN))) as test_client:
        yield test_client
    opened.close()


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert PROBLEM_FIELDS <= set(body), body
    assert body["status"] == status
    assert re.fullmatch(r"NG\d{3}", body["code"])
    assert body["type"].endswith(body["code"])
    assert isinstance(body["detail"], str) and body["detail"]
    return body


# -- every endpoint ------------------------------------------------------------------------
READS = [
    "/v1/health", "/v1/stats", "/v1/schemas/extraction",
    "/v1/entities?q=Ablyazov", f"/v1/entities/{ABLYAZOV}",
    f"/v1/entities/{ABLYAZOV}/neighbors?depth=2",
    "/v1/paths?from=Mukhtar%20Ablyazov&to=YouTube",
    "/v1/events?country=Kazakhstan&from=2016-12-01&to=2016-12-31",
    "/v1/events?type=OUTAGE&entity=YouTube",
    "/v1/timeline?entity=Ablyazov", "/v1/timeline?country=Kazakhstan&from=2016&to=2016",
    f"/v1/sources?node={ABLYAZOV}", f"/v1/documents/{KZ_DOC}",
    "/v1/correlations/followed?cause=BROADCAST&effect=OUTAGE&within=3d",
    "/v1/correlations/stats?cause=BROADCAST&effect=OUTAGE&within=3d&permutations=99&seed=1",
]


@pytest.mark.parametrize("url", READS)
def test_every_read_endpoint_answers_json(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json()


def test_entity_detail_and_search(client):
    hits = client.get("/v1/entities?q=Ablyazov&type=PERSON").json()
    assert hits["items"][0]["id"] == ABLYAZOV and hits["items"][0]["match"] == "exact"
    entity = client.get(f"/v1/entities/{ABLYAZOV}").json()
    assert entity["aliases"] == ["Ablyazov"] and entity["attributes"]["affiliation"] == [
        "opposition"]
    assert entity["mention_count"] >= 2
    assert [d["id"] for d in entity["in_documents"]] == [KZ_DOC]
    neighbors = client.get(f"/v1/entities/{ABLYAZOV}/neighbors?limit=100").json()
    assert "YouTube" in {row["entity"]["name"] for row in neighbors["items"]}
    assert all(row["depth"] == 1 for row in neighbors["items"])


def test_paths_link_two_entities_with_sources(client):
    found = client.get("/v1/paths?from=Mukhtar Ablyazov&to=YouTube&max_depth=2").json()
    assert found["from"]["id"] == ABLYAZOV and found["paths"]
    hop = found["paths"][0][0]
    assert hop["from"]["id"] == ABLYAZOV and hop["via"][0]["sources"]


def test_events_are_filtered_and_ordered_by_date(client):
    page = client.get("/v1/events?country=Kazakhstan&limit=100").json()
    starts = [(e["date"]["start"], e["date"]["end"], e["id"]) for e in page["items"]]
    assert starts == sorted(starts) and page["items"]
    assert {e["country"] for e in page["items"]} == {"Kazakhstan"}
    outages = client.get("/v1/events?type=OUTAGE&from=2016-12-16&to=2016-12-16").json()
    assert [e["date"]["value"] for e in outages["items"]] == ["2016-12-16"]
    event = client.get(f"/v1/events/{outages['items'][0]['id']}").json()
    assert event["reports"][0]["document"] == KZ_DOC
    assert event["reports"][0]["start"] is not None and event["reports"][0]["sentence"]
    report = event["reports"][0]  # with the word that triggered the event, and where it is
    assert report["trigger"] == "blocked"
    assert report["sentence"][report["trigger_start"]:report["trigger_end"]] == "blocked"


def test_document_with_its_entities_and_events(client):
    document = client.get(f"/v1/documents/{KZ_DOC}").json()
    assert document["source_path"].endswith("kazakhstan-2016.txt")
    assert "Mukhtar Ablyazov" in {e["name"] for e in document["entities"]}
    assert {"BROADCAST", "OUTAGE"} <= {e["type"] for e in document["events"]}
    url_id = "https://samples.newsgraph.example/tonga-2022-cable-repaired"
    assert client.get(f"/v1/documents/{url_id}").json()["id"] == url_id


def test_timeline_sources_health_stats_schema(client, store):
    timeline = client.get("/v1/timeline?entity=Ablyazov").json()
    # his livestream on 16 December, and walking out of a French prison on 9 December
    assert {(e["type"], e["date"]["value"]) for e in timeline["items"]} >= {
        ("BROADCAST", "2016-12-16"), ("RELEASE", "2016-12-09")}
    assert timeline["total"] == len(store.timeline(entity=ABLYAZOV))
    sources = client.get(f"/v1/sources?node={ABLYAZOV}").json()
    assert sources["summary"]["documents"] == 1 and sources["items"][0]["document"] == KZ_DOC
    assert client.get("/v1/health").json()["auth"] == {"writes": True, "reads": False}
    assert client.get("/v1/stats").json() == store.counts()
    schema = client.get("/v1/schemas/extraction").json()
    assert schema == json.loads((ROOT / "api/schemas/extraction.schema.json").read_text())


# -- the example question --------------------------------------------------------------------
def _is_kazakhstan_2016(pair: dict) -> bool:
    effect = pair["effect"]
    return (effect["date"]["value"] == "2016-12-16" and effect["country"] == "Kazakhstan"
            and any(s["url"] and "kazakhstan-2016" in s["url"] for s in effect["sources"]))


def _check_example_answer(pairs: list[dict], store) -> None:
    kz = [p for p in pairs if _is_kazakhstan_2016(p)]
    assert len(kz) == 1, pairs
    cause = kz[0]["cause"]
    assert cause["type"] == "BROADCAST" and cause["date"]["value"] == "2016-12-16"
    assert "Mukhtar Ablyazov" in {p["name"] for p in cause["participants"]}
    assert {s["document"] for s in kz[0]["effect"]["sources"]} == {KZ_DOC}
    assert kz[0]["lag_days"] == 0 and kz[0]["precise"] is True
    # no outage after a broadcast by the government alone
    government = store.followed("BROADCAST", "OUTAGE", "P3D", cause_affiliation="government")
    government_only = {p.cause.id for p in government if "opposition" not in p.cause.affiliations}
    assert government_only, "the samples hold government broadcasts followed by outages"
    assert not government_only & {p["cause"]["id"] for p in pairs}
    for pair in pairs:
        assert "opposition" in {a for p in pair["cause"]["participants"]
                                for a in p["affiliation"]}


def test_example_question(client, store):
    response = client.get(EXAMPLE)
    assert response.status_code == 200
    _check_example_answer(response.json(), store)


def test_example_question_without_same_place(client, store):
    response = client.get(EXAMPLE.replace("&same_place=true", ""))
    assert response.status_code == 200
    _check_example_answer(response.json(), store)


@pytest.mark.parametrize("query", [EXAMPLE, EXAMPLE.replace("&same_place=true", ""),
                                   EXAMPLE.replace("cause_affiliation=opposition",
                                                   "cause_entity=Ablyazov&shared_entity=true")])
def test_followed_returns_the_same_json_as_the_cli(client, module_db, query):  # noqa: F811
    import typer
    from typer.testing import CliRunner

    from api.cli_graph import register
    from ingest.pipeline import extract_paths

    app = typer.Typer()
    register(app, extract_paths)
    params = dict(part.split("=", 1) for part in query.split("?", 1)[1].split("&"))
    args = ["query", "followed", "--json", "--db", str(module_db)]
    for name, value in params.items():
        flag = "--" + name.replace("_", "-")
        args += [flag] if value == "true" else [flag, value]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert client.get(query).json() == json.loads(result.stdout)


def test_followed_pages_with_headers(client):
    url = "/v1/correlations/followed?cause=BROADCAST&effect=OUTAGE&within=3d"
    everything = client.get(url).json()
    first = client.get(url + "&limit=2")
    assert first.json() == everything[:2]
    assert first.headers["x-total-count"] == str(len(everything))
    link = re.fullmatch(r'<([^>]+)>; rel="next"', first.headers["link"]).group(1)
    assert client.get(link).json() == everything[2:4]


# -- pagination --------------------------------------------------------------------------------
@pytest.mark.parametrize("limit", ["0", "-1", "101", "abc"])
def test_limit_outside_the_cap_is_a_problem(client, limit):
    body = assert_problem(client.get(f"/v1/events?limit={limit}"), 422)
    assert body["errors"][0]["name"] == "limit"


def test_pages_are_stable_and_link_to_the_next(client, store):
    everything = store.list_events(limit=100_000)
    seen, url = [], "/v1/events?limit=7"
    while url:
        page = client.get(url).json()
        seen += page["items"]
        url = page["next"]
    assert [e["id"] for e in seen] == [e.id for e in everything]
    past = client.get("/v1/events?limit=5&offset=100000").json()
    assert past["items"] == [] and past["next"] is None
    assert assert_problem(client.get("/v1/events?offset=-1"), 422)["errors"]
    timeline = client.get("/v1/timeline?country=Kazakhstan&limit=2").json()
    assert timeline["next_offset"] == 2 and timeline["total"] > 2


# -- auth ---------------------------------------------------------------------------------------
def test_writes_need_the_token(client):
    article = {"text": "Telegram was blocked in Iran on 5 May 2020.", "id": "auth-check"}
    missing = client.post("/v1/documents", json=article)
    assert_problem(missing, 401)
    assert missing.headers["www-authenticate"].startswith("Bearer")
    assert_problem(client.post("/v1/documents", json=article,
                               headers={"Authorization": "Bearer wrong"}), 403)
    assert_problem(client.post("/v1/documents", json=article,
                               headers={"Authorization": f"Basic {TOKEN}"}), 401)
    assert_problem(client.delete(f"/v1/documents/{KZ_DOC}"), 401)
    assert_problem(client.delete(f"/v1/documents/{KZ_DOC}",
                                 headers={"Authorization": "Bearer nope"}), 403)
    created = client.post("/v1/documents", json=article, headers=WRITE)
    assert created.status_code == 201, created.text
    assert created.json()["documents"][0] == {**created.json()["documents"][0],
                                              "id": "auth-check", "status": "added"}
    again = client.post("/v1/documents", json=article, headers=WRITE)
    assert again.status_code == 200 and again.json()["summary"]["unchanged"] == 1
    assert client.delete("/v1/documents/auth-check", headers=WRITE).status_code == 204
    assert_problem(client.get("/v1/documents/auth-check"), 404)


def test_reads_need_the_read_token_when_set(store):
    config = Settings(api_token=TOKEN, read_token=READ_TOKEN)
    with TestClient(create_app(store, config)) as reader:
        assert_problem(reader.get("/v1/stats"), 401)
        assert_problem(reader.get("/v1/stats", headers={"Authorization": "Bearer x"}), 403)
        for token in (READ_TOKEN, TOKEN):
            assert reader.get("/v1/stats", headers={"Authorization": f"Bearer {token}"}
                              ).status_code == 200
        assert reader.get("/v1/health").status_code == 200  # health stays open
        read_only = {"Authorization": f"Bearer {READ_TOKEN}"}
        assert_problem(reader.post("/v1/documents", json=A, headers=read_only), 403)


def test_read_only_app_refuses_writes(store):
    with TestClient(create_app(store, Settings(), read_only=True)) as reader:
        assert_problem(reader.post("/v1/documents", json=A), 403)
        assert reader.get("/v1/health").json()["read_only"] is True


def test_open_writes_without_a_token(empty_client):
    app = empty_client.app
    app.state.settings = replace(app.state.settings, api_token="")
    assert empty_client.post("/v1/documents", json=A).status_code == 201


# -- limits ---------------------------------------------------------------------------------------
def test_oversized_bodies_are_refused_before_parsing(store):
    config = Settings(api_token=TOKEN, max_request_bytes=1000)
    with TestClient(create_app(store, config)) as small:
        body = json.dumps({"text": "x" * 2000}).encode()
        declared = small.post("/v1/documents", content=body,
                              headers={**WRITE, "content-type": "application/json"})
        assert assert_problem(declared, 413)["code"] == "NG413"

        def chunks():
            for _ in range(20):
                yield b"y" * 100

        streamed = small.post("/v1/documents", content=chunks(),
                              headers={**WRITE, "content-type": "text/plain"})
        assert assert_problem(streamed, 413)["code"] == "NG413"
        # refused before auth, so an unauthenticated client learns nothing more
        assert_problem(small.post("/v1/documents", content=body,
                                  headers={"content-type": "application/json"}), 413)


def test_batches_windows_and_depths_are_bounded(client):
    batch = [{"text": f"Article {i}."} for i in range(101)]
    assert assert_problem(client.post("/v1/documents", json=batch, headers=WRITE),
                          422)["code"] == "NG414"
    assert_problem(client.get("/v1/correlations/followed?cause=BROADCAST&effect=OUTAGE"
                              "&within=367d"), 422)
    assert_problem(client.get("/v1/paths?from=Ablyazov&to=YouTube&max_depth=7"), 422)
    assert_problem(client.get(f"/v1/entities/{ABLYAZOV}/neighbors?depth=4"), 422)
    assert_problem(client.get("/v1/correlations/stats?cause=A&effect=B&permutations=10001"),
                   422)


def test_raw_text_with_metadata_in_the_query(empty_client):
    text = ("Internet access was cut across Ethiopia on 30 June 2020 after the singer "
            "Hachalu Hundessa was shot dead in Addis Ababa.")
    response = empty_client.post(
        "/v1/documents?title=Ethiopia%20cut&url=https://example.org/never-fetched"
        "&published=2020-07-01&outlet=Example&id=eth-1", content=text.encode(),
        headers={**WRITE, "content-type": "text/plain; charset=utf-8"})
    assert response.status_code == 201, response.text
    document = empty_client.get("/v1/documents/eth-1").json()
    assert (document["title"], document["url"], document["published"], document["outlet"]) == (
        "Ethiopia cut", "https://example.org/never-fetched", "2020-07-01", "Example")
    html = "<html><head><title>T</title></head><body><p>" + text + "</p></body></html>"
    assert empty_client.post("/v1/documents?id=eth-html", content=html.encode(),
                             headers={**WRITE, "content-type": "text/html"}).status_code == 201
    assert_problem(empty_client.post("/v1/documents?published=yesterday-ish", content=b"x y",
                                     headers={**WRITE, "content-type": "text/plain"}), 422)


# -- the one error shape --------------------------------------------------------------------------
FAILING = [
    ("get", "/v1/nowhere", 404), ("put", "/v1/stats", 405),
    ("get", "/v1/documents/no-such-doc", 404), ("get", "/v1/entities/ent:person:nobody", 404),
    ("get", "/v1/entities/ent:person:nobody/neighbors", 404),
    ("get", f"/v1/entities/{ABLYAZOV}/neighbors?depth=0", 422),
    ("get", "/v1/entities", 422), ("get", "/v1/entities?q=", 422),
    ("get", "/v1/entities?q=a&limit=1000", 422),
    ("get", "/v1/paths?from=Ablyazov", 422), ("get", "/v1/paths?from=zzqqxx&to=YouTube", 404),
    ("get", "/v1/events?from=not-a-date", 422), ("get", "/v1/events?entity=zzqqxx", 404),
    ("get", "/v1/events/ev:outage:0000", 404),
    ("get", "/v1/timeline?to=2016-13-45", 422), ("get", "/v1/timeline?entity=zzqqxx", 404),
    ("get", "/v1/sources", 422), ("get", "/v1/sources?node=a&edge=b", 422),
    ("get", "/v1/sources?node=nothing-here", 404),
    ("get", "/v1/correlations/followed?effect=OUTAGE", 422),
    ("get", "/v1/correlations/followed?cause=A&effect=B&within=soon", 422),
    ("get", "/v1/correlations/followed?cause=A&effect=B&same_place=maybe", 422),
    ("get", "/v1/correlations/followed?cause=A&effect=B&cause_entity=zzqqxx", 404),
    ("get", "/v1/correlations/stats?cause=A&effect=B&null=normal", 422),
    ("get", "/v1/correlations/stats?cause=A&effect=B&seed=-1", 422),
    ("post", "/v1/documents", 401), ("delete", "/v1/documents/x", 401),
]
FAILING_WRITES = [
    ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 422),
    ({"json": {"title": "no text"}}, 422), ({"json": []}, 422), ({"json": [1, 2]}, 422),
    ({"content": b"%PDF-1.4", "headers": {"content-type": "application/pdf"}}, 415),
    ({"content": b"text without a type"}, 415),
    ({"content": b"   ", "headers": {"content-type": "text/plain"}}, 422),
]


@pytest.mark.parametrize(("method", "url", "status"), FAILING)
def test_every_error_has_the_problem_shape(client, method, url, status):
    assert_problem(getattr(client, method)(url), status)


@pytest.mark.parametrize(("request_kw", "status"), FAILING_WRITES)
def test_every_write_error_has_the_problem_shape(client, request_kw, status):
    kw = {**request_kw, "headers": {**request_kw.get("headers", {}), **WRITE}}
    assert_problem(client.post("/v1/documents", **kw), status)
    assert_problem(client.delete("/v1/documents/no-such-doc", headers=WRITE), 404)


def test_unexpected_errors_are_500_without_internals(store, monkeypatch):
    from ingest.errors import StoreError

    app = create_app(store, Settings())
    with TestClient(app, raise_server_exceptions=False) as failing:
        monkeypatch.setattr(store, "counts", lambda: 1 / 0)
        body = assert_problem(failing.get("/v1/stats"), 500)
        assert "ZeroDivision" not in json.dumps(body) and "Traceback" not in json.dumps(body)

        def locked():
            raise StoreError("database is locked", code="NG302")

        monkeypatch.setattr(store, "counts", locked)
        assert assert_problem(failing.get("/v1/stats"), 503)["code"] == "NG302"


def test_openapi_declares_problem_json_for_errors(client):
    schema = client.get("/openapi.json").json()
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            for status, response in operation["responses"].items():
                if status[0] in "45":
                    assert list(response["content"]) == ["application/problem+json"], (
                        path, method, status)


# -- deletes keep what others support --------------------------------------------------------------
def test_delete_removes_only_what_the_document_alone_supported(empty_client):
    created = empty_client.post("/v1/documents", json=[A, B], headers=WRITE)
    assert created.status_code == 201, created.text
    events_of_b = empty_client.get("/v1/documents/wire-b").json()["events"]
    shared = [e for e in events_of_b if e["type"] == "OUTAGE"]
    own = [e for e in events_of_b if e["type"] != "OUTAGE"]
    assert len(shared) == 1 and own, events_of_b
    assert {s["document"] for s in shared[0]["sources"]} == {"wire-a", "wire-b"}
    own_entities = {e["id"] for e in empty_client.get("/v1/documents/wire-b").json()["entities"]}
    own_entities -= {e["id"] for e in empty_client.get("/v1/documents/wire-a").json()["entities"]}
    assert own_entities  # Almaty, Nazarbayev

    assert empty_client.delete("/v1/documents/wire-b", headers=WRITE).status_code == 204
    remaining = empty_client.get(f"/v1/events/{shared[0]['id']}").json()
    assert [r["document"] for r in remaining["reports"]] == ["wire-a"]
    for event in own:
        assert_problem(empty_client.get(f"/v1/events/{event['id']}"), 404)
    for entity in own_entities:
        assert_problem(empty_client.get(f"/v1/entities/{entity}"), 404)
    assert_problem(empty_client.get("/v1/documents/wire-b"), 404)
    assert_problem(empty_client.delete("/v1/documents/wire-b", headers=WRITE), 404)


# -- concurrency --------------------------------------------------------------------------------
def test_readers_see_a_document_before_or_after_its_write(empty_client):
    """While a batch is ingested, a reader polling each document sees 404 or the whole of it."""
    batch = [{**A, "id": f"c{i}", "text": A["text"] + f" Report {i}."} for i in range(6)]
    batch += [{**B, "id": f"d{i}", "text": B["text"] + f" Report {i}."} for i in range(6)]
    seen: dict[str, set] = {item["id"]: set() for item in batch}
    missing: set[str] = set()
    done = threading.Event()

    def poll():
        while not done.is_set():
            for doc_id in seen:
                response = empty_client.get(f"/v1/documents/{doc_id}")
                if response.status_code == 200:
                    body = response.json()
                    seen[doc_id].add((len(body["entities"]), len(body["events"]),
                                      json.dumps(body["counts"], sort_keys=True)))
                else:
                    assert response.status_code == 404
                    missing.add(doc_id)

    readers = [threading.Thread(target=poll) for _ in range(2)]
    for reader in readers:
        reader.start()
    try:
        response = empty_client.post("/v1/documents", json=batch, headers=WRITE)
    finally:
        done.set()
        for reader in readers:
            reader.join()
    assert response.status_code == 201
    # the readers ran during the ingest: they saw documents before and after their write
    assert missing and any(seen.values()), (missing, seen)
    for doc_id, states in seen.items():
        final = empty_client.get(f"/v1/documents/{doc_id}").json()
        whole = (len(final["entities"]), len(final["events"]),
                 json.dumps(final["counts"], sort_keys=True))
        assert states <= {whole}, (doc_id, states, whole)


# -- docs ------------------------------------------------------------------------------------
def test_every_route_is_documented(client):
    text = (ROOT / "docs" / "api.md").read_text()
    paths = client.get("/openapi.json").json()["paths"]
    missing = [path for path in paths if path not in text]
    assert not missing, f"routes missing from docs/api.md: {missing}"
    for method_path in ("POST /v1/documents", "DELETE /v1/documents/{document_id}"):
        assert method_path in text


def test_cors_is_off_by_default_and_follows_the_setting(store):
    preflight = {"Origin": "https://newsroom.example", "Access-Control-Request-Method": "GET"}
    with TestClient(create_app(store, Settings())) as closed:
        response = closed.get("/v1/health", headers={"Origin": "https://newsroom.example"})
        assert "access-control-allow-origin" not in response.headers
    config = Settings(cors_origins="https://newsroom.example, https://other.example")
    with TestClient(create_app(store, config)) as open_:
        response = open_.options("/v1/events", headers=preflight)
        assert response.headers["access-control-allow-origin"] == "https://newsroom.example"
        refused = open_.options("/v1/events", headers={**preflight,
                                                       "Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in refused.headers


def test_an_undated_event_is_served_by_its_id(tmp_path):
    from tests.graph_fixtures import entity, event, extraction

    opened = make_store("embedded", path=tmp_path / "undated.db")
    opened.write_extraction(extraction(
        "undated", entities=[entity("e1", "Telegram", "PLATFORM")],
        events=[event("ev1", "OUTAGE", None, participants=[("e1", "affected_platform")],
                      country="Kazakhstan", sentence="Telegram went dark.")]))
    (_, ((eid, _),)) = opened.document_edges("undated")
    with TestClient(create_app(opened, Settings(api_token=TOKEN))) as client:
        body = client.get(f"/v1/events/{eid}").json()
        assert body["date"] is None and body["type"] == "OUTAGE"
        assert body["participants"][0]["name"] == "Telegram"
        assert body["reports"][0]["sentence"] == "Telegram went dark."
        listed = client.get("/v1/documents/undated").json()["events"]
        assert [e["id"] for e in listed] == [eid]
    opened.close()
