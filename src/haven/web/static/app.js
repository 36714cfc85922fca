// haven travel map: plain JavaScript and SVG, no library, nothing loaded from elsewhere.
// Data text is only ever written with textContent / createTextNode / attributes (never as HTML).

const SVG_NS = "http://www.w3.org/2000/svg";
const WIDTH = 1000;
const SOUTH = -57; // crop the map just below Tierra del Fuego
const NORTH = 84;
const RECENT_DAYS = 365;
const FRAME_MS = 280;

const state = {
  person: null, on: null, country: null,
  method: null, persons: [], personById: new Map(),
  features: [], featuresByState: new Map(),
  verdicts: new Map(), counts: null,
  visits: [], timeline: null,
  first: null, today: null,
  playing: false, request: 0, explainRequest: 0,
  view: null, home: null,
};

// ---------------------------------------------------------------------------------------------- helpers
const $ = (id) => document.getElementById(id);

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function s(tag, attrs = {}) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

function safeUrl(url) {
  // only web links become links: no javascript:, data: or relative URLs from the data
  try {
    const parsed = new URL(String(url));
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

function link(url, text) {
  const href = safeUrl(url);
  if (!href) return h("span", { text });
  return h("a", { href, target: "_blank", rel: "noopener noreferrer external", text });
}

const DAY = 86400000;
const toDay = (iso) => Math.round(Date.parse(iso + "T00:00:00Z") / DAY);
const fromDay = (n) => new Date(n * DAY).toISOString().slice(0, 10);
const validIso = (text) => typeof text === "string" && /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text + "T00:00:00Z"));
const humanDate = (iso) => new Date(iso + "T00:00:00Z").toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const ACRONYMS = new Set(["icc", "un", "eu", "us"]);
const words = (name) => {
  const text = name.split("_").map((w) => (ACRONYMS.has(w) ? w.toUpperCase() : w)).join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
};
const percent = (x) => `${Math.round(x * 100)}%`;

async function api(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params)) if (value) url.searchParams.set(key, value);
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && body.error ? body.error.message : `HTTP ${response.status}`;
    throw new Error(message);
  }
  return body;
}

function setStatus(text, isError = false) {
  const node = $("status");
  node.textContent = text;
  node.classList.toggle("error", isError);
}

function tierColour(tier) {
  const found = state.method.tiers.find((t) => t.tier === tier);
  return found ? found.colour : state.method.no_data_colour;
}

function tierMeaning(tier) {
  const found = state.method.tiers.find((t) => t.tier === tier);
  return found ? found.meaning : "";
}

// ---------------------------------------------------------------------------------------------- projection
// Equal Earth (Šavrič, Patterson, Jenny 2018): equal-area, so the shrinking is not exaggerated at the poles.
const A1 = 1.340264, A2 = -0.081106, A3 = 0.000893, A4 = 0.003796, M = Math.sqrt(3) / 2;
function equalEarth(lon, lat) {
  const lambda = (lon * Math.PI) / 180;
  const phi = (lat * Math.PI) / 180;
  const l = Math.asin(M * Math.sin(phi));
  const l2 = l * l, l6 = l2 * l2 * l2;
  const x = (lambda * Math.cos(l)) / (M * (A1 + 3 * A2 * l2 + l6 * (7 * A3 + 9 * A4 * l2)));
  const y = l * (A1 + A2 * l2 + l6 * (A3 + A4 * l2));
  return [x, y];
}
const X_MAX = equalEarth(180, 0)[0];
const SCALE = (WIDTH / 2 - 4) / X_MAX;
const Y_TOP = equalEarth(0, NORTH)[1];
const Y_BOTTOM = equalEarth(0, SOUTH)[1];
const HEIGHT = Math.ceil((Y_TOP - Y_BOTTOM) * SCALE) + 8;

function project(lon, lat) {
  const [x, y] = equalEarth(lon, lat);
  return [WIDTH / 2 + x * SCALE, 4 + (Y_TOP - y) * SCALE];
}

function ringPath(ring) {
  let d = "";
  for (let i = 0; i < ring.length; i++) {
    const [x, y] = project(ring[i][0], ring[i][1]);
    d += (i ? "L" : "M") + x.toFixed(1) + "," + y.toFixed(1);
  }
  return d + "Z";
}

function geometryPath(geometry) {
  if (!geometry) return "";
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  return polygons.map((polygon) => polygon.map(ringPath).join("")).join("");
}

