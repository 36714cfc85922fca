// haven travel map: plain JavaScript and SVG, no library, nothing loaded from elsewhere.
// Data text is only ever written with textContent / createTextNode / attributes (never as HTML).
// The same file drives the full page and the embed view (body[data-view=embed]), served by `haven serve`
// or from a static site (meta haven-mode); see data.js for where the answers come from.

import { fromDay, LoadError, NOT_AT_LARGE, sourceFor, toDay, validIso, valueOn } from "./data.js";
import { mapSvg, pngBlob, save, verdictsCsv, verdictsGeoJson } from "./exports.js";
import { geometryPath, graticulePaths, HEIGHT, outlinePath, project, WIDTH } from "./map.js";
import { countryIndex, matches, personIndex } from "./search.js";
import { $, h } from "./dom.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const RECENT_DAYS = 365;
const FRAME_MS = 280;
const ANNOUNCE_MS = 1500;

const mode = (document.querySelector('meta[name="haven-mode"]') || {}).content === "static" ? "static" : "api";
const embedded = document.body.dataset.view === "embed";
const source = sourceFor(mode);

const state = {
  person: null, on: null, country: null, since: null,
  method: null, persons: [], personById: new Map(), countries: [], findCountry: null, findPerson: null,
  features: [], featuresByState: new Map(),
  verdicts: new Map(), counts: null, assessed: null, failed: false,
  visits: [], series: null, daily: null,
  first: null, today: null,
  playing: false, request: 0, explainRequest: 0, seriesRequest: 0, eventsRequest: 0,
  view: null, home: null,
};

// ---------------------------------------------------------------------------------------------- helpers

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

const humanDate = (iso) => new Date(iso + "T00:00:00Z").toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const ACRONYMS = new Set(["icc", "un", "eu", "us"]);
const words = (name) => {
  const text = name.split("_").map((w) => (ACRONYMS.has(w) ? w.toUpperCase() : w)).join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
};
const percent = (x) => `${Math.round(x * 100)}%`;
const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);
const byName = (a, b) => a.country.localeCompare(b.country, "en", { sensitivity: "base" });

function setStatus(text, isError = false) {
  const node = $("status");
  node.textContent = text;
  node.classList.toggle("error", isError);
  announce(text, isError);
}

// The live region speaks once things settle (and errors at once), not on every frame of Play or slider step.
let announceTimer = null;
function announce(text, now = false) {
  clearTimeout(announceTimer);
  const say = () => { if (!state.playing || now) $("announcer").textContent = text; };
  if (now) say();
  else announceTimer = setTimeout(say, ANNOUNCE_MS);
}

function notice(text) {
  const node = $("notice");
  node.append(h("p", { text }));
  node.hidden = false;
}

function tierColour(tier) {
  const found = state.method.tiers.find((t) => t.tier === tier);
  return found ? found.colour : state.method.no_data_colour;
}

function tierMeaning(tier) {
  const found = state.method.tiers.find((t) => t.tier === tier);
  return found ? found.meaning : "";
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
  svg.replaceChildren(defs, s("path", { d: outlinePath(), class: "sphere" }));
  const graticule = s("g", { class: "graticule" });
  for (const d of graticulePaths()) graticule.append(s("path", { d }));
  svg.append(graticule);
  const countries = s("g", { class: "countries" });
  for (const feature of state.features) {
    const p = feature.properties;
    const path = s("path", { d: geometryPath(feature.geometry), class: "country", "data-code": p.code, "data-state": p.state || "",
                             fill: state.method.no_data_colour });
    feature.node = path;
    countries.append(path);
    if (p.state) {
      if (!state.featuresByState.has(p.state)) state.featuresByState.set(p.state, []);
      state.featuresByState.get(p.state).push(feature);
    }
  }
  svg.append(countries);
  svg.append(s("g", { class: "trips", id: "trip-layer" }));
  svg.append(s("g", { class: "venues", id: "venue-layer" }));
  wireMapEvents(svg);
}

function featureOf(target) {
  const code = target && target.getAttribute && target.getAttribute("data-code");
  return code ? state.features.find((f) => f.properties.code === code) : null;
}

