"""``newsgraph claims``: a fact-checker's round trip in the terminal, on a real store of the
seed article (real spaCy, real SQLite)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from api.cli import app

SEED_DOC = "doc-d465a2e18e5b181d"


@pytest.fixture
def db(tmp_path, seed_record):
    from graph.stores import make_store

    path = str(tmp_path / "claims.db")
    with make_store("embedded", path=path) as store:
        store.write_extraction(seed_record)
    return path


def run(*args):
    result = CliRunner().invoke(app, ["claims", *args])
    return result


def test_a_fact_checkers_round_trip(db):
    quoted = json.loads(run("list", "--document", SEED_DOC, "--json", "--db", db).stdout)
    ministry = next(c for c in quoted if c["claimant"]["name"] == "Ministry of Information"
                    and "technical reasons" in c["text"])
    outage = next(a["id"] for a in ministry["about"] if a["id"].startswith("ev:outage"))
    added = run("add", "The sites were down for technical reasons.", "--claimant",
                "Ministry of Information", "--claimant-entity", "Ministry of Information",
                "--when", "2016-12-17", "--where", "https://gov.example/statement",
                "--checker-url", "https://check.example/kz", "--about", outage, "--json",
                "--db", db)
    assert added.exit_code == 0, added.output
    claim = json.loads(added.stdout)
    assert claim["created"] and claim["about"][0]["id"] == outage
    again = run("add", "The sites were down for technical reasons.", "--claimant",
                "Ministry of Information", "--when", "2016-12-17", "--where",
                "https://gov.example/statement", "--db", db)
    assert again.exit_code == 0 and f"already stored: {claim['id']}" in again.stdout
    linked = run("evidence", claim["id"], outage, "--relation", "refutes", "--note",
                 "It began with the livestream.", "--json", "--db", db)
    assert json.loads(linked.stdout)["evidence"][0]["relation"] == "refutes"
    reviewed = run("review", claim["id"], "--rating", "Misleading", "--rating-value", "2",
                   "--best-rating", "5", "--worst-rating", "1", "--author", "Desk", "--db", db)
    assert reviewed.exit_code == 0 and "verdict Misleading" in reviewed.stdout
    markup = json.loads(run("show", claim["id"], "--claimreview", "--db", db).stdout)
    assert markup["@type"] == "ClaimReview" and markup["reviewRating"]["ratingValue"] == 2
    listed = json.loads(run("list", "--origin", "checker", "--json", "--db", db).stdout)
    assert [(c["id"], c["review"]["rating"]) for c in listed] == [(claim["id"], "Misleading")]
    table = run("list", "--origin", "checker", "--db", db)
    assert table.exit_code == 0 and "checker" in table.stdout
    assert run("delete", claim["id"], "--db", db).exit_code == 0
    gone = run("show", claim["id"], "--db", db)
    assert gone.exit_code == 2 and "NG304" in gone.output


@pytest.mark.parametrize(("args", "code"), [
    (["add", "x", "--when", "last week"], "NG444"),
    (["add", "x", "--checker-url", "check.example"], "NG443"),
    (["add", "x", "--about", "ev:outage:nothing"], "NG304"),
    (["review", "claim:nope", "--rating", "False"], "NG304"),
])
def test_bad_input_is_one_line_with_its_code_and_nothing_is_written(db, args, code):
    result = run(*args, "--db", db)
    assert result.exit_code == 2 and code in result.output
    assert "Traceback" not in result.output
    assert json.loads(run("list", "--origin", "checker", "--json", "--db", db).stdout) == []
