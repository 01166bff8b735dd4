"""Actors: the knowledge base of states, organizations, bodies, persons and roles,
and the matcher that finds them in text."""
from .kb import ActorKB, Entry
from .schema import ActorFile

__all__ = ["ActorKB", "ActorFile", "Entry"]
