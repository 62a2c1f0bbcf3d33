"""SPARQL that dikg's own machinery runs (not the researchers' canned queries in queries/).

Each query is a ``.rq`` file in this package, so it ships with dikg whatever graph root a
user points it at.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def internal_query(name: str) -> str:
    """The text of ``src/dikg/sparql/{name}.rq``."""
    # beside this module (importlib.resources would import zipfile and more, for nothing)
    return (Path(__file__).parent / f"{name}.rq").read_text(encoding="utf-8")
