"""Which haven facts become which FollowTheMoney entities (the mapping in docs/data.md)."""

from __future__ import annotations

from datetime import date

import pandas as pd
from followthemoney import EntityProxy, registry

from haven.knowledge.ftm.entities import Builder, check, slug
from haven.knowledge.store import KnowledgeBase

ICC = "ICC"
MEASURES = {"asset-freeze": "Asset freeze", "travel-ban": "Travel ban (entry and transit)",
            "other": "Other restrictive measures"}
WARRANT_STATUS = {"": "outstanding", "executed": "executed: the person was arrested and surrendered",
                  "death": "lapsed: the person died", "withdrawn": "withdrawn", "rejected": "rejected",
                  "superseded": "superseded"}
ROLES = {("ICC", "party"): "State Party to the Rome Statute",
         ("ICC", "declaration"): "Accepted the Court's jurisdiction by an Article 12(3) declaration"}
TRIPS_MADE = ("visit", "summit", "transit")
OFFICES = {"head-of-state": "Head of state", "head-of-government": "Head of government",
           "de-facto-leader": "De facto leader"}


class Export(Builder):
    """Entities for one knowledge base: all facts, or (with `on`) only those public by then, citing only sources
    published by then. Status words (a warrant outstanding, a person wanted) are as of `status_on`."""

    def __init__(self, kb: KnowledgeBase, on: date | None, status_on: date):
        super().__init__(kb.table("sources"), on)
        self.kb, self.status_on = kb, status_on
        self.people: set[str] = set()

    def rows(self, kind: str) -> pd.DataFrame:
        frame = self.kb.known(kind, self.on) if self.on else self.kb.table(kind)
        return frame[frame["certainty"] != "unverified"] if "certainty" in frame.columns else frame

    def ended(self, row) -> str:
        """The row's end, if it is known on the export date."""
        end = row.get("end", "")
        if not end or self.on is None:
            return end
        return end if not pd.isna(row["end_on"]) and row["end_on"].date() <= self.on else ""

    def country_name(self, code: str) -> str:
        organisations = self.kb.table("organisations")
        named = organisations.loc[organisations["id"] == code, "name"]
        return str(named.iloc[0]) if not named.empty else self.kb.countries.name(code)

    # the facts

    def persons(self) -> None:
        counted = {kind: self.kb.held(kind, self.status_on).query("certainty != 'unverified'")
                   for kind in ("warrants", "sanctions")}
        wanted = set(counted["warrants"].query("kind == 'warrant'")["person"])
        sanctioned = set(counted["sanctions"]["target_person"])
        warrants = self.rows("warrants")
        for row in self.kb.table("persons").to_dict("records"):
            person = self.make("Person", slug("person", row["id"]))
            self.put(person, "name", row["name"])
            self.put(person, "alias", [a.strip() for a in row["aliases"].split("|")])
            self.put(person, "wikidataId", row["qid"])
            self.put(person, "position", row["title"])
            self.put(person, "country", registry.country.clean(row["home"]))
            if row["died"] and (self.on is None or row["died_on"].date() <= self.on):
                self.put(person, "deathDate", row["died"])
            self.put(person, "topics", [t for t, on in (("wanted", row["id"] in wanted),
                                                        ("sanction", row["id"] in sanctioned)) if on])
            backing = ";".join(warrants.loc[warrants["person"] == row["id"], "source"])
            if self.cite(person, row["source"]) or self.cite(person, backing):
                self.people.add(row["id"])
            else:
                self.drop(person)  # nothing identifies the person by the export date

    def warrants(self) -> None:
        for row in self.rows("warrants").to_dict("records"):
            if row["person"] not in self.people:
                continue
            issued = row["kind"] == "warrant"
            authority = self.country_name(row["issuer"])
            case = self.make("CourtCase", slug("case", row["issuer"], row["case"] or row["id"]))
            self.put(case, "name", row["case"] or f"{authority}: case against {row['person']}")
            self.put(case, "court", authority)
            party = self.make("CourtCaseParty", slug("party", row["id"]))
            self.put(party, "party", slug("person", row["person"]))
            self.put(party, "case", case.id)
            self.put(party, "role", "suspect, subject of an arrest warrant" if issued
                     else "suspect, subject of a prosecutor's application for an arrest warrant")
            self.put(party, "startDate", row["start"])
            self.put(party, "recordId", row["id"])
            facts = [case, party]
            if issued:
                facts.append(self.warrant(row, authority))
            for fact in facts:  # a case shared by several warrants keeps what the others cite
                if not self.cite(fact, row["source"]) and not fact.has("sourceUrl"):
                    self.drop(fact)

    def warrant(self, row: dict, authority: str) -> EntityProxy:
        sanction = self.make("Sanction", slug("warrant", row["id"]))
        self.put(sanction, "entity", slug("person", row["person"]))
        self.put(sanction, "authority", authority)
        if row["issuer"] != ICC:
            self.put(sanction, "country", registry.country.clean(row["issuer"]))
        self.put(sanction, "program", f"{authority} arrest warrant")
        self.put(sanction, "provisions", "Arrest warrant")
        self.put(sanction, "reason", row["charges"])
        self.put(sanction, "startDate", row["start"])
        self.put(sanction, "listingDate", row["public"] or row["start"])
        end = self.ended(row)
        self.put(sanction, "endDate", end)
        self.put(sanction, "status", WARRANT_STATUS.get(row["end_reason"] if end else "", row["end_reason"]))
        self.put(sanction, "recordId", row["id"])
        self.put(sanction, "summary", f"haven certainty: {row['certainty']}")
        self.put(sanction, "description", row["note"])
        return sanction

    def sanctions(self) -> None:
        rows = self.rows("sanctions")
        for row in rows[rows["target_person"].isin(self.people)].to_dict("records"):
            sanction = self.make("Sanction", slug("sanction", row["id"]))
            self.put(sanction, "entity", slug("person", row["target_person"]))
            self.put(sanction, "authority", self.country_name(row["imposer"]))
            self.put(sanction, "country", registry.country.clean(row["imposer"]))
            self.put(sanction, "program", row["programme"])
            self.put(sanction, "provisions", MEASURES[row["measure"]])
            self.put(sanction, "startDate", row["start"])
            self.put(sanction, "listingDate", row["public"] or row["start"])
            self.put(sanction, "endDate", self.ended(row))
            self.put(sanction, "recordId", row["id"])
            self.put(sanction, "summary", f"haven certainty: {row['certainty']}")
            self.put(sanction, "description", row["note"])
            if not self.cite(sanction, row["source"]):
                self.drop(sanction)

    def memberships(self) -> None:
        organisations = {r["id"]: r for r in self.kb.table("organisations").to_dict("records")}
        for row in self.rows("memberships").to_dict("records"):
            body = organisations[row["organisation"]]
            organisation = self.make("Organization", slug("org", body["id"]))
            if not organisation.has("name"):
                self.put(organisation, "name", body["name"])
                self.put(organisation, "abbreviation", body["id"].replace("_", " "))
                self.put(organisation, "topics", "gov.igo")
                self.cite(organisation, body["source"])
            state = self.make("LegalEntity", slug("state", row["iso3"]))
            self.put(state, "name", self.kb.countries.name(row["iso3"]))
            self.put(state, "country", registry.country.clean(row["iso3"]))
            self.put(state, "legalForm", "state")
            membership = self.make("Membership", slug("membership", row["id"]))
            self.put(membership, "member", state.id)
            self.put(membership, "organization", organisation.id)
            self.put(membership, "role", ROLES.get((body["id"], row["role"]), row["role"]))
            self.put(membership, "startDate", row["start"])
            end = self.ended(row)
            self.put(membership, "endDate", end)
            steps = [f"{label} {row[column]}" for column, label in (
                ("signed", "signed"), ("deposited", "instrument deposited"), ("exit_notified", "withdrawal notified"),
                ("exit_revoked", "withdrawal revoked")) if row.get(column)]
            self.put(membership, "summary", "; ".join(steps + [f"haven certainty: {row['certainty']}"]))
            self.put(membership, "description", row["note"])
            self.put(membership, "recordId", row["id"])
            if self.cite(membership, row["source"]):
                self.cite(state, row["source"])
                if not organisation.has("sourceUrl"):  # its founding source post-dates the export date
                    self.cite(organisation, row["source"])
            else:
                self.drop(membership)
        for entity in [e for e in self.entities.values() if e.schema.name in ("Organization", "LegalEntity")]:
            if not entity.has("sourceUrl"):
                self.drop(entity, fact=False)  # a state or body that no exported fact speaks of

    def trips(self) -> None:
        names = dict(zip(self.kb.table("persons")["id"], self.kb.table("persons")["name"], strict=True))
        rows = self.rows("visits")
        for row in rows[rows["kind"].isin(TRIPS_MADE) & rows["person"].isin(self.people)].to_dict("records"):
            trip = self.make("Event", slug("trip", row["id"]))
            place = self.kb.countries.name(row["country"])
            self.put(trip, "name", f"{names[row['person']]} in {place}" + (f": {row['event']}" if row["event"] else ""))
            self.put(trip, "involved", slug("person", row["person"]))
            self.put(trip, "country", registry.country.clean(row["country"]))
            self.put(trip, "location", row["place"])
            self.put(trip, "startDate", row["start"])
            self.put(trip, "endDate", row["end"] or row["start"])
            self.put(trip, "summary", f"{row['kind']}; haven certainty: {row['certainty']}")
            self.put(trip, "description", row["note"])
            self.put(trip, "recordId", row["id"])
            if not self.cite(trip, row["source"]):
                self.drop(trip)

    def offices(self) -> None:
        """A person's spell as his state's leader: an `Occupancy` of a `Position` (FtM's form for public office)."""
        rows = self.rows("offices")
        for row in rows[rows["person"].isin(self.people)].to_dict("records"):
            post = self.make("Position", slug("position", row["office"], row["country"]))
            if not post.has("name"):
                self.put(post, "name", f"{OFFICES[row['office']]} of {self.kb.countries.name(row['country'])}")
                self.put(post, "country", registry.country.clean(row["country"]))
                self.put(post, "topics", "gov.head")
            occupancy = self.make("Occupancy", slug("occupancy", row["id"]))
            self.put(occupancy, "holder", slug("person", row["person"]))
            self.put(occupancy, "post", post.id)
            self.put(occupancy, "startDate", row["start"])
            end = self.ended(row)
            self.put(occupancy, "endDate", end)
            self.put(occupancy, "status", "ended" if end else "current")
            self.put(occupancy, "summary", f"haven certainty: {row['certainty']}")
            self.put(occupancy, "description", row["note"])
            self.put(occupancy, "recordId", row["id"])
            if self.cite(occupancy, row["source"]):
                self.cite(post, row["source"])
            else:
                self.drop(occupancy)
        for entity in [e for e in self.entities.values() if e.schema.name == "Position"]:
            if not entity.has("sourceUrl"):
                self.drop(entity, fact=False)  # no spell in it was public by the export date

    def build(self) -> list[EntityProxy]:
        self.persons()
        self.warrants()
        self.sanctions()
        self.memberships()
        self.trips()
        self.offices()
        for entity in self.entities.values():
            check(entity)
        return sorted(self.entities.values(), key=lambda e: (e.schema.name, e.id or ""))


def ftm_entities(kb: KnowledgeBase, on: date | None = None, today: date | None = None) -> tuple[list[EntityProxy], int]:
    """Entities and the number of facts left out for lack of a source citable by `on`."""
    export = Export(kb, on, on or today or date.today())
    entities = export.build()
    return entities, export.left_out


