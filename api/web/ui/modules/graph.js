// The ego network of an entity, drawn with Cytoscape.js (pinned in package.json, copied
// into dist/vendor by the build; loaded only when an entity page opens).
const COLORS = {
  PERSON: "#6639ba", GOVERNMENT: "#0550ae", ORGANIZATION: "#0a6e74", PLATFORM: "#bc4c00",
  CITY: "#1a7f37", COUNTRY: "#1a7f37", LOCATION: "#1a7f37", GROUP: "#57606a",
};

const KEYS = "Arrow keys move between the entities, Home returns to the centre; Enter opens "
  + "the entity; S or Space shows the sentences behind its link";

/** "2 shared events, 1 shared document" for an item of the neighbours. */
function linkedBy(item) {
  const count = (kind) => item.via.filter((v) => v.kind === kind).length;
  const words = (n, one) => `${n} shared ${one}${n === 1 ? "" : "s"}`;
  return [count("event") ? words(count("event"), "event") : null,
    count("document") ? words(count("document"), "document") : null]
    .filter(Boolean).join(", ") || "linked";
}

/**
 * Make the graph operable from the keyboard: the container is one tab stop; the arrow
 * keys move a visible focus (an orange ring, and the link to the centre) from node to
 * node, in the order of the list (that of the table, clockwise around the centre); each
 * move is announced through announce(text) (an aria-live region). Enter opens the
 * focused entity (onNode), S or Space shows the sentences of its link (onEdge).
 */
function keyboard(cy, container, center, neighbors, { onNode, onEdge, announce }) {
  const order = [center.id, ...neighbors.map((item) => item.entity.id)];
  const items = new Map(neighbors.map((item) => [item.entity.id, item]));
  const total = neighbors.length;
  const say = (text) => { if (announce) announce(text); };
  let current = -1;

  const describe = (id) => {
    const node = cy.getElementById(id);
    const type = String(node.data("type") || "entity").toLowerCase();
    if (id === center.id) {
      return `${center.name}, ${type}, the centre of this network, linked to ${total} `
        + `${total === 1 ? "entity" : "entities"}. ${KEYS}.`;
    }
    return `${node.data("label")}, ${type}, ${order.indexOf(id)} of ${total}: `
      + `${linkedBy(items.get(id))} with ${center.name}. Enter opens it; S shows the `
      + "sentences behind the link.";
  };

  const focusNode = (index) => {
    current = (index + order.length) % order.length;
    const id = order[current];
    const node = cy.getElementById(id);
    cy.elements(".kbd").removeClass("kbd");
    cy.elements(":selected").unselect();
    node.addClass("kbd").select();
    if (id !== center.id) cy.getElementById(`edge:${id}`).addClass("kbd").select();
    const p = node.renderedPosition();
    if (p.x < 0 || p.y < 0 || p.x > cy.width() || p.y > cy.height()) cy.center(node);
    container.dataset.focused = id;
    say(describe(id));
  };

  container.addEventListener("focus", () => {
    // a click also focuses the container: only a keyboard focus starts at the centre
    if (!container.matches(":focus-visible")) return;
    if (current < 0) focusNode(0);
    else say(describe(order[current]));
  });
  container.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const id = current < 0 ? null : order[current];
    switch (event.key) {
      case "ArrowRight": case "ArrowDown": focusNode(current + 1); break;
      case "ArrowLeft": case "ArrowUp": focusNode(current < 0 ? -1 : current - 1); break;
      case "Home": focusNode(0); break;
      case "End": focusNode(order.length - 1); break;
      case "Enter":
        if (id && id !== center.id) onNode(id);
        else say(`This is the page of ${center.name}. ${KEYS}.`);
        break;
      case " ": case "s": case "S":
        if (id && id !== center.id) onEdge(items.get(id));
        else say("Move to a linked entity first (arrow keys): S then shows the sentences "
          + `behind its link with ${center.name}.`);
        break;
      default: return;
    }
    event.preventDefault();
  });
  // a click on a link moves the keyboard's focus there too
  cy.on("tap", "edge", (event) => {
    current = order.indexOf(event.target.target().id());
    container.dataset.focused = order[current];
  });
}

/**
 * Draw `center` and its `neighbors` (items of GET v1/entities/{id}/neighbors) in
 * `container`. onNode(id) is called when a node is clicked (or Enter pressed on it),
 * onEdge(item) for an edge (or S on its node); announce(text) tells what the keyboard
 * focus is on (for an aria-live region).
 */
export async function egoGraph(container, center, neighbors, { onNode, onEdge, announce }) {
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
      // the keyboard's focus: a thick orange ring with a halo, and the link to the centre
      { selector: "node.kbd", style: { "border-width": 4, "border-color": "#e36209",
        "outline-width": 3, "outline-color": "#1b1f24", "outline-offset": 2,
        "underlay-color": "#e36209", "underlay-opacity": 0.25, "underlay-padding": 8,
        "underlay-shape": "ellipse", "font-weight": "bold", "z-index": 10 } },
      { selector: "edge.kbd", style: { "line-color": "#e36209", width: 4 } },
    ],
    layout: { name: "concentric", concentric: (n) => (n.data("center") ? 2 : 1),
      levelWidth: () => 1, minNodeSpacing: 28, animate: false, padding: 20 },
  });
  cy.on("tap", "node", (event) => {
    const id = event.target.id();
    if (id !== center.id) onNode(id);
  });
  cy.on("tap", "edge", (event) => onEdge(event.target.data("item")));
  keyboard(cy, container, center, neighbors, { onNode, onEdge, announce });
  container.cy = cy; // for the console and the end-to-end test
  container.dataset.ready = "true";
  return cy;
}
