"""dikg: the knowledge graph of the Dutch central government's diversity and inclusion policy.

For notebooks: ``dikg.query("ministries-by-target-group", group="LHBTI")`` answers a canned
question (see :func:`dikg.queries.api.query`).
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__", "query"]


def __getattr__(name: str):
    # imported on first use, so that `import dikg` (and every CLI command) stays fast
    if name == "query":
        from dikg.queries.api import query

        return query
    raise AttributeError(f"module 'dikg' has no attribute {name!r}")
