// The event page: what, when (and how precisely), where, who, every report with its
// evidence sentence, and what the reporting articles quote others as claiming about it.
import { api, problemBox } from "./api.js";
import { documentHref, empty, entityHref, eventBadge, eventDate, evidence, extLink, h,
  humanDate, loading, plural, typeBadge } from "./dom.js";

const retry = () => window.dispatchEvent(new Event("hashchange"));

/** [start, end] day numbers of "2016-12-16", "2016-12" or "2016"; null otherwise. */
function interval(value) {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(String(value || ""));
  if (!m) return null;
  const y = Number(m[1]);
  if (m[3]) { const d = Date.UTC(y, Number(m[2]) - 1, Number(m[3])); return [d, d]; }
  if (m[2]) return [Date.UTC(y, Number(m[2]) - 1, 1), Date.UTC(y, Number(m[2]), 0)];
  return [Date.UTC(y, 0, 1), Date.UTC(y, 11, 31)];
}

/** Claims in the document about this event: same type, overlapping dates (as the API's
 * claim check matches them, graph/claims.py). */
function claimsAbout(document, event) {
  const start = Date.parse(`${event.date.start}T00:00:00Z`);
  const end = Date.parse(`${event.date.end}T00:00:00Z`);
  return (document.claims || []).filter((claim) => (claim.about_event_keys || []).some((key) => {
    if (key.type !== event.type) return false;
    const span = interval(key.date);
    return span && span[1] >= start && span[0] <= end;
  }));
}

async function loadClaims(section, event, signal) {
  const ids = [...new Set((event.reports || []).map((r) => r.document))];
  const status = loading("Looking for attributed claims…");
  section.append(status);
  const found = [];
  try {
    for (const id of ids) {
      const { data } = await api(`v1/documents/${encodeURIComponent(id)}`, { signal });
      for (const claim of claimsAbout(data, event)) found.push({ claim, document: data });
    }
  } catch (error) {
    status.replaceWith(problemBox(error, retry));
    return;
  }
  status.remove();
  if (!found.length) {
    section.append(empty("The reporting articles quote nobody about this event."));
    return;
  }
  section.append(h("ul", { class: "plain claims" }, found.map(({ claim, document }) => h("li", {},
    h("div", {}, h("strong", {}, claim.claimant_text || "someone"), ` (${claim.stance || "says"})`,
      claim.causal ? " · gives a cause" : "", claim.contested ? " · contested by another claim" : ""),
    evidence(claim.text),
    h("div", { class: "meta" }, document.outlet || "", " · ",
      extLink(document.url, document.title || document.id))))));
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
  // The stored events carry no trigger word yet; when the API gives one, it is marked.
  const marks = [event.trigger, ...(event.triggers || [])];
  const claimsSection = h("section", { "aria-labelledby": "h-claims" },
    h("h2", { id: "h-claims" }, "What others are quoted as saying about it"));
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
        evidence(r.sentence, [...marks, r.trigger]))))
        : empty("No report.")),
    claimsSection);
  await loadClaims(claimsSection, event, signal);
  return null;
}
