"""OpenSanctions entity files (FollowTheMoney, one entity per line): sanctions on haven's persons and states.

What is read, and how strictly:
- `Person` entities are matched to haven's persons by Wikidata QID or by exact name (see names.py); a matched
  person whose QID haven still lacks gets the entity's `wikidataId`.
- Bodies tagged as a national government or central bank (`gov.national`, `gov.financial`) of a state one of
  haven's persons serves stand for that state.
- `Sanction` entities on those targets become `sanctions` rows when they come from a list declared in `LISTS`
  (the authority's own list: EU financial sanctions, EU travel bans, OFAC SDN, UK, Swiss, Canadian ...). National
  copies of another body's list (French or Belgian copies of EU listings) and non-sanction lists (debarments,
  export controls) are counted and left out. Asset freezes and entry bans are kept apart: the measure comes from
  the listing's `provisions`, else from what the list is (the EU financial list freezes assets only).
- Dates: the earliest `startDate`/`listingDate`; without one, the day OpenSanctions first saw the listing (an
  upper bound, marked `reported`). A past `endDate` ends the row; a future one is only noted.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from haven.importers import ftm
from haven.importers.batch import Batch, Row
from haven.importers.context import Context
from haven.importers.fetch import Snapshot
from haven.importers.names import fold
from haven.importers.pipeline import Importer
from haven.importers.sanctions import Listing, reconcile

NAME = "opensanctions"
PREFIX = "os"
ASSET_FREEZE, TRAVEL_BAN = "asset-freeze", "travel-ban"


@dataclass(frozen=True)
class SanctionsList:
    imposer: str
    measures: tuple[str, ...]  # what a listing on it means when its provisions say nothing haven reads
    title: str


LISTS: dict[str, SanctionsList] = {
    "eu_fsf": SanctionsList("EU", (ASSET_FREEZE,), "EU Financial Sanctions Files (asset freezes)"),
    "eu_travel_bans": SanctionsList("EU", (TRAVEL_BAN,), "EU travel bans (Sanctions Map)"),
    "us_ofac_sdn": SanctionsList("USA", (ASSET_FREEZE,), "US OFAC Specially Designated Nationals (blocking)"),
    "gb_hmt_sanctions": SanctionsList("GBR", (ASSET_FREEZE,), "UK HM Treasury consolidated list"),
    "gb_fcdo_sanctions": SanctionsList("GBR", (), "UK Sanctions List (FCDO)"),
    "ch_seco_sanctions": SanctionsList("CHE", (ASSET_FREEZE,), "Swiss SECO sanctions list"),
    "ca_dfatd_sema_sanctions": SanctionsList("CAN", (ASSET_FREEZE,), "Canada, Special Economic Measures Act list"),
    "au_dfat_sanctions": SanctionsList("AUS", (), "Australia, DFAT consolidated list"),
    "nz_russia_sanctions": SanctionsList("NZL", (), "New Zealand, Russia Sanctions Act register"),
    "jp_mof_sanctions": SanctionsList("JPN", (ASSET_FREEZE,), "Japan, Ministry of Finance asset freezes"),
    "ua_nsdc_sanctions": SanctionsList("UKR", (), "Ukraine, NSDC sanctions (State Register)"),
    "un_sc_sanctions": SanctionsList("UN", (), "UN Security Council consolidated list"),
}
PROVISIONS = {
    ASSET_FREEZE: ("asset freeze", "block", "targeted financial sanction", "freezing of funds", "блокування активів"),
    TRAVEL_BAN: ("travel ban", "entry ban", "visa ban", "ban on entry", "заборона в їзду"),
}
STATE_TOPICS = frozenset({"gov.national", "gov.financial"})
CLOSED = frozenset({"expired", "inactive", "lifted", "delisted", "revoked"})


def parse(snapshots: list[Snapshot], context: Context) -> Batch:
    entities = ftm.read(snapshots)
    batch = Batch(NAME, read=len(entities))
    batch.skipped.update(Counter(f"{e.schema} entities not used" for e in entities.values()
                                 if not (e.is_a("LegalEntity") or e.schema == "Sanction")))
    day = max(s.day for s in snapshots)
    persons = _persons(entities, context, batch, day)
    states = _states(entities, context)
    listings = _listings(entities, persons, states, batch, day)
    for listing in listings:
        batch.add_source(_source(listing.source.removeprefix("opensanctions-").replace("-", "_"), entities, day))
    reconcile(batch, listings, context, PREFIX)
    read_sources = {source_id(d) for e in entities.values() for d in e.datasets}
    batch.scope["sanctions"] = lambda row: row["id"].startswith(f"{PREFIX}-") and bool(
        read_sources & set(row["source"].split(";")))
    return batch


def _persons(entities: dict[str, ftm.Entity], context: Context, batch: Batch, day: str) -> dict[str, str]:
    """FtM id -> person slug, and QIDs filled in for matched persons who lack one."""
    matched = {}
    for entity in entities.values():
        if not entity.is_a("Person"):
            continue
        names = entity.get("name") + entity.get("alias") + entity.get("previousName")
        nationalities = {c for c in map(context.country, entity.get("nationality") + entity.get("citizenship")) if c}
        match = context.persons.match(names, entity.get("wikidataId"), nationalities or None)
        if match is None:
            continue
        matched[entity.id] = match.person
        _fill_qid(batch, context, entity, match.person, day)
    return matched


def _fill_qid(batch: Batch, context: Context, entity: ftm.Entity, person: str, day: str) -> None:
    qids = sorted(set(entity.get("wikidataId")))
    row = context.persons.rows[person]
    if not qids:
        return
    if row.get("qid"):
        if row["qid"] not in qids:
            batch.notes.append(f"persons {person}: holds {row['qid']}, OpenSanctions entity {entity.id} says {', '.join(qids)}")
        return
    if len(qids) > 1:
        batch.notes.append(f"persons {person}: OpenSanctions entity {entity.id} has several QIDs ({', '.join(qids)}); none set")
        return
    dataset = min(entity.datasets, key=lambda d: (d not in LISTS, d)) if entity.datasets else "default"
    source = _source(dataset, {entity.id: entity}, day)
    batch.add_source(source)
    sources = [s for s in row["source"].split(";") if s] + [source["id"]]
    note = (row.get("note") or "").replace(
        "Wikidata QID not yet confirmed from a source we opened; left empty rather than guessed.", "").strip()
    added = f"QID {qids[0]} from the wikidataId of OpenSanctions entity {entity.id} (matched by name)."
    batch.add("persons", {"id": person, "qid": qids[0], "source": ";".join(dict.fromkeys(sources)),
                          "note": f"{note} {added}".strip()})


def _states(entities: dict[str, ftm.Entity], context: Context) -> dict[str, str]:
    """FtM id -> ISO3 for a national government or central bank of a state one of haven's persons serves."""
    homes = {context.persons.home(p) for p in context.persons.rows}
    found = {}
    for entity in entities.values():
        if entity.is_a("Person") or not entity.is_a("LegalEntity"):
            continue
        if not STATE_TOPICS & set(entity.get("topics")):
            continue
        countries = {c for c in map(context.country, entity.get("country") + entity.get("jurisdiction")) if c}
        if len(countries) == 1 and (iso3 := countries.pop()) in homes:
            found[entity.id] = iso3
    return found


