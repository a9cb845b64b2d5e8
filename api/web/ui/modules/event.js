// The event page: what, when (and how precisely), where, who, every report with its
// evidence sentence, what others are quoted as claiming about it (competing claims side by
// side) and what fact-checkers have stored about it.
import { api, problemBox } from "./api.js";
import { claimItem } from "./claims.js";
import { viewExports } from "./exports.js";
import { documentHref, empty, entityHref, eventBadge, eventDate, extLink, h, humanDate,
  loading, plural, sourceEvidence, typeBadge } from "./dom.js";

const retry = () => window.dispatchEvent(new Event("hashchange"));

/** Claims about the event (GET v1/claims?about=): competing explanations side by side,
 * the other quotes, then fact-checkers' claims with their verdicts. */
async function loadClaims(section, event, signal) {
  const status = loading("Looking for claims about this event…");
  section.append(status);
  let claims;
  try {
    const { data } = await api(`v1/claims?about=${encodeURIComponent(event.id)}&limit=100`,
      { signal });
    claims = data.items || [];
  } catch (error) {
    status.replaceWith(problemBox(error, retry));
    return;
  }
  status.remove();
  const mine = (claim) => claimItem(claim, { here: event.id, withId: false });
  const quoted = claims.filter((c) => c.origin === "extracted");
  const checks = claims.filter((c) => c.origin === "checker");
  const byId = new Map(quoted.map((c) => [c.id, c]));
  const paired = new Set();
  const pairs = [];
  for (const claim of quoted) {
    for (const other of claim.contested_with || []) {
      if (byId.has(other) && !paired.has(claim.id) && !paired.has(other)) {
        pairs.push([claim, byId.get(other)]);
        paired.add(claim.id);
        paired.add(other);
      }
    }
  }
  const rest = quoted.filter((c) => !paired.has(c.id));
  if (!claims.length) {
    section.append(empty("Nobody is quoted about this event, and no fact-checker has "
      + "stored a claim about it."));
    return;
  }
  if (pairs.length) {
    section.append(h("h3", {}, "Competing explanations"),
      ...pairs.map(([a, b]) => h("ul", { class: "plain claims two-col contested",
        "aria-label": "two claims that contest each other" }, mine(a), mine(b))));
  }
  if (rest.length) {
    section.append(h("h3", {}, pairs.length ? "Others quoted" : "Quoted in the reports"),
      h("ul", { class: "plain claims" }, rest.map(mine)));
  }
  if (checks.length) {
    section.append(h("h3", {}, "Fact-checks"),
      h("ul", { class: "plain claims" }, checks.map(mine)));
  }
}

export async function renderEvent(main, { arg, signal }) {
  const status = loading();
  main.append(status);
  let event;
  try {
    ({ data: event } = await api(`v1/events/${encodeURIComponent(arg)}`, { signal }));
  } catch (error) {
    status.replaceWith(h("h1", {}, "Event"), problemBox(error, retry));
    return null;
  }
  const when = eventDate(event.date);
  document.title = `${event.type} ${event.date ? event.date.value : ""} · newsgraph`;
  const date = event.date || {};
  const range = date.start && date.end && date.start !== date.end
    ? ` · between ${humanDate(date.start)} and ${humanDate(date.end)}` : "";
  const reports = event.reports || event.sources || [];
  // Each report carries the word that triggered the event in its sentence (`trigger`,
  // with its offsets when known); reports stored before triggers were kept have none.
  const marks = [event.trigger, ...(event.triggers || [])];
  const claimsSection = h("section", { "aria-labelledby": "h-claims" },
    h("h2", { id: "h-claims" }, "Claims about it"));
  status.replaceWith(
    h("h1", {}, eventBadge(event.type), " ", when,
      event.country ? ` · ${event.country}` : ""),
    h("dl", { class: "facts" },
      h("dt", {}, "type"), h("dd", {}, event.type),
      h("dt", {}, "date"), h("dd", {}, date.value || "undated",
        date.granularity ? ` (precise to the ${date.granularity}${range})` : ""),
      h("dt", {}, "place"), h("dd", {}, event.place_id
        ? h("a", { href: entityHref(event.place_id) }, event.place) : event.place || "not given"),
      h("dt", {}, "country"), h("dd", {}, event.country || "not given"),
      h("dt", {}, "confidence"), h("dd", {}, event.confidence ?? "?",
        " (of the extraction, 0 to 1)"),
      h("dt", {}, "id"), h("dd", {}, h("code", {}, event.id))),
    viewExports(`event=${encodeURIComponent(event.id)}`, "what its reports say"),
    h("section", { "aria-labelledby": "h-who" }, h("h2", { id: "h-who" }, "Who took part"),
      (event.participants || []).length ? h("ul", {}, event.participants.map((p) => h("li", {},
        h("a", { href: entityHref(p.id) }, p.name), " ", typeBadge(p.type),
        p.role ? ` as ${p.role.replaceAll("_", " ")}` : "",
        (p.affiliation || []).length ? ` · ${p.affiliation.join(", ").replaceAll("_", " ")}`
          : "")))
        : empty("No participant was extracted.")),
    h("section", { "aria-labelledby": "h-reports" },
      h("h2", { id: "h-reports" }, `Reports (${plural(reports.length, "source")})`),
      reports.length ? h("ol", { class: "plain reports" }, reports.map((r) => h("li", {},
        h("div", {}, h("strong", {}, r.outlet || "unknown outlet"), " · ",
          r.published ? humanDate(r.published) : "undated", " · ",
          extLink(r.url, r.title || r.document), " · ",
          h("a", { href: documentHref(r.document) }, "what else it reports")),
        sourceEvidence(r, marks))))
        : empty("No report.")),
    claimsSection);
  await loadClaims(claimsSection, event, signal);
  return null;
}
