"""The canned queries: ``queries/*.rq`` files with a grlc-style comment header.

The header is YAML in comment lines starting with ``#+``, as grlc reads it
(https://github.com/CLARIAH/grlc#decorator-syntax), e.g.::

    #+ summary: Number of resources per class
    #+ tags:
    #+   - statistics
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from dikg.errors import InputError
from dikg.graphfiles import read_text
from dikg.root import GraphRoot

QUERY_SUFFIX = ".rq"
HEADER_MARK = "#+"


@dataclass(frozen=True)
class CannedQuery:
    """One canned query: its name (the file stem), header metadata and SPARQL text."""

    name: str
    path: Path
    text: str
    summary: str = ""
    description: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)


def parse_header(text: str, path: Path) -> dict:
    """Read the ``#+`` YAML header of a query file.

    Raises:
        InputError: if the header is not valid YAML mapping.
    """
    lines = [
        line.strip()[len(HEADER_MARK) :].removeprefix(" ")
        for line in text.splitlines()
        if line.strip().startswith(HEADER_MARK)
    ]
    if not lines:
        return {}
    try:
        header = yaml.safe_load("\n".join(lines))
    except yaml.YAMLError as error:
        raise InputError(f"bad query header: {error}", path=path) from None
    if not isinstance(header, dict):
        raise InputError("query header must be a YAML mapping of `#+ key: value` lines", path=path)
    return header


def load_query(path: Path) -> CannedQuery:
    """Read one ``.rq`` file."""
    text = read_text(path)
    header = parse_header(text, path)
    return CannedQuery(
        name=path.stem,
        path=path,
        text=text,
        summary=str(header.get("summary", "")).strip(),
        description=str(header.get("description", "")).strip(),
        tags=tuple(str(tag) for tag in header.get("tags") or ()),
    )


def list_queries(root: GraphRoot) -> list[CannedQuery]:
    """All canned queries of the root (top-level ``queries/*.rq``), sorted by name."""
    if not root.queries.is_dir():
        return []
    return [load_query(path) for path in sorted(root.queries.glob(f"*{QUERY_SUFFIX}"))]


def find_query(root: GraphRoot, name: str) -> CannedQuery:
    """The canned query of that name.

    Raises:
        InputError: for an unknown name, suggesting the closest known names.
    """
    path = root.queries / f"{name}{QUERY_SUFFIX}"
    if path.is_file() and path.parent == root.queries:
        return load_query(path)
    known = [query.name for query in list_queries(root)]
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.4)
    hint = f"did you mean: {', '.join(close)}?" if close else "run `dikg queries` for the list"
    raise InputError(f"unknown query {name!r}", hint=hint)
