"""The newsroom web UI end to end: a real headless Chromium (Debian's ``/usr/bin/chromium``
driven by Playwright) against a real ``newsgraph serve`` over a store filled from
``samples/`` by ``newsgraph ingest`` (once for this module).

A reporter's path: search "Ablyazov", open his page, see the 16 December 2016 broadcast
on his timeline and the sentences behind a link of his network; ask the example
question from the form and see the Kazakhstan outage with its source; check a claim;
download the Turtle export and the export of one view. The browser may only talk to
the loopback server: any other request fails the test (no CDN, no web fonts). The
screenshots in ``docs/img/`` are made here.

Without /usr/bin/chromium, Playwright or the built UI (``make ui``) the module skips
with a message, and fails when ``CI`` is set.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from benchmarks.ui import CHROMIUM, TRANSFER_JS, ingest_samples, launch, serving
from tests.conftest import ROOT

DIST = ROOT / "api" / "web" / "ui" / "dist"
IMG = ROOT / "docs" / "img"
CLAIM = "Facebook and YouTube were blocked in Kazakhstan on 16 December 2016"
SOURCE = "https://samples.newsgraph.example/kazakhstan-2016-independence-day-block"
TIMEOUT_MS = 20_000

pytestmark = pytest.mark.timeout(300)


def need(ok: bool, message: str) -> None:
    if ok:
        return
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> str:
    need(Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: install Debian's chromium "
         "(make test does, as root) to run the web UI in a real browser")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        need(False, "the playwright package is missing: pip install -e '.[dev]'")
    need((DIST / "index.html").exists(), f"{DIST} is missing: run 'make ui' to build the UI")
    tmp = tmp_path_factory.mktemp("ui")
    db = tmp / "ui.db"
    ingest_samples(db)
    with serving(db, tmp / "serve.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser(base):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, base):
    """A fresh page; it fails the test on a script error or a request off loopback."""
    context = browser.new_context(viewport={"width": 1366, "height": 900},
                                  accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    outside: list[str] = []
    loopback = urlsplit(base).netloc

    def only_loopback(route):
        url = route.request.url
        if urlsplit(url).scheme in ("http", "https", "ws", "wss") and \
                urlsplit(url).netloc != loopback:
            outside.append(url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", only_loopback)
    tab = context.new_page()
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert not errors, f"script errors in the page: {errors}"
    assert not outside, f"the UI asked for something off this server: {outside}"


def test_search_entity_page_timeline_and_network(page, base):
    from playwright.sync_api import expect

    page.goto(base)
    page.wait_for_selector("text=This graph holds")
    search = page.get_by_label("Search people, governments, platforms, places")
    search.fill("Ablyazov")
    search.press("Enter")  # Enter submits
    hit = page.get_by_role("link", name="Mukhtar Ablyazov")
    hit.wait_for()
    assert page.locator(".results .badge").first.inner_text().lower() == "person"
    hit.focus()
    page.keyboard.press("Enter")  # the keyboard opens the entity page
    expect(page.locator("main h1")).to_contain_text("Mukhtar Ablyazov")
    assert page.url.endswith("#/entity/ent%3Aperson%3Amukhtar-ablyazov")
    facts = page.locator("dl.facts").inner_text()
    assert "opposition" in facts and "politician" in facts
    broadcast = page.locator("ol.events > li", has_text="16 December 2016")
    assert "broadcast" in broadcast.inner_text().lower()
    assert "YouTube livestream" in broadcast.inner_text()
    assert page.locator("svg.timeline circle").count() >= 2
    page.wait_for_selector("#ego-graph[data-ready] canvas")
    documents = page.locator("section[aria-labelledby=h-docs]")
    assert documents.locator(f"a[href='{SOURCE}']").count() == 1
    IMG.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(IMG / "entity.png"), full_page=True)

    # the sentences behind a link of the network (the table is the graph for the keyboard)
    page.get_by_text("Linked entities").click()
    page.get_by_role("button", name="Sources linking Mukhtar Ablyazov and YouTube").click()
    panel = page.locator(".edge-panel")
    panel.locator("h4", has_text="BROADCAST").wait_for()
    assert "livestream" in panel.inner_text()

    # a click on a node of the graph opens that entity
    position = page.evaluate("""() => {
        const cy = document.getElementById('ego-graph').cy;
        const node = cy.getElementById('ent:platform:youtube');
        const box = document.getElementById('ego-graph').getBoundingClientRect();
        const p = node.renderedPosition();
        return {x: box.left + p.x, y: box.top + p.y};
    }""")
    page.mouse.click(position["x"], position["y"])
    expect(page.locator("main h1")).to_contain_text("YouTube")
    assert "Wikidata Q866" in page.locator("dl.facts").inner_text()


def test_event_page_reports_and_claims(page, base):
    page.goto(base + "#/event/ev%3Aoutage%3Ac57436347c8aa8bb")
    page.wait_for_selector("section[aria-labelledby=h-claims] .claims")
    assert "16 December 2016" in page.locator("main h1").inner_text()
    assert "precise to the day" in page.locator("dl.facts").inner_text()
    report = page.locator("ol.reports > li").first
    assert report.get_by_role("link", name=re.compile("Social networks go dark")) \
        .get_attribute("href") == SOURCE
    assert "blocked nationwide on 16 December" in report.inner_text()
    claims = page.locator(".claims").all_inner_texts()
    assert any("Ministry of Information" in c and "technical problems" in c for c in claims)
    # the Ministry's explanation and the activists' side by side (GET v1/claims?about=)
    contested = page.locator("ul.contested").first
    assert contested.locator("li.claim").count() == 2
    sides = contested.inner_text()
    assert "Ministry of Information" in sides and "activists" in sides
    # what else the reporting article says
    report.get_by_role("link", name="what else it reports").click()
    page.locator("section[aria-labelledby=h-doc-entities]", has_text="Mukhtar Ablyazov") \
        .wait_for()
    assert "Social networks go dark" in page.locator("main h1").inner_text()


def _post(url: str, body: dict) -> dict:
    request = urllib.request.Request(url, data=json.dumps(body).encode("utf-8"),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


def test_event_page_shows_a_fact_check_with_its_verdict(page, base):
    outage = "ev:outage:c57436347c8aa8bb"
    claim = _post(base + "v1/claims", {
        "text": "The sites were down for technical reasons only.",
        "claimant": "Ministry of Information", "when": "2016-12-17",
        "checker_url": "https://check.example/kz", "about": [outage],
        "review": {"rating": "Misleading", "author": "Steppe Fact Check"}})
    _post(base + f"v1/claims/{claim['id']}/evidence",
          {"target": outage, "relation": "refutes", "note": "It began with the livestream."})
    page.goto(base + "#/event/ev%3Aoutage%3Ac57436347c8aa8bb")
    check = page.locator("li.fact-check").first
    check.wait_for()
    assert check.locator(".badge.rating").inner_text().casefold() == "misleading"
    text = check.inner_text()
    assert "technical reasons only" in text and "refutes it" in text
    assert check.get_by_role("link", name="the fact-check").get_attribute("href") \
        == "https://check.example/kz"


def test_claims_page_lists_quotes_and_fact_checks(page, base):
    _post(base + "v1/claims", {"text": "Access came back the same evening.",
                               "claimant": "a provider", "where": "a press release",
                               "review": {"rating": "Unproven"}})
    page.goto(base + "#/claims?origin=checker")
    first = page.locator("#claims-results li.claim").first
    first.wait_for()
    assert "Access came back the same evening." in page.locator("#claims-results").inner_text()
    assert page.locator("#claims-results .badge.rating", has_text="Unproven").count() == 1
    page.get_by_label("Show").select_option("extracted")
    page.wait_for_url("**/#/claims?origin=extracted")
    quoted = page.locator("#claims-results li.claim").first
    quoted.wait_for()
    assert quoted.get_by_role("link", name="the article").count() == 1
    assert page.locator("nav a[aria-current=page]").inner_text() == "Claims"


def test_event_page_marks_the_trigger_in_each_report(page, base):
    page.goto(base + "#/event/ev%3Aoutage%3Ac57436347c8aa8bb")
    sentence = page.locator("ol.reports > li blockquote.evidence").first
    sentence.wait_for()
    marks = sentence.locator("mark")
    assert marks.count() == 1  # the trigger where it stands, not every word like it
    assert marks.first.inner_text() == "blocked"
    assert "Google were all blocked nationwide" in sentence.inner_text()
    # built as text: the sentence is a text node, the mark, a text node
    assert page.evaluate("""() => [...document.querySelector(
        'ol.reports > li blockquote.evidence').childNodes].map((n) => n.nodeName)""") \
        == ["#text", "MARK", "#text"]


def test_graph_by_keyboard(page, base):
    from playwright.sync_api import expect

    page.goto(base + "#/entity/ent%3Aperson%3Amukhtar-ablyazov")
    graph = page.locator("#ego-graph[data-ready]")
    graph.wait_for()
    assert graph.get_attribute("tabindex") == "0"
    assert graph.get_attribute("role") == "application"
    assert "Arrow keys" in graph.get_attribute("aria-label")
    # Tab from the top of the page until the graph has the focus
    page.locator("#skip-link").focus()
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "ego-graph":
            break
    else:
        pytest.fail("Tab never reached the graph")
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") \
        != "none"
    live = page.locator("#ego-graph-live")
    expect(live).to_contain_text("Mukhtar Ablyazov, person, the centre")
    # the arrow keys move a visible focus from node to node, each announced
    page.keyboard.press("ArrowRight")
    first = graph.get_attribute("data-focused")
    assert first and first != "ent:person:mukhtar-ablyazov"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    assert graph.get_attribute("data-focused") == first
    state = page.evaluate("""(id) => {
        const cy = document.getElementById('ego-graph').cy;
        const node = cy.getElementById(id);
        return {name: node.data('label'), type: node.data('type'), focus: node.hasClass('kbd'),
                selected: node.selected(), ring: node.style('border-color'),
                edge: cy.getElementById('edge:' + id).hasClass('kbd'),
                others: cy.nodes('.kbd').length};
    }""", first)
    assert state["focus"] and state["selected"] and state["edge"] and state["others"] == 1
    assert state["ring"] == "rgb(227,98,9)"  # the orange of every focus
    expect(live).to_contain_text(f"{state['name']}, {state['type'].lower()}, 1 of ")
    # S shows the sentences behind the link to the centre, as a click on the link does
    page.keyboard.press("s")
    panel = page.locator(".edge-panel")
    expect(panel.locator("h3")).to_have_text(f"Mukhtar Ablyazov — {state['name']}")
    panel.locator("li").first.wait_for()
    # back to the graph (Shift+Tab from the panel), Enter opens the focused entity
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("() => document.activeElement.id") == "ego-graph"
    assert graph.get_attribute("data-focused") == first
    page.keyboard.press("Enter")
    expect(page.locator("main h1")).to_contain_text(state["name"])
    assert page.url.endswith("#/entity/" + quote(first, safe=""))


def test_search_suggestions_by_keyboard(page, base):
    from playwright.sync_api import expect

    page.goto(base)
    search = page.get_by_role("combobox", name="Search people, governments, platforms, places")
    search.press_sequentially("Ablyaz", delay=20)
    page.get_by_role("option", name=re.compile("Mukhtar Ablyazov")).wait_for()
    search.press("ArrowDown")
    assert search.get_attribute("aria-activedescendant") == "suggestion-0"
    search.press("Enter")
    expect(page.locator("main h1")).to_contain_text("Mukhtar Ablyazov")


def test_what_followed_what_from_the_form(page, base):
    page.goto(base + "#/followed")
    page.wait_for_selector("#followed-form")
    page.get_by_label("Event type").first.select_option("BROADCAST")
    page.locator("#cause_affiliation").select_option("opposition")
    page.locator("#effect").select_option("OUTAGE")
    page.locator("#within_n").fill("3")
    page.locator("#within_unit").select_option("D")
    page.get_by_label("at the same place").check()
    page.locator("#within_n").press("Enter")  # Enter in any field asks
    page.wait_for_selector("#pairs")
    query = page.url.split("#", 1)[1]
    for part in ("cause=BROADCAST", "cause_affiliation=opposition", "effect=OUTAGE",
                 "within=P3D", "same_place=true"):
        assert part in query
    kazakhstan = page.locator("#pairs > li", has_text="Kazakhstan")
    assert kazakhstan.count() == 1
    effect = kazakhstan.locator(".side-effect")
    assert "16 December 2016" in effect.inner_text()
    assert effect.get_by_role("link", name=re.compile("Social networks go dark")) \
        .get_attribute("href") == SOURCE
    assert "the same day" in kazakhstan.locator(".lag").inner_text()
    assert page.locator("svg.timeline .dot-effect").count() >= 1
    stats = page.locator(".stats").inner_text()
    assert "lift" in stats and "p-value" in stats and "not that one caused the other" in stats
    page.screenshot(path=str(IMG / "followed.png"), full_page=True)

    # the URL is the query: opened anew, it gives the same answer
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)
    page.wait_for_selector("#pairs")
    assert page.locator("#pairs > li", has_text="Kazakhstan").count() == 1
    assert page.locator("#cause_affiliation").input_value() == "opposition"
    assert page.locator("#same_place").is_checked()


def test_claim_check(page, base):
    page.goto(base + "#/claim")
    box = page.get_by_label("The claim")
    box.fill(CLAIM)
    box.press("Enter")
    verdict = page.locator("#verdict")
    verdict.wait_for(timeout=60_000)  # the first check loads the extraction pipeline
    assert verdict.inner_text() == "supported"
    supporting = page.locator("#supporting").inner_text()
    assert "16 December 2016" in supporting and "Kazakhstan" in supporting
    assert page.locator(f"#supporting a[href='{SOURCE}']").count() >= 1
    assert "technical problems" in page.locator(".claims").inner_text()
    assert "text=Facebook" in page.url


def test_api_errors_are_shown_in_words(page, base):
    page.goto(base + "#/entity/ent%3Aperson%3Anobody-at-all")
    problem = page.locator(".problem[role=alert]")
    problem.wait_for()
    assert "Not Found (404)" in problem.inner_text()
    page.goto(base + "#/followed?cause=BROADCAST&effect=OUTAGE&within=P900D")
    problem.wait_for()
    assert "422" in problem.inner_text()
    page.goto(base + "#/search?q=zzzzqqqxxyy")
    page.wait_for_selector("text=No entity matches")


def test_keyboard_reaches_every_control_with_a_visible_focus(page, base):
    page.goto(base + "#/followed")
    page.wait_for_selector("#followed-form")
    page.locator("#skip-link").focus()
    seen, hidden = [], []
    for _ in range(30):
        page.keyboard.press("Tab")
        name, outline = page.evaluate("""() => {
            const el = document.activeElement;
            if (el === document.body) return ['(page)', 'solid'];  // past the last control
            return [el.id || el.textContent.trim().slice(0, 30),
                    getComputedStyle(el).outlineStyle];
        }""")
        seen.append(name)
        if outline == "none":
            hidden.append(name)
    for control in ("search-q", "search-type", "cause", "cause_affiliation", "effect",
                    "within_n", "same_place"):
        assert control in seen, (control, seen)
    assert not hidden, f"focused without a visible outline: {hidden}"
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('input, select, textarea')]
        .filter((el) => !el.labels?.length && !el.getAttribute('aria-label'))
        .map((el) => el.id)""")
    assert not unlabelled