function wireMapEvents(svg) {
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
    if (iso3 && state.verdicts.has(iso3)) openCountry(iso3);
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

function openCountry(iso3) {
  if (embedded) {
    window.open(fullPageUrl({ country: iso3 }), "_blank", "noopener");
    return;
  }
  selectCountry(iso3);
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

function normaliseStart(start) {
  if (start.length === 4) return `${start}-01-01`;
  if (start.length === 7) return `${start}-01`;
  return start;
}

function paintTrips() {
  const layer = $("trip-layer");
  const today = toDay(state.on);
  const shown = state.failed ? [] : state.visits.filter((v) => v.lon !== null && v.start && toDay(normaliseStart(v.start)) <= today);
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

// A failed answer never leaves the previous date's map under the new date: the map is blanked and says why.
function showFailure(message) {
  state.failed = true;
  state.verdicts = new Map();
  state.counts = null;
  paintMap();
  paintTrips();
  paintLegend();
  if (!embedded) { paintLists(); $("trip-list").replaceChildren(); $("person-line").replaceChildren(); }
  $("map-error-text").textContent = `No map for ${humanDate(state.on)}: ${message}.`;
  $("map-error").hidden = false;
  $("coverage-line").hidden = true;
  $("map-wrap").classList.add("failed");
  setStatus(`Could not load ${humanDate(state.on)}: ${message}.`, true);
}

function clearFailure() {
  state.failed = false;
  $("map-error").hidden = true;
  $("map-wrap").classList.remove("failed");
}

// ---------------------------------------------------------------------------------------------- legend and lists
function paintLegend() {
  const legend = $("legend");
  const items = state.method.tiers.map((t) => {
    const n = state.counts ? String(state.counts[t.tier]) : "–";
    return h("li", { title: t.meaning },
      h("span", { class: "swatch", "data-tier": t.tier }),
      h("span", { class: "legend-name", text: t.tier }),
      h("span", { class: "legend-count", text: n }));
  });
  items.push(h("li", { title: "not assessed, or an area no state answers for" },
    h("span", { class: "swatch nodata" }), h("span", { class: "legend-name", text: "no data" })));
  legend.replaceChildren(...items);
  for (const swatch of legend.querySelectorAll(".swatch[data-tier]")) swatch.style.background = tierColour(swatch.dataset.tier);
  legend.querySelector(".swatch.nodata").style.background = state.method.no_data_colour;
}

function paintLists() {
  const query = $("country-filter").value;
  const wanted = (v) => !query.trim() || matches(state.findCountry, query, v.iso3);
  const groups = state.method.tiers.map((t) => {
    const verdicts = [...state.verdicts.values()].filter((v) => v.tier === t.tier && wanted(v)).sort(byName);
    const list = h("ul", { class: "country-list" }, verdicts.map((v) =>
      h("li", {}, h("button", {
        type: "button", class: "country-button", "data-iso3": v.iso3,
        "aria-label": `${v.country}: ${v.tier}. Show why.`, onclick: () => selectCountry(v.iso3),
      }, v.country))));
    const details = h("details", { class: "tier-group", open: query.trim() ? true : t.tier === "ally" || t.tier === "risky" },
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

// What the person is expected at in the year ahead, as public on the date, with the chance he attends.
function eventPart(e) {
  if (e.at_home) return "at home (the host state)";
  if (e.online_from) return "online only";
  if (e.outcome_known === "expected") return `announced: to attend in person (${percent(e.probability)})`;
  if (e.outcome_known) return `announced: ${e.outcome_known}`;
  return `attends in person: ${percent(e.probability)}`;
}

function eventItem(e) {
  const where = [e.city, state.verdicts.has(e.host) ? state.verdicts.get(e.host).country : e.host].filter(Boolean).join(", ");
  const venue = e.tier && !e.at_home ? ` · ${e.tier}${e.arrest_risk !== null ? `, arrest risk ${percent(e.arrest_risk)}` : ""}` : "";
  return h("li", { "data-event": e.id },
    h("span", { class: "next-date", text: e.start }), document.createTextNode(" "),
    state.verdicts.has(e.host)
      ? h("button", { type: "button", class: "link-button", onclick: () => selectCountry(e.host), "aria-label": `${e.title}, ${where}: show why` }, e.title)
      : h("span", { text: e.title }),
    h("span", { class: "muted", text: ` · ${where}` }), h("br"),
    h("strong", { class: "next-chance", text: eventPart(e) }), h("span", { class: "muted", text: venue }));
}

// Diamonds at the venues of the events ahead (not those at home), drawn above the trips.
function paintVenues(events) {
  const shown = events.filter((e) => !e.at_home && e.venue);
  $("venue-layer").replaceChildren(...shown.map((e) => {
    const [x, y] = project(e.venue[0], e.venue[1]);
    const r = 4.5;
    const mark = s("path", { d: `M${x.toFixed(1)} ${(y - r).toFixed(1)}l${r} ${r}l${-r} ${r}l${-r} ${-r}z`, class: "venue",
                             "data-event": e.id, "data-state": state.verdicts.has(e.host) ? e.host : "",
                             "data-label": [e.title, `${e.start} · ${[e.city, e.host].filter(Boolean).join(", ")}`, eventPart(e)].join("\n") });
    const title = s("title");
    title.textContent = `${e.start} ${e.title}: ${eventPart(e)}`;
    mark.append(title);
    return mark;
  }));
}

async function paintEvents() {
  if (state.playing) { paintVenues([]); return; }
  const ticket = ++state.eventsRequest;
  const list = $("next-list");
  try {
    const data = await source.events(state.person, state.on);
    if (ticket !== state.eventsRequest) return;
    const items = data.events.map(eventItem);
    list.replaceChildren(...(items.length ? items : [h("li", { class: "muted", text: "No event ahead was public on this date." })]));
    paintVenues(state.failed || NOT_AT_LARGE.has(state.assessed && state.assessed.status) ? [] : data.events);
  } catch (error) {
    if (ticket !== state.eventsRequest) return;
    list.replaceChildren(h("li", { class: "muted", text: `Events could not be loaded: ${error.message}` }));
    paintVenues([]);
  }
}

// ---------------------------------------------------------------------------------------------- evidence panel
function verdictFacts(data) {
  return h("dl", { class: "facts" },
    h("div", {}, h("dt", { text: "Obliged to arrest" }), h("dd", { text: data.obliged_to_arrest === "disputed" ? "disputed" : data.obliged_to_arrest ? "yes" : "no" })),
    h("div", {}, h("dt", { text: "Arrest risk" }), h("dd", { text: data.obliged_to_arrest || data.arrest_risk ? percent(data.arrest_risk) : "—" })),
    h("div", {}, h("dt", { text: "Visit likelihood, next 365 days" }), h("dd", { text: percent(data.visit_likelihood) })));
}

function sourceItem(src) {
  return h("li", {},
    link(src.url, src.title || src.url),
    h("span", { class: "muted", text: ` — ${src.publisher}${src.published ? ", " + src.published : ""}` }));
}

// Sources published after the date describe the fact but were not known then: kept apart, folded, and labelled.
function laterSources(e) {
  const later = e.later_sources || [];
  if (!later.length) return null;
  return h("details", { class: "later-sources" },
    h("summary", { text: `Published after this date (${later.length})` }),
    h("p", { class: "muted small", text: "Not known on the date shown; listed because they describe the fact." }),
    h("ul", { class: "sources" }, later.map(sourceItem)));
}

function evidenceItem(e) {
  return h("li", { class: `fact certainty-${e.certainty}` },
    h("time", { class: "when", text: e.when || "date unknown" }),
    h("span", { class: "label", text: e.label }),
    e.certainty !== "confirmed" ? h("span", { class: "certainty", text: e.certainty === "unverified" ? "unverified: not counted" : e.certainty }) : null,
    e.note ? h("p", { class: "note" }, h("span", { class: "note-tag", text: "Curator's note" }),
      h("span", { text: ` ${e.note}` }), h("span", { class: "muted small", text: " (written later; it may mention what happened after this date)" })) : null,
    e.sources.length ? h("ul", { class: "sources" }, e.sources.map(sourceItem))
      : h("p", { class: "muted small", text: "No source published by this date is on record." }),
    laterSources(e));
}

// How current the facts are, next to the date: a reader must see when the map may be missing what happened since.
function coverageText(coverage) {
  if (!coverage || !coverage.date) return "";
  return coverage.stale
    ? `Facts current to ${humanDate(coverage.date)}; this date is later, so whatever happened since is not shown.`
    : `Facts current to ${humanDate(coverage.date)}.`;
}

function paintCoverage(data) {
  const node = $("coverage-line");
  const text = coverageText(data.coverage);
  node.textContent = text;
  node.classList.toggle("stale", Boolean(data.coverage && data.coverage.stale));
  node.hidden = !text;
}

function renderEvidence(data) {
  $("evidence-title").textContent = data.country;
  const badge = h("p", { class: "tier-badge" }, h("span", { class: "swatch" }), h("strong", { text: data.tier }),
    h("span", { class: "muted", text: `for ${data.name || data.person} on ${humanDate(data.on)}` }));
  badge.querySelector(".swatch").style.background = tierColour(data.tier);
  const body = [badge, h("p", { class: "meaning", text: `${capital(data.tier)}: ${tierMeaning(data.tier)}.` }), verdictFacts(data),
    h("p", { class: "small" }, h("a", { href: mode === "static" ? "how.html" : "how", text: "How to read these numbers" }))];
  body.push(h("h3", { text: "Why: the rules that fired" }));
  const findings = data.findings || [];
  if (!findings.length) {
    body.push(h("p", { text: "No rule fired: no duty to arrest, no hostility and no ties on record." }));
  }
  body.push(h("ol", { class: "findings" }, findings.map((f) => h("li", { class: "finding" },
    h("div", { class: "finding-head" },
      h("span", { class: "rule", text: words(f.rule) }),
      h("span", { class: `axis axis-${f.axis}`, text: f.axis }),
      f.value ? h("span", { class: "value", title: "weight counted", text: f.value > 0 ? `+${f.value}` : String(f.value) }) : h("span", { class: "value muted", text: "not counted" })),
    h("p", { class: "explanation", text: f.explanation }),
    h("ul", { class: "evidence-list" }, f.evidence.map(evidenceItem))))));
  if (data.trips && data.trips.length) {
    body.push(h("h3", { text: "Trips there up to this date" }));
    body.push(h("ul", { class: "trips-there" }, data.trips.slice().reverse().map((t) => h("li", {},
      h("time", { class: "when", text: t.start }),
      h("span", { text: ` ${t.kind}${t.place ? " · " + t.place : ""}${t.event ? " — " + t.event : ""} ` }),
      t.source_url ? link(t.source_url, "source") : null))));
  }
  const current = coverageText(data.coverage);
  body.push(h("p", { class: "muted small" }, `Method ${data.method_version} · data ${data.data_version} · ${current ? current + " · " : ""}`,
    h("a", { href: source.explainLink(state.person, data.iso3, state.on), text: "as JSON" })));
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
    const data = await source.explain(state.person, iso3, state.on);
    if (ticket !== state.explainRequest) return;
    renderEvidence(data);
    if (focus) $("panel").focus({ preventScroll: window.innerWidth > 900 });
  } catch (error) {
    if (ticket === state.explainRequest) $("evidence-body").replaceChildren(h("p", { class: "error", role: "alert", text: `Could not load the evidence: ${error.message}.` }));
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
// Tier counts on every day, from each state's tier changes: the chart steps on the day of each change.
// From `no_travel_day` on (in custody or dead) no state counts: the chart drops to nothing, never "open".
function dailyCounts(series) {
  const days = toDay(series.to) - toDay(series.from) + 1;
  const stop = series.no_travel_day ?? days;
  const tiers = series.tiers.length;
  const delta = Array.from({ length: tiers }, () => new Int32Array(days + 1));
  for (const pairs of series.changes) {
    for (let k = 0; k < pairs.length; k += 2) {
      const start = pairs[k], end = Math.min(k + 2 < pairs.length ? pairs[k + 2] : days, stop);
      if (start >= end) continue;
      delta[pairs[k + 1]][start] += 1;
      delta[pairs[k + 1]][end] -= 1;
    }
  }
  const steps = []; // [day, counts] at each day where any count changes
  const running = new Array(tiers).fill(0);
  for (let d = 0; d < days; d++) {
    let changed = d === 0;
    for (let t = 0; t < tiers; t++) if (delta[t][d]) { running[t] += delta[t][d]; changed = true; }
    if (changed) steps.push([d, running.slice()]);
  }
  return { days, steps, total: series.changes.length };
}

function paintChart() {
  const svg = $("chart");
  const W = 1000, H = 90;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("preserveAspectRatio", "none");
  if (!state.daily) { svg.replaceChildren(); $("chart-axis").replaceChildren(); return; }
  const { steps, total } = state.daily;
  const offset = toDay(state.series.from) - toDay(state.first);
  const span = toDay(state.today) - toDay(state.first) || 1;
  const xOf = (d) => ((d + offset) / span) * W;
  const tiers = state.series.tiers;
  const order = ["closed", "risky", "open", "ally", "home"].map((t) => tiers.indexOf(t)).filter((i) => i >= 0);
  const base = steps.map(() => 0);
  const layers = [];
  for (const t of order) {
    let d = "";
    steps.forEach(([day, counts], i) => {
      const x0 = xOf(day), x1 = i + 1 < steps.length ? xOf(steps[i + 1][0]) : W;
      const y0 = H - (base[i] / total) * H, y = H - ((base[i] + counts[t]) / total) * H;
      d += `M${x0.toFixed(2)},${y0.toFixed(2)}H${x1.toFixed(2)}V${y.toFixed(2)}H${x0.toFixed(2)}Z`;
      base[i] += counts[t];
    });
    layers.push(s("path", { d, fill: tierColour(tiers[t]), class: "band" }));
  }
  const cursor = s("line", { id: "cursor", x1: 0, x2: 0, y1: 0, y2: H, class: "cursor" });
  const since = s("line", { id: "since-cursor", x1: 0, x2: 0, y1: 0, y2: H, class: "since-cursor" });
  svg.replaceChildren(...layers, since, cursor);
  const startYear = Number(state.first.slice(0, 4)), endYear = Number(state.today.slice(0, 4));
  const step = endYear - startYear > 16 ? 4 : endYear - startYear > 8 ? 2 : 1;
  const ticks = [];
  for (let year = Math.ceil(startYear / step) * step; year <= endYear; year += step) {
    const tick = h("span", { text: String(year) });
    tick.style.left = `${((toDay(`${year}-01-01`) - toDay(state.first)) / span) * 100}%`;
    ticks.push(tick);
  }
  $("chart-axis").replaceChildren(...ticks);
  moveCursor();
}

function moveCursor() {
  const span = toDay(state.today) - toDay(state.first) || 1;
  const place = (id, iso) => {
    const line = document.getElementById(id);
    if (!line) return;
    line.style.display = iso ? "" : "none";
    if (!iso) return;
    const x = (((toDay(iso) - toDay(state.first)) / span) * 1000).toFixed(1);
    line.setAttribute("x1", x);
    line.setAttribute("x2", x);
  };
  place("cursor", state.on);
  place("since-cursor", state.since);
}

function chartPick(event) {
  const box = $("chart").getBoundingClientRect();
  const fraction = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
  const day = Math.round(toDay(state.first) + fraction * (toDay(state.today) - toDay(state.first)));
  setDate(fromDay(day));
}

async function loadSeries(person) {
  const ticket = ++state.seriesRequest;
  state.series = null;
  state.daily = null;
  paintChart();
  $("chart-status").textContent = "Loading the timeline…";
  try {
    const series = await source.series(person);
    if (ticket !== state.seriesRequest) return;
    state.series = series;
    state.daily = dailyCounts(series);
    $("chart-status").textContent = "";
    paintChart();
    paintChanges();
  } catch (error) {
    if (ticket === state.seriesRequest) $("chart-status").textContent = `The timeline could not be loaded: ${error.message}.`;
  }
}

// ---------------------------------------------------------------------------------------------- what changed
function tierOn(j, iso) {
  const day = toDay(iso) - toDay(state.series.from);
  if (day < 0 || iso > state.series.to) return null;
  if (state.series.no_travel_day != null && day >= state.series.no_travel_day) return null; // no tier: no travel
  return state.series.tiers[valueOn(state.series.changes[j], day)];
}

function paintChanges() {
  const box = $("changes-body");
  if (!box || embedded) return;
  $("since-input").value = state.since || "";
  if (!state.since) {
    box.replaceChildren(h("p", { class: "muted", text: "Pick an earlier (or later) date to list the states whose tier differs from the date shown." }));
    return;
  }
  if (!state.series) { box.replaceChildren(h("p", { class: "muted", text: "Loading…" })); return; }
  const names = new Map(state.countries.map((c) => [c.iso3, c.name]));
  const rows = [];
  state.series.countries.forEach((iso3, j) => {
    const before = tierOn(j, state.since), after = tierOn(j, state.on);
    if (before && after && before !== after) rows.push({ iso3, country: names.get(iso3) || iso3, before, after });
  });
  rows.sort(byName);
  const order = state.series.tiers;
  const worse = rows.filter((r) => order.indexOf(r.after) > order.indexOf(r.before)).length;
  const summary = rows.length
    ? `${rows.length} state${rows.length === 1 ? "" : "s"} changed tier between ${humanDate(state.since)} and ${humanDate(state.on)}: ${worse} toward closed, ${rows.length - worse} toward open.`
    : `No state changed tier between ${humanDate(state.since)} and ${humanDate(state.on)}.`;
  const swatch = (tier) => { const node = h("span", { class: "swatch" }); node.style.background = tierColour(tier); return node; };
  box.replaceChildren(h("p", { text: summary }), rows.length ? h("table", { class: "changes" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "State" }), h("th", { scope: "col", text: humanDate(state.since) }), h("th", { scope: "col", text: humanDate(state.on) }))),
    h("tbody", {}, rows.map((r) => h("tr", {},
      h("th", { scope: "row" }, h("button", { type: "button", class: "link-button", onclick: () => selectCountry(r.iso3), text: r.country })),
      h("td", {}, swatch(r.before), ` ${r.before}`), h("td", {}, swatch(r.after), ` ${r.after}`))))) : null);
  moveCursor();
}

function setSince(iso) {
  state.since = validIso(iso) && iso >= state.first && iso <= state.today ? iso : null;
  writeUrl();
  paintChanges();
}

// ---------------------------------------------------------------------------------------------- downloads, embed
function fileStem() {
  return `haven-${state.person}-${state.on}`;
}

function legendItems() {
  const items = state.method.tiers.map((t) => ({ colour: t.colour, label: `${t.tier} ${state.counts ? state.counts[t.tier] : ""}`.trim() }));
  items.push({ colour: state.method.no_data_colour, label: "no data" });
  items.push({ colour: "#111827", label: "trip made" });
  return items;
}

function currentSvg() {
  const person = state.personById.get(state.person);
  return mapSvg($("map"), {
    title: `Where ${person ? person.name : state.person} can travel, ${humanDate(state.on)}`,
    subtitle: "Each state by tier: home, ally, open, risky (obliged to arrest, but may not), closed.",
    legend: legendItems(),
    credit: `haven · ${$("attribution").textContent}`,
    versions: $("versions").textContent,
  });
}

async function download(kind) {
  if (!state.assessed || state.failed) { setStatus("Nothing to download: the map for this date did not load.", true); return; }
  try {
    if (kind === "svg") save(`${fileStem()}.svg`, new Blob([currentSvg()], { type: "image/svg+xml" }));
    else if (kind === "png") save(`${fileStem()}.png`, await pngBlob(currentSvg()));
    else if (kind === "csv") save(`${fileStem()}.csv`, new Blob([verdictsCsv(state.assessed.countries)], { type: "text/csv" }));
    else if (kind === "geojson") {
      const meta = { person: state.person, on: state.on, method_version: state.assessed.method_version, data_version: state.assessed.data_version,
                     coverage: state.assessed.coverage || null };
      save(`${fileStem()}.geojson`, new Blob([verdictsGeoJson(state.features, state.verdicts, meta)], { type: "application/geo+json" }));
    }
  } catch (error) {
    setStatus(`The download failed: ${error.message}.`, true);
  }
}

function fullPageUrl(extra = {}) {
  const url = new URL(mode === "static" ? "index.html" : "./", window.location.href);
  url.search = new URLSearchParams({ person: state.person, on: state.on, ...extra }).toString();
  return url.href;
}

function embedSnippet() {
  const url = new URL(source.embedPage, window.location.href);
  url.search = new URLSearchParams({ person: state.person, on: state.on }).toString();
  const person = state.personById.get(state.person);
  const title = `haven: where ${person ? person.name : state.person} can travel, ${state.on}`;
  const safe = (text) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  return `<iframe src="${safe(url.href)}" title="${safe(title)}" width="100%" height="560" style="border:0" loading="lazy"></iframe>`;
}

function openEmbed() {
  $("embed-code").value = embedSnippet();
  $("embed-dialog").showModal();
  $("embed-code").select();
}

async function copyEmbed() {
  const text = $("embed-code").value;
  try {
    await navigator.clipboard.writeText(text);
    $("embed-copied").textContent = "Copied.";
  } catch {
    $("embed-code").select();
    $("embed-copied").textContent = "Select the code and copy it (Ctrl+C or ⌘C).";
  }
}

// ---------------------------------------------------------------------------------------------- state changes
function writeUrl() {
  if (embedded) return;
  const params = new URLSearchParams();
  if (state.person) params.set("person", state.person);
  if (state.on) params.set("on", state.on);
  if (state.country) params.set("country", state.country);
  if (state.since) params.set("since", state.since);
  const url = `${window.location.pathname}?${params.toString()}`;
  if (url !== window.location.pathname + window.location.search) history.replaceState(null, "", url);
}

function readUrl() {
  const params = new URLSearchParams(window.location.search || window.location.hash.replace(/^#/, ""));
  return { person: params.get("person"), on: params.get("on"), country: params.get("country"), since: params.get("since") };
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

// The engine's status of the person on the date (assessment meta: status, status_since, status_text).
function showStatusSentence(data) {
  const words = data.status_text || (data.status === "deceased" ? "deceased" : "in custody") +
    (data.status_since ? ` since ${data.status_since}` : "");
  $("person-status").textContent = `${data.name}: ${words}. No travel map is drawn for a person who is not at large.`;
  $("person-status").hidden = false;
  $("map-wrap").hidden = true;
}

async function refresh() {
  const ticket = ++state.request;
  const on = state.on;
  $("map-wrap").setAttribute("aria-busy", "true");
  $("status").textContent = "Loading…";
  try {
    const data = await source.assess(state.person, on);
    if (ticket !== state.request) return;
    clearFailure();
    state.assessed = data;
    state.verdicts = new Map(data.countries.map((v) => [v.iso3, v]));
    state.counts = data.counts;
    if (NOT_AT_LARGE.has(data.status)) showStatusSentence(data);
    else { $("person-status").hidden = true; $("map-wrap").hidden = false; }
    paintMap();
    paintTrips();
    paintLegend();
    if (!embedded) { paintLists(); paintTripList(); paintChanges(); paintEvents(); }
    paintCoverage(data);
    const current = data.coverage && data.coverage.date ? ` · facts current to ${data.coverage.date}` : "";
    $("versions").textContent = `Method ${data.method_version} · data ${data.data_version}${current}`;
    const n = data.countries.length;
    if (NOT_AT_LARGE.has(data.status)) setStatus($("person-status").textContent);
    else setStatus(`${data.name} on ${humanDate(on)}: ${data.counts.closed} of ${n} states closed, ${data.counts.risky} risky, ${data.counts.open + data.counts.ally} open or allied.`);
    if (state.country && !state.playing && !embedded) await selectCountry(state.country, { focus: false });
  } catch (error) {
    if (ticket === state.request) showFailure(error.message);
  } finally {
    if (ticket === state.request) $("map-wrap").removeAttribute("aria-busy");
  }
}

async function setPerson(id, { keepDate = false } = {}) {
  state.person = id;
  $("person").value = id;
  $("status").textContent = "Loading…";
  let visits;
  loadSeries(id);
  try {
    visits = await source.visits(id);
  } catch (error) {
    if (state.person === id) showFailure(`the trips of ${id} could not be loaded (${error.message})`);
    return;
  }
  if (state.person !== id) return;
  state.visits = visits.visits;
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
    if (day >= toDay(state.today) || state.failed) break;
    day = Math.min(toDay(state.today), day + stride);
    const wait = FRAME_MS - (performance.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  stop();
}

function stop() {
  const was = state.playing;
  state.playing = false;
  $("play").setAttribute("aria-pressed", "false");
  $("play").setAttribute("aria-label", "Play: animate through time");
  $("play").querySelector(".play-text").textContent = "Play";
  if (was) announce($("status").textContent);
  if (!embedded) paintEvents();
  if (state.country && !embedded) selectCountry(state.country, { focus: false });
}

// ---------------------------------------------------------------------------------------------- share links
// A link names a person, a date and a country; each is resolved as a reader would type it, or the page says
// what it could not use, and never silently shows something else.
function resolveLink(wanted) {
  let person = state.persons[0].id;
  if (wanted.person) {
    const found = state.findPerson(wanted.person);
    if (found) person = found;
    else notice(`The link names a person haven does not cover (“${wanted.person}”); showing ${state.personById.get(person).name} instead.`);
  }
  let on = state.today;
  if (wanted.on) {
    if (!validIso(wanted.on)) notice(`The link's date “${wanted.on}” is not a real date (YYYY-MM-DD); showing ${humanDate(on)} instead.`);
    else if (wanted.on < state.first || wanted.on > state.today) notice(`The link's date ${wanted.on} is outside ${state.first} to ${state.today}; showing ${humanDate(on)} instead.`);
    else on = wanted.on;
  }
  let country = null;
  if (wanted.country) {
    country = state.findCountry(wanted.country);
    if (!country) notice(`The link names a country haven does not know (“${wanted.country}”); no country is selected.`);
  }
  let since = null;
  if (wanted.since) {
    if (validIso(wanted.since) && wanted.since >= state.first && wanted.since <= state.today) since = wanted.since;
    else notice(`The link's comparison date “${wanted.since}” is not a date from ${state.first} to ${state.today}; it is ignored.`);
  }
  return { person, on, country, since };
}

// ---------------------------------------------------------------------------------------------- start
function wireControls() {
  const select = $("person");
  const slider = $("slider");
  select.addEventListener("change", () => { stop(); closeCountry(); setPerson(select.value, { keepDate: true }); });
  slider.addEventListener("input", () => setDate(fromDay(toDay(state.first) + Number(slider.value))));
  $("date-input").addEventListener("change", (event) => setDate(event.target.value, { immediate: true }));
  $("play").addEventListener("click", play);
  $("chart").addEventListener("click", chartPick);
  $("map-retry").addEventListener("click", () => refresh());
  if (embedded) return;
  $("close").addEventListener("click", () => { closeCountry(); $("country-filter").focus(); });
  $("country-filter").addEventListener("input", paintLists);
  $("since-input").addEventListener("change", (event) => setSince(event.target.value));
  $("since-clear").addEventListener("click", () => setSince(null));
  for (const button of document.querySelectorAll("[data-download]")) button.addEventListener("click", () => download(button.dataset.download));
  $("embed-open").addEventListener("click", openEmbed);
  $("embed-copy").addEventListener("click", copyEmbed);
  $("embed-close").addEventListener("click", () => $("embed-dialog").close());
  $("print").addEventListener("click", () => window.print());
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && state.country && !$("embed-dialog").open) closeCountry();
  });
}

async function start() {
  if (mode === "static") {
    for (const node of document.querySelectorAll("[data-api-only]")) node.hidden = true;
    for (const node of document.querySelectorAll("[data-static-href]")) node.setAttribute("href", node.dataset.staticHref);
  }
  try {
    const [method, persons, countries, boundaries] = await Promise.all([source.method(), source.persons(), source.countries(), source.boundaries()]);
    state.method = method;
    state.first = method.first_date;
    state.today = method.today;
    state.persons = persons.persons;
    state.personById = new Map(state.persons.map((p) => [p.id, p]));
    state.countries = countries.countries;
    state.findCountry = countryIndex(state.countries);
    state.findPerson = personIndex(state.persons);
    state.features = boundaries.features;
    $("attribution").textContent = boundaries.attribution;
    buildMap();
    paintLegend();

    const select = $("person");
    const sorted = state.persons.slice().sort((a, b) => a.name.localeCompare(b.name, "en"));
    select.replaceChildren(...sorted.map((p) => h("option", { value: p.id, text: `${p.name} (${p.home_name})` })));
    select.disabled = false;
    const slider = $("slider");
    slider.min = "0";
    slider.max = String(toDay(state.today) - toDay(state.first));
    $("date-input").min = state.first;
    $("date-input").max = state.today;
    if (!embedded) { $("since-input").min = state.first; $("since-input").max = state.today; }
    wireControls();

    const wanted = resolveLink(readUrl());
    state.on = wanted.on;
    state.since = embedded ? null : wanted.since;
    await setPerson(wanted.person, { keepDate: true });
    if (embedded) {
      $("full-link").href = fullPageUrl();
    } else if (wanted.country) {
      if (state.verdicts.has(wanted.country)) await selectCountry(wanted.country, { focus: false });
      else if (!state.failed) notice(`${wanted.country} has no verdict of its own on this map (a territory answers with its sovereign).`);
    }
    document.body.dataset.ready = "true";
  } catch (error) {
    const message = error instanceof LoadError ? error.message : String(error);
    $("status").textContent = `Could not load the page: ${message}.`;
    $("status").classList.add("error");
    announce(`Could not load the page: ${message}.`, true);
    document.body.dataset.ready = "error";
  }
}

start();
