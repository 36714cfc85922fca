// A small, local rendering of /openapi.json: endpoints, parameters, statuses and response examples.
// Text from the schema is written with textContent only.

import { $, h } from "./dom.js";

function resolve(spec, schema) {
  if (schema && schema.$ref) return spec.components.schemas[schema.$ref.split("/").pop()];
  return schema || {};
}

function exampleOf(spec, schema) {
  const resolved = resolve(spec, schema);
  return resolved.examples ? resolved.examples[0] : resolved.example;
}

function tryUrl(path, parameters) {
  const params = new URLSearchParams();
  for (const p of parameters) {
    const example = p.example ?? (p.examples ? Object.values(p.examples)[0]?.value : undefined) ?? p.schema?.examples?.[0];
    if (example !== undefined) params.set(p.name, example);
  }
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

async function start() {
  const spec = await (await fetch("openapi.json")).json();
  $("summary").textContent = `${spec.info.summary || ""} · version ${spec.info.version}`;
  $("description").textContent = spec.info.description || "";
  const toc = [];
  const blocks = [];
  for (const [path, operations] of Object.entries(spec.paths)) {
    for (const [verb, op] of Object.entries(operations)) {
      const id = `${verb}-${path}`.replace(/[^a-z0-9]+/gi, "-");
      toc.push(h("li", {}, h("a", { href: `#${id}`, text: path })));
      const parameters = op.parameters || [];
      const rows = parameters.map((p) => h("tr", {},
        h("td", {}, h("code", { text: p.name })),
        h("td", { text: p.required ? "required" : "optional" }),
        h("td", { text: p.description || p.schema?.description || "" })));
      const responses = Object.entries(op.responses || {}).map(([status, r]) => h("tr", {},
        h("td", {}, h("code", { text: status })), h("td", { text: r.description || "" })));
      const ok = op.responses && op.responses["200"] && op.responses["200"].content;
      const media = ok ? Object.values(ok)[0] : null;
      const example = media ? exampleOf(spec, media.schema) : undefined;
      const url = tryUrl(path, parameters);
      blocks.push(h("section", { class: "endpoint", id },
        h("h2", {}, h("span", { class: "verb", text: verb.toUpperCase() }), path),
        h("p", { text: op.summary || "" }),
        parameters.length ? h("table", {}, h("thead", {}, h("tr", {}, h("th", { text: "Parameter" }), h("th", { text: "" }), h("th", { text: "Meaning" }))), h("tbody", {}, rows)) : null,
        h("table", {}, h("thead", {}, h("tr", {}, h("th", { text: "Status" }), h("th", { text: "Meaning" }))), h("tbody", {}, responses)),
        h("p", {}, "Try it: ", h("a", { href: url, text: url })),
        example !== undefined ? h("details", {}, h("summary", { text: "Example response" }), h("pre", { text: JSON.stringify(example, null, 2) })) : null));
    }
  }
  $("toc").replaceChildren(...toc);
  $("endpoints").replaceChildren(...blocks);
}

start().catch((error) => { $("description").textContent = `Could not load the schema: ${error.message}`; });
