// Finding countries and persons as people type them: any case, with or without accents, by name, other
// name (alias) or code ("turkey", "cote", "UK", "HU" all find their state).

export function fold(text) {
  return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[’']/g, "'").trim();
}

function namesOf(country) {
  return [country.name, ...(country.aliases || []), country.iso3, country.iso2].filter(Boolean).map(fold);
}

// A function from what a link or a reader gives (code, name, alias) to the assessed state's ISO3, or null.
// A territory answers with the state responsible for it, as the API does.
export function countryIndex(countries) {
  const exact = new Map();
  const byCode = new Map(countries.map((c) => [c.iso3, c]));
  for (const c of countries) for (const name of namesOf(c)) if (!exact.has(name)) exact.set(name, c.iso3);
  const find = (text) => {
    const iso3 = exact.get(fold(text || ""));
    if (!iso3) return null;
    const country = byCode.get(iso3);
    return country && country.sovereign ? country.sovereign : iso3;
  };
  find.names = new Map(countries.map((c) => [c.iso3, namesOf(c)]));
  return find;
}

// Does the reader's query find this state? Words may match the start of any word of any of its names.
export function matches(index, query, iso3) {
  const wanted = fold(query);
  if (!wanted) return true;
  const names = index.names.get(iso3) || [fold(iso3)];
  return names.some((name) => name === wanted || name.startsWith(wanted) || name.split(/[\s\-(),.]+/).some((word) => word.startsWith(wanted)));
}

// A function from a slug, Wikidata QID, name or alias to a person's id, or null.
export function personIndex(persons) {
  const exact = new Map();
  for (const p of persons) {
    for (const name of [p.id, p.qid, p.name, ...(p.aliases || [])].filter(Boolean)) {
      const key = fold(name);
      if (!exact.has(key)) exact.set(key, p.id);
    }
  }
  return (text) => exact.get(fold(text || "")) || null;
}