def _listings(entities, persons, states, batch: Batch, day: str) -> list[Listing]:
    listings: list[Listing] = []
    targeted = set()
    for entity in entities.values():
        if entity.schema != "Sanction":
            continue
        targets = [t for t in entity.get("entity") if t in persons or t in states]
        if not targets:
            batch.skipped["listings of entities haven does not track"] += 1
            continue
        targeted.update(targets)
        for target in targets:
            listings += _read_listing(entity, persons.get(target, ""), states.get(target, ""), batch, day)
    for entity_id, person in persons.items():  # a bare target file: the person's own list is the listing
        entity = entities[entity_id]
        if entity_id in targeted or "sanction" not in entity.get("topics"):
            continue
        if len([d for d in entity.datasets if d in LISTS]) > 1:
            # the entity's dates are the earliest of all its lists: they date none of them in particular
            batch.skipped["targets on several lists without Sanction entities (no date per list)"] += 1
            continue
        listings += _read_listing(entity, person, "", batch, day)
    return listings


def _read_listing(entity: ftm.Entity, person: str, state: str, batch: Batch, day: str) -> list[Listing]:
    lists = [d for d in entity.datasets if d in LISTS]
    if not lists:
        for dataset in entity.datasets:
            batch.skipped[f"listings on {dataset} (not a list haven reads as a sanction)"] += 1
        return []
    dataset = lists[0]
    declared = LISTS[dataset]
    measures = _measures(entity.get("provisions")) or declared.measures
    if not measures:
        batch.skipped[f"listings on {dataset} naming no asset freeze or travel ban"] += 1
        return []
    start, dated = _start(entity)
    if not start:
        batch.skipped["listings without any date"] += 1
        return []
    end, note = _end(entity, day)
    programme = " ".join(filter(None, (entity.first("program"), f"[{entity.first('programId')}]"
                                       if entity.first("programId") else ""))) or declared.title
    why = f"on {declared.title}, a public list, from its listing date (read through OpenSanctions)"
    if not dated:
        note = f"Start is the day OpenSanctions first saw this {dataset} listing, an upper bound. {note}".strip()
    return [Listing(declared.imposer, measure, start, source_id(dataset), programme, why,
                    person=person, state=state, end=end, dated=dated, note=note) for measure in measures]


