"""Read RDF that a maintainer hands in (new entries), safely.

An entry file is untrusted input. It is parsed with pyoxigraph, which never goes to the network,
after checks that turn every way it can fail into an :class:`~dikg.errors.InputError` (exit 2)
naming the file and, where known, the line:

* a file larger than :data:`MAX_BYTES` is refused before it is read;
* the format comes from the suffix (:data:`FORMATS`); another suffix is refused;
* the text must be UTF-8;
* JSON-LD may only use contexts written in the file itself: a remote ``@context`` (a string
  or a list with one) or an ``@import`` would make a JSON-LD processor fetch a URL, so it is
  refused with a clear message rather than left to a parser error
  (https://www.w3.org/TR/json-ld11-api/#remote-document-and-context-retrieval);
* RDF/XML with a DOCTYPE is refused: entity declarations are how XML external entities and
  entity expansion bombs work (https://owasp.org/www-community/vulnerabilities/XML_External_Entity_(XXE)_Processing),
  and RDF/XML never needs them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax

from dikg.errors import InputError, syntax_error
from dikg.rdf.convert import add_triples
from dikg.rdf.files import read_text

MAX_BYTES = 5 * 1024 * 1024
FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    ".ttl": ("Turtle", ox.RdfFormat.TURTLE),
    ".trig": ("TriG", ox.RdfFormat.TRIG),
    ".nt": ("N-Triples", ox.RdfFormat.N_TRIPLES),
    ".nq": ("N-Quads", ox.RdfFormat.N_QUADS),
    ".jsonld": ("JSON-LD", ox.RdfFormat.JSON_LD),
    ".json": ("JSON-LD", ox.RdfFormat.JSON_LD),
    ".rdf": ("RDF/XML", ox.RdfFormat.RDF_XML),
    ".owl": ("RDF/XML", ox.RdfFormat.RDF_XML),
    ".xml": ("RDF/XML", ox.RdfFormat.RDF_XML),
}
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


@dataclass(frozen=True)
class RdfFile:
    """An RDF file read and parsed.

    Attributes:
        path: the file.
        format: the name of its syntax (``Turtle``, ``JSON-LD``, ...).
        text: its text.
        quads: its statements, all in the default graph (named graphs of TriG and N-Quads are
            merged: an entry joins the one graph), blank nodes labelled ``{label}b{n}`` in the
            order they appear, so that output does not change between runs.
        prefixes: the prefixes the file declares (Turtle, TriG) or its JSON-LD context terms.
    """

    path: Path
    format: str
    text: str
    quads: tuple[ox.Quad, ...]
    prefixes: dict[str, str]


def suffixes() -> str:
    """The suffixes dikg reads, for messages."""
    return ", ".join(sorted(FORMATS))


def _remote_contexts(node: Any, inside_context: bool = False) -> Iterator[str]:
    """Every context reference in a JSON-LD document that would have to be fetched."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                for context in value if isinstance(value, list) else [value]:
                    if isinstance(context, str):
                        yield context
                    else:
                        yield from _remote_contexts(context, inside_context=True)
            elif key == "@import" and inside_context and isinstance(value, str):
                yield value
            else:
                yield from _remote_contexts(value, inside_context)
    elif isinstance(node, list):
        for item in node:
            yield from _remote_contexts(item, inside_context)


