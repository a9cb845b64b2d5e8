// Export buttons: each links to GET v1/export?format=…; a click first checks that the
// server offers the export, so an error is shown in words rather than downloaded.
import { ApiError, problemBox, token } from "./api.js";
import { h } from "./dom.js";

export const FORMATS = [
  ["turtle", ".ttl", "Turtle (RDF), readable"],
  ["nt", ".nt", "N-Triples (RDF), one triple a line"],
  ["jsonld", ".jsonld", "JSON-LD (RDF as JSON)"],
  ["trig", ".trig", "TriG (RDF with named graphs: one per document)"],
  ["nquads", ".nq", "N-Quads (named graphs, one quad a line)"],
  ["graphml", ".graphml", "GraphML (Gephi, yEd, Cytoscape desktop, NetworkX)"],
  ["gexf", ".gexf", "GEXF (Gephi)"],
  ["csv", ".zip", "CSV: nodes.csv and edges.csv in a zip (spreadsheets)"],
];

async function download(event, format, ext, status) {
  event.preventDefault();
  const link = event.currentTarget;
  status.replaceChildren(h("span", { role: "status" }, `Preparing the ${format} export…`));
  const controller = new AbortController();
  try {
    const headers = token() ? { Authorization: `Bearer ${token()}` } : {};
    const response = await fetch(link.href, { headers, signal: controller.signal });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({ title: response.statusText,
        detail: `The server answered ${response.status}.` }));
      if (response.status === 404 && problem.code === "NG417") {
        problem.detail = `This server has no export route yet (${problem.detail})`;
      }
      throw new ApiError(response.status, problem);
    }
    // Read the body here: the same request, and the token (if any) goes with it.
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const name = /filename="?([^";]+)"?/.exec(response.headers.get("content-disposition")
      || "")?.[1] || `newsgraph${ext}`;
    const save = h("a", { href: url, download: name, hidden: true });
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    status.replaceChildren(h("span", { role: "status" },
      `Downloaded ${name} (${blob.size.toLocaleString()} bytes).`));
  } catch (error) {
    controller.abort();
    status.replaceChildren(problemBox(error));
  }
}

/**
 * "Export this view": the same formats, narrowed to what the view's documents support
 * (`query` is e.g. "entity=ent%3A…", "event=…" or "document=a&document=b").
 */
export function viewExports(query, what) {
  const status = h("div", { "aria-live": "polite", class: "export-status" });
  const list = h("ul", { class: "plain inline-exports" }, FORMATS.map(([format, ext, title]) =>
    h("li", {}, h("a", { class: "button secondary small", href: `v1/export?format=${format}&${query}`,
      download: `newsgraph-view${ext}`, title, "data-format": format,
      onclick: (event) => download(event, format, ext, status) }, format))));
  return h("details", { class: "view-export" },
    h("summary", {}, `Export ${what}`),
    h("p", { class: "hint" }, "Only what these articles support, with their sources: the "
      + "RDF formats with PROV, GraphML or GEXF for Gephi, CSV for a spreadsheet."),
    list, status);
}

export async function renderExport(main) {
  document.title = "Export · newsgraph";
  const status = h("div", { "aria-live": "polite", id: "export-status" });
  main.append(h("h1", {}, "Export the graph"),
    h("p", {}, "The whole graph with its sources, for other tools. Large graphs take a while."),
    h("ul", { class: "plain exports" }, FORMATS.map(([format, ext, what]) => h("li", {},
      h("a", { class: "button secondary", href: `v1/export?format=${format}`, download: `newsgraph${ext}`,
        id: `export-${format}`, onclick: (event) => download(event, format, ext, status) },
      `${format} (${ext})`), " ", h("span", { class: "meta" }, what)))),
    status);
  return null;
}
