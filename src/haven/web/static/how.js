// "How to read this": the tiers, the numbers and the rules, written from the method the engine publishes
// (/api/method, or data/method.json on a static site), so the page says what the engine does today.

import { sourceFor } from "./data.js";
import { $, h } from "./dom.js";

const mode = (document.querySelector('meta[name="haven-mode"]') || {}).content === "static" ? "static" : "api";

const label = (name) => {
  const text = name.replace(/_/g, " ").replace(/\b(icc|un|eu|us)\b/g, (w) => w.toUpperCase());
  return text.charAt(0).toUpperCase() + text.slice(1);
};

// What a reader sees on the page, in plain words; the formula beside each comes from the method.
const READING = {
  obliged_to_arrest: "Whether the state has a legal duty to arrest the person if he sets foot there. A duty is not an arrest: states have ignored it.",
  ties: "How close the state is to the person's government: alliances, treaties, troops, arms, trade, UN votes and recent visits, added up.",
  arrest_risk: "The chance, as haven reckons it, that the state would actually arrest him on a visit. \"Arrest risk 3%\" means a duty may exist but the state is expected not to act on it.",
  tier: "The colour on the map, decided in this order.",
  visit_likelihood: "The chance of at least one visit in the next 365 days, from a model fitted on past trips. It is not a forecast of a particular trip.",
};

function render(method) {
  const steps = method.steps || [];
  const decisions = steps.filter((s) => s.axis === "decision");
  const rules = steps.filter((s) => s.axis !== "decision");
  const axes = [...new Set(rules.map((r) => r.axis))];
  const tiers = h("ul", { class: "how-tiers" }, method.tiers.map((t) => {
    const swatch = h("span", { class: "swatch" });
    swatch.style.background = t.colour;
    return h("li", {}, swatch, h("strong", { text: t.tier }), ` — ${t.meaning}`);
  }));
  const nodata = h("span", { class: "swatch" });
  nodata.style.background = method.no_data_colour;
  tiers.append(h("li", {}, nodata, h("strong", { text: "no data" }), " — not assessed, or an area no state answers for (hatched when disputed)"));
  const numbers = h("dl", { class: "how-numbers" }, decisions.flatMap((d) => [
    h("dt", { text: label(d.step) }),
    h("dd", {}, h("p", { text: READING[d.step] || "" }), h("p", { class: "muted small" }, "How it is computed: ", h("code", { text: d.weight }))),
  ]));
  const rulesByAxis = axes.map((axis) => h("section", { class: "endpoint" },
    h("h3", { text: `${label(axis)} rules` }),
    h("table", {}, h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Rule" }), h("th", { scope: "col", text: "What it looks for" }), h("th", { scope: "col", text: "Weight or effect" }))),
      h("tbody", {}, rules.filter((r) => r.axis === axis).map((r) => h("tr", {},
        h("th", { scope: "row", text: label(r.step) }), h("td", { text: r.explanation }), h("td", { text: r.weight })))))));
  $("how").replaceChildren(
    h("p", { text: "Each state gets one verdict for the person and the date chosen. A verdict uses only facts that were public on that date, each with its sources; open a country on the map to see them." }),
    h("h2", { text: "The colours" }), tiers,
    h("h2", { text: "The numbers in a country's panel" }), numbers,
    h("h2", { text: "The rules" }),
    h("p", { text: "A rule fires when facts on record meet it; the evidence panel lists the rules that fired for a state, with the facts and their sources. Unverified facts are shown but never counted." }),
    ...rulesByAxis,
    h("p", { class: "muted small", text: `Method ${method.method_version} · data ${method.data_version}. Trips made are drawn as filled dots, trips not made (${method.not_visited_kinds.join(", ")}) as hollow ones.` }));
}

async function start() {
  if (mode === "static") for (const node of document.querySelectorAll("[data-static-href]")) node.setAttribute("href", node.dataset.staticHref);
  try {
    render(await sourceFor(mode).method());
    document.body.dataset.ready = "true";
  } catch (error) {
    $("how-status").textContent = `Could not load the method: ${error.message}.`;
    $("how-status").className = "error";
  }
}

start();
