"""The readers: every input kind becomes an Article; every bad input a coded Rejection."""

from __future__ import annotations

import codecs
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.errors import InputError
from ingest.readers import read_bytes, read_paths, read_text
from ingest.records import Article, Rejection, document_id

PAGE = """<!DOCTYPE html>
<html><head><title>Flood hits Riverton | Daily Planet</title>
<meta property="article:published_time" content="2016-12-18T09:30:00Z">
<meta property="og:site_name" content="Daily Planet">
<link rel="canonical" href="https://planet.example/flood">
</head><body><nav>Home | World | Sport</nav>
<article><h1>Flood hits Riverton</h1>
<p>Heavy rain caused the river to burst its banks on Sunday, officials said.</p>
<p>The mayor declared an emergency on Monday after hundreds of homes were flooded.</p>
</article><footer>Copyright Daily Planet</footer></body></html>
"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Daily Planet</title><link>https://planet.example/</link>
<item><title>Flood hits Riverton</title><link>https://planet.example/flood</link>
<guid>https://planet.example/flood#1</guid><pubDate>Sun, 18 Dec 2016 09:30:00 GMT</pubDate>
<description>&lt;p&gt;Heavy rain &lt;b&gt;caused&lt;/b&gt; floods.&lt;/p&gt;&lt;p&gt;The mayor
declared an emergency.&lt;/p&gt;</description></item>
<item><title>Dam holds</title><link>https://planet.example/dam</link>
<description>Engineers said the dam held.</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire Service</title><id>urn:wire</id>
<updated>2016-12-19T10:00:00Z</updated>
<entry><title>Quake strikes coast</title><link href="https://wire.example/quake"/>
<id>urn:wire:quake</id><updated>2016-12-19T10:00:00Z</updated>
<content type="html">&lt;p&gt;A quake struck the coast.&lt;/p&gt;
&lt;p&gt;No deaths.&lt;/p&gt;</content>
</entry></feed>
"""


def read_all(*paths, **options) -> list[Article | Rejection]:
    return list(read_paths(paths, **options))


def read_one(path, **options) -> Article | Rejection:
    items = read_all(path, **options)
    assert len(items) == 1, items
    return items[0]


def write(directory: Path, name: str, content: str | bytes) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_bytes(content.encode("utf-8"))
    else:
        path.write_bytes(content)
    return path


def assert_rejected(item, code: str, source: Path | str, *words: str) -> None:
    assert isinstance(item, Rejection), item
    assert item.code == code, item
    assert item.source == str(source), item
    for word in words:
        assert word.lower() in item.reason.lower(), (word, item.reason)


# Plain text and Markdown


def test_text_without_header_is_the_whole_file_exactly(tmp_path):
    content = "\n\n  The river rose  on Sunday.\r\n\tOfficials said: stay home.  \n\n"
    path = write(tmp_path, "story.txt", content)
    article = read_one(path)
    assert article.text == content
    assert article.source_path == str(path)
    assert article.title is None and article.published is None
    assert article.id == document_id(content)


def test_header_block_gives_metadata_and_the_exact_body(tmp_path):
    header = (
        "Title: Flood hits Riverton\r\nURL: https://planet.example/flood\r\n"
        "Published: 18 December 2016\r\nOutlet: Daily Planet\r\n\r\n"
    )
    body = "Heavy  rain fell on Sunday.\r\n\r\n  The mayor declared an emergency.\r\n"
    path = write(tmp_path, "story.txt", header + body)
    article = read_one(path)
    assert article.text == body
    content = path.read_bytes().decode("utf-8")
    assert content[article.extra["offset"] :] == article.text
    assert article.title == "Flood hits Riverton"
    assert article.url == "https://planet.example/flood"
    assert article.outlet == "Daily Planet"
    assert article.published == "2016-12-18"


def test_header_keys_are_case_insensitive_with_date_and_source_aliases(tmp_path):
    path = write(tmp_path, "a.txt", "TITLE: A\ndate: Dec 18, 2016\nsource: Wire\n\nBody.\n")
    article = read_one(path)
    assert (article.title, article.published, article.outlet) == ("A", "2016-12-18", "Wire")
    assert article.text == "Body.\n"


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2016-12-18", "2016-12-18"),
        ("18 December 2016", "2016-12-18"),
        ("Dec 18, 2016", "2016-12-18"),
        ("2016-12-18T09:30:00Z", "2016-12-18T09:30:00+00:00"),
        ("2016-12-18 09:30", "2016-12-18T09:30:00"),
        ("18 December 2016 09:30", "2016-12-18T09:30:00"),
    ],
)
def test_published_header_is_normalized_to_iso(tmp_path, written, iso):
    article = read_one(write(tmp_path, "a.txt", f"Published: {written}\n\nBody.\n"))
    assert article.published == iso


