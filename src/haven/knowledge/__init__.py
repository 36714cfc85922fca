"""The knowledge base: bundled CSV facts, their declared schema, validation and as-of queries."""

from haven.knowledge.store import KnowledgeBase, load

__all__ = ["KnowledgeBase", "load"]
