// The entity page: who or what it is, its events in time order, its network, and the
// documents that mention it.
import { api, problemBox } from "./api.js";
import { viewExports } from "./exports.js";
import { append, documentHref, empty, entityHref, eventBadge, eventDate, eventHref,
  evidence, extLink, h, humanDate, loading, plural, sourceItem, typeBadge, whereText } from "./dom.js";
import { timeline } from "./timeline.js";

const retry = () => window.dispatchEvent(new Event("hashchange"));

function attributeRows(entity) {
  const attrs = { ...(entity.external_ids || {}), ...(entity.attributes || {}) };
  const rows = [];
  const words = (v) => (Array.isArray(v) ? v : [v]).filter((x) => x !== null && x !== "")
    .map((x) => String(x).replaceAll("_", " "));
  const add = (label, ...value) => rows.push(h("dt", {}, label), h("dd", {}, ...value));
  add("type", typeBadge(entity.type));
  if (entity.aliases && entity.aliases.length) add("also called", entity.aliases.join(", "));
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || (Array.isArray(value) && !value.length)) continue;
    if (key === "geonames_id") {
      add("GeoNames", extLink(`https://www.geonames.org/${encodeURIComponent(value)}`,
        `GeoNames ${value}`));
    } else if (key === "wikidata") {
      add("Wikidata", extLink(`https://www.wikidata.org/wiki/${encodeURIComponent(value)}`,
        `Wikidata ${value}`));
    } else if (key === "scope" && value === "document") {
      add("scope", "a group named in one document (not merged across documents)");
    } else if (typeof value !== "object" || Array.isArray(value)) {
      add(key.replaceAll("_", " "), words(value).join(", "));
    }
  }
  add("id", h("code", {}, entity.id));
  return rows;
}

function eventItem(event, entityId) {
  const me = (event.participants || []).find((p) => p.id === entityId);
  const where = whereText(event.place, event.country);
  const first = (event.sources || [])[0];
  return h("li", {},
    h("div", {}, h("a", { href: eventHref(event.id) },
      h("strong", {}, eventDate(event.date))), " ", eventBadge(event.type),
    where ? ` in ${where}` : "", me && me.role ? ` · as ${me.role.replaceAll("_", " ")}` : ""),
    first ? evidence(first.sentence) : null,
    first ? h("div", { class: "meta" }, first.outlet || "", " · ",
      extLink(first.url, first.title || first.document),
      event.source_count > 1 ? ` · ${plural(event.source_count, "source")} in all` : "") : null);
}

async function loadTimeline(section, entity, signal) {
  const status = loading("Loading events…");
  section.append(status);
  const events = [];
  const list = h("ol", { class: "plain events", "aria-label": `Events of ${entity.name}` });
  const more = h("p");
  const svgSlot = h("div");
  let offset = 0;
  const page = async () => {
    const { data } = await api("v1/timeline", { params: { entity: entity.id, limit: 100,
      offset }, signal });
    events.push(...data.items);
    for (const event of data.items) list.append(eventItem(event, entity.id));
    offset = data.next_offset;
    svgSlot.replaceChildren(...(events.length ? [timeline(
      events.map((e) => ({ label: e.type.toLowerCase(), marks: [{ date: e.date.start,
        kind: "event", href: eventHref(e.id),
        title: `${e.type} · ${eventDate(e.date)}${e.country ? ` · ${e.country}` : ""}` }] })),
      { caption: `Timeline of the events of ${entity.name}` })] : []));
    more.replaceChildren();
    if (offset !== null && offset !== undefined) {
      more.append(h("button", { type: "button", class: "secondary", onclick: async (e) => {
        e.target.disabled = true;
        try { await page(); } catch (error) { more.replaceChildren(problemBox(error)); }
      } }, `More events (${events.length} of ${data.total ?? "?"} shown)`));
    }
  };
  try {
    await page();
  } catch (error) {
    status.replaceWith(problemBox(error, retry));
    return;
  }
  status.remove();
  if (!events.length) {
    section.append(empty("No dated event of this entity in the graph."));
    return;
  }
  section.append(svgSlot, list, more);
}

function edgePanel(panel, center, item) {
  const other = item.entity;
  panel.replaceChildren(h("h3", { tabindex: "-1" }, `${center.name} — ${other.name}`),
    loading("Loading the sentences behind this link…"));
  panel.querySelector("h3").focus();
  api("v1/paths", { params: { from: center.id, to: other.id, max_depth: 1, limit: 1 } })
    .then(({ data }) => {
      const hop = (data.paths[0] || [])[0];
      panel.querySelector(".loading").remove();
      if (!hop) { panel.append(empty("No direct link with sources.")); return; }
      const list = h("ul", { class: "plain" });
      for (const via of hop.via) {
        const sources = via.sources || [];
        if (via.kind === "event") {
          list.append(h("li", {}, h("h4", {}, "Both take part in ",
            h("a", { href: eventHref(via.id) }, `${via.type || "an event"}`),
            via.date ? ` (${humanDate(via.date.value || via.date)})` : ""),
          h("ul", { class: "plain reports" }, sources.map((s) => sourceItem(s)))));
        } else {
          const names = [...new Set(sources.map((s) => s.sentence).filter(Boolean))];
          const first = sources[0] || via;
          list.append(h("li", {}, h("h4", {}, "Both named in ",
            extLink(first.url, via.title || via.id)),
          h("p", { class: "meta" }, via.outlet || "", via.published
            ? ` · ${humanDate(via.published)}` : "",
          names.length ? ` · named as: ${names.map((n) => `“${n}”`).join(", ")}` : "")));
        }
      }
      panel.append(list);
    })
    .catch((error) => { panel.replaceChildren(problemBox(error)); });
}