@pytest.mark.parametrize("written", ["sometime last winter", "yesterday", "2016-13-45"])
def test_unparseable_published_keeps_the_article_with_a_warning(tmp_path, written):
    article = read_one(write(tmp_path, "a.txt", f"Published: {written}\n\nBody.\n"))
    assert isinstance(article, Article)
    assert article.published is None
    assert any("published" in w and written in w for w in article.extra["warnings"])


def test_ambiguous_numeric_date_is_read_month_first_with_a_warning(tmp_path):
    article = read_one(write(tmp_path, "a.txt", "Date: 03/04/2016\n\nBody.\n"))
    assert article.published == "2016-03-04"
    assert any("ambiguous" in w for w in article.extra["warnings"])


def test_header_without_blank_line_ends_at_the_first_other_line(tmp_path):
    article = read_one(write(tmp_path, "a.txt", "Title: A\nThe body starts here.\n"))
    assert article.title == "A"
    assert article.text == "The body starts here.\n"


def test_yaml_front_matter_in_markdown_keeps_the_raw_markdown_body(tmp_path):
    body = "# Flood hits Riverton\n\nHeavy rain *fell* on [Sunday](https://x.example).\n"
    front = (
        "---\ntitle: Flood hits Riverton\nurl: https://planet.example/flood\n"
        "date: 2016-12-18\nsource: Daily Planet\nid: planet-42\nauthor: Jo Reporter\n---\n\n"
    )
    path = write(tmp_path, "story.md", front + body)
    article = read_one(path)
    assert article.text == body
    assert path.read_text()[article.extra["offset"] :] == body
    assert article.id == "planet-42"
    assert article.published == "2016-12-18"
    assert article.outlet == "Daily Planet"
    assert article.extra["fields"] == {"author": "Jo Reporter"}


def test_nested_front_matter_values_are_ignored_with_a_warning(tmp_path):
    front = "---\ntitle: {nested: value}\ntags: [flood, river]\nplace: {town: Riverton}\n---\n"
    article = read_one(write(tmp_path, "a.md", front + "Body.\n"))
    assert article.title is None
    assert article.extra["fields"] == {"tags": ["flood", "river"]}
    assert len(article.extra["warnings"]) == 2
    assert "'title'" in article.extra["warnings"][0]


def test_invalid_yaml_front_matter_is_rejected_with_its_line(tmp_path):
    path = write(tmp_path, "bad.markdown", "---\ntitle: ok\nurl: [unclosed\n---\nBody.\n")
    assert_rejected(read_one(path), "NG104", path, "YAML", "line")


def test_markdown_horizontal_rule_is_not_front_matter(tmp_path):
    content = "---\n\nJust a rule, then text.\n\n---\n"
    article = read_one(write(tmp_path, "rule.md", content))
    assert article.text == content


def test_header_with_empty_body_is_rejected_as_empty(tmp_path):
    path = write(tmp_path, "a.txt", "Title: Nothing follows\n\n   \n")
    assert_rejected(read_one(path), "NG101", path, "empty")


# HTML


def test_html_page_gives_main_text_and_metadata(tmp_path):
    path = write(tmp_path, "page.html", PAGE)
    article = read_one(path)
    assert "burst its banks" in article.text and "emergency on Monday" in article.text
    assert "Home | World" not in article.text and "Copyright" not in article.text
    assert "\n\n" in article.text
    assert article.published == "2016-12-18"
    assert article.title.startswith("Flood hits Riverton")
    assert article.url == "https://planet.example/flood"
    assert article.outlet == "Daily Planet"


def test_truncated_html_still_gives_the_text_it_has(tmp_path):
    article = read_one(write(tmp_path, "cut.htm", PAGE[: PAGE.index("Monday")]))
    assert isinstance(article, Article)
    assert "burst its banks" in article.text


def test_truncated_html_without_text_is_rejected(tmp_path):
    path = write(tmp_path, "cut.html", "<!DOCTYPE html><html><head><title>Flood</title>")
    assert_rejected(read_one(path), "NG104", path, "truncated", "no text")


def test_html_in_a_declared_legacy_encoding_is_decoded(tmp_path):
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Café fire.</p></body></html>'
    article = read_one(write(tmp_path, "latin.html", page.encode("latin-1")))
    assert article.text == "Café fire."


