// The start page: what is in the graph, and three ways in.
import { api, problemBox } from "./api.js";
import { h, hash } from "./dom.js";

export const EXAMPLE = { cause: "BROADCAST", cause_affiliation: "opposition", effect: "OUTAGE",
  within: "P3D", same_place: "true" };

export async function renderHome(main, { signal }) {
  document.title = "newsgraph";
  const counts = h("p", { class: "meta", role: "status" }, "Counting…");
  main.append(
    h("h1", {}, "What happened, what followed, and who says so"),
    h("p", {}, "Search a person, government, platform or place above, or start from a question:"),
    h("ul", {},
      h("li", {}, h("a", { href: hash("followed", EXAMPLE) },
        "Which outages began within 3 days after a broadcast by the opposition, "
        + "in the same place?")),
      h("li", {}, h("a", { href: hash("claim", {
        text: "Facebook and YouTube were blocked in Kazakhstan on 16 December 2016" }) },
      "Check a claim: “Facebook and YouTube were blocked in Kazakhstan on 16 December 2016”")),
      h("li", {}, h("a", { href: hash("search", { q: "Ablyazov" }) },
        "Who is Ablyazov, and what is he linked to?"))),
    counts);
  try {
    const { data } = await api("v1/stats", { signal });
    const edges = Object.values(data.edges || {}).reduce((a, b) => a + b, 0);
    counts.textContent = `This graph holds ${data.documents} documents, ${data.entities} `
      + `entities, ${data.events} events and ${edges} links between them.`;
  } catch (error) {
    counts.replaceWith(problemBox(error, () => { location.reload(); }));
  }
}
