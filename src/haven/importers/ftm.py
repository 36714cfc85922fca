"""Reading FollowTheMoney entity files (one JSON object per line) strictly, checked against the FtM model.

An entity with an unknown schema, a property its schema does not have, or a value that is not a list of strings
stops the import with the line that holds it: an upstream format change must be seen, not absorbed. The same
entity id met twice (the same target in two dataset files) is merged, values and datasets joined.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from haven.errors import DataError
from haven.importers.fetch import Snapshot


def _model():
    """The FtM schema model, imported on first use: it takes over a second to load."""
    from followthemoney import model

    return model


@dataclass
class Entity:
    id: str
    schema: str
    properties: dict[str, list[str]]
    datasets: list[str] = field(default_factory=list)
    first_seen: str = ""
    last_seen: str = ""

    def get(self, prop: str) -> list[str]:
        return self.properties.get(prop, [])

    def first(self, prop: str) -> str:
        values = self.get(prop)
        return values[0] if values else ""

    def is_a(self, schema: str) -> bool:
        own = _model().get(self.schema)
        return own is not None and own.is_a(schema)


def read(snapshots: list[Snapshot]) -> dict[str, Entity]:
    """Every entity of every file, by id."""
    entities: dict[str, Entity] = {}
    for snapshot in snapshots:
        for number, line in enumerate(snapshot.text().splitlines(), start=1):
            if line.strip():
                entity = _entity(line, f"{snapshot.location}:{number}")
                _merge(entities, entity)
    if not entities:
        raise DataError(f"no FollowTheMoney entities in {', '.join(s.location for s in snapshots)}")
    return entities


def _entity(line: str, where: str) -> Entity:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DataError(f"{where}: not JSON ({exc.msg}); expected one FtM entity per line") from None
    if not isinstance(data, dict) or not isinstance(data.get("id"), str) or not isinstance(data.get("schema"), str):
        raise DataError(f"{where}: not an FtM entity (needs an id and a schema)")
    schema = _model().get(data["schema"])
    if schema is None:
        raise DataError(f"{where}: unknown FtM schema {data['schema']!r}")
    properties = data.get("properties", {})
    if not isinstance(properties, dict):
        raise DataError(f"{where}: properties must be an object")
    for prop, values in properties.items():
        if schema.get(prop) is None:
            raise DataError(f"{where}: {data['schema']} has no property {prop!r}")
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise DataError(f"{where}: {prop} must be a list of strings")
    datasets = data.get("datasets", [])
    if not isinstance(datasets, list) or not all(isinstance(d, str) for d in datasets):
        raise DataError(f"{where}: datasets must be a list of names")
    return Entity(data["id"], data["schema"], properties, datasets, str(data.get("first_seen") or ""),
                  str(data.get("last_seen") or ""))


def _merge(entities: dict[str, Entity], entity: Entity) -> None:
    held = entities.get(entity.id)
    if held is None:
        entities[entity.id] = entity
        return
    for prop, values in entity.properties.items():
        held.properties.setdefault(prop, [])
        held.properties[prop] += [v for v in values if v not in held.properties[prop]]
    held.datasets += [d for d in entity.datasets if d not in held.datasets]
    held.first_seen = min(filter(None, (held.first_seen, entity.first_seen)), default="")
    held.last_seen = max(held.last_seen, entity.last_seen)
