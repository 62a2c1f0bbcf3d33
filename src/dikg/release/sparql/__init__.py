"""SPARQL that ``dikg publish`` runs on pyoxigraph: VoID statistics and release facts."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def release_query(name: str) -> str:
    """The text of ``src/dikg/release/sparql/{name}.rq``."""
    return files(__package__).joinpath(f"{name}.rq").read_text(encoding="utf-8")