def _check_json_ld(path: Path, text: str) -> dict[str, str]:
    """Refuse remote contexts; return the prefixes an inline context defines."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"JSON syntax error: {error.msg}", path=path, line=error.lineno) from None
    remote = sorted(set(_remote_contexts(document)))
    if remote:
        raise InputError(
            f"JSON-LD with a remote @context ({', '.join(remote)}): dikg never fetches a context",
            path=path,
            hint="write the context inline, as a JSON object of the terms and prefixes you use",
        )
    prefixes = {}
    contexts = [document] if isinstance(document, dict) else []
    for node in contexts:
        context = node.get("@context")
        for item in context if isinstance(context, list) else [context]:
            if isinstance(item, dict):
                prefixes.update(
                    {k: v for k, v in item.items() if isinstance(v, str) and v.endswith(("#", "/"))}
                )
    return prefixes


def _relabelled(quads: list[ox.Quad], label: str) -> tuple[ox.Quad, ...]:
    """Put every quad in the default graph and give blank nodes stable labels."""
    names: dict[ox.BlankNode, ox.BlankNode] = {}

    def stable(term):
        if isinstance(term, ox.BlankNode):
            if term not in names:
                names[term] = ox.BlankNode(f"{label}b{len(names) + 1}")
            return names[term]
        return term

    return tuple(
        ox.Quad(stable(q.subject), q.predicate, stable(q.object), ox.DefaultGraph()) for q in quads
    )


def read_rdf(path: Path, *, label: str = "e") -> RdfFile:
    """Read and parse an RDF file safely.

    Args:
        path: the file; its suffix gives the format.
        label: prefix of the blank-node labels (distinct per file, so files can be merged).

    Raises:
        InputError: for a missing, oversized, non-UTF-8 or unparsable file, an unknown
            suffix, a remote JSON-LD context or an RDF/XML DOCTYPE.
    """
    if not path.exists():
        raise InputError("no such file", path=path, hint="check the path")
    if not path.is_file():
        raise InputError("not a file", path=path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(
            f"file of {size / 1_048_576:.1f} MB is over the limit of "
            f"{MAX_BYTES / 1_048_576:.0f} MB for an entry",
            path=path,
            hint="split the entry into smaller files",
        )
    known = FORMATS.get(path.suffix.lower())
    if known is None:
        raise InputError(
            f"unknown format {path.suffix or '(no suffix)'!r}",
            path=path,
            hint=f"name the file with one of these suffixes: {suffixes()}",
        )
    name, rdf_format = known
    try:
        content = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", path=path) from None
    if len(content) > MAX_BYTES:  # the file grew since stat()
        raise InputError(f"over the limit of {MAX_BYTES} bytes for an entry", path=path)
    try:
        text = content.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise InputError(
            f"not UTF-8 (byte 0x{content[error.start]:02x})",
            path=path,
            line=content.count(b"\n", 0, error.start) + 1,
            hint="save the file as UTF-8",
        ) from None
    prefixes: dict[str, str] = {}
    if rdf_format == ox.RdfFormat.JSON_LD:
        prefixes = _check_json_ld(path, text)
    if rdf_format == ox.RdfFormat.RDF_XML:
        doctype = _DOCTYPE.search(content)
        if doctype:
            raise InputError(
                "RDF/XML with a DOCTYPE or ENTITY declaration: refused, because entities can "
                "read local files or expand without bound",
                path=path,
                line=content.count(b"\n", 0, doctype.start()) + 1,
                hint="remove the DOCTYPE; RDF/XML needs none",
            )
    return _parsed(path, name, rdf_format, text, label, prefixes)


def parse_turtle_entry(path: Path, text: str, *, label: str = "e") -> RdfFile:
    """An entry that is Turtle text already in memory (``dikg new`` builds one).

    Args:
        path: the file the text is (or will be) written to, to name it in messages.
        text: the Turtle.
        label: prefix of the blank-node labels, as for :func:`read_rdf`.

    Raises:
        InputError: for a syntax error or an empty entry.
    """
    return _parsed(path, "Turtle", ox.RdfFormat.TURTLE, text, label, {})


def _parsed(
    path: Path, name: str, rdf_format: ox.RdfFormat, text: str, label: str, prefixes: dict
) -> RdfFile:
    parser = ox.parse(text, format=rdf_format, base_iri=path.resolve().as_uri())
    try:
        quads = list(parser)
    except SyntaxError as error:
        raise syntax_error(error, path, name) from None
    if rdf_format != ox.RdfFormat.JSON_LD:
        prefixes = dict(parser.prefixes)
    if not quads:
        raise InputError(f"no statements in this {name} file", path=path)
    return RdfFile(path, name, text, _relabelled(quads, label), prefixes)


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


def parse_turtle_quads(
    path: Path, text: str, *, base_iri: str, rename_blank_nodes: bool = False
) -> tuple[list[ox.Quad], dict[str, str]]:
    """Parse Turtle text with pyoxigraph.

    Args:
        path: the file the text comes from (for messages).
        text: the Turtle.
        base_iri: the base for relative IRIs.
        rename_blank_nodes: give blank nodes fresh labels, so files can be merged.

    Returns:
        The quads (all in the default graph) and the prefixes the file declares.

    Raises:
        InputError: naming the file and line of a syntax error.
    """
    parser = ox.parse(
        text, format=ox.RdfFormat.TURTLE, base_iri=base_iri, rename_blank_nodes=rename_blank_nodes
    )
    try:
        quads = list(parser)
    except SyntaxError as error:
        raise syntax_error(error, path) from None
    return quads, dict(parser.prefixes)


def parse_turtle_fast(path: Path, *, into: Graph | None = None) -> Graph:
    """Parse a Turtle file with pyoxigraph into an rdflib graph, keeping its prefixes.

    Args:
        path: the file.
        into: a graph to add the triples to; a new graph if not given.

    Raises:
        InputError: if the file cannot be read, naming the line of a syntax error.
    """
    graph = into if into is not None else Graph(bind_namespaces="core")
    quads, prefixes = parse_turtle_quads(
        path, read_text(path), base_iri=path.resolve().as_uri(), rename_blank_nodes=True
    )
    for prefix, namespace in prefixes.items():
        graph.bind(prefix, namespace, override=False)
    return add_triples(graph, quads)


def merge_graphs(graphs: Iterable[Graph]) -> Graph:
    """Merge graphs into one; a prefix keeps the meaning of the first graph binding it."""
    merged = Graph(bind_namespaces="core")
    for graph in graphs:
        for prefix, namespace in graph.namespaces():
            merged.bind(prefix, namespace, override=False)
        for triple in graph:
            merged.add(triple)
    return merged


def merge_sources(sources: list[SourceGraph]) -> Graph:
    """Merge the files' graphs into one; a prefix keeps the meaning of the first file binding it."""
    return merge_graphs(source.graph for source in sources)
