// DOM helpers. Text from the graph always goes in as text nodes, never as HTML.

/** h("a", {href: "#/x", class: "hit"}, "text", child) -> an element. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else if (key === "class") {
      el.className = value;
    } else if (value === true) {
      el.setAttribute(key, "");
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** Only http(s) links from the data become links (no javascript: or data: URLs). */
export function safeUrl(url) {
  if (typeof url !== "string") return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** An outside link: opened in a new tab, without telling the site where it came from. */
export function extLink(url, text) {
  const href = safeUrl(url);
  if (!href) return h("span", {}, text || url || "");
  return h("a", { href, target: "_blank", rel: "noopener noreferrer" }, text || href);
}

export const hash = (path, params) => {
  const query = params ? new URLSearchParams(params).toString() : "";
  return `#/${path}${query ? `?${query}` : ""}`;
};
export const entityHref = (id) => `#/entity/${encodeURIComponent(id)}`;
export const eventHref = (id) => `#/event/${encodeURIComponent(id)}`;
export const documentHref = (id) => `#/document/${encodeURIComponent(id)}`;

export function typeBadge(type) {
  const name = String(type || "").toLowerCase();
  return h("span", { class: `badge t-${name.replace(/[^a-z]/g, "")}` }, name || "?");
}

export function eventBadge(type) {
  return h("span", { class: "badge t-event" }, String(type || "event").replaceAll("_", " "));
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];

/** "2016-12-16" -> "16 December 2016"; "2016-12" -> "December 2016"; else as given. */
export function humanDate(value) {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(String(value || ""));
  if (!m) return String(value || "undated");
  if (m[3]) return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
  if (m[2]) return `${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
  return m[1];
}

/** A date object of the API ({value, granularity, start, end}) in words. */
export function eventDate(date) {
  if (!date) return "undated";
  const text = humanDate(date.value);
  return date.granularity && date.granularity !== "day"
    ? `${text} (to the ${date.granularity})` : text;
}

/** The evidence sentence, with `marks` (words, e.g. the trigger: every standalone
 * occurrence, case-insensitively) and `spans` ([start, end] in `sentence`, in UTF-16
 * units) highlighted as <mark>. All of it goes in as text. */
export function evidence(sentence, marks = [], spans = []) {
  const raw = String(sentence || "");
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  const quote = h("blockquote", { class: "evidence" });
  const ranges = [];
  for (const span of spans || []) {
    if (!Array.isArray(span)) continue;
    const [start, end] = [span[0] - lead, span[1] - lead];
    if (start >= 0 && end > start && end <= text.length) ranges.push([start, end]);
  }
  const words = (marks || []).filter((w) => typeof w === "string" && w.trim());
  if (words.length) {
    const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    const pattern = new RegExp(
      `(?<![\\p{L}\\p{N}_])(?:${escaped.join("|")})(?![\\p{L}\\p{N}_])`, "giu");
    for (const match of text.matchAll(pattern)) {
      ranges.push([match.index, match.index + match[0].length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let last = 0;
  for (const [start, end] of ranges) {
    if (start < last) continue; // overlaps a mark already made
    quote.append(text.slice(last, start), h("mark", {}, text.slice(start, end)));
    last = end;
  }
  quote.append(text.slice(last));
  return quote;
}

/** Where a report's trigger word stands in its sentence, as [start, end] in UTF-16
 * units, when the API gives offsets (in characters) that fall on that word; else null. */
export function triggerSpan(source) {
  const { sentence, trigger, trigger_start: start, trigger_end: end } = source || {};
  if (typeof sentence !== "string" || typeof trigger !== "string") return null;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) {
    return null;
  }
  const chars = Array.from(sentence); // the API counts characters, JS strings UTF-16 units
  if (end > chars.length) return null;
  const word = chars.slice(start, end).join("");
  if (word.toLowerCase() !== trigger.toLowerCase()) return null;
  const at = chars.slice(0, start).join("").length;
  return [at, at + word.length];
}

/** A source's sentence with its trigger marked (where the API says it is, else every
 * standalone occurrence of the word), and any other `marks`. */
export function sourceEvidence(source, marks = []) {
  const span = triggerSpan(source);
  return evidence(source.sentence, span ? marks : [...marks, source.trigger],
    span ? [span] : []);
}

/** One source of a fact: outlet, date, title linked to the article, the sentence. */
export function sourceItem(source, marks = []) {
  return h("li", { class: "source" },
    h("div", { class: "meta" },
      source.outlet || "unknown outlet", " · ",
      source.published ? humanDate(source.published) : "undated", " · ",
      extLink(source.url, source.title || source.document),
      source.document ? [" · ", h("a", { href: documentHref(source.document) },
        "what else it reports")] : null),
    source.sentence ? sourceEvidence(source, marks) : null);
}

export function empty(...children) {
  return h("p", { class: "empty" }, ...children);
}

export function loading(text = "Loading…") {
  return h("p", { class: "loading", role: "status" }, text);
}

export const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "Caracas, Venezuela"; a place that is the country itself is named once. */
export function whereText(place, country) {
  return [...new Set([place, country].filter(Boolean))].join(", ");
}