async function loadNetwork(section, entity, signal) {
  const status = loading("Loading the network…");
  section.append(status);
  let data;
  try {
    ({ data } = await api(`v1/entities/${encodeURIComponent(entity.id)}/neighbors`,
      { params: { depth: 1, limit: 100 }, signal }));
  } catch (error) {
    status.replaceWith(problemBox(error, retry));
    return;
  }
  status.remove();
  if (!data.items.length) {
    section.append(empty("No other entity shares an event or a document with this one."));
    return;
  }
  const panel = h("div", { class: "edge-panel", "aria-live": "polite" });
  const live = h("p", { class: "visually-hidden", id: "ego-graph-live", "aria-live": "polite",
    "aria-atomic": "true" });
  const box = h("div", { class: "graph", id: "ego-graph", tabindex: "0", role: "application",
    "aria-roledescription": "network graph",
    "aria-label": `Network of ${entity.name} and ${plural(data.items.length, "linked entity",
      "linked entities")}. Arrow keys move between the entities, Home returns to `
      + `${entity.name}; Enter opens the entity; S or Space shows the sentences behind its `
      + "link. The table below lists the same links." });
  const rows = data.items.map((item) => {
    const events = item.via.filter((v) => v.kind === "event");
    const docs = item.via.filter((v) => v.kind === "document");
    return h("tr", {},
      h("td", {}, h("a", { href: entityHref(item.entity.id) }, item.entity.name)),
      h("td", {}, typeBadge(item.entity.type)),
      h("td", {}, [events.length ? plural(events.length, "shared event") : null,
        docs.length ? plural(docs.length, "shared document") : null]
        .filter(Boolean).join(", ")),
      h("td", {}, h("button", { type: "button", class: "secondary",
        "aria-label": `Sources linking ${entity.name} and ${item.entity.name}`,
        onclick: () => edgePanel(panel, entity, item) }, "Sources")));
  });
  append(section, [
    h("p", { class: "hint" }, "Click a node to open that entity; click a link to see the "
      + "sentences behind it. With the keyboard: Tab to the graph, then the arrow keys move "
      + "from entity to entity, Enter opens one, S (or Space) shows the sentences behind its "
      + "link. The table lists the same links."),
    box, live, panel,
    data.total > data.items.length
      ? h("p", { class: "meta" }, `The ${data.items.length} nearest of ${data.total}.`) : null,
    h("details", {}, h("summary", {}, `Linked entities (${data.items.length})`),
      h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, "entity"), h("th", {}, "type"),
        h("th", {}, "linked by"), h("th", {}, "sentences"))), h("tbody", {}, rows)))]);
  try {
    // loaded with the page that draws it (the start page does not need it)
    const { egoGraph } = await import("./graph.js");
    await egoGraph(box, data.entity || entity, data.items, {
      onNode: (id) => { location.hash = entityHref(id); },
      onEdge: (item) => edgePanel(panel, entity, item),
      announce: (text) => { live.textContent = text; },
    });
  } catch (error) {
    box.replaceWith(problemBox(error));
  }
}

export async function renderEntity(main, { arg, signal }) {
  const status = loading();
  main.append(status);
  let entity;
  try {
    ({ data: entity } = await api(`v1/entities/${encodeURIComponent(arg)}`, { signal }));
  } catch (error) {
    status.replaceWith(h("h1", {}, "Entity"), problemBox(error, retry));
    return null;
  }
  document.title = `${entity.name} · newsgraph`;
  const timelineSection = h("section", { "aria-labelledby": "h-timeline" },
    h("h2", { id: "h-timeline" }, "Timeline"));
  const networkSection = h("section", { "aria-labelledby": "h-network" },
    h("h2", { id: "h-network" }, "Network"));
  const docs = entity.in_documents || [];
  status.replaceWith(
    h("h1", {}, entity.name, " ", typeBadge(entity.type)),
    h("dl", { class: "facts" }, attributeRows(entity),
      h("dt", {}, "mentions"), h("dd", {}, `${entity.mention_count ?? "?"} in `
        + `${plural(docs.length, "document")}`)),
    viewExports(`entity=${encodeURIComponent(entity.id)}`,
      `what the articles about ${entity.name} say`),
    timelineSection, networkSection,
    h("section", { "aria-labelledby": "h-docs" }, h("h2", { id: "h-docs" },
      "Documents that mention it"),
    docs.length ? h("ul", { class: "plain results" }, docs.map((d) => h("li", {},
      h("a", { href: documentHref(d.id) }, d.title || d.id),
      h("div", { class: "meta" }, d.outlet || "unknown outlet",
        " · ", d.published ? humanDate(d.published) : "undated",
        d.url ? [" · ", extLink(d.url, "original article")] : null))))
      : empty("No document mentions it.")));
  await Promise.all([loadTimeline(timelineSection, entity, signal),
    loadNetwork(networkSection, entity, signal)]);
  return null;
}
