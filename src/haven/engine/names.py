"""Names for the codes in structured evidence: states, blocs and persons, as they run in a sentence."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from haven import words as w

if TYPE_CHECKING:
    from haven.knowledge import KnowledgeBase


class Names:
    """Looks codes up in one knowledge base; an unknown code is shown as it is rather than failing."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    @cached_property
    def _organisations(self) -> dict[str, str]:
        return {r["id"]: r["name"] for r in self.kb.records("organisations")}

    @cached_property
    def _persons(self) -> dict[str, str]:
        return {r["id"]: r["name"] for r in self.kb.records("persons")}

    def raw(self, code: str) -> str:
        """'PHL' -> 'Philippines', 'AU' -> 'African Union': the name as listed."""
        if code in self._organisations:
            return self._organisations[code]
        return self.kb.countries.name(code)

    def country(self, code: str) -> str:
        """'PHL' -> 'the Philippines', 'BLR' -> 'Belarus', 'AU' -> 'African Union': as it runs in a sentence."""
        if code in self._organisations:
            return self._organisations[code]
        return w.country(self.kb.countries.name(code))

    def organisation(self, code: str) -> str:
        return self._organisations.get(code, code)

    def person(self, person_id: str) -> str:
        return self._persons.get(person_id, person_id)
