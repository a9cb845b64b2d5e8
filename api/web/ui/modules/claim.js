// Claim check (POST v1/claims/check): the verdict, what supports it, what disagrees, and
// what others are quoted as saying. The claim is kept in the URL so a check can be shared.
import { api, problemBox } from "./api.js";
import { empty, entityHref, eventBadge, eventDate, eventHref, extLink, h, loading,
  sourceItem, whereText } from "./dom.js";

function stated(event) {
  return h("li", {}, eventBadge(event.type), " ", eventDate(event.date),
    event.country ? ` · ${event.country}` : "",
    (event.platforms || []).length ? ` · ${event.platforms.join(", ")}` : "",
    event.trigger ? h("span", { class: "meta" }, ` (said with “${event.trigger}”)`) : "");
}

function eventCard(event, triggers, notes = []) {
  const where = whereText(event.place, event.country);
  return h("li", {},
    h("div", {}, h("a", { href: eventHref(event.id) }, h("strong", {}, eventDate(event.date))),
      " ", eventBadge(event.type), where ? ` in ${where}` : ""),
    (event.participants || []).length ? h("div", { class: "meta" }, event.participants.map(
      (p, i) => [i ? ", " : "", h("a", { href: entityHref(p.id) }, p.name)])) : null,
    notes.length ? h("ul", {}, notes.map((n) => h("li", {}, h("strong", {}, n)))) : null,
    h("ul", { class: "plain" }, (event.sources || []).map((s) => sourceItem(s, triggers))));
}

async function check(results, text, published, signal) {
  results.replaceChildren(loading("Checking the claim against the graph…"));
  let data;
  try {
    ({ data } = await api("v1/claims/check", { body: published ? { text, published }
      : { text }, signal }));
  } catch (error) {
    results.replaceChildren(problemBox(error, () => window.dispatchEvent(
      new Event("hashchange"))));
    return null;
  }
  const triggers = (data.stated_events || []).map((e) => e.trigger);
  const label = data.label || "no evidence in this graph";
  const heading = h("h2", { id: "h-verdict", tabindex: "-1" }, "Verdict: ",
    h("span", { class: `verdict v-${label.replace(/[^a-z]+/g, "-")}`, id: "verdict" }, label));
  results.replaceChildren(heading,
    h("p", {}, data.label_meaning || ""),
    h("p", { class: "meta" }, data.note || "",
      ` Independent outlets behind the supporting events: ${data.independent_outlets ?? 0}.`),
    h("h3", {}, "What the claim states"),
    (data.stated_events || []).length ? h("ul", {}, data.stated_events.map(stated))
      : empty("No event could be read from the claim: say what happened, where and when."),
    h("h3", {}, `Supporting (${(data.supporting || []).length})`),
    (data.supporting || []).length
      ? h("ol", { class: "plain reports", id: "supporting" },
        data.supporting.map((e) => eventCard(e, triggers)))
      : empty("Nothing in the graph supports it as stated."),
    h("h3", {}, `Disagreeing (${(data.disagreeing || []).length})`),
    (data.disagreeing || []).length
      ? h("ol", { class: "plain reports", id: "disagreeing" },
        data.disagreeing.map((d) => eventCard(d.event, triggers, d.disagreements || [])))
      : empty("Nothing in the graph disagrees with it."),
    h("h3", {}, `Claims by others about these events (${(data.attributed_claims || []).length})`),
    (data.attributed_claims || []).length
      ? h("ul", { class: "plain claims" }, data.attributed_claims.map((c) => h("li", {},
        c.origin === "checker" ? h("span", { class: "badge rating" },
          c.review ? `fact-check: ${c.review}` : "fact-check, no verdict yet") : "",
        c.origin === "checker" ? " " : "",
        h("strong", {}, c.claimant || "someone"), ` (${c.stance || "says"})`,
        c.causal ? " · gives a cause" : "", c.contested ? " · contested" : "",
        (c.evidence || []).length ? ` · this event ${c.evidence.join(" and ")} it` : "",
        h("blockquote", { class: "evidence" }, c.text || ""),
        h("div", { class: "meta" }, extLink(c.url, c.outlet || c.document || "the fact-check"),
          " · ", h("a", { href: eventHref(c.event) }, "the event")))))
      : empty("The sources quote nobody else about these events."));
  return heading;
}

export async function renderClaim(main, { params, signal }) {
  document.title = "Claim check · newsgraph";
  const text = params.get("text") || "";
  const published = params.get("published") || "";
  const area = h("textarea", { id: "claim-text", name: "text", required: true, maxlength: 2000,
    rows: 3, placeholder: "e.g. Facebook and YouTube were blocked in Kazakhstan on 16 December 2016" });
  area.value = text;
  const date = h("input", { id: "claim-published", name: "published", type: "date",
    value: published });
  const form = h("form", { id: "claim-form" },
    h("div", { class: "field" }, h("label", { for: "claim-text" }, "The claim"), area,
      h("p", { class: "hint", id: "claim-hint" },
        "Enter checks the claim; Shift+Enter starts a new line.")),
    h("div", { class: "field" }, h("label", { for: "claim-published" },
      "When it was made (optional: resolves “on Friday”)"), date),
    h("p", {}, h("button", { type: "submit" }, "Check")));
  area.setAttribute("aria-describedby", "claim-hint");
  area.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = new URLSearchParams({ text: area.value.trim() });
    if (date.value) query.set("published", date.value);
    const target = `#/claim?${query}`;
    if (location.hash === target) window.dispatchEvent(new Event("hashchange"));
    else location.hash = target;
  });
  const results = h("section", { id: "claim-results", "aria-live": "polite" });
  main.append(h("h1", {}, "Claim check"),
    h("p", { class: "hint" }, "Paste a claim; it is read like an article and compared with "
      + "the events in the graph. A verdict only says what these articles support: "
      + "“no evidence in this graph” is not “false”."),
    form, results);
  if (!text.trim()) {
    results.append(empty("Nothing checked yet."));
    return null;
  }
  return check(results, text.trim(), published, signal);
}
