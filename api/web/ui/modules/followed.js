// "What followed what": pairs of events (cause type -> effect type within a window), on
// a list and a timeline, with the statistics that say whether the timing could be chance.
// The query lives in the URL: #/followed?cause=BROADCAST&effect=OUTAGE&within=P3D&...
import { api, problemBox } from "./api.js";
import { viewExports } from "./exports.js";
import { empty, entityHref, eventBadge, eventDate, eventHref, h, hash, loading, plural,
  sourceItem, whereText } from "./dom.js";
import { timeline } from "./timeline.js";
import { vocab } from "./vocab.js";

const KEYS = ["cause", "cause_affiliation", "cause_entity", "effect", "effect_affiliation",
  "effect_entity", "within", "country", "same_place", "shared_entity"];
const UNITS = { D: "days", H: "hours", W: "weeks" };
const MAX_VIEW_DOCUMENTS = 200; // keeps the export link's URL short

/** "P3D" | "PT12H" | "P2W" | "3d" -> [3, "D"]. */
function parseWindow(text) {
  const m = /^P(?:T(\d+)H|(\d+)([DW]))$/i.exec(text || "") || /^(\d+)\s*([dhw])$/i.exec(text || "");
  if (!m) return [3, "D"];
  if (m[0].toUpperCase().startsWith("PT")) return [Number(m[1]), "H"];
  if (m[0].toUpperCase().startsWith("P")) return [Number(m[2]), m[3].toUpperCase()];
  return [Number(m[1]), m[2].toUpperCase()];
}
const isoWindow = (n, unit) => (unit === "H" ? `PT${n}H` : `P${n}${unit}`);

function select(id, label, options, value, { any, required } = {}) {
  const el = h("select", { id, name: id, required });
  if (any) el.append(h("option", { value: "" }, any));
  for (const option of options) {
    el.append(h("option", { value: option, selected: option === value },
      option.replaceAll("_", " ").toLowerCase()));
  }
  return h("div", { class: "field" }, h("label", { for: id }, label), el);
}

function text(id, label, value, placeholder) {
  return h("div", { class: "field" }, h("label", { for: id }, label),
    h("input", { id, name: id, type: "text", value: value || "", placeholder, maxlength: 200 }));
}

function check(id, label, checked, hint) {
  return h("div", { class: "check" },
    h("input", { id, name: id, type: "checkbox", value: "true", checked }),
    h("label", { for: id }, label), hint ? h("span", { class: "hint" }, hint) : null);
}

function buildForm(words, params) {
  const [n, unit] = parseWindow(params.get("within"));
  const unitSelect = h("select", { id: "within_unit", name: "within_unit",
    "aria-label": "Window unit" });
  for (const [code, name] of Object.entries(UNITS)) {
    unitSelect.append(h("option", { value: code, selected: code === unit }, name));
  }
  const form = h("form", { id: "followed-form", "aria-labelledby": "h-followed" },
    h("div", { class: "form-grid" },
      h("fieldset", {}, h("legend", {}, "First (the possible cause)"),
        select("cause", "Event type", words.eventTypes, params.get("cause") || "BROADCAST",
          { required: true }),
        select("cause_affiliation", "by someone affiliated with", words.affiliations,
          params.get("cause_affiliation"), { any: "anyone" }),
        text("cause_entity", "involving (optional)", params.get("cause_entity"),
          "a name, e.g. Ablyazov")),
      h("fieldset", {}, h("legend", {}, "Then (what followed)"),
        select("effect", "Event type", words.eventTypes, params.get("effect") || "OUTAGE",
          { required: true }),
        select("effect_affiliation", "by someone affiliated with", words.affiliations,
          params.get("effect_affiliation"), { any: "anyone" }),
        text("effect_entity", "involving (optional)", params.get("effect_entity"),
          "a name, e.g. YouTube")),
      h("fieldset", {}, h("legend", {}, "How close"),
        h("div", { class: "field" }, h("label", { for: "within_n" }, "within"),
          h("div", { class: "row" }, h("input", { id: "within_n", name: "within_n",
            type: "number", min: 1, max: 8784, required: true, value: n, style: null,
            size: 4 }), unitSelect)),
        check("same_place", "at the same place", params.get("same_place") === "true",
          "(same city, else same country)"),
        check("shared_entity", "sharing an entity", params.get("shared_entity") === "true",
          "(a person, platform…)"),
        text("country", "in country (optional)", params.get("country"), "e.g. Kazakhstan"))),
    h("p", {}, h("button", { type: "submit" }, "Ask")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const query = new URLSearchParams();
    for (const key of KEYS) {
      if (key === "within") {
        query.set("within", isoWindow(Number(data.get("within_n")) || 3, data.get("within_unit")));
      } else if (data.get(key)) {
        query.set(key, String(data.get(key)).trim());
      }
    }
    const target = `#/followed?${query}`;
    if (location.hash === target) window.dispatchEvent(new Event("hashchange"));
    else location.hash = target;
  });
  return form;
}