# JSON Lines and JSON


def test_jsonl_one_good_and_three_bad_lines(tmp_path):
    good = {"id": "w-1", "text": "The river rose.", "title": "Flood", "published": "2016-12-18"}
    lines = [json.dumps(good), '{"text": "oops"', json.dumps({"title": "t"}), '{"text": 7}']
    path = write(tmp_path, "batch.jsonl", "\n".join(lines) + "\n")
    first, *bad = read_all(path)
    assert isinstance(first, Article)
    assert (first.id, first.text, first.published) == ("w-1", "The river rose.", "2016-12-18")
    assert first.source_path == str(path)
    assert_rejected(bad[0], "NG104", f"{path}:2", "invalid JSON", "column")
    assert_rejected(bad[1], "NG104", f"{path}:3", "missing", "text")
    assert_rejected(bad[2], "NG104", f"{path}:4", "text", "string")


def test_jsonl_checks_published_and_empty_text_per_line(tmp_path):
    lines = [
        {"text": "a", "published": "18 Dec 2016"},
        {"text": "  \n"},
        {"text": "b", "published": "2016-12-18T09:30:00+01:00"},
        {"text": "c", "title": ["not", "a", "string"]},
    ]
    path = write(tmp_path, "b.ndjson", "\n\n".join(json.dumps(line) for line in lines))
    items = read_all(path)
    assert_rejected(items[0], "NG104", f"{path}:1", "published", "ISO", "18 Dec 2016")
    assert_rejected(items[1], "NG101", f"{path}:3", "empty")
    assert items[2].published == "2016-12-18T09:30:00+01:00"
    assert_rejected(items[3], "NG104", f"{path}:7", "title", "string")


def test_jsonl_text_with_an_unpaired_surrogate_is_rejected(tmp_path):
    path = write(tmp_path, "a.jsonl", '{"text": "broken \\ud800 escape"}\n')
    assert_rejected(read_one(path), "NG103", f"{path}:1", "surrogate", "character 7")


def test_jsonl_text_keeps_exactly_what_was_given(tmp_path):
    text = "  Line one.\n\nLine two\twith tab.  "
    path = write(tmp_path, "a.jsonl", json.dumps({"text": text, "extra_field": 1}) + "\n")
    article = read_one(path)
    assert article.text == text
    assert article.extra["fields"] == {"extra_field": 1}


def test_json_file_with_a_list_rejects_bad_items_by_index(tmp_path):
    path = write(tmp_path, "a.json", json.dumps([{"text": "ok"}, {"text": ""}]))
    good, bad = read_all(path)
    assert good.text == "ok"
    assert_rejected(bad, "NG101", f"{path}[1]", "empty")


# RSS and Atom


def test_rss_entries_become_articles(tmp_path):
    path = write(tmp_path, "planet.rss", RSS)
    first, second = read_all(path)
    assert first.title == "Flood hits Riverton"
    assert first.url == "https://planet.example/flood"
    assert first.outlet == "Daily Planet"
    assert first.id == "https://planet.example/flood#1"
    assert first.published_date.isoformat() == "2016-12-18"
    assert first.text == "Heavy rain caused floods.\n\nThe mayor declared an emergency."
    assert first.source_path == str(path)
    assert second.id == document_id("Engineers said the dam held.")
    assert second.published is None


def test_atom_feed_in_an_xml_file_is_detected(tmp_path):
    article = read_one(write(tmp_path, "wire.xml", ATOM))
    assert article.title == "Quake strikes coast"
    assert article.id == "urn:wire:quake"
    assert article.url == "https://wire.example/quake"
    assert article.outlet == "Wire Service"
    assert article.published == "2016-12-19T10:00:00+00:00"
    assert article.text == "A quake struck the coast.\n\nNo deaths."


def test_xml_that_is_not_a_feed_is_unsupported(tmp_path):
    path = write(tmp_path, "data.xml", "<?xml version='1.0'?><rows><row>1</row></rows>")
    assert_rejected(read_one(path), "NG107", path, "not an RSS or Atom feed")


def test_feed_entry_without_text_is_rejected_naming_the_entry(tmp_path):
    feed = RSS.replace("<description>Engineers said the dam held.</description>", "")
    path = write(tmp_path, "planet.rss", feed)
    article, rejection = read_all(path)
    assert isinstance(article, Article)
    assert_rejected(rejection, "NG101", path, "entry 2", "Dam holds")


