// Claims (GET v1/claims): who said what, newest first, and what fact-checkers keep with
// their verdicts. Read-only: fact-checkers store claims, evidence and verdicts through
// the API or `newsgraph claims` (docs/claims.md). The filter lives in the URL.
// `claimItem` draws a claim here and on the event page.
import { api, problemBox } from "./api.js";
import { documentHref, empty, entityHref, eventHref, evidence, extLink, h, humanDate,
  loading } from "./dom.js";

const PAGE = 50;
const ORIGINS = [["", "all claims"], ["checker", "fact-checkers' claims"],
  ["extracted", "quoted in articles"]];

function aboutLinks(claim, here) {
  const about = (claim.about || []).filter((a) => (a.kind === "event" || a.kind === "entity")
    && a.id !== here);
  if (!about.length) return null;
  return h("div", { class: "meta" }, "about ", about.flatMap((a, i) => [i ? ", " : "",
    !a.exists ? h("span", { title: "no longer in the graph" }, `${a.label} (gone)`)
      : a.kind === "event" && a.date ? h("a", { href: eventHref(a.id) }, a.label)
        : a.kind === "entity" ? h("a", { href: entityHref(a.id) }, a.label) : a.label]));
}

function evidenceLine(item, here) {
  const what = item.target === here ? "this event"
    : item.kind === "event" && item.exists ? h("a", { href: eventHref(item.target) }, item.label)
      : item.kind === "document" && item.exists
        ? h("a", { href: documentHref(item.target) }, item.label) : item.label;
  return h("div", { class: "meta" }, what, ` ${item.relation} it`,
    item.note ? `: ${item.note}` : "");
}

/**
 * One claim as a list item: a fact-checker's verdict (if any), who (linked when an
 * entity), stance, cause, when, the words, what it is about, the evidence linked to it,
 * and where it comes from. On an event page, `here` is that event's id: it is not listed
 * among what the claim is about, and evidence from it reads "this event refutes it".
 */
export function claimItem(claim, { here = null, withId = true } = {}) {
  const who = claim.claimant || {};
  const name = who.entity ? h("a", { href: entityHref(who.entity) }, who.name || who.entity)
    : who.name || "someone";
  const source = claim.source;
  const checker = claim.origin === "checker";
  return h("li", { class: checker ? "claim fact-check" : "claim", "data-claim": claim.id },
    h("div", {},
      claim.review ? [h("span", { class: "badge rating" }, claim.review.rating), " "]
        : checker ? [h("span", { class: "badge" }, "fact-check, no verdict yet"), " "] : "",
      h("strong", {}, name), ` (${claim.stance || "says"})`,
      claim.causal ? " · gives a cause" : "",
      claim.when ? ` · ${humanDate(claim.when)}` : "",
      claim.contested && !here ? " · contested" : ""),
    evidence(claim.text),
    aboutLinks(claim, here),
    (claim.evidence || []).map((item) => evidenceLine(item, here)),
    h("div", { class: "meta" },
      source ? [source.outlet || "", source.outlet ? " · " : "",
        extLink(source.url, source.title || source.document), " · ",
        h("a", { href: documentHref(source.document) }, "the article")]
        : [claim.where ? `made in ${claim.where}` : "",
          claim.where && claim.checker_url ? " · " : "",
          claim.checker_url ? extLink(claim.checker_url, "the fact-check") : "",
          claim.review && claim.review.author ? ` · ${claim.review.author}` : ""],
      withId ? [" · ", h("code", {}, claim.id)] : ""));
}

export async function renderClaims(main, { params, signal }) {
  document.title = "Claims · newsgraph";
  const origin = params.get("origin") || "";
  const offset = Math.max(0, Number(params.get("offset")) || 0);
  const select = h("select", { id: "claims-origin", name: "origin" },
    ORIGINS.map(([value, label]) => h("option", { value, selected: value === origin }, label)));
  select.addEventListener("change", () => {
    location.hash = `#/claims${select.value ? `?origin=${select.value}` : ""}`;
  });
  const results = h("section", { id: "claims-results", "aria-live": "polite" },
    loading("Loading claims…"));
  main.append(h("h1", {}, "Claims"),
    h("p", { class: "hint" }, "Who is quoted saying what, and what fact-checkers have "
      + "stored with their verdicts; newest first. Competing claims are marked contested."),
    h("div", { class: "field" }, h("label", { for: "claims-origin" }, "Show"), select),
    results);
  const query = new URLSearchParams({ limit: String(PAGE), offset: String(offset) });
  if (origin) query.set("origin", origin);
  let page;
  try {
    ({ data: page } = await api(`v1/claims?${query}`, { signal }));
  } catch (error) {
    results.replaceChildren(problemBox(error, () => window.dispatchEvent(
      new Event("hashchange"))));
    return null;
  }
  const items = page.items || [];
  const nav = [];
  const base = origin ? `origin=${origin}&` : "";
  if (offset > 0) {
    nav.push(h("a", { href: `#/claims?${base}offset=${Math.max(0, offset - PAGE)}` },
      "← newer"));
  }
  if (page.next) {
    nav.push(h("a", { href: `#/claims?${base}offset=${offset + PAGE}` }, "older →"));
  }
  results.replaceChildren(items.length
    ? h("ul", { class: "plain claims" }, items.map((claim) => claimItem(claim)))
    : empty(origin === "checker" ? "No fact-checker has stored a claim yet (POST /v1/claims "
      + "or `newsgraph claims add`)." : "No claim in the graph yet."),
  nav.length ? h("p", { class: "pager" }, ...nav.flatMap((a, i) => (i ? [" · ", a] : [a])))
    : "");
  return null;
}
