"""Discover the graph's Turtle files and parse them with errors that name file and line."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax

from dikg.errors import InputError
from dikg.root import GraphRoot
from dikg.terms import GRAPH_IRI_BASE

TURTLE_SUFFIX = ".ttl"
# The folders whose Turtle files make up the built graph (shapes and queries do not).
CONTENT_DIRS = ("ontology", "data")


def graph_files(root: GraphRoot, folders: Iterable[str] = CONTENT_DIRS) -> list[Path]:
    """List the Turtle files under some folders of the root in a stable order.

    Args:
        root: the graph root.
        folders: folders relative to the root; by default ontology/ and data/.

    Returns:
        Absolute paths, sorted by their path relative to the root.
    """
    files: list[Path] = []
    for folder in folders:
        base = root.path / folder
        if base.is_dir():
            files.extend(p for p in base.rglob(f"*{TURTLE_SUFFIX}") if p.is_file())
    return sorted(files, key=lambda p: p.relative_to(root.path).as_posix())


def graph_iri(root: GraphRoot, path: Path) -> URIRef:
    """The named-graph IRI of a source file, derived from its path in the root.

    ``data/vocabularies/target-groups.ttl`` becomes
    ``https://w3id.org/dikg/id/graph/data-vocabularies-target-groups``.
    """
    relative = path.relative_to(root.path).with_suffix("").as_posix()
    slug = re.sub(r"[^a-z0-9]+", "-", relative.lower()).strip("-")
    return URIRef(GRAPH_IRI_BASE + slug)


def read_text(path: Path) -> str:
    """Read a file as UTF-8, turning every failure into an :class:`InputError`.

    Raises:
        InputError: if the file is missing, unreadable or not UTF-8.
    """
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=path, hint="check the path") from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path=path) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", path=path) from None
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        line = content.count(b"\n", 0, error.start) + 1
        raise InputError(
            f"not UTF-8 (byte 0x{content[error.start]:02x})",
            path=path,
            line=line,
            hint="save the file as UTF-8",
        ) from None


def _error_line(error: BadSyntax) -> int:
    """The 1-based line of a Turtle syntax error.

    Counted from the error's offset: rdflib's own ``lines`` drifts by one for every
    multi-line list of literals before the error (regression: tests/test_cli.py).
    """
    text = error._str
    newline = b"\n" if isinstance(text, bytes) else "\n"
    return text.count(newline, 0, error._i) + 1


def parse_turtle(path: Path, *, into: Graph | None = None, base: str | None = None) -> Graph:
    """Parse one Turtle file.

    Args:
        path: the file.
        into: a graph to add the triples to; a new graph if not given.
        base: the base IRI for relative IRIs (fixed, so that output does not depend on
            where the checkout lives).

    Returns:
        The graph holding the file's triples.

    Raises:
        InputError: naming the file and line of a syntax error.
    """
    text = read_text(path)
    graph = into if into is not None else Graph(bind_namespaces="core")
    try:
        graph.parse(data=text, format="turtle", publicID=base or path.resolve().as_uri())
    except BadSyntax as error:
        raise InputError(
            f"Turtle syntax error: {error._why}",  # BadSyntax keeps its reason only here
            path=path,
            line=_error_line(error),
            hint="fix the Turtle at that line (https://www.w3.org/TR/turtle/)",
        ) from None
    except Exception as error:  # rdflib raises bare ValueErrors and others for bad terms
        raise InputError(f"cannot parse as Turtle: {error}", path=path) from None
    return graph


@dataclass(frozen=True)
class SourceGraph:
    """The triples of one Turtle file of the graph.

    Attributes:
        name: the named-graph IRI (see :func:`graph_iri`).
        path: the file.
        relative: the file's path relative to the root, with forward slashes.
        graph: its triples and prefixes.
    """

    name: URIRef
    path: Path
    relative: str
    graph: Graph


def load_sources(root: GraphRoot) -> list[SourceGraph]:
    """Parse every Turtle file of ontology/ and data/, each into its own graph.

    Raises:
        InputError: naming the first file that cannot be read or parsed.
    """
    sources = []
    for path in graph_files(root):
        name = graph_iri(root, path)
        relative = path.relative_to(root.path).as_posix()
        sources.append(SourceGraph(name, path, relative, parse_turtle(path, base=str(name))))
    return sources


def merge_sources(sources: list[SourceGraph]) -> Graph:
    """Merge the files' graphs into one; a prefix keeps the meaning of the first file binding it."""
    merged = Graph(bind_namespaces="core")
    for source in sources:
        for prefix, namespace in source.graph.namespaces():
            merged.bind(prefix, namespace, override=False)
        for triple in source.graph:
            merged.add(triple)
    return merged