# Sniffing files without a known extension


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PAGE, "burst its banks"),
        (RSS, "Heavy rain caused floods."),
        ('{"text": "From JSON lines."}\n{"text": "Second."}\n', "From JSON lines."),
        ("Title: Sniffed\n\nPlain text.\n", "Plain text.\n"),
    ],
)
def test_content_is_sniffed_when_there_is_no_extension(tmp_path, content, expected):
    article = read_all(write(tmp_path, "README", content))[0]
    assert isinstance(article, Article)
    assert expected in article.text


# Bad input


def test_empty_and_whitespace_only_files_are_rejected(tmp_path):
    empty = write(tmp_path, "empty.txt", b"")
    blank = write(tmp_path, "blank.md", " \n\t\n")
    first, second = read_all(empty, blank)
    assert_rejected(first, "NG101", empty, "empty")
    assert_rejected(second, "NG101", blank, "whitespace")


def test_binary_files_are_rejected(tmp_path):
    nul = write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    controls = write(tmp_path, "controls", bytes(range(1, 9)) * 20)
    first, second = read_all(nul, controls)
    assert_rejected(first, "NG102", nul, "binary")
    assert_rejected(second, "NG102", controls, "binary", "control")


def test_wrong_encoding_names_the_byte_offset_and_iconv(tmp_path):
    path = write(tmp_path, "latin.txt", "Le café est fermé.".encode("latin-1"))
    rejection = read_one(path)
    assert_rejected(rejection, "NG103", path, "UTF-8", "byte offset 6", "iconv -f CP1252 -t UTF-8")


def test_wrong_encoding_after_a_utf8_bom_counts_the_bom_bytes(tmp_path):
    path = write(tmp_path, "bom.txt", codecs.BOM_UTF8 + b"ab\xe9")
    assert_rejected(read_one(path), "NG103", path, "invalid byte 0xe9 at byte offset 5")


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + "Café au lait.".encode(),
        "Café au lait.".encode("utf-16"),
        codecs.BOM_UTF16_BE + "Café au lait.".encode("utf-16-be"),
    ],
)
def test_utf8_and_utf16_with_bom_are_decoded(tmp_path, data):
    assert read_one(write(tmp_path, "bom.txt", data)).text == "Café au lait."


def test_article_over_the_size_limit_is_rejected(tmp_path):
    path = write(tmp_path, "big.txt", "é" * 600)
    rejection = read_one(path, max_bytes=1000)
    assert_rejected(rejection, "NG105", path, "1,200 bytes", "1,000", "NEWSGRAPH_MAX_ARTICLE_BYTES")


def test_size_limit_comes_from_the_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_MAX_ARTICLE_BYTES", "10")
    path = write(tmp_path, "a.jsonl", json.dumps({"text": "x" * 11}) + "\n")
    assert_rejected(read_one(path), "NG105", f"{path}:1", "11 bytes", "10 bytes")


def test_missing_paths_are_rejected(tmp_path):
    missing = tmp_path / "nope.txt"
    assert_rejected(read_one(missing), "NG106", missing, "no such file")


def test_unreadable_files_are_rejected(tmp_path, monkeypatch):
    path = write(tmp_path, "secret.txt", "text")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert_rejected(read_one(path), "NG106", path, "permission denied")


def test_unreadable_directories_are_rejected_and_the_rest_is_read(tmp_path, monkeypatch):
    write(tmp_path, "a.txt", "Readable.\n")
    locked = tmp_path / "locked"
    write(locked, "b.txt", "Unreachable.\n")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    article, rejection = read_all(tmp_path)
    assert article.text == "Readable.\n"
    assert_rejected(rejection, "NG106", locked, "permission denied")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads all")
def test_unreadable_file_mode_is_rejected(tmp_path):
    path = write(tmp_path, "secret.txt", "text")
    path.chmod(0)
    assert_rejected(read_one(path), "NG106", path, "permission denied")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_pipes_are_not_read(tmp_path):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    assert_rejected(read_one(tmp_path), "NG107", pipe, "not a regular file")


def test_unsupported_file_types_are_rejected(tmp_path):
    path = write(tmp_path, "report.pdf", b"%PDF-1.7\n")
    assert_rejected(read_one(path), "NG107", path, "unsupported", ".pdf")


# Ids, --published, directories


def test_same_text_gives_the_same_id_and_a_given_id_is_kept(tmp_path):
    one = read_one(write(tmp_path, "one.txt", "The river rose on Sunday.\n"))
    two = read_one(write(tmp_path, "two.md", "Title: Other\n\nThe river rose on Sunday.\n"))
    given = read_one(write(tmp_path, "three.txt", "ID: planet-7\n\nThe river rose on Sunday.\n"))
    assert one.id == two.id == read_text("The river rose on Sunday.\n").id
    assert one.id.startswith("doc-")
    assert given.id == "planet-7"