def _measures(provisions: list[str]) -> tuple[str, ...]:
    text = " ".join(fold(p) for p in provisions)
    return tuple(m for m, words in PROVISIONS.items() if any(f" {fold(w)} " in f" {text} " for w in words))


def _start(entity: ftm.Entity) -> tuple[str, bool]:
    dates = sorted(d[:10] for d in entity.get("startDate") + entity.get("listingDate") + entity.get("createdAt")
                   if len(d) >= 10)
    if dates:
        return dates[0], True
    return entity.first_seen[:10], False


def _end(entity: ftm.Entity, day: str) -> tuple[str, str]:
    ends = sorted(d[:10] for d in entity.get("endDate") if len(d) >= 10)
    status = {s.casefold() for s in entity.get("status")}
    if ends and ends[-1] <= day:
        return ends[-1], ""
    if ends:
        return "", f"The list gives {ends[-1]} as the end of the measure; not recorded as an end yet."
    if status & CLOSED:
        return "", f"The list marks the listing {', '.join(sorted(status & CLOSED))} without an end date; check it."
    return "", ""


def source_id(dataset: str) -> str:
    return f"opensanctions-{dataset.replace('_', '-')}"


def _source(dataset: str, entities: dict[str, ftm.Entity], day: str) -> Row:
    declared = LISTS.get(dataset)
    seen = [e.last_seen[:10] for e in entities.values() if dataset in e.datasets and e.last_seen]
    return {
        "id": source_id(dataset),
        "url": f"https://www.opensanctions.org/datasets/{dataset}/",
        "publisher": "OpenSanctions",
        "source_type": "dataset",
        "title": f"OpenSanctions dataset {dataset}" + (f": {declared.title}" if declared else ""),
        "published": max(seen) if seen else "",
        "accessed": day,
        "note": "Read by haven import opensanctions from an entities.ftm.json export (FollowTheMoney); the snapshot "
                "is kept in snapshots/. OpenSanctions data is CC BY-NC 4.0; the underlying list is the authority's.",
    }


IMPORTER = Importer(
    name=NAME,
    title="OpenSanctions FollowTheMoney entity files (sanctions on haven's persons and states; Wikidata QIDs)",
    parse=parse,
    writes=("sanctions", "persons", "sources"),
    feeds=tuple(f"https://data.opensanctions.org/datasets/latest/{d}/entities.ftm.json"
                for d in ("eu_fsf", "eu_travel_bans", "gb_fcdo_sanctions", "ch_seco_sanctions")),
    cadence="daily: OpenSanctions re-crawls most official lists several times a day",
    extra="ftm",
)
