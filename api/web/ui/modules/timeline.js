// A small SVG timeline: events (or cause -> effect pairs) placed by date on one axis,
// stacked in lanes so that labels do not overlap. Each mark is a link to its event.
const NS = "http://www.w3.org/2000/svg";
const WIDTH = 1000;
const PAD = 24;
const LANE = 24;
const DAY = 86_400_000;

function s(tag, attrs = {}, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

const time = (iso) => Date.parse(`${String(iso).slice(0, 10)}T00:00:00Z`);

function ticks(min, max) {
  const out = [];
  const start = new Date(min);
  const spanDays = (max - min) / DAY;
  if (spanDays > 3 * 365) {
    const step = Math.max(1, Math.ceil(spanDays / 365 / 12));
    for (let y = start.getUTCFullYear() + 1; Date.UTC(y, 0, 1) <= max; y += step) {
      out.push([Date.UTC(y, 0, 1), String(y)]);
    }
  } else if (spanDays > 75) {
    const step = Math.max(1, Math.ceil(spanDays / 30 / 12));
    let y = start.getUTCFullYear();
    let m = start.getUTCMonth() + 1;
    for (; Date.UTC(y, m, 1) <= max; m += step) {
      const t = Date.UTC(y, m, 1);
      const d = new Date(t);
      out.push([t, d.toISOString().slice(0, 7)]);
    }
  } else {
    const step = Math.max(1, Math.ceil(spanDays / 12));
    for (let t = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate() + 1);
      t <= max; t += step * DAY) {
      out.push([t, new Date(t).toISOString().slice(0, 10)]);
    }
  }
  return out;
}

/**
 * groups: [{marks: [{date, kind, label, href, title}], label}] where a group of two marks
 * is a cause -> effect pair drawn with a connecting line. Returns an <svg>.
 */
export function timeline(groups, { caption = "Timeline" } = {}) {
  const dated = groups.filter((g) => g.marks.every((m) => Number.isFinite(time(m.date))));
  const times = dated.flatMap((g) => g.marks.map((m) => time(m.date)));
  let min = Math.min(...times);
  let max = Math.max(...times);
  const margin = Math.max((max - min) * 0.04, 15 * DAY);
  min -= margin;
  max += margin;
  const x = (t) => PAD + ((t - min) / (max - min)) * (WIDTH - 2 * PAD);

  // greedy lanes: a group takes the first lane whose last label ends before it starts
  const laneEnds = [];
  const placed = dated
    .map((g) => {
      // marks of one group on the same day are drawn side by side, in their order
      const xs = [];
      for (const m of g.marks) xs.push(Math.max(x(time(m.date)), xs.length ? xs.at(-1) + 11 : 0));
      return { g, xs };
    })
    .sort((a, b) => a.xs[0] - b.xs[0])
    .map(({ g, xs }) => {
      const labelWidth = 6.2 * String(g.label || "").length + 10;
      // the label goes right of the marks, or left of them near the right edge
      const before = xs.at(-1) + labelWidth > WIDTH - 4;
      const left = (before ? xs[0] - labelWidth : xs[0]) - 8;
      const right = before ? xs.at(-1) + 8 : xs.at(-1) + labelWidth;
      let lane = laneEnds.findIndex((end) => end < left);
      if (lane === -1) { lane = laneEnds.length; laneEnds.push(right); } else laneEnds[lane] = right;
      return { g, xs, lane, before };
    });
  const lanes = Math.max(1, laneEnds.length);
  const height = lanes * LANE + 44;
  const svg = s("svg", { class: "timeline", viewBox: `0 0 ${WIDTH} ${height}`,
    role: "group", "aria-label": caption });
  svg.append(s("title", {}, caption));
  const axisY = height - 26;
  svg.append(s("line", { class: "axis", x1: PAD, x2: WIDTH - PAD, y1: axisY, y2: axisY }));
  for (const [t, label] of ticks(min, max).filter(([t]) => x(t) > PAD + 30
    && x(t) < WIDTH - PAD - 30)) {
    svg.append(s("line", { class: "axis", x1: x(t), x2: x(t), y1: axisY, y2: axisY + 5 }));
    svg.append(s("text", { x: x(t), y: axisY + 18, "text-anchor": "middle" }, label));
  }
  for (const { g, xs, lane, before } of placed) {
    const y = 16 + lane * LANE;
    if (xs.length > 1) {
      svg.append(s("path", { class: "link",
        d: `M${xs[0]},${y} C${xs[0]},${y - 10} ${xs[1]},${y - 10} ${xs[1]},${y}` }));
    }
    g.marks.forEach((mark, i) => {
      const link = s("a", { href: mark.href || "#" });
      link.append(s("title", {}, mark.title || mark.label || mark.date));
      link.append(s("circle", { class: `dot-${mark.kind || "event"}`, cx: xs[i], cy: y, r: 6 }));
      svg.append(link);
    });
    if (g.label) {
      svg.append(before
        ? s("text", { x: xs[0] - 10, y: y + 4, "text-anchor": "end" }, g.label)
        : s("text", { x: xs.at(-1) + 10, y: y + 4 }, g.label));
    }
  }
  return svg;
}