def test_published_option_fills_in_but_never_overrides(tmp_path):
    dated = write(tmp_path, "dated.txt", "Published: 2016-12-18\n\nBody.\n")
    undated = write(tmp_path, "undated.txt", "Body.\n")
    first, second = read_all(dated, undated, published="1 January 2017")
    assert first.published == "2016-12-18" and "published_filled" not in first.extra
    assert second.published == "2017-01-01" and second.extra["published_filled"] is True


def test_published_option_that_is_not_a_date_is_refused_at_once():
    with pytest.raises(InputError) as caught:
        read_paths(["whatever"], published="not a date")
    assert caught.value.code == "NG104"
    assert "not a date" in str(caught.value)


def test_directories_are_walked_recursively_in_sorted_order(tmp_path):
    for name in ["b/z.txt", "b/a.txt", "a.txt", "c.md", "b/deeper/x.txt", "z.txt"]:
        write(tmp_path, name, f"Text of {name}.\n")
    write(tmp_path, ".hidden.txt", "Hidden.\n")
    write(tmp_path, ".git/config.txt", "Hidden directory.\n")
    items = read_all(tmp_path)
    relative = [Path(item.source_path).relative_to(tmp_path).as_posix() for item in items]
    assert relative == ["a.txt", "b/a.txt", "b/deeper/x.txt", "b/z.txt", "c.md", "z.txt"]
    assert items[0].source_path == os.path.join(str(tmp_path), "a.txt")


def test_one_path_may_be_given_without_a_list(tmp_path):
    path = write(tmp_path, "a.txt", "Body.\n")
    assert [item.text for item in read_paths(str(path))] == ["Body.\n"]


# The API entry points


def test_read_text_keeps_text_and_metadata():
    article = read_text("  Exact text.\n", source="<api>", id="x-1", published="Dec 18, 2016")
    assert (article.text, article.id, article.published) == ("  Exact text.\n", "x-1", "2016-12-18")
    assert article.source_path == "<api>"


def test_read_text_refuses_empty_text():
    with pytest.raises(InputError) as caught:
        read_text("   ")
    assert caught.value.code == "NG101"


@pytest.mark.parametrize(
    ("data", "content_type", "expected"),
    [
        (b"Title: T\n\nBody.\n", "text/plain", ["Body.\n"]),
        (b"# Heading\n", "text/markdown; charset=utf-8", ["# Heading\n"]),
        ("Café.".encode("latin-1"), "text/plain; charset=ISO-8859-1", ["Café."]),
        (PAGE.encode(), "text/html", None),
        (b'{"text": "one"}', "application/json", ["one"]),
        (b'[{"text": "one"}, {"text": "two"}]', "application/json", ["one", "two"]),
        (b'{"text": "one"}\n{"text": "two"}\n', "application/x-ndjson", ["one", "two"]),
    ],
)
def test_read_bytes_by_content_type(data, content_type, expected):
    items = read_bytes(data, content_type, "<request>")
    assert all(isinstance(item, Article) for item in items), items
    if expected is not None:
        assert [item.text for item in items] == expected


def test_read_bytes_rejects_unknown_content_types_and_bad_bodies():
    [unsupported] = read_bytes(b"x", "image/png", "<request>")
    assert_rejected(unsupported, "NG107", "<request>", "image/png")
    [malformed] = read_bytes(b"{nope", "application/json", "<request>")
    assert_rejected(malformed, "NG104", "<request>", "invalid JSON")


# Robustness


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=600),
        st.text(max_size=300).map(str.encode),
        st.sampled_from(["<html><body><p>", "<?xml version='1.0'?><rss", '{"text": ']).flatmap(
            lambda start: st.binary(max_size=200).map(lambda tail: start.encode() + tail)
        ),
    ),
    extension=st.sampled_from(
        ["", ".txt", ".md", ".html", ".jsonl", ".json", ".rss", ".atom", ".xml", ".bin"]
    ),
)
def test_arbitrary_bytes_never_raise(data, extension):
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"input{extension}"
        path.write_bytes(data)
        items = list(read_paths([path]))
    assert items
    for item in items:
        assert isinstance(item, Article | Rejection)
        if isinstance(item, Rejection):
            assert item.code != "NG100", item  # NG100: a reader crashed unexpectedly
