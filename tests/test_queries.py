"""Queries: followed (windows, direction, imprecise dates, filters), timeline, neighbors,
paths, search, and the public JSON shape of followed."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.dates import parse_window, timex_interval
from graph.model import EventRecord
from graph.queries.followed import followed, followed_pairwise, sweep_pairs
from ingest.errors import NotFoundError, QueryError
from tests.graph_fixtures import (  # noqa: F401 - store is a fixture
    corpus,
    entity,
    event,
    extraction,
    reuters_broadcast_and_outage,
    store,
)

DAY0 = date(2022, 1, 1).toordinal()


def rec(eid, kind, value, *, place=None, entities=(), affiliations=(), country="Kazakhstan"):
    """An EventRecord from a TIMEX value."""
    interval = timex_interval(value)
    return EventRecord(eid, kind, interval.start.toordinal(), interval.end.toordinal(),
                       value=interval.value, granularity=interval.granularity, country=country,
                       place=place, entities=frozenset(entities),
                       affiliations=frozenset(affiliations))


def pairs_of(result):
    return [(p.cause.id, p.effect.id, p.lag_days, p.precise) for p in result]


# -- windows and direction -------------------------------------------------------------
def test_window_edges_and_direction():
    events = [
        rec("b", "BROADCAST", "2022-01-10"),
        rec("before", "OUTAGE", "2022-01-09"),     # effect before cause: never
        rec("same", "OUTAGE", "2022-01-10"),       # same day: lag 0
        rec("edge", "OUTAGE", "2022-01-13"),       # exactly 3 days: returned
        rec("late", "OUTAGE", "2022-01-14"),       # 4 days: not with 3d
    ]
    found = pairs_of(followed(events, "BROADCAST", "OUTAGE", "3d"))
    assert found == [("b", "same", 0, True), ("b", "edge", 3, True)]
    assert pairs_of(followed(events, "BROADCAST", "OUTAGE", "12h")) == [("b", "same", 0, True)]
    assert len(followed(events, "BROADCAST", "OUTAGE", "P4D")) == 3


def test_imprecise_month_dates_are_flagged_with_minimum_lag():
    events = [
        rec("b", "BROADCAST", "2022-01-30"),
        rec("month", "OUTAGE", "2022-02"),        # may start 2 days later
        rec("jan", "OUTAGE", "2022-01"),          # may start on the same day (lag 0)
        rec("march", "OUTAGE", "2022-03"),        # cannot be within 3 days
        rec("year", "PROTEST", "2021"),           # entirely before
    ]
    found = pairs_of(followed(events, "BROADCAST", "OUTAGE", "3d"))
    assert found == [("b", "jan", 0, False), ("b", "month", 2, False)]
    monthly_cause = [rec("m", "BROADCAST", "2022-01"), rec("o", "OUTAGE", "2022-01-15")]
    assert pairs_of(followed(monthly_cause, "BROADCAST", "OUTAGE", "1d")) == [
        ("m", "o", 0, False)]
    week = [rec("w", "BROADCAST", "2022-W02"), rec("o", "OUTAGE", "2022-01-18")]
    assert pairs_of(followed(week, "BROADCAST", "OUTAGE", "2d")) == [("w", "o", 2, False)]
    assert followed(list(reversed(week)), "OUTAGE", "BROADCAST", "30d") == []


def test_same_type_never_pairs_an_event_with_itself():
    events = [rec("p1", "PROTEST", "2022-01-01"), rec("p2", "PROTEST", "2022-01-02")]
    assert pairs_of(followed(events, "PROTEST", "PROTEST", "3d")) == [("p1", "p2", 1, True)]


def test_same_place_shared_entity_and_affiliation_filters():
    events = [
        rec("opp", "BROADCAST", "2022-01-04", place="almaty", entities={"ablyazov", "youtube"},
            affiliations={"opposition"}),
        rec("gov", "BROADCAST", "2022-01-10", place="astana", entities={"tokayev"},
            affiliations={"government"}),
        rec("o1", "OUTAGE", "2022-01-05", place="almaty", entities={"youtube"}),
        rec("o2", "OUTAGE", "2022-01-06", place="bishkek", entities={"telegram"},
            country="Kyrgyzstan"),
        rec("o3", "OUTAGE", "2022-01-11", place="astana", entities={"telegram"}),
    ]
    assert {(c, e) for c, e, *_ in pairs_of(followed(events, "BROADCAST", "OUTAGE", "3d"))} == {
        ("opp", "o1"), ("opp", "o2"), ("gov", "o3")}
    # --same-place means the same country: Almaty and Astana are both in Kazakhstan
    same_place = followed(events, "BROADCAST", "OUTAGE", "3d", same_place=True)
    assert {(p.cause.id, p.effect.id) for p in same_place} == {("opp", "o1"), ("gov", "o3")}
    shared = followed(events, "BROADCAST", "OUTAGE", "3d", shared_entity=True)
    assert [(p.cause.id, p.effect.id, p.shared_entities) for p in shared] == [
        ("opp", "o1", ("youtube",))]
    opposition = followed(events, "BROADCAST", "OUTAGE", "3d", cause_affiliation="opposition")
    assert "o3" not in {p.effect.id for p in opposition}  # after a government broadcast
    assert {p.cause.id for p in opposition} == {"opp"}
    by_entity = followed(events, "BROADCAST", "OUTAGE", "3d", cause_entity="tokayev")
    assert [p.effect.id for p in by_entity] == ["o3"]
    assert followed(events, "BROADCAST", "OUTAGE", "3d", country="Uzbekistan") == []


@pytest.mark.parametrize("text, expected", [
    ("3d", timedelta(days=3)), ("12h", timedelta(hours=12)), ("2w", timedelta(weeks=2)),
    ("P3D", timedelta(days=3)), ("PT12H", timedelta(hours=12)), ("P1W", timedelta(weeks=1)),
    ("P1DT12H", timedelta(days=1, hours=12)), ("0d", timedelta(0)), ("366d", timedelta(days=366)),
])
def test_parse_window(text, expected):
    assert parse_window(text) == expected


@pytest.mark.parametrize("text", ["367d", "P2Y", "soon", "-3d", "P", "PT", "60w"])
def test_parse_window_refuses_bad_or_unbounded_windows(text):
    with pytest.raises(QueryError):
        parse_window(text)


# -- the sweep equals the naive pairwise reference ---------------------------------------
def random_events(rng, n, days=120):
    values = []
    for i in range(n):
        day = date.fromordinal(DAY0 + rng.randint(0, days))
        roll = rng.random()
        value = (day.isoformat() if roll < 0.7 else day.isoformat()[:7] if roll < 0.85
                 else f"{day.isocalendar()[0]}-W{day.isocalendar()[1]:02d}" if roll < 0.95
                 else str(day.year))
        values.append(rec(f"x{i}", rng.choice(["A", "B"]), value, place=rng.choice("pqr"),
                          entities=set(rng.sample("uvwxyz", 2))))
    return values


@pytest.mark.parametrize("seed", range(8))
def test_sweep_equals_pairwise_on_random_data(seed):
    rng = random.Random(seed)
    events = random_events(rng, 150)
    causes = [e for e in events if e.type == "A"]
    effects = [e for e in events if e.type == "B"]
    for window in (0, 1, 3, 10, 40):
        for flags in ({}, {"same_place": True}, {"shared_entity": True}):
            fast = sweep_pairs(causes, effects, window, **flags)
            slow = followed_pairwise(causes, effects, window, **flags)
            assert pairs_of(fast) == pairs_of(slow)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["A", "B"]), st.integers(0, 40),
                          st.sampled_from(["day", "day", "month", "week"])), max_size=30),
       st.integers(0, 15))
def test_sweep_equals_pairwise_property(specs, window):
    events = []
    for i, (kind, offset, granularity) in enumerate(specs):
        day = date.fromordinal(DAY0 + offset)
        value = {"day": day.isoformat(), "month": day.isoformat()[:7],
                 "week": f"{day.isocalendar()[0]}-W{day.isocalendar()[1]:02d}"}[granularity]
        events.append(rec(f"e{i}", kind, value))
    causes = [e for e in events if e.type == "A"]
    effects = [e for e in events if e.type == "B"]
    assert pairs_of(sweep_pairs(causes, effects, window)) == pairs_of(
        followed_pairwise(causes, effects, window))
    for pair in sweep_pairs(causes, effects, window):
        assert 0 <= pair.lag_days <= window
        assert pair.effect.end >= pair.cause.start  # never entirely before the cause


# -- through the store ---------------------------------------------------------------
def test_followed_through_the_store_and_its_json_shape(store):  # noqa: F811
    for item in corpus():
        store.write_extraction(item)
    pairs = store.followed("BROADCAST", "OUTAGE", "3d", cause_affiliation="opposition")
    assert [(p.cause.value, p.effect.value, p.lag_days) for p in pairs] == [
        ("2022-01-04", "2022-01-05", 1)]
    shaped = json.loads(json.dumps([p.as_json() for p in pairs]))
    (row,) = shaped
    assert set(row) >= {"cause", "effect", "lag_days", "shared_entities", "precise"}
    for side in ("cause", "effect"):
        assert set(row[side]) >= {"id", "type", "date", "country", "place", "participants",
                                  "sources"}
        assert set(row[side]["date"]) >= {"value", "granularity"}
        for participant in row[side]["participants"]:
            assert set(participant) >= {"name", "type", "role", "affiliation"}
        for source in row[side]["sources"]:
            assert set(source) >= {"document", "url", "published", "sentence"}
    assert row["shared_entities"] == ["YouTube"]
    assert row["effect"]["place"] == "Almaty"
    assert len(row["effect"]["sources"]) == 2  # Reuters and AP report the outage
    assert row["precise"] is True
    government = store.followed("BROADCAST", "OUTAGE", "3d", cause_affiliation="government")
    assert [(p.cause.value, p.effect.value) for p in government] == [("2022-01-10",
                                                                      "2022-01-11")]
    # every event of this corpus is in Kazakhstan: the same-country filter keeps them all
    same_country = store.followed("BROADCAST", "OUTAGE", "3d", same_place=True)
    assert [(p.cause.id, p.effect.id) for p in same_country] == [
        (p.cause.id, p.effect.id) for p in store.followed("BROADCAST", "OUTAGE", "3d")]
    assert len(store.followed("BROADCAST", "OUTAGE", "3d", shared_entity=True)) == 1


def test_timeline_and_list_events(store):  # noqa: F811
    for item in corpus():
        store.write_extraction(item)
    mukhtar = store.resolve_entity("Mukhtar Ablyazov")
    line = store.timeline(entity=mukhtar.id)
    # a month-granular event sorts on the first day of its month
    assert [(e.type, e.value) for e in line] == [("PROTEST", "2022-01"),
                                                 ("BROADCAST", "2022-01-04")]
    assert all(e.sources for e in line)
    everything = store.timeline(country="kazakhstan")
    assert [e.start for e in everything] == sorted(e.start for e in everything)
    assert [e.type for e in store.timeline(type="OUTAGE", start="2022-01-06")] == ["OUTAGE"]
    assert len(store.list_events(limit=2)) == 2
    assert store.list_events(type="OUTAGE", offset=5) == []
    with pytest.raises(NotFoundError):
        store.timeline(entity="ent:person:nobody")


def test_neighbors_and_paths(store):  # noqa: F811
    for item in corpus():
        store.write_extraction(item)
    mukhtar = store.resolve_entity("Mukhtar Ablyazov")
    kazakhtelecom = store.resolve_entity("Kazakhtelecom")
    madina = store.resolve_entity("Madina Ablyazova")
    near = store.neighbors(mukhtar.id, depth=1)
    names = {n["entity"]["name"] for n in near}
    assert {"YouTube", "Madina Ablyazova", "Kazakhtelecom"} <= names
    assert all(n["depth"] == 1 for n in near)
    youtube = store.resolve_entity("YouTube")
    (path,) = store.paths(madina.id, youtube.id, max_depth=3)[:1]
    assert path[0]["from"]["id"] == madina.id and path[-1]["to"]["id"] == youtube.id
    assert all(hop["via"] and hop["via"][0]["sources"] for hop in path)
    direct = store.paths(kazakhtelecom.id, youtube.id, max_depth=1)
    assert direct and direct[0][0]["via"]
    assert any(v["kind"] == "event" for v in direct[0][0]["via"])
    with pytest.raises(QueryError):
        store.paths(mukhtar.id, youtube.id, max_depth=7)
    with pytest.raises(QueryError):
        store.neighbors(mukhtar.id, depth=4)
    with pytest.raises(NotFoundError):
        store.neighbors("ent:person:nobody")


def test_paths_respects_max_depth(store):  # noqa: F811
    chain = []
    for i in range(4):  # a chain p0 - p1 - p2 - p3 - p4, one document per link
        chain.append(extraction(f"chain-{i}", entities=[
            entity("e1", f"Person{i} Chainlink{i}", "PERSON"),
            entity("e2", f"Person{i + 1} Chainlink{i + 1}", "PERSON")]))
    for item in chain:
        store.write_extraction(item)
    first = store.resolve_entity("Person0 Chainlink0")
    last = store.resolve_entity("Person4 Chainlink4")
    assert store.paths(first.id, last.id, max_depth=3) == []
    (path,) = store.paths(first.id, last.id, max_depth=4)
    assert len(path) == 4
    assert [hop["via"][0]["id"] for hop in path] == [f"chain-{i}" for i in range(4)]


def test_search_exact_prefix_fuzzy(store):  # noqa: F811
    for item in corpus():
        store.write_extraction(item)
    exact = store.search_entities("mukhtar ablyazov")
    assert exact[0][1].match == "exact" and exact[0][0].name == "Mukhtar Ablyazov"
    prefix = store.search_entities("Kazakht")
    assert prefix[0][0].name == "Kazakhtelecom" and prefix[0][1].match == "prefix"
    fuzzy = store.search_entities("Tokaev")
    assert fuzzy and fuzzy[0][0].name == "Kassym-Jomart Tokayev"
    surname = store.search_entities("Ablyazov")  # a whole word beats Madina's prefix
    assert surname[0][1].match == "words" and surname[0][0].name == "Mukhtar Ablyazov"
    by_alias = store.search_entities("Ablyasov")
    assert by_alias[0][0].name == "Mukhtar Ablyazov"
    assert store.search_entities("Almaty", type="PERSON") == [] or all(
        h[0].type == "PERSON" for h in store.search_entities("Almaty", type="PERSON"))
    assert store.search_entities("zzzzqqq") == []


def test_imprecise_event_through_the_store(store):  # noqa: F811
    store.write_extraction(reuters_broadcast_and_outage())
    store.write_extraction(extraction("monthly", events=[event("ev1", "OUTAGE", "2022-01",
                                                               country="Kyrgyzstan")]))
    pairs = store.followed("BROADCAST", "OUTAGE", "2d")
    imprecise = [p for p in pairs if not p.precise]
    assert imprecise and imprecise[0].effect.granularity == "month"
    assert imprecise[0].as_json()["precise"] is False


# -- the command line (register() with a stub extract_paths) ---------------------------
def cli_app(items):
    """A typer app with the graph commands, fed ``items`` instead of real extraction."""
    import typer

    from api.cli_graph import register
    from ingest.records import Rejection

    seen = {}

    def stub_extract_paths(paths, *, published=None, jobs=1):
        seen.update(paths=paths, published=published, jobs=jobs)
        for item in items:
            yield Rejection(**item) if "reason" in item else item

    app = typer.Typer()

    @app.callback()
    def _root():
        """test app"""

    register(app, stub_extract_paths)
    return app, seen


def invoke(app, *args):
    from typer.testing import CliRunner

    return CliRunner().invoke(app, [str(a) for a in args])


def test_cli_ingest_summary_rejections_and_exit_codes(tmp_path):
    db = tmp_path / "cli.db"
    rejected = {"source": "bad.bin", "reason": "binary file", "code": "NG101"}
    app, seen = cli_app(corpus() + [rejected])
    first = invoke(app, "ingest", "corpus/", "--db", db, "--jobs", "2", "--json")
    assert first.exit_code == 1  # something was rejected
    summary = json.loads(first.stdout)
    assert summary["documents"] == {"added": 4, "unchanged": 0, "replaced": 0}
    assert summary["rejected"][0]["source"] == "bad.bin"
    assert seen == {"paths": ["corpus"], "published": None, "jobs": 2}
    app, _ = cli_app(corpus())
    again = invoke(app, "ingest", "corpus/", "--db", db)
    assert again.exit_code == 0, again.output
    assert "documents" in again.stdout
    app, _ = cli_app([])
    assert invoke(app, "ingest", "x", "--db", db, "--published", "someday").exit_code == 2


def test_cli_queries(tmp_path):
    db = tmp_path / "cli.db"
    app, _ = cli_app(corpus())
    assert invoke(app, "ingest", "corpus", "--db", db).exit_code == 0
    followed_json = invoke(app, "query", "followed", "--cause", "BROADCAST",
                           "--cause-affiliation", "opposition", "--effect", "OUTAGE",
                           "--within", "3d", "--json", "--db", db)
    assert followed_json.exit_code == 0, followed_json.output
    (pair,) = json.loads(followed_json.stdout)
    assert pair["lag_days"] == 1 and pair["cause"]["participants"]
    table = invoke(app, "query", "followed", "--cause", "BROADCAST", "--effect", "OUTAGE",
                   "--within", "3d", "--db", db)
    assert table.exit_code == 0 and "Reuters" in table.stdout
    assert invoke(app, "query", "followed", "--cause", "BROADCAST", "--effect", "OUTAGE",
                  "--within", "3d", "--same-place", "--shared-entity", "--country",
                  "Kazakhstan", "--db", db).exit_code == 0
    stats = invoke(app, "query", "stats", "--cause", "BROADCAST", "--effect", "OUTAGE",
                   "--within", "3d", "--permutations", "50", "--seed", "3", "--json", "--db", db)
    assert stats.exit_code == 0 and json.loads(stats.stdout)["permutations"] == 50
    assert "chance" in invoke(app, "query", "stats", "--cause", "BROADCAST", "--effect",
                              "OUTAGE", "--db", db).stdout
    line = invoke(app, "timeline", "--entity", "Mukhtar Ablyazov", "--json", "--db", db)
    assert [e["type"] for e in json.loads(line.stdout)] == ["PROTEST", "BROADCAST"]
    assert "BROADCAST" in invoke(app, "timeline", "--country", "Kazakhstan", "--db", db).stdout
    path = invoke(app, "path", "Madina Ablyazova", "Kazakhtelecom", "--json", "--db", db)
    assert path.exit_code == 0 and json.loads(path.stdout)
    assert "→" in invoke(app, "path", "Madina Ablyazova", "Kazakhtelecom", "--db", db).stdout
    near = invoke(app, "neighbors", "Ablyazov", "--json", "--db", db)
    assert near.exit_code == 0 and json.loads(near.stdout)["neighbors"]
    assert "YouTube" in invoke(app, "neighbors", "Mukhtar Ablyazov", "--db", db).stdout
    found = json.loads(invoke(app, "search", "Ablyasov", "--json", "--db", db).stdout)
    assert found[0]["name"] == "Mukhtar Ablyazov"
    assert "Kazakhtelecom" in invoke(app, "search", "kazakht", "--db", db).stdout
    event_id = pair["effect"]["id"]
    sources = json.loads(invoke(app, "sources", event_id, "--json", "--db", db).stdout)
    assert {s["document"] for s in sources} == {"reuters-2022-01-05", "ap-2022-01-06"}
    assert "NetBlocks" in invoke(app, "sources", event_id, "--db", db).stdout
    counts = json.loads(invoke(app, "stats", "--json", "--db", db).stdout)
    assert counts["documents"] == 4
    assert "documents" in invoke(app, "stats", "--db", db).stdout


def test_cli_errors_exit_2_with_a_message(tmp_path):
    db = tmp_path / "cli.db"
    app, _ = cli_app(corpus())
    invoke(app, "ingest", "corpus", "--db", db)
    bad_window = invoke(app, "query", "followed", "--cause", "BROADCAST", "--effect", "OUTAGE",
                        "--within", "400d", "--db", db)
    assert bad_window.exit_code == 2 and "NG402" in bad_window.output
    missing = invoke(app, "sources", "ev:none", "--db", db)
    assert missing.exit_code == 2 and "NG304" in missing.output
    assert invoke(app, "neighbors", "qqqqzzzz", "--db", db).exit_code == 2


@pytest.mark.parametrize("value, granularity, first, last", [
    ("2022-01-05", "day", "2022-01-05", "2022-01-05"),
    ("2022-01-05T14:30", "day", "2022-01-05", "2022-01-05"),
    ("2022-01-05TNI", "day", "2022-01-05", "2022-01-05"),
    ("2022-02", "month", "2022-02-01", "2022-02-28"),
    ("2024-02", "month", "2024-02-01", "2024-02-29"),
    ("2022-W01", "week", "2022-01-03", "2022-01-09"),
    ("2022-Q4", "quarter", "2022-10-01", "2022-12-31"),
    ("2022", "year", "2022-01-01", "2022-12-31"),
])
def test_timex_intervals(value, granularity, first, last):
    interval = timex_interval(value)
    assert (interval.granularity, interval.start.isoformat(), interval.end.isoformat()) == (
        granularity, first, last)


@pytest.mark.parametrize("value", [None, "", "PRESENT_REF", "XXXX-12-25", "2022-02-30",
                                   "2022-13", "2022-W60"])
def test_timex_without_a_calendar_anchor(value):
    assert timex_interval(value) is None


def test_time_values_count_as_their_day_in_followed():
    events = [rec("b", "BROADCAST", "2022-01-05T23:00"), rec("o", "OUTAGE", "2022-01-05T01:00")]
    assert pairs_of(followed(events, "BROADCAST", "OUTAGE", "1d")) == [("b", "o", 0, True)]


@pytest.mark.parametrize("window", ["1000000000", "1000000000d", "P999999999999D", 10**12])
def test_absurd_windows_are_refused_not_crashed(window):
    """Found by schemathesis: a huge window overflowed timedelta before the bound check."""
    from graph.dates import parse_window
    from ingest.errors import QueryError

    with pytest.raises(QueryError) as info:
        parse_window(window)
    assert info.value.code == "NG402"
