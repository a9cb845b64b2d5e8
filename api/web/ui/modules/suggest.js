// Suggestions under the search box while typing (the ARIA combobox pattern): Down and Up
// move through them, Enter opens the chosen entity (or searches when none is chosen),
// Escape closes them.
import { api } from "./api.js";
import { entityHref, h, typeBadge } from "./dom.js";

export function attachSuggestions(input) {
  const list = h("ul", { id: "search-suggestions", role: "listbox", class: "suggestions",
    "aria-label": "Suggested entities", hidden: true });
  input.after(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");
  let timer = null;
  let controller = null;
  let active = -1;

  const options = () => [...list.querySelectorAll("[role=option]")];
  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const highlight = (index) => {
    const all = options();
    active = index;
    all.forEach((el, i) => el.setAttribute("aria-selected", String(i === index)));
    if (all[index]) input.setAttribute("aria-activedescendant", all[index].id);
    else input.removeAttribute("aria-activedescendant");
  };
  const open = (id) => {
    close();
    location.hash = entityHref(id);
  };

  async function fetchSuggestions() {
    const q = input.value.trim();
    if (controller) controller.abort();
    if (q.length < 2) { close(); return; }
    controller = new AbortController();
    try {
      const { data } = await api("v1/entities", { params: { q, limit: 8 },
        signal: controller.signal });
      list.replaceChildren(...data.items.map((hit, i) => h("li", { id: `suggestion-${i}`,
        role: "option", "aria-selected": "false",
        onmousedown: (event) => { event.preventDefault(); open(hit.id); } },
      hit.name, " ", typeBadge(hit.type))));
      if (data.items.length && document.activeElement === input) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        highlight(-1);
      } else close();
    } catch {
      close(); // suggestions are a convenience: the search page shows any error in words
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 150);
  });
  input.addEventListener("keydown", (event) => {
    const all = options();
    if (event.key === "ArrowDown" && !list.hidden && all.length) {
      event.preventDefault();
      highlight((active + 1) % all.length);
    } else if (event.key === "ArrowUp" && !list.hidden && all.length) {
      event.preventDefault();
      highlight(active <= 0 ? all.length - 1 : active - 1);
    } else if (event.key === "Escape") {
      close();
    } else if (event.key === "Enter" && !list.hidden && active >= 0) {
      event.preventDefault();
      all[active].dispatchEvent(new MouseEvent("mousedown"));
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
  input.form.addEventListener("submit", () => {
    clearTimeout(timer);
    if (controller) controller.abort();
    close();
  });
}
