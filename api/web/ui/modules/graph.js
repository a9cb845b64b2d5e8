// The ego network of an entity, drawn with Cytoscape.js (pinned in package.json, copied
// into dist/vendor by the build; loaded only when an entity page opens).
const COLORS = {
  PERSON: "#6639ba", GOVERNMENT: "#0550ae", ORGANIZATION: "#0a6e74", PLATFORM: "#bc4c00",
  CITY: "#1a7f37", COUNTRY: "#1a7f37", LOCATION: "#1a7f37", GROUP: "#57606a",
};

/**
 * Draw `center` and its `neighbors` (items of GET v1/entities/{id}/neighbors) in
 * `container`. onNode(id) is called when a node is clicked, onEdge(item) for an edge.
 */
export async function egoGraph(container, center, neighbors, { onNode, onEdge }) {
  const { default: cytoscape } = await import("../vendor/cytoscape.esm.min.mjs");
  const elements = [{ data: { id: center.id, label: center.name, type: center.type,
    center: 1 } }];
  for (const item of neighbors) {
    const node = item.entity;
    elements.push({ data: { id: node.id, label: node.name, type: node.type, center: 0 } });
    const events = item.via.filter((v) => v.kind === "event").length;
    elements.push({ data: { id: `edge:${node.id}`, source: center.id, target: node.id,
      weight: item.via.length, label: events ? `${events} event${events > 1 ? "s" : ""}` : "",
      item } });
  }
  const cy = cytoscape({
    container,
    elements,
    style: [
      { selector: "node", style: {
        "background-color": (n) => COLORS[n.data("type")] || "#57606a",
        label: "data(label)", color: "#1b1f24", "font-size": 11,
        "text-valign": "bottom", "text-margin-y": 3, width: 18, height: 18,
        "text-background-color": "#ffffff", "text-background-opacity": 0.8,
        "text-background-padding": 1 } },
      { selector: "node[center = 1]", style: { width: 30, height: 30, "font-weight": "bold",
        "font-size": 13, "border-width": 3, "border-color": "#e36209" } },
      { selector: "edge", style: {
        width: (e) => Math.min(1 + e.data("weight"), 8), "line-color": "#afb8c1",
        "curve-style": "straight", label: "data(label)", "font-size": 9, color: "#57606a",
        "text-rotation": "autorotate", "text-background-color": "#fbfcfd",
        "text-background-opacity": 1 } },
      { selector: "edge:selected", style: { "line-color": "#e36209" } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#e36209" } },
    ],
    layout: { name: "concentric", concentric: (n) => (n.data("center") ? 2 : 1),
      levelWidth: () => 1, minNodeSpacing: 28, animate: false, padding: 20 },
  });
  cy.on("tap", "node", (event) => {
    const id = event.target.id();
    if (id !== center.id) onNode(id);
  });
  cy.on("tap", "edge", (event) => onEdge(event.target.data("item")));
  container.cy = cy; // for the console and the end-to-end test
  container.dataset.ready = "true";
  return cy;
}
