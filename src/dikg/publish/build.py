"""``dikg build``: merge ontology/ and data/ into one graph and write it in every common syntax.

The build runs on pyoxigraph from end to end (issue 14): each Turtle file is parsed once, as
the one loader parses it (:mod:`dikg.graph.loaded`: base IRI = the file's named graph,
blank nodes renamed apart, errors naming file and line), without the store that the loader
fills for queries and the build never asks. Its statements become canonical N-Triples lines
with canonical blank-node labels, deduplicated and sorted (:mod:`dikg.rdf.statements`), and
pyoxigraph's serializers write every dump from those lines in that order. Same files, same
bytes, whatever the hash seed; rdflib is not used.

The dumps: N-Triples (the sorted lines), Turtle (prefixes of the source files, statements
grouped by subject), RDF/XML, JSON-LD (expanded form, one node object per line) and TriG (one
named graph per source file); the ontology and concept schemes come first in each document.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

import pyoxigraph as ox

from dikg.errors import syntax_error
from dikg.rdf.files import graph_files, graph_iri, read_text
from dikg.rdf.staged import StagedFile, StagedFiles
from dikg.rdf.statements import (
    RDF_TYPE,
    as_quads,
    canonical_graphs,
    headers_first,
    merged,
    ntriples_lines,
    parse_lines,
)
from dikg.root import GraphRoot
from dikg.terms import NAMESPACES, compact_iri

DUMP_NAME = "dikg"
SUMMARY_NAME = "summary.json"
CHECKSUMS_NAME = "SHA256SUMS"

# file suffix -> pyoxigraph format of the merged graph; N-Triples and TriG are written apart.
DOCUMENT_FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdf": ox.RdfFormat.RDF_XML,
}
# every dump, in the order the build lists them
DUMP_SUFFIXES = ("ttl", "nt", "jsonld", "rdf", "trig")
# declared in every dump even where no file declares them, as rdflib's dumps did
CORE_PREFIXES = ("rdf", "rdfs", "xsd", "owl")


@dataclass
class BuildResult:
    """What a build wrote and what the graph holds."""

    out: Path
    files: list[Path] = field(default_factory=list)
    summary: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SourceFile:
    """One Turtle file of the graph, parsed.

    Attributes:
        name: its named-graph IRI (:func:`dikg.rdf.files.graph_iri`).
        relative: its path relative to the root, with forward slashes.
        prefixes: the prefixes it declares.
        lines: its statements as N-Triples lines (blank nodes as the parser labelled them).
    """

    name: str
    relative: str
    prefixes: dict[str, str]
    lines: list[bytes]


def read_sources(root: GraphRoot) -> list[SourceFile]:
    """Parse every Turtle file of ontology/ and data/ once, in the loader's file order.

    The parser's statements go straight to pyoxigraph's N-Quads writer: no list of Python
    quads in between (:func:`dikg.rdf.parse.parse_turtle_quads` makes one, at a third more
    time).

    Raises:
        InputError: naming the first file that cannot be read or parsed, and the line.
    """
    sources = []
    for path in graph_files(root):
        name = str(graph_iri(root, path))
        parser = ox.parse(
            read_text(path), format=ox.RdfFormat.TURTLE, base_iri=name, rename_blank_nodes=True
        )
        try:
            lines = ntriples_lines(parser)
        except SyntaxError as error:
            raise syntax_error(error, path) from None
        relative = path.relative_to(root.path).as_posix()
        sources.append(SourceFile(name, relative, dict(parser.prefixes), lines))
    return sources


def dump_prefixes(sources: list[SourceFile]) -> dict[str, str]:
    """The prefixes of the dumps, sorted by prefix.

    A prefix keeps the namespace of the first file declaring it, a namespace the first prefix
    declared for it; rdf, rdfs, xsd and owl are added where no file declares them.
    """
    declared: dict[str, str] = {}
    for source in sources:
        for prefix, namespace in source.prefixes.items():
            declared.setdefault(prefix, namespace)
    for prefix in CORE_PREFIXES:
        declared.setdefault(prefix, NAMESPACES[prefix])
    chosen: dict[str, str] = {}
    for prefix, namespace in declared.items():
        if namespace not in chosen.values():
            chosen[prefix] = namespace
    return dict(sorted(chosen.items()))


def summarize(
    sources: list[SourceFile],
    graphs: dict[str, list[bytes]],
    lines: list[bytes],
    prefixes: dict[str, str],
) -> dict:
    """Count triples overall, subjects, triples per source file and resources per class.

    Args:
        sources: the files, in load order.
        graphs: each file's distinct canonical lines, by named graph.
        lines: the merged graph's distinct lines.
        prefixes: to name the classes (``prefix:local``, else ``<iri>``).
    """
    text = b"\n".join(lines)
    # rdf:type statements whose class is an IRI or a blank node; literals are no classes
    types = re.findall(rb"^\S+ " + re.escape(RDF_TYPE) + rb" ([<_]\S*) \.$", text, re.MULTILINE)
    per_class = Counter(cls.decode("utf-8") for cls in types)
    subjects = set(re.findall(rb"^\S+", text, re.MULTILINE))
    del text

    def name(cls: str) -> str:
        if cls.startswith("<"):
            return compact_iri(cls[1:-1], prefixes, empty_local=False)
        return cls

    def order(item: tuple[str, int]) -> tuple[int, str]:
        return -item[1], item[0].strip("<>")

    return {
        "triples": len(lines),
        "subjects": len(subjects),
        "sources": {source.relative: len(graphs[source.name]) for source in sources},
        "resources_per_class": {
            name(cls): count for cls, count in sorted(per_class.items(), key=order)
        },
    }


def write_readable_jsonld(document: bytes, target: StagedFile) -> None:
    """Write pyoxigraph's JSON-LD with one top-level node object per line.

    Every property value is an array, so a node object ends in ``]}``; ``{"@id":`` cannot
    occur inside a JSON string (its quote would be escaped), so only node boundaries match.
    Only whitespace is added, and the document is copied once (it is 130 MB at 1M triples).
    """
    body = document.strip().replace(b']},{"@id":', b']},\n{"@id":')
    if body.startswith(b"[") and body.endswith(b"]"):
        target.write(b"[\n")
        target.write(memoryview(body)[1:-1])
        target.write(b"\n]\n")
    else:
        target.write(body + b"\n")


def write_dumps(
    staged: StagedFiles, graphs: dict[str, list[bytes]], lines: list[bytes], prefixes: dict
) -> None:
    """Write every dump into ``staged``, each streamed to disk as pyoxigraph writes it.

    Args:
        staged: where the files go.
        graphs: each named graph's canonical lines (for TriG).
        lines: the merged graph's canonical lines.
        prefixes: the prefixes to write (Turtle, TriG, RDF/XML).
    """
    # parsed once for the three documents; TriG below streams, graph by graph
    statements = list(parse_lines(headers_first(lines)))
    for suffix in DUMP_SUFFIXES:
        name = f"{DUMP_NAME}.{suffix}"
        if suffix == "nt":
            staged.write(name, b"\n".join(lines) + b"\n" if lines else b"")
        elif suffix == "jsonld":
            target = staged.open(name)
            write_readable_jsonld(ox.serialize(statements, format=ox.RdfFormat.JSON_LD), target)
            target.close()
        elif suffix in DOCUMENT_FORMATS:
            target = staged.open(name)
            ox.serialize(statements, target, DOCUMENT_FORMATS[suffix], prefixes=prefixes)
            target.close()
    del statements
    quads = chain.from_iterable(
        parse_lines(as_quads(name, headers_first(graphs[name])), quads=True)
        for name in sorted(graphs)
    )
    target = staged.open(f"{DUMP_NAME}.trig")
    ox.serialize(quads, target, ox.RdfFormat.TRIG, prefixes=prefixes)
    target.close()


def build(root: GraphRoot, out: Path) -> BuildResult:
    """Build the graph dumps, a summary and checksums into ``out``.

    Every file is written in full to a temporary file before any is renamed into place, so a
    failed build leaves a previous build's files intact (:class:`dikg.rdf.staged.StagedFiles`).

    Args:
        root: the graph root.
        out: the output directory (created if needed).

    Returns:
        The written files and the summary.
    """
    sources = read_sources(root)
    graphs = canonical_graphs({source.name: source.lines for source in sources})
    for source in sources:
        source.lines.clear()  # the canonical lines replace them
    lines = merged(graphs)
    prefixes = dump_prefixes(sources)
    summary = summarize(sources, graphs, lines, prefixes)
    with StagedFiles(out) as staged:
        write_dumps(staged, graphs, lines, prefixes)
        del graphs, lines
        staged.write(
            SUMMARY_NAME, (json.dumps(summary, indent=2, ensure_ascii=False) + "\n").encode()
        )
        checksums = "".join(
            f"{digest}  {name}\n" for name, digest in sorted(staged.digests().items())
        )
        staged.write(CHECKSUMS_NAME, checksums.encode())
        files = staged.commit()
    return BuildResult(out=out, summary=summary, files=files)
