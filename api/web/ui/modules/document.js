// The document page: an article's metadata, the events it reports and the entities and
// claims it holds (GET v1/documents/{id}).
import { api, problemBox } from "./api.js";
import { empty, entityHref, eventBadge, eventDate, eventHref, evidence, extLink, h,
  humanDate, loading, plural, typeBadge, whereText } from "./dom.js";

export async function renderDocument(main, { arg, signal }) {
  const status = loading();
  main.append(status);
  let doc;
  try {
    ({ data: doc } = await api(`v1/documents/${encodeURIComponent(arg)}`, { signal }));
  } catch (error) {
    status.replaceWith(h("h1", {}, "Document"), problemBox(error,
      () => window.dispatchEvent(new Event("hashchange"))));
    return null;
  }
  document.title = `${doc.title || doc.id} · newsgraph`;
  const events = [...(doc.events || [])].sort((a, b) =>
    String(a.date?.start || "").localeCompare(String(b.date?.start || "")));
  status.replaceWith(
    h("h1", {}, doc.title || doc.id),
    h("dl", { class: "facts" },
      h("dt", {}, "outlet"), h("dd", {}, doc.outlet || "unknown"),
      h("dt", {}, "published"), h("dd", {}, doc.published ? humanDate(doc.published) : "undated"),
      h("dt", {}, "link"), h("dd", {}, doc.url ? extLink(doc.url) : "none given"),
      h("dt", {}, "id"), h("dd", {}, h("code", {}, doc.id))),
    h("section", { "aria-labelledby": "h-doc-events" },
      h("h2", { id: "h-doc-events" }, `Events it reports (${events.length})`),
      events.length ? h("ol", { class: "plain events" }, events.map((e) => h("li", {},
        e.date ? h("a", { href: eventHref(e.id) }, h("strong", {}, eventDate(e.date)))
          : h("strong", {}, "undated"), " ", eventBadge(e.type),
        [e.place, e.country].filter(Boolean).length
          ? ` in ${whereText(e.place, e.country)}` : "",
        (e.sources || []).filter((s) => s.document === doc.id).slice(0, 1)
          .map((s) => evidence(s.sentence)))))
        : empty("No event was extracted from it.")),
    h("section", { "aria-labelledby": "h-doc-entities" },
      h("h2", { id: "h-doc-entities" }, `Who and what it names (${(doc.entities || []).length})`),
      (doc.entities || []).length ? h("ul", { class: "plain" }, doc.entities.map((e) => h("li", {},
        h("a", { href: entityHref(e.id) }, e.name), " ", typeBadge(e.type),
        h("span", { class: "meta" }, ` · in ${plural(e.documents || 0, "document")}`))))
        : empty("No entity was extracted from it.")),
    h("section", { "aria-labelledby": "h-doc-claims" },
      h("h2", { id: "h-doc-claims" }, `Claims it quotes (${(doc.claims || []).length})`),
      (doc.claims || []).length ? h("ul", { class: "plain claims" }, doc.claims.map((c) => h("li",
        {}, h("strong", {}, c.claimant_text || "someone"), ` (${c.stance || "says"})`,
        c.causal ? " · gives a cause" : "", c.contested ? " · contested" : "",
        evidence(c.text))))
        : empty("It quotes nobody.")));
  return null;
}
