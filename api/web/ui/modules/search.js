// Entity search (GET v1/entities?q=): exact names first, then surnames, prefixes, fuzzy.
import { api, problemBox } from "./api.js";
import { empty, entityHref, h, hash, loading, plural, typeBadge } from "./dom.js";

export async function renderSearch(main, { params, signal }) {
  const q = (params.get("q") || "").trim();
  const type = params.get("type") || "";
  const offset = Number(params.get("offset") || 0);
  document.title = `${q || "Search"} · newsgraph`;
  main.append(h("h1", {}, q ? `Entities matching “${q}”` : "Search"));
  if (!q) {
    main.append(empty("Type a name in the search box above and press Enter."));
    return null;
  }
  const status = loading("Searching…");
  main.append(status);
  let data;
  try {
    ({ data } = await api("v1/entities", { params: { q, type, limit: 20, offset }, signal }));
  } catch (error) {
    status.replaceWith(problemBox(error, () => window.dispatchEvent(new Event("hashchange"))));
    return null;
  }
  status.remove();
  if (!data.items.length) {
    main.append(empty(offset ? "No more matches." : `No entity matches “${q}”${type
      ? ` of type ${type.toLowerCase()}` : ""}. Try a shorter name, another spelling, or any type.`));
    return null;
  }
  const list = h("ol", { class: "plain results", "aria-label": "Matching entities" });
  for (const hit of data.items) {
    const attrs = hit.attributes || {};
    const details = [
      ...(attrs.affiliation || []).map((a) => a.replaceAll("_", " ")),
      ...(attrs.role || []),
      attrs.country,
    ].filter(Boolean);
    list.append(h("li", {},
      h("a", { class: "hit", href: entityHref(hit.id) }, hit.name), " ", typeBadge(hit.type),
      h("div", { class: "meta" },
        hit.matched_name && hit.matched_name !== hit.name ? `matched “${hit.matched_name}” · ` : "",
        `${hit.match} match`,
        details.length ? ` · ${details.join(", ")}` : "",
        ` · in ${plural(hit.documents || 0, "document")}`,
        hit.aliases && hit.aliases.length ? ` · also: ${hit.aliases.join(", ")}` : "")));
  }
  main.append(list);
  if (data.next_offset !== null && data.next_offset !== undefined) {
    const next = { q, offset: data.next_offset };
    if (type) next.type = type;
    main.append(h("p", {}, h("a", { class: "button secondary", href: hash("search", next) },
      "More matches")));
  }
  return null;
}
