"""The knowledge base as FollowTheMoney entities, built and checked with the `followthemoney` library.

Persons become Person; issued arrest warrants Sanction (provisions "Arrest warrant") with CourtCase and
CourtCaseParty; applications for a warrant CourtCaseParty only; sanctions on a person Sanction, one per measure;
memberships Membership between a state (LegalEntity) and an Organization; trips made Event. Every entity
carries its sources' URLs, publishers and retrieval dates, and each source is also a document (Article or Web
page) linked by Documentation. Unverified rows are left out, as the engine leaves them out.
"""

from haven.knowledge.ftm.entities import check, write_lines
from haven.knowledge.ftm.facts import ftm_entities

__all__ = ["check", "ftm_entities", "write_lines"]
