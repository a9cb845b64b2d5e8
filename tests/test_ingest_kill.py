"""A process killed with SIGKILL mid-ingest loses at most the article it was writing.

A small script ingests ~200 synthetic extractions from a JSONL file into the embedded
store. It is killed mid-run (from outside, and, to hit the inside of a transaction
for sure, by itself in the middle of an article's SQL); a rerun then completes, and
the graph must equal that of an uninterrupted run, with no document half-written.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from graph.stores import make_store
from tests.graph_fixtures import synthetic_extractions

ROOT = Path(__file__).resolve().parents[1]
N_DOCUMENTS = 200

INGEST_SCRIPT = textwrap.dedent("""
    import json, os, signal, sys, time
    from graph.stores import make_store

    source, db = sys.argv[1], sys.argv[2]
    delay = float(os.environ.get("INGEST_DELAY", "0"))
    kill_after = int(os.environ.get("KILL_INSIDE_ARTICLE", "-1"))
    store = make_store("embedded", path=db)
    with open(source, encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            if n == kill_after:
                inserts = []
                def die_mid_article(statement):
                    if statement.lstrip().upper().startswith("INSERT"):
                        inserts.append(statement)
                        if len(inserts) == 6:
                            os.kill(os.getpid(), signal.SIGKILL)
                store._conn.set_trace_callback(die_mid_article)
            result = store.write_extraction(json.loads(line))
            print(n, result.status, flush=True)
            time.sleep(delay)
    store.close()
""")


@pytest.fixture()
def corpus_file(tmp_path):
    path = tmp_path / "extractions.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for item in synthetic_extractions(N_DOCUMENTS, seed=42):
            out.write(json.dumps(item) + "\n")
    script = tmp_path / "ingest_jsonl.py"
    script.write_text(INGEST_SCRIPT, encoding="utf-8")
    return path, script


def run_ingest(script, source, db, **env):
    return subprocess.Popen(
        [sys.executable, str(script), str(source), str(db)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
    )


def support_by_document(db):
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT document_id, target_id, sentence, start, end, report "
                        "FROM support ORDER BY 1, 2, 4").fetchall()
    conn.close()
    grouped = {}
    for row in rows:
        grouped.setdefault(row[0], []).append(row[1:])
    return grouped


def assert_no_half_documents(killed_db, reference_db):
    """Every document present after the kill has exactly the facts it has in a full run."""
    killed, reference = support_by_document(killed_db), support_by_document(reference_db)
    assert 0 < len(killed) < N_DOCUMENTS
    for document, rows in killed.items():
        assert rows == reference[document], f"{document} is half-written"
    conn = sqlite3.connect(killed_db)
    reports = dict(conn.execute("SELECT src, COUNT(*) FROM edges WHERE kind = 'REPORTS' "
                                "GROUP BY src"))
    conn.close()
    expected = {f"syn-{i:04d}": len(item["events"])
                for i, item in enumerate(synthetic_extractions(N_DOCUMENTS, seed=42))}
    for document in killed:
        # distinct events of the document; two of its reports may merge into one event
        assert 1 <= reports[document] <= expected[document]


def finished_dump(db):
    with make_store("embedded", path=db) as store:
        return store.counts(), store.dump()


@pytest.fixture()
def reference(tmp_path, corpus_file):
    source, script = corpus_file
    db = tmp_path / "reference.db"
    process = run_ingest(script, source, db)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert out.count("added") == N_DOCUMENTS
    return db


def test_sigkill_from_outside_then_rerun_equals_uninterrupted(tmp_path, corpus_file, reference):
    source, script = corpus_file
    db = tmp_path / "killed.db"
    process = run_ingest(script, source, db, INGEST_DELAY="0.01")
    seen = 0
    for _line in process.stdout:
        seen += 1
        if seen == 40:
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    process.stdout.close()
    process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    assert_no_half_documents(db, reference)
    rerun = run_ingest(script, source, db)
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    assert "unchanged" in out and "added" in out
    assert finished_dump(db) == finished_dump(reference)


def test_sigkill_inside_an_article_loses_only_that_article(tmp_path, corpus_file, reference):
    source, script = corpus_file
    db = tmp_path / "killed-inside.db"
    process = run_ingest(script, source, db, KILL_INSIDE_ARTICLE="57")
    out, _ = process.communicate(timeout=120)
    assert process.returncode == -signal.SIGKILL
    assert out.strip().splitlines()[-1].startswith("56 ")
    present = support_by_document(db)
    assert "syn-0056" in present and "syn-0057" not in present
    assert_no_half_documents(db, reference)
    rerun = run_ingest(script, source, db)
    _, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    assert finished_dump(db) == finished_dump(reference)
