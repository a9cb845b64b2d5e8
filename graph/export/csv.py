"""CSV for spreadsheets and Gephi: ``nodes.csv`` and ``edges.csv``, zipped or in a folder.

The headers follow Gephi's spreadsheet import (``Id``, ``Label`` for nodes; ``Source``,
``Target``, ``Type``, ``Id``, ``Label`` for edges), followed by newsgraph's own columns.
Rows are in id order and the zip entries carry a fixed timestamp, so the same store
gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from graph.export.graphml import edge_rows, node_rows
from graph.export.rdf import Iris, Snapshot

NODE_COLUMNS = ["Id", "Label", "kind", "type", "date", "start", "end", "granularity",
                "country", "confidence", "sources", "affiliation", "wikidata", "geonames_id",
                "iso", "url", "outlet", "published", "claimant", "stance", "review", "iri"]
EDGE_COLUMNS = ["Source", "Target", "Type", "Id", "Label", "kind", "role", "sources"]
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def nodes_csv(snap: Snapshot, iris: Iris) -> str:
    """``nodes.csv``: one row per node, with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(NODE_COLUMNS)
    for node, attrs in node_rows(snap, iris):
        row = {"Id": node, "Label": attrs.get("label"), **attrs}
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in NODE_COLUMNS])
    return buffer.getvalue()


def edges_csv(snap: Snapshot) -> str:
    """``edges.csv``: one row per edge, with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(EDGE_COLUMNS)
    for eid, src, dst, attrs in edge_rows(snap):
        row = {"Source": src, "Target": dst, "Type": "Directed", "Id": eid,
               "Label": attrs["label"], **attrs}
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in EDGE_COLUMNS])
    return buffer.getvalue()


def csv_zip(snap: Snapshot, iris: Iris) -> bytes:
    """Both files in one zip archive (entries dated 1980-01-01, for equal bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in (("nodes.csv", nodes_csv(snap, iris)), ("edges.csv", edges_csv(snap))):
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def write_csv_folder(snap: Snapshot, iris: Iris, folder: Path) -> list[Path]:
    """Write ``nodes.csv`` and ``edges.csv`` into ``folder`` (created if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in (("nodes.csv", nodes_csv(snap, iris)), ("edges.csv", edges_csv(snap))):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