function side(event, kind) {
  const where = whereText(event.place, event.country);
  return h("div", { class: `side-${kind}` },
    h("div", {}, h("a", { href: eventHref(event.id) }, h("strong", {}, eventDate(event.date))),
      " ", eventBadge(event.type), where ? ` in ${where}` : ""),
    (event.participants || []).length ? h("div", { class: "meta" },
      event.participants.map((p, i) => [i ? ", " : "", h("a", { href: entityHref(p.id) }, p.name),
        p.role ? ` (${p.role.replaceAll("_", " ")}${(p.affiliation || []).length
          ? `, ${p.affiliation.join(", ").replaceAll("_", " ")}` : ""})` : ""])) : null,
    h("ul", { class: "plain" }, (event.sources || []).map((s) => sourceItem(s))));
}

function lagWords(pair) {
  const days = pair.lag_days;
  if (days === 0) return "the same day";
  return `${plural(days, "day")} later`;
}

function statsBox(stats) {
  const p = stats.p_value;
  return h("section", { class: "stats", "aria-labelledby": "h-stats" },
    h("h2", { id: "h-stats" }, "Could it be chance?"),
    h("div", { class: "numbers" },
      h("div", {}, h("span", { class: "meta" }, "observed"), h("b", {}, stats.observed),
        h("span", { class: "meta" }, `of ${stats.effects} ${stats.effect_type} events`)),
      h("div", {}, h("span", { class: "meta" }, "expected by chance"),
        h("b", {}, stats.expected.toFixed(2))),
      h("div", {}, h("span", { class: "meta" }, "lift"),
        h("b", {}, stats.lift === null ? "n/a" : Number(stats.lift).toFixed(1))),
      h("div", {}, h("span", { class: "meta" }, "p-value"),
        h("b", {}, p === null ? "n/a" : p <= 1 / (stats.permutations + 1) + 1e-12
          ? `≤ ${(1 / (stats.permutations + 1)).toPrecision(1)}` : p.toPrecision(2)),
        h("span", { class: "meta" }, `${stats.permutations} random re-datings`))),
    h("p", {}, stats.interpretation),
    h("details", { open: true },
      h("summary", {}, "What these numbers mean, and what they do not"),
      h("ul", {},
        h("li", {}, h("strong", {}, "Lift"), " is how many more pairs there are than if the "
          + "events' dates were unrelated: a lift of 1 is what chance gives, 10 is ten times "
          + "more."),
        h("li", {}, h("strong", {}, "The p-value"), " is the share of random re-datings of the "
          + "events (keeping how many there are) that produced as many pairs or more. Small "
          + "(below 0.05) means the timing is unlikely to be a coincidence."),
        h("li", {}, h("strong", {}, "They do not show cause."), " Two events can follow each "
          + "other because a third thing drives both (an election, a holiday), or because the "
          + "articles were chosen for that story. Read the sources of each pair."),
        h("li", {}, h("strong", {}, "They only know this graph."), " A handful of events gives "
          + "large lifts easily; the graph holds only the articles it was given, so what "
          + "nobody reported is missing."),
        h("li", {}, `Period compared: ${stats.period_start || "?"} to `
          + `${stats.period_end || "?"}; null model: ${stats.null_model}; seed ${stats.seed}.`))));
}

