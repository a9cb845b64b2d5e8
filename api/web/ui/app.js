// newsgraph web UI: one page; each view lives in the URL's #fragment, so every view and
// every query can be bookmarked and shared (docs/ui.md).
import { clear, h } from "./modules/dom.js";
import { vocab } from "./modules/vocab.js";
import { renderHome } from "./modules/home.js";
import { renderSearch } from "./modules/search.js";
import { renderEntity } from "./modules/entity.js";
import { renderEvent } from "./modules/event.js";
import { renderFollowed } from "./modules/followed.js";
import { renderClaim } from "./modules/claim.js";
import { renderClaims } from "./modules/claims.js";
import { renderExport } from "./modules/exports.js";
import { renderDocument } from "./modules/document.js";
import { attachSuggestions } from "./modules/suggest.js";

const VIEWS = {
  "": renderHome,
  search: renderSearch,
  entity: renderEntity,
  event: renderEvent,
  document: renderDocument,
  followed: renderFollowed,
  claim: renderClaim,
  claims: renderClaims,
  export: renderExport,
};

const main = document.getElementById("main");
let current = null;

/** "#/entity/ent%3Aperson%3Ax?tab=1" -> {view: "entity", arg: "ent:person:x", params}. */
function parse(fragment) {
  const text = fragment.replace(/^#\/?/, "");
  const [path, query = ""] = text.split(/\?(.*)/s);
  const [view, ...rest] = path.split("/");
  let arg = rest.join("/");
  try { arg = decodeURIComponent(arg); } catch { /* keep it as typed */ }
  return { view, arg, params: new URLSearchParams(query) };
}

async function route() {
  if (location.hash && !location.hash.startsWith("#/")) return; // an in-page anchor
  const { view, arg, params } = parse(location.hash || "#/");
  const render = VIEWS[view];
  if (current) current.abort();
  current = new AbortController();
  for (const link of document.querySelectorAll("nav a")) {
    const target = link.getAttribute("href").slice(2);
    if (target === view) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  const search = document.getElementById("search-q");
  if (view === "search" && document.activeElement !== search) search.value = params.get("q") || "";
  clear(main);
  if (!render) {
    document.title = "Not found · newsgraph";
    main.append(h("h1", { tabindex: "-1" }, "No such page"),
      h("p", {}, "This address is not a page of the UI. ", h("a", { href: "#/" }, "Start again")));
    return null;
  }
  const signal = current.signal;
  try {
    return await render(main, { arg, params, signal });
  } catch (error) {
    if (error.name !== "AbortError") throw error;
  }
  return null;
}

/** After a navigation, put keyboard focus where the view says (else its heading). */
function focusView(target) {
  const heading = target instanceof HTMLElement ? target : main.querySelector("h1");
  if (heading) {
    if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    heading.focus();
  }
}

document.getElementById("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const q = document.getElementById("search-q").value.trim();
  const type = document.getElementById("search-type").value;
  if (!q) return;
  const params = new URLSearchParams({ q });
  if (type) params.set("type", type);
  location.hash = `#/search?${params}`;
});

attachSuggestions(document.getElementById("search-q"));

document.getElementById("skip-link").addEventListener("click", (event) => {
  event.preventDefault();
  main.focus();
});

vocab().then(({ entityTypes }) => {
  const select = document.getElementById("search-type");
  for (const type of entityTypes) {
    select.append(h("option", { value: type }, type.toLowerCase()));
  }
});

window.addEventListener("hashchange", () => route().then(focusView));
route();
