// Downloads of the current view, made in the browser (so a static site offers them too): the map as SVG or
// PNG with its title, legend and credit, the verdicts as CSV (the columns of `haven assess -f csv`) or GeoJSON.

import { HEIGHT, WIDTH } from "./map.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
const HEAD = 64;
const FOOT = 78;

function el(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== null) node.textContent = text;
  return node;
}

// Styles the page gives by class, written as attributes so the file looks the same anywhere.
const INLINE = [
  [".sphere", { fill: "#e9f0f6", stroke: "#c9d5e0", "stroke-width": 0.8 }],
  [".graticule path", { fill: "none", stroke: "#d4dee8", "stroke-width": 0.5 }],
  [".country", { stroke: "#ffffff", "stroke-width": 0.6, "stroke-linejoin": "round" }],
  [".country.selected", { stroke: "#111111", "stroke-width": 2.2 }],
  [".trip.made", { fill: "#111827", stroke: "#ffffff", "stroke-width": 1 }],
  [".trip.not-made", { fill: "#ffffff", stroke: "#111827", "stroke-width": 1.4 }],
  [".trip.old", { opacity: 0.45 }],
];

// view: {title, subtitle, legend: [{colour, label}], credit}
export function mapSvg(mapNode, view) {
  const out = el("svg", { xmlns: SVG_NS, width: WIDTH, height: HEAD + HEIGHT + FOOT, viewBox: `0 0 ${WIDTH} ${HEAD + HEIGHT + FOOT}`,
                          "font-family": FONT });
  out.append(el("title", {}, view.title));
  out.append(el("rect", { width: WIDTH, height: HEAD + HEIGHT + FOOT, fill: "#ffffff" }));
  out.append(el("text", { x: 12, y: 28, "font-size": 22, "font-weight": 700, fill: "#1d2530" }, view.title));
  out.append(el("text", { x: 12, y: 52, "font-size": 14, fill: "#4a5563" }, view.subtitle));
  const map = el("g", { transform: `translate(0 ${HEAD})` });
  for (const child of mapNode.children) {
    if (child.tagName === "defs" || child.tagName === "g" || child.tagName === "path") map.append(child.cloneNode(true));
  }
  for (const [selector, attrs] of INLINE) {
    for (const node of map.querySelectorAll(selector)) for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  }
  for (const node of map.querySelectorAll("[class]")) node.removeAttribute("class");
  out.append(map);
  let x = 12;
  const y = HEAD + HEIGHT + 22;
  for (const item of view.legend) {
    out.append(el("rect", { x, y: y - 11, width: 14, height: 14, rx: 2, fill: item.colour, stroke: "#00000022" }));
    const label = el("text", { x: x + 20, y, "font-size": 13, fill: "#1d2530" }, item.label);
    out.append(label);
    x += 30 + item.label.length * 7.2;
  }
  out.append(el("text", { x: 12, y: HEAD + HEIGHT + 50, "font-size": 11, fill: "#4a5563" }, view.credit));
  out.append(el("text", { x: 12, y: HEAD + HEIGHT + 66, "font-size": 11, fill: "#4a5563" }, view.versions));
  return new XMLSerializer().serializeToString(out);
}

export function pngBlob(svgText, scale = 2) {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml" }));
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = image.width * scale;
      canvas.height = image.height * scale;
      const context = canvas.getContext("2d");
      context.scale(scale, scale);
      context.drawImage(image, 0, 0);
      URL.revokeObjectURL(url);
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the PNG could not be made"))), "image/png");
    };
    image.onerror = () => { URL.revokeObjectURL(url); reject(new Error("the map could not be drawn as an image")); };
    image.src = url;
  });
}

function cell(value) {
  let text = typeof value === "boolean" ? (value ? "True" : "False") : String(value ?? "");
  if (/^[=+@]/.test(text)) text = "'" + text; // a spreadsheet must not read data as a formula
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_COLUMNS = ["iso3", "country", "tier", "obliged_to_arrest", "arrest_risk", "visit_likelihood", "reasons"];

export function verdictsCsv(verdicts) {
  const rows = [CSV_COLUMNS.join(",")];
  for (const v of verdicts) {
    rows.push(CSV_COLUMNS.map((c) => cell(c === "reasons" ? (v.reasons || []).join("; ") : v[c])).join(","));
  }
  return rows.join("\n") + "\n";
}

// Every area of the map with the verdict of the state that answers for it (null where none does).
export function verdictsGeoJson(features, verdicts, meta) {
  return JSON.stringify({
    type: "FeatureCollection",
    ...meta,
    features: features.map((f) => {
      const v = verdicts.get(f.properties.state) || null;
      return {
        type: "Feature", id: f.properties.code, geometry: f.geometry,
        properties: { code: f.properties.code, name: f.properties.name, state: f.properties.state || null,
                      disputed: f.properties.disputed, tier: v ? v.tier : null,
                      obliged_to_arrest: v ? v.obliged_to_arrest : null, arrest_risk: v ? v.arrest_risk : null,
                      visit_likelihood: v ? v.visit_likelihood : null, reasons: v ? v.reasons : [] },
      };
    }),
  });
}

export function save(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
