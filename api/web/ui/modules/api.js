// The HTTP API of this server (docs/api.md), called with relative URLs so the UI also
// works behind a proxy under a path prefix. Errors are problem+json: shown in words.
import { h } from "./dom.js";

const TOKEN_KEY = "newsgraph.token";

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || "";
}

/** GET (or POST with `body`) `v1/...`; resolves to {data, headers}; throws ApiError. */
export async function api(path, { params, body, signal } = {}) {
  const url = new URL(path, document.baseURI);
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, value);
  }
  const headers = { Accept: "application/json" };
  if (token()) headers.Authorization = `Bearer ${token()}`;
  const init = { headers, signal };
  if (body !== undefined) {
    init.method = "POST";
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError(0, { title: "The server did not answer",
      detail: `Is newsgraph serve still running? (${error.message})` });
  }
  const type = response.headers.get("content-type") || "";
  const data = type.includes("json") ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    throw new ApiError(response.status, data && typeof data === "object" ? data
      : { title: response.statusText || `HTTP ${response.status}`,
        detail: `The server answered ${response.status} without an explanation.` });
  }
  return { data, headers: response.headers };
}

/** An error in words: the problem's title and detail, its invalid fields, what to do. */
export function problemBox(error, retry) {
  if (error && error.name === "AbortError") return h("span");
  const problem = error instanceof ApiError ? error.problem
    : { title: "Something went wrong in the page", detail: String(error && error.message) };
  const status = error instanceof ApiError && error.status ? ` (${error.status})` : "";
  const box = h("div", { class: "problem", role: "alert" },
    h("p", {}, h("strong", {}, `${problem.title || "Error"}${status}`), ": ",
      problem.detail || ""),
    Array.isArray(problem.errors) && problem.errors.length
      ? h("ul", {}, problem.errors.map((e) => h("li", {},
        `${e.name || e.location || "input"}: ${e.detail || e.type || ""}`)))
      : null);
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
    box.append(tokenForm(retry));
  }
  return box;
}

/** Reads need a token on this server: ask for it, keep it for this tab only. */
function tokenForm(retry) {
  const input = h("input", { id: "api-token", type: "password", autocomplete: "off",
    required: true, value: token() });
  return h("form", { class: "row", onsubmit: (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    if (retry) retry();
  } },
  h("label", { for: "api-token" }, "Access token (kept in this tab only)"), input,
  h("button", { type: "submit" }, "Use token"));
}