function outlinePath() {
  const points = [];
  for (let lat = SOUTH; lat <= NORTH; lat += 2) points.push(project(180, lat));
  for (let lat = NORTH; lat >= SOUTH; lat -= 2) points.push(project(-180, lat));
  return "M" + points.map(([x, y]) => x.toFixed(1) + "," + y.toFixed(1)).join("L") + "Z";
}

// ---------------------------------------------------------------------------------------------- map
function buildMap() {
  const svg = $("map");
  svg.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
  state.home = { x: 0, y: 0, w: WIDTH, h: HEIGHT };
  state.view = { ...state.home };
  const defs = s("defs");
  const hatch = s("pattern", { id: "hatch", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
  hatch.append(s("rect", { width: 6, height: 6, fill: state.method.no_data_colour }), s("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#9aa3ad", "stroke-width": 2 }));
  defs.append(hatch);
  svg.append(defs);
  svg.append(s("path", { d: outlinePath(), class: "sphere" }));
  const graticule = s("g", { class: "graticule" });
  for (let lon = -150; lon <= 150; lon += 30) {
    const pts = [];
    for (let lat = SOUTH; lat <= NORTH; lat += 3) pts.push(project(lon, lat));
    graticule.append(s("path", { d: "M" + pts.map((p) => p.map((v) => v.toFixed(1)).join(",")).join("L") }));
  }
  for (let lat = -30; lat <= 60; lat += 30) {
    const pts = [];
    for (let lon = -180; lon <= 180; lon += 5) pts.push(project(lon, lat));
    graticule.append(s("path", { d: "M" + pts.map((p) => p.map((v) => v.toFixed(1)).join(",")).join("L") }));
  }
  svg.append(graticule);
  const countries = s("g", { class: "countries" });
  for (const feature of state.features) {
    const p = feature.properties;
    const path = s("path", { d: geometryPath(feature.geometry), class: "country", "data-code": p.code, "data-state": p.state || "" });
    feature.node = path;
    countries.append(path);
    if (p.state) {
      if (!state.featuresByState.has(p.state)) state.featuresByState.set(p.state, []);
      state.featuresByState.get(p.state).push(feature);
    }
  }
  svg.append(countries);
  svg.append(s("g", { class: "trips", id: "trip-layer" }));
  wireMapEvents(svg, countries);
}

function featureOf(target) {
  const code = target && target.getAttribute && target.getAttribute("data-code");
  return code ? state.features.find((f) => f.properties.code === code) : null;
}

function wireMapEvents(svg, countries) {
  const tooltip = $("tooltip");
  const wrap = $("map-wrap");
  let drag = null;
  svg.addEventListener("pointermove", (event) => {
    if (drag) {
      const scale = state.view.w / svg.getBoundingClientRect().width;
      const dx = (event.clientX - drag.x) * scale, dy = (event.clientY - drag.y) * scale;
      if (Math.abs(dx) + Math.abs(dy) > 2) drag.moved = true;
      setView({ ...drag.view, x: drag.view.x - dx, y: drag.view.y - dy });
      return;
    }
    const target = event.target;
    let text = null;
    if (target.classList.contains("country")) {
      const feature = featureOf(target);
      if (feature) text = describeFeature(feature);
    } else if (target.classList.contains("trip")) {
      text = (target.getAttribute("data-label") || "").split("\n");
    }
    if (!text) { tooltip.hidden = true; return; }
    tooltip.replaceChildren(...text.map((line, i) => h(i ? "span" : "strong", { text: line })));
    const box = wrap.getBoundingClientRect();
    tooltip.hidden = false;
    const x = Math.min(event.clientX - box.left + 14, box.width - tooltip.offsetWidth - 6);
    const y = Math.max(event.clientY - box.top - tooltip.offsetHeight - 10, 6);
    tooltip.style.left = `${Math.max(6, x)}px`;
    tooltip.style.top = `${y}px`;
  });
  svg.addEventListener("pointerleave", () => { tooltip.hidden = true; });
  svg.addEventListener("pointerdown", (event) => {
    if (event.button !== 0 || state.view.w >= state.home.w) return;
    drag = { x: event.clientX, y: event.clientY, view: { ...state.view }, moved: false };
  });
  window.addEventListener("pointerup", () => { setTimeout(() => { drag = null; }, 0); });
  svg.addEventListener("click", (event) => {
    if (drag && drag.moved) return;
    const target = event.target;
    const iso3 = target.getAttribute && (target.getAttribute("data-state") || null);
    if (iso3 && state.verdicts.has(iso3)) selectCountry(iso3);
    else if (target.classList && target.classList.contains("country")) setStatus(`No assessment for ${describeFeature(featureOf(target))[0]}.`);
  });
  svg.addEventListener("wheel", (event) => {
    event.preventDefault();
    const box = svg.getBoundingClientRect();
    zoom(event.deltaY < 0 ? 1.25 : 0.8, (event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height);
  }, { passive: false });
  $("zoom-in").addEventListener("click", () => zoom(1.5));
  $("zoom-out").addEventListener("click", () => zoom(1 / 1.5));
  $("zoom-reset").addEventListener("click", () => setView({ ...state.home }));
}

function zoom(factor, fx = 0.5, fy = 0.5) {
  const v = state.view;
  const w = Math.min(state.home.w, Math.max(state.home.w / 12, v.w / factor));
  const hgt = (w * state.home.h) / state.home.w;
  setView({ x: v.x + (v.w - w) * fx, y: v.y + (v.h - hgt) * fy, w, h: hgt });
}

function setView(v) {
  const x = Math.min(Math.max(v.x, 0), state.home.w - v.w);
  const y = Math.min(Math.max(v.y, 0), state.home.h - v.h);
  state.view = { x, y, w: v.w, h: v.h };
  $("map").setAttribute("viewBox", `${x.toFixed(1)} ${y.toFixed(1)} ${v.w.toFixed(1)} ${v.h.toFixed(1)}`);
  $("map").classList.toggle("zoomed", v.w < state.home.w);
  $("map").style.setProperty("--k", String(state.home.w / v.w));
}

function describeFeature(feature) {
  const p = feature.properties;
  const verdict = state.verdicts.get(p.state);
  const lines = [p.name];
  if (verdict && verdict.iso3 !== p.code && verdict.country !== p.name) lines.push(`assessed as ${verdict.country}`);
  if (p.disputed) lines.push("disputed area");
  lines.push(verdict ? `${verdict.tier}${verdict.obliged_to_arrest === "disputed" ? " · duty to arrest disputed" : verdict.obliged_to_arrest ? " · obliged to arrest" : ""}` : "no assessment");
  return lines;
}

function paintMap() {
  for (const feature of state.features) {
    const verdict = state.verdicts.get(feature.properties.state);
    const fill = verdict ? tierColour(verdict.tier) : feature.properties.disputed && !feature.properties.state ? "url(#hatch)" : state.method.no_data_colour;
    feature.node.setAttribute("fill", fill);
    feature.node.classList.toggle("assessed", Boolean(verdict));
    feature.node.classList.toggle("selected", Boolean(state.country) && feature.properties.state === state.country);
  }
  const selected = state.featuresByState.get(state.country) || [];
  for (const f of selected) f.node.parentNode.append(f.node); // draw the selection outline on top
}

function paintTrips() {
  const layer = $("trip-layer");
  const today = toDay(state.on);
  const shown = state.visits.filter((v) => v.lon !== null && v.start && toDay(normaliseStart(v.start)) <= today);
  const nodes = shown.map((v) => {
    const [x, y] = project(v.lon, v.lat);
    const age = today - toDay(normaliseStart(v.start));
    const recent = age <= RECENT_DAYS;
    const circle = s("circle", {
      cx: x.toFixed(1), cy: y.toFixed(1), r: recent ? 4.2 : 2.6,
      class: `trip ${v.made ? "made" : "not-made"} ${recent ? "recent" : "old"}`,
      "data-state": state.verdicts.has(v.state) ? v.state : "",
      "data-label": [`${v.place || v.country}, ${v.country}`, `${v.start} · ${v.kind}${v.made ? "" : " (not made)"}`, v.event].filter(Boolean).join("\n"),
    });
    const title = s("title");
    title.textContent = `${v.start} ${v.kind}: ${v.place || v.country} (${v.country})`;
    circle.append(title);
    return circle;
  });
  layer.replaceChildren(...nodes);
}

function normaliseStart(start) {
  if (start.length === 4) return `${start}-01-01`;
  if (start.length === 7) return `${start}-01`;
  return start;
}

// ---------------------------------------------------------------------------------------------- legend and lists
function paintLegend() {
  const legend = $("legend");
  const items = state.method.tiers.map((t) => {
    const n = state.counts ? state.counts[t.tier] : 0;
    return h("li", { title: t.meaning },
      h("span", { class: "swatch", "data-tier": t.tier }),
      h("span", { class: "legend-name", text: t.tier }),
      h("span", { class: "legend-count", text: String(n) }));
  });
  items.push(h("li", { title: "not assessed, or an area no state answers for" },
    h("span", { class: "swatch nodata" }), h("span", { class: "legend-name", text: "no data" })));
  legend.replaceChildren(...items);
  for (const swatch of legend.querySelectorAll(".swatch[data-tier]")) swatch.style.background = tierColour(swatch.dataset.tier);
  legend.querySelector(".swatch.nodata").style.background = state.method.no_data_colour;
}

function paintLists() {
  const filter = $("country-filter").value.trim().toLowerCase();
  const groups = state.method.tiers.map((t) => {
    const verdicts = [...state.verdicts.values()].filter((v) => v.tier === t.tier && (!filter || v.country.toLowerCase().includes(filter) || v.iso3.toLowerCase() === filter));
    const list = h("ul", { class: "country-list" }, verdicts.map((v) =>
      h("li", {}, h("button", {
        type: "button", class: "country-button", "data-iso3": v.iso3,
        "aria-label": `${v.country}: ${v.tier}. Show why.`, onclick: () => selectCountry(v.iso3),
      }, v.country))));
    const details = h("details", { class: "tier-group", open: filter ? true : t.tier === "ally" || t.tier === "risky" },
      h("summary", {}, h("span", { class: "swatch", "data-tier": t.tier }), h("span", { text: `${t.tier} · ${verdicts.length}` }),
        h("span", { class: "summary-meaning", text: t.meaning })),
      verdicts.length ? list : h("p", { class: "muted", text: "none" }));
    details.querySelector(".swatch").style.background = t.colour;
    return details;
  });
  $("country-lists").replaceChildren(...groups);
}

function paintTripList() {
  const today = toDay(state.on);
  const past = state.visits.filter((v) => v.start && toDay(normaliseStart(v.start)) <= today).slice(-12).reverse();
  const items = past.map((v) => h("li", { class: v.made ? "made" : "not-made" },
    h("button", { type: "button", class: "link-button", onclick: () => state.verdicts.has(v.state) && selectCountry(v.state),
      "aria-label": `${v.country}, ${v.start}: show why` }, v.country),
    h("span", { class: "muted", text: ` ${v.start} · ${v.kind}${v.place ? " · " + v.place : ""}` })));
  $("trip-list").replaceChildren(...(items.length ? items : [h("li", { class: "muted", text: "No trips recorded up to this date." })]));
  const person = state.personById.get(state.person);
  $("person-line").replaceChildren(
    h("strong", { text: person ? person.name : state.person }),
    document.createTextNode(person ? ` · ${person.title}` : ""),
    h("br"),
    document.createTextNode(`As of ${humanDate(state.on)}: `),
    ...state.method.tiers.flatMap((t, i) => [document.createTextNode(i ? ", " : ""), h("span", { class: "count", text: `${state.counts[t.tier]} ${t.tier}` })]));
}

// ---------------------------------------------------------------------------------------------- evidence panel
function verdictFacts(data) {
  return h("dl", { class: "facts" },
    h("div", {}, h("dt", { text: "Obliged to arrest" }), h("dd", { text: data.obliged_to_arrest === "disputed" ? "disputed" : data.obliged_to_arrest ? "yes" : "no" })),
    h("div", {}, h("dt", { text: "Arrest risk" }), h("dd", { text: data.obliged_to_arrest || data.arrest_risk ? percent(data.arrest_risk) : "—" })),
    h("div", {}, h("dt", { text: "Visit likelihood, next 365 days" }), h("dd", { text: percent(data.visit_likelihood) })));
}

function renderEvidence(data) {
  $("evidence-title").textContent = data.country;
  const badge = h("p", { class: "tier-badge" }, h("span", { class: "swatch" }), h("strong", { text: data.tier }),
    h("span", { class: "muted", text: `for ${data.name || data.person} on ${humanDate(data.on)}` }));
  badge.querySelector(".swatch").style.background = tierColour(data.tier);
  const body = [badge, h("p", { class: "meaning", text: `${data.tier[0].toUpperCase()}${data.tier.slice(1)}: ${tierMeaning(data.tier)}.` }), verdictFacts(data)];
  body.push(h("h3", { text: "Why: the rules that fired" }));
  if (!data.findings.length) {
    body.push(h("p", { text: "No rule fired: no duty to arrest, no hostility and no ties on record." }));
  }
  const findings = h("ol", { class: "findings" }, data.findings.map((f) => h("li", { class: "finding" },
    h("div", { class: "finding-head" },
      h("span", { class: "rule", text: words(f.rule) }),
      h("span", { class: `axis axis-${f.axis}`, text: f.axis }),
      f.value ? h("span", { class: "value", title: "weight counted", text: f.value > 0 ? `+${f.value}` : String(f.value) }) : h("span", { class: "value muted", text: "not counted" })),
    h("p", { class: "explanation", text: f.explanation }),
    h("ul", { class: "evidence-list" }, f.evidence.map((e) => h("li", { class: `fact certainty-${e.certainty}` },
      h("time", { class: "when", text: e.when || "date unknown" }),
      h("span", { class: "label", text: e.label }),
      e.certainty !== "confirmed" ? h("span", { class: "certainty", text: e.certainty === "unverified" ? "unverified: not counted" : e.certainty }) : null,
      h("ul", { class: "sources" }, e.sources.map((src) => h("li", {},
        link(src.url, src.title || src.url),
        h("span", { class: "muted", text: ` — ${src.publisher}${src.published ? ", " + src.published : ""}` }))))))))));
  body.push(findings);
  if (data.trips && data.trips.length) {
    body.push(h("h3", { text: "Trips there up to this date" }));
    body.push(h("ul", { class: "trips-there" }, data.trips.slice().reverse().map((t) => h("li", {},
      h("time", { class: "when", text: t.start }),
      h("span", { text: ` ${t.kind}${t.place ? " · " + t.place : ""}${t.event ? " — " + t.event : ""} ` }),
      t.source_url ? link(t.source_url, "source") : null))));
  }
  const json = new URL("/api/explain", window.location.origin);
  json.search = new URLSearchParams({ person: state.person, country: data.iso3, on: state.on }).toString();
  body.push(h("p", { class: "muted small" }, `Method ${data.method_version} · data ${data.data_version} · `, h("a", { href: json.pathname + json.search, text: "as JSON" })));
  $("evidence-body").replaceChildren(...body);
}

async function selectCountry(iso3, { focus = true } = {}) {
  state.country = iso3;
  paintMap();
  writeUrl();
  $("overview").hidden = true;
  $("evidence").hidden = false;
  $("evidence-title").textContent = state.verdicts.get(iso3) ? state.verdicts.get(iso3).country : iso3;
  $("evidence-body").replaceChildren(h("p", { class: "muted", text: "Loading the evidence…" }));
  const ticket = ++state.explainRequest;
  try {
    const data = await api("/api/explain", { person: state.person, country: iso3, on: state.on });
    if (ticket !== state.explainRequest) return;
    renderEvidence(data);
    if (focus) $("panel").focus({ preventScroll: window.innerWidth > 900 });
  } catch (error) {
    if (ticket === state.explainRequest) $("evidence-body").replaceChildren(h("p", { class: "error", text: error.message }));
  }
}

function closeCountry() {
  state.country = null;
  state.explainRequest++;
  $("evidence").hidden = true;
  $("overview").hidden = false;
  paintMap();
  writeUrl();
}

// ---------------------------------------------------------------------------------------------- timeline
function paintChart() {
  const svg = $("chart");
  const months = state.timeline ? state.timeline.months : [];
  const W = 1000, H = 90;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("preserveAspectRatio", "none");
  if (!months.length) { svg.replaceChildren(); return; }
  const total = Object.values(months[0].counts).reduce((a, b) => a + b, 0) || 1;
  const span = toDay(state.today) - toDay(state.first) || 1;
  const xOf = (iso) => ((toDay(iso) - toDay(state.first)) / span) * W;
  const order = ["closed", "risky", "open", "ally", "home"]; // closed at the bottom: watch it grow
  const layers = [];
  const base = months.map(() => 0);
  for (const tier of order) {
    const top = months.map((m, i) => base[i] + m.counts[tier]);
    let d = "";
    months.forEach((m, i) => {
      const x0 = xOf(m.on), x1 = i + 1 < months.length ? xOf(months[i + 1].on) : W;
      const y = H - (top[i] / total) * H, y0 = H - (base[i] / total) * H;
      d += `M${x0.toFixed(2)},${y0.toFixed(2)}H${x1.toFixed(2)}V${y.toFixed(2)}H${x0.toFixed(2)}Z`;
    });
    layers.push(s("path", { d, fill: tierColour(tier), class: "band" }));
    top.forEach((v, i) => { base[i] = v; });
  }
  const cursor = s("line", { id: "cursor", x1: 0, x2: 0, y1: 0, y2: H, class: "cursor" });
  svg.replaceChildren(...layers, cursor);
  const axis = $("chart-axis");
  const startYear = Number(state.first.slice(0, 4)), endYear = Number(state.today.slice(0, 4));
  const step = endYear - startYear > 16 ? 4 : endYear - startYear > 8 ? 2 : 1;
  const ticks = [];
  for (let year = Math.ceil(startYear / step) * step; year <= endYear; year += step) {
    const tick = h("span", { text: String(year) });
    tick.style.left = `${(xOf(`${year}-01-01`) / W) * 100}%`;
    ticks.push(tick);
  }
  axis.replaceChildren(...ticks);
  moveCursor();
}

function moveCursor() {
  const cursor = document.getElementById("cursor");
  if (!cursor) return;
  const span = toDay(state.today) - toDay(state.first) || 1;
  const x = ((toDay(state.on) - toDay(state.first)) / span) * 1000;
  cursor.setAttribute("x1", x.toFixed(1));
  cursor.setAttribute("x2", x.toFixed(1));
}

function chartPick(event) {
  const box = $("chart").getBoundingClientRect();
  const fraction = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
  const day = Math.round(toDay(state.first) + fraction * (toDay(state.today) - toDay(state.first)));
  setDate(fromDay(day));
}

// ---------------------------------------------------------------------------------------------- state changes
function writeUrl() {
  const params = new URLSearchParams();
  if (state.person) params.set("person", state.person);
  if (state.on) params.set("on", state.on);
  if (state.country) params.set("country", state.country);
  const url = `${window.location.pathname}?${params.toString()}`;
  if (url !== window.location.pathname + window.location.search) history.replaceState(null, "", url);
}

function readUrl() {
  const params = new URLSearchParams(window.location.search || window.location.hash.replace(/^#/, ""));
  return { person: params.get("person"), on: params.get("on"), country: params.get("country") };
}

function showDate() {
  $("slider").value = String(toDay(state.on) - toDay(state.first));
  $("slider").setAttribute("aria-valuetext", humanDate(state.on));
  $("slider-value").textContent = humanDate(state.on);
  $("date-input").value = state.on;
  moveCursor();
}

let assessTimer = null;
function setDate(iso, { immediate = false } = {}) {
  if (!validIso(iso)) return Promise.resolve();
  const day = Math.min(toDay(state.today), Math.max(toDay(state.first), toDay(iso)));
  state.on = fromDay(day);
  showDate();
  writeUrl();
  clearTimeout(assessTimer);
  if (immediate) return refresh();
  return new Promise((resolve) => { assessTimer = setTimeout(() => refresh().then(resolve), 90); });
}

async function refresh() {
  const ticket = ++state.request;
  const on = state.on;
  setStatus("Loading…");
  try {
    const data = await api("/api/assess", { person: state.person, on });
    if (ticket !== state.request) return;
    state.verdicts = new Map(data.countries.map((v) => [v.iso3, v]));
    state.counts = data.counts;
    paintMap();
    paintTrips();
    paintLegend();
    paintLists();
    paintTripList();
    $("versions").textContent = `Method ${data.method_version} · data ${data.data_version}`;
    const n = data.countries.length;
    if (!n && data.status_text) {  // in custody or dead: no travel to assess, said in words
      setStatus(`${data.name} on ${humanDate(on)}: ${data.status_text}, so there is no travel to assess.`);
    } else {
      setStatus(`${data.name} on ${humanDate(on)}: ${data.counts.closed} of ${n} states closed, ${data.counts.risky} risky, ${data.counts.open + data.counts.ally} open or allied.`);
    }
    if (state.country && !state.playing) await selectCountry(state.country, { focus: false });
  } catch (error) {
    if (ticket === state.request) setStatus(error.message, true);
  }
}

async function setPerson(id, { keepDate = false } = {}) {
  state.person = id;
  $("person").value = id;
  state.timeline = null;
  setStatus("Loading…");
  let visits, timeline;
  try {
    [visits, timeline] = await Promise.all([
      api("/api/visits", { person: id }),
      api("/api/timeline", { person: id, from: state.first, to: state.today }),
    ]);
  } catch (error) {
    if (state.person === id) setStatus(`Could not load ${id}: ${error.message}`, true);
    return;
  }
  if (state.person !== id) return;
  state.visits = visits.visits;
  state.timeline = timeline;
  paintChart();
  if (!keepDate) state.on = state.today;
  await setDate(state.on, { immediate: true });
}

// ---------------------------------------------------------------------------------------------- play
async function play() {
  if (state.playing) { stop(); return; }
  const person = state.personById.get(state.person);
  let day = toDay(state.on);
  if (day >= toDay(state.today) - 31) {
    // replay from two years before the first warrant became public (or from the start)
    const start = person && person.first_warrant_public ? toDay(person.first_warrant_public) - 730 : toDay(state.first);
    day = Math.max(toDay(state.first), start);
  }
  state.playing = true;
  $("play").setAttribute("aria-pressed", "true");
  $("play").setAttribute("aria-label", "Pause the animation");
  $("play").querySelector(".play-text").textContent = "Pause";
  const steps = Math.max(24, Math.min(90, Math.round((toDay(state.today) - day) / 30)));
  const stride = Math.max(1, Math.round((toDay(state.today) - day) / steps));
  while (state.playing) {
    const started = performance.now();
    await setDate(fromDay(day), { immediate: true });
    if (day >= toDay(state.today)) break;
    day = Math.min(toDay(state.today), day + stride);
    const wait = FRAME_MS - (performance.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  stop();
}

function stop() {
  state.playing = false;
  $("play").setAttribute("aria-pressed", "false");
  $("play").setAttribute("aria-label", "Play: animate through time");
  $("play").querySelector(".play-text").textContent = "Play";
  if (state.country) selectCountry(state.country, { focus: false });
}

// ---------------------------------------------------------------------------------------------- start
async function start() {
  try {
    const [method, persons, boundaries] = await Promise.all([api("/api/method"), api("/api/persons"), api("/api/boundaries")]);
    state.method = method;
    state.first = method.first_date;
    state.today = method.today;
    state.persons = persons.persons;
    state.personById = new Map(state.persons.map((p) => [p.id, p]));
    state.features = boundaries.features;
    $("attribution").textContent = boundaries.attribution;
    buildMap();

    const select = $("person");
    select.replaceChildren(...state.persons.map((p) => h("option", { value: p.id, text: `${p.name} (${p.home_name})` })));
    select.disabled = false;
    const slider = $("slider");
    slider.min = "0";
    slider.max = String(toDay(state.today) - toDay(state.first));
    $("date-input").min = state.first;
    $("date-input").max = state.today;

    select.addEventListener("change", () => { stop(); state.country = null; closeCountry(); setPerson(select.value, { keepDate: true }); });
    slider.addEventListener("input", () => setDate(fromDay(toDay(state.first) + Number(slider.value))));
    $("date-input").addEventListener("change", (event) => setDate(event.target.value, { immediate: true }));
    $("play").addEventListener("click", play);
    $("close").addEventListener("click", () => { closeCountry(); $("country-filter").focus(); });
    $("country-filter").addEventListener("input", paintLists);
    $("chart").addEventListener("click", chartPick);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && state.country) closeCountry();
    });

    const wanted = readUrl();
    const person = wanted.person && state.persons.find((p) => p.id === wanted.person || p.qid === wanted.person) ? wanted.person : state.persons[0].id;
    const personId = state.persons.find((p) => p.id === person || p.qid === person).id;
    state.on = validIso(wanted.on) ? wanted.on : state.today;
    await setPerson(personId, { keepDate: true });
    if (wanted.country) {
      const iso3 = wanted.country.toUpperCase();
      if (state.verdicts.has(iso3)) await selectCountry(iso3, { focus: false });
    }
    document.body.dataset.ready = "true";
  } catch (error) {
    setStatus(`Could not load: ${error.message}`, true);
  }
}

start();
