"""Building FollowTheMoney entities for haven: ids, values cleaned by the library (never silently dropped),
provenance on every entity, and the checks an export must pass."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from typing import IO

import pandas as pd
from followthemoney import EntityProxy, model
from followthemoney.exc import InvalidData

from haven.errors import DataError


def slug(*parts: str) -> str:
    return "haven-" + re.sub(r"[^0-9a-zA-Z]+", "-", "-".join(parts)).strip("-").lower()


class Builder:
    """Entities by id, citing the sources of a knowledge base: all of them, or with `on` only those published
    by then. `left_out` counts the facts dropped for want of a citable source."""

    def __init__(self, sources: pd.DataFrame, on: date | None):
        self.on = on
        self.sources = {row["id"]: row for row in sources.to_dict("records")}
        self.entities: dict[str, EntityProxy] = {}
        self.left_out = 0

    def make(self, schema: str, entity_id: str) -> EntityProxy:
        if entity_id not in self.entities:
            entity = model.make_entity(schema)
            entity.id = entity_id
            self.entities[entity_id] = entity
        return self.entities[entity_id]

    def put(self, entity: EntityProxy, prop: str, values: str | None | list[str]) -> None:
        """Add values through the library's cleaning; a value it cannot read is an error, never dropped."""
        for value in values if isinstance(values, list) else [values]:
            if value is None or not str(value).strip():
                continue
            kind = entity.schema.get(prop)
            if kind is None:
                raise DataError(f"FtM schema {entity.schema.name} has no property {prop!r}")
            if kind.type.clean(value, proxy=entity) is None:
                raise DataError(f"{entity.id}: {prop} {value!r} is not a valid {kind.type.name}")
            entity.add(prop, value)

    def usable(self, source_ids: str) -> list[dict]:
        """The sources of a fact that may be cited: all, or with `on` those published by then (or undated)."""
        rows = [self.sources[s.strip()] for s in source_ids.split(";") if s.strip() in self.sources]
        if self.on is None:
            return rows
        return [r for r in rows if pd.isna(r["published_on"]) or r["published_on"].date() <= self.on]

    def cite(self, entity: EntityProxy, source_ids: str) -> bool:
        """Provenance on the entity itself and as Documentation links; False when nothing may be cited."""
        rows = self.usable(source_ids)
        for row in rows:
            self.put(entity, "sourceUrl", row["url"])
            self.put(entity, "publisher", row["publisher"])
            self.put(entity, "retrievedAt", row["accessed"])
            document = self.document(row)
            link = self.make("Documentation", slug("doc", entity.id or "", row["id"]))
            self.put(link, "document", document.id)
            self.put(link, "entity", entity.id)
            self.put(link, "role", "source")
            self.put(link, "sourceUrl", row["url"])
            self.put(link, "publisher", row["publisher"])
        return bool(rows)

    def document(self, row: dict) -> EntityProxy:
        entity = self.make("Article" if row["source_type"] == "press" else "HyperText", slug("source", row["id"]))
        if not entity.has("title"):
            self.put(entity, "title", row["title"])
            self.put(entity, "publisher", row["publisher"])
            self.put(entity, "publishedAt", row["published"])
            self.put(entity, "sourceUrl", row["url"])
            self.put(entity, "retrievedAt", row["accessed"])
        return entity

    def drop(self, entity: EntityProxy, fact: bool = True) -> None:
        """A fact with nothing citable by the export date is left out, with its links."""
        self.left_out += fact
        self.entities.pop(entity.id or "", None)
        for key in [k for k, e in self.entities.items() if e.schema.name == "Documentation"
                    and entity.id in e.get("entity")]:
            del self.entities[key]


def check(entity: EntityProxy) -> None:
    """The library's validation of every value, plus the schema's required properties (which it checks only
    when they are present but empty)."""
    try:
        entity.schema.validate(entity.to_dict())  # type: ignore[arg-type]
    except InvalidData as exc:
        raise DataError(f"FtM entity {entity.id} ({entity.schema.name}) does not validate: {exc}") from None
    missing = [name for name in entity.schema.required if not entity.has(name)]
    if missing:
        raise DataError(f"FtM entity {entity.id} ({entity.schema.name}) lacks {', '.join(missing)}")



def write_lines(entities: Iterable[EntityProxy], out: IO[str]) -> int:
    """FtM's line-based JSON: one entity per line, as `ftm` tools and yente read it."""
    count = 0
    for entity in entities:
        out.write(json.dumps(entity.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count
