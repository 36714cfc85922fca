// Where the page's data comes from: the JSON API of `haven serve` ("api"), or the precomputed files of a site
// written by `haven site build` ("static"). Both give the page the same answers in the same shapes.

const DAY = 86400000;
export const toDay = (iso) => Math.round(Date.parse(iso + "T00:00:00Z") / DAY);
export const fromDay = (n) => new Date(n * DAY).toISOString().slice(0, 10);
export const validIso = (text) => {
  if (typeof text !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = Date.parse(text + "T00:00:00Z");
  return !Number.isNaN(parsed) && fromDay(Math.round(parsed / DAY)) === text; // 2024-02-30 is not a day
};

export class LoadError extends Error {}

// Statuses in which a person does not travel: the assessment has no verdicts and the page says why.
export const NOT_AT_LARGE = new Set(["in-custody", "deceased"]);

async function getJson(url) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" } });
  } catch {
    throw new LoadError("the server could not be reached; check the connection and try again");
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new LoadError(body && body.error ? body.error.message : `the server answered ${response.status}`);
  if (body === null) throw new LoadError("the answer could not be read");
  return body;
}

function withParams(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export function apiSource() {
  return {
    mode: "api",
    embedPage: "embed",
    method: () => getJson("api/method"),
    persons: () => getJson("api/persons"),
    countries: () => getJson("api/countries"),
    boundaries: () => getJson("api/boundaries"),
    assess: (person, on) => getJson(withParams("api/assess", { person, on })),
    explain: (person, country, on) => getJson(withParams("api/explain", { person, country, on })),
    visits: (person) => getJson(withParams("api/visits", { person })),
    series: (person) => getJson(withParams("api/series", { person })),
    explainLink: (person, country, on) => withParams("api/explain", { person, country, on }),
    events: (person, on) => getJson(withParams("api/events", { person, on, scope: "part" })),
  };
}

// A flat list [day, value, day, value, ...] sorted by day: the value in force on `day`.
export function valueOn(pairs, day) {
  let lo = 0, hi = pairs.length / 2 - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (pairs[2 * mid] <= day) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found < 0 ? null : pairs[2 * found + 1];
}

// How current the facts are, as the API gives it: stale when the date asked about lies after the coverage date.
export function coverageOn(coverage, on) {
  if (!coverage) return null;
  return { ...coverage, stale: coverage.date !== null && on > coverage.date };
}

export function staticSource() {
  const files = new Map();
  const load = (path) => {
    if (!files.has(path)) files.set(path, getJson(path).catch((error) => { files.delete(path); throw error; }));
    return files.get(path);
  };
  const folder = (person) => `data/persons/${encodeURIComponent(person)}`;
  const verdictsOf = (person) => load(`${folder(person)}/verdicts.json`);
  const dayOf = (data, on) => {
    if (!validIso(on)) throw new LoadError(`bad date ${on}: use YYYY-MM-DD`);
    if (on < data.from || on > data.to) throw new LoadError(`this site covers ${data.from} to ${data.to}; ${on} is outside it`);
    return toDay(on) - toDay(data.from);
  };
  const meta = (data, on) => ({ person: data.person, name: data.name, on, method_version: data.method_version,
                                data_version: data.data_version, coverage: coverageOn(data.coverage, on),
                                ...(data.status_changes ? valueOn(data.status_changes, toDay(on) - toDay(data.from)) || {} : {}) });
  return {
    mode: "static",
    embedPage: "embed.html",
    method: () => load("data/method.json"),
    persons: () => load("data/persons.json"),
    countries: () => load("data/countries.json"),
    boundaries: () => load("data/boundaries.json"),
    async assess(person, on) {
      const data = await verdictsOf(person);
      const day = dayOf(data, on);
      const head = meta(data, on);
      const counts = Object.fromEntries(data.tiers.map((t) => [t, 0]));
      if (NOT_AT_LARGE.has(head.status)) return { ...head, counts, countries: [] }; // no travel to assess
      const countries = data.countries.map((iso3, j) => {
        const verdict = data.verdicts[valueOn(data.verdict_changes[j], day)];
        counts[verdict.tier] += 1;
        return { iso3, country: data.names[iso3], ...verdict };
      });
      return { ...head, counts, countries };
    },
    async explain(person, country, on) {
      const data = await verdictsOf(person);
      const day = dayOf(data, on);
      if (!data.countries.includes(country)) throw new LoadError(`${country} is not a state this site assesses`);
      const [file, visits] = await Promise.all([load(`${folder(person)}/explain/${country}.json`), load(`${folder(person)}/visits.json`)]);
      const segment = file.segments.find(([first, last]) => first <= day && day <= last);
      if (!segment) throw new LoadError(`no explanation of ${country} on ${on} in this site`);
      const j = data.countries.indexOf(country);
      const verdict = data.verdicts[valueOn(data.verdict_changes[j], day)];
      const trips = visits.visits.filter((t) => (t.iso3 === country || t.state === country) && t.start && t.start.slice(0, 10) <= on).slice(-10);
      return { ...meta(data, on), iso3: country, country: data.names[country], ...verdict, ...segment[2], trips };
    },
    visits: (person) => load(`${folder(person)}/visits.json`),
    async series(person) {
      const data = await verdictsOf(person);
      return { person: data.person, name: data.name, from: data.from, to: data.to, tiers: data.tiers,
               countries: data.countries, changes: data.changes, no_travel_day: data.no_travel_day ?? null };
    },
    explainLink: (person, country) => `${folder(person)}/explain/${country}.json`,
    async events(person, on) {
      const file = await load(`${folder(person)}/events.json`);
      if (!validIso(on)) throw new LoadError(`bad date ${on}: use YYYY-MM-DD`);
      const day = toDay(on) - toDay(file.from);
      const segment = file.segments.find(([first, last]) => first <= day && day <= last);
      if (!segment) throw new LoadError(`no events for ${on} in this site`);
      return { person, on, events: segment[2] };
    },
  };
}

export function sourceFor(mode) {
  return mode === "static" ? staticSource() : apiSource();
}