async function runQuery(results, params, signal) {
  const query = Object.fromEntries(KEYS.filter((k) => params.get(k)).map((k) => [k,
    params.get(k)]));
  results.append(loading("Asking the graph…"));
  let pairs;
  let headers;
  let stats = null;
  let statsError = null;
  try {
    [{ data: pairs, headers }, stats] = await Promise.all([
      api("v1/correlations/followed", { params: query, signal }),
      api("v1/correlations/stats", { params: query, signal }).then((r) => r.data)
        .catch((error) => { statsError = error; return null; }),
    ]);
  } catch (error) {
    results.replaceChildren(problemBox(error, () => window.dispatchEvent(
      new Event("hashchange"))));
    return null;
  }
  const total = Number(headers.get("X-Total-Count") || pairs.length);
  const heading = h("h2", { id: "h-results", tabindex: "-1" },
    `${plural(total, "pair")}: ${query.effect} after ${query.cause}`);
  const share = h("p", { class: "meta" }, "Link to this query: ",
    h("a", { href: location.href, id: "share-link" }, location.href), " · ",
    h("a", { href: new URL(`v1/correlations/followed?${new URLSearchParams(query)}`,
      document.baseURI).href }, "as JSON"));
  results.replaceChildren(heading, share);
  const documents = [...new Set(pairs.flatMap((pair) => [pair.cause, pair.effect])
    .flatMap((event) => (event.sources || []).map((source) => source.document)))].sort();
  if (documents.length && documents.length <= MAX_VIEW_DOCUMENTS) {
    results.append(viewExports(documents.map((d) => `document=${encodeURIComponent(d)}`)
      .join("&"), `what the ${plural(documents.length, "article")} behind these pairs say`));
  }
  if (!pairs.length) {
    results.append(empty("No pair matches. Try a longer window, another affiliation, or "
      + "without “same place”."));
  } else {
    results.append(
      h("div", { class: "legend", "aria-hidden": "true" },
        h("span", { class: "l-cause" }, query.cause.toLowerCase()),
        h("span", { class: "l-effect" }, query.effect.toLowerCase())),
      timeline(pairs.map((pair) => ({
        label: [pair.effect.country || pair.cause.country, lagWords(pair)].filter(Boolean)
          .join(", "),
        marks: [
          { date: pair.cause.date.start, kind: "cause", href: eventHref(pair.cause.id),
            title: `${pair.cause.type} · ${eventDate(pair.cause.date)}` },
          { date: pair.effect.date.start, kind: "effect", href: eventHref(pair.effect.id),
            title: `${pair.effect.type} · ${eventDate(pair.effect.date)}` }] })),
      { caption: `Timeline of ${plural(pairs.length, "pair")}` }),
      h("ol", { class: "plain pairs", id: "pairs" }, pairs.map((pair) => h("li", {},
        h("div", { class: "pair" }, side(pair.cause, "cause"),
          h("div", { class: "lag" }, "→", h("br"), `followed ${lagWords(pair)}`,
            pair.precise === false ? h("div", { class: "hint" }, "(dates not precise)") : null),
          side(pair.effect, "effect")),
        (pair.shared_entities || []).length ? h("p", { class: "meta" }, "shared: ",
          pair.shared_entities.join(", ")) : null))));
    if (total > pairs.length) {
      results.append(h("p", { class: "meta" }, `The first ${pairs.length} of ${total} pairs; `
        + "narrow the query to see the rest."));
    }
  }
  if (stats) results.append(statsBox(stats));
  else if (statsError) results.append(h("h2", {}, "Could it be chance?"), problemBox(statsError));
  return heading;
}

export async function renderFollowed(main, { params, signal }) {
  document.title = "What followed what · newsgraph";
  main.append(h("h1", { id: "h-followed" }, "What followed what"),
    h("p", { class: "hint" }, "Events of one type that began within a window after events of "
      + "another type. Press Enter in any field to ask."));
  const words = await vocab();
  if (signal.aborted) return null;
  main.append(buildForm(words, params));
  const results = h("section", { id: "results", "aria-live": "polite", "aria-busy": "false" });
  main.append(results);
  if (!params.get("cause") || !params.get("effect")) {
    results.append(empty("Choose two event types and press Ask. Example: ",
      h("a", { href: hash("followed", { cause: "BROADCAST", cause_affiliation: "opposition",
        effect: "OUTAGE", within: "P3D", same_place: "true" }) },
      "outages within 3 days after an opposition broadcast, same place")));
    return null;
  }
  document.title = `${params.get("effect")} after ${params.get("cause")} · newsgraph`;
  results.setAttribute("aria-busy", "true");
  const heading = await runQuery(results, params, signal);
  results.setAttribute("aria-busy", "false");
  return heading;
}
