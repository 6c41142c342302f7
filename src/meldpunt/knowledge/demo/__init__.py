"""A small real knowledge base for `meldpunt demo`: the overseas police service stations in the Netherlands."""

from meldpunt.knowledge.demo.loader import demo_knowledge_load

__all__ = ["demo_knowledge_load"]
