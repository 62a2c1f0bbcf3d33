"""dikg: the knowledge graph of the Dutch central government's diversity and inclusion policy."""

__version__ = "0.1.0"