def test_first_load_is_small_and_paints_fast(page, base):
    page.goto(base)
    page.wait_for_selector("main h1")
    page.wait_for_load_state("networkidle")
    load = page.evaluate(TRANSFER_JS)
    print(f"\nfirst load of /: {load['requests']} requests, {load['bytes']:,} bytes "
          f"transferred, first contentful paint {load['fcp']:.0f} ms")
    assert load["fcp"] is not None and load["bytes"] < 100_000


def test_turtle_export_download(page, base):
    page.goto(base + "#/export")
    with page.expect_download() as pending:
        page.locator("#export-turtle").click()
    download = pending.value
    text = Path(download.path()).read_text(encoding="utf-8")
    assert "@prefix" in text and "Ablyazov" in text


def test_export_of_the_current_view(page, base):
    page.goto(base + "#/entity/ent%3Aperson%3Amukhtar-ablyazov")
    page.locator("details.view-export summary").click()
    with page.expect_download() as pending:
        page.locator("details.view-export a[data-format=graphml]").click()
    download = pending.value
    assert download.suggested_filename == "newsgraph-view.graphml"
    view = Path(download.path()).read_text(encoding="utf-8")
    assert "Mukhtar Ablyazov" in view and "<graphml" in view
    with urllib.request.urlopen(base + "v1/export?format=graphml", timeout=60) as answer:
        whole = answer.read().decode("utf-8")
    assert len(view) < len(whole) / 3  # his articles, not the whole graph


def test_without_a_build_the_page_says_how_to_build_it(monkeypatch, tmp_path):
    from fastapi.testclient import TestClient

    from api.web import ui_routes
    from api.web.app import create_app

    monkeypatch.setattr(ui_routes, "DIST", tmp_path / "dist")
    client = TestClient(create_app(store=object()))  # no lifespan: the store is not used
    answer = client.get("/")
    assert answer.status_code == 503 and "make ui" in answer.text
    assert client.get("/ui/app.js").status_code == 404
    assert "/" not in client.get("/openapi.json").json()["paths"]
