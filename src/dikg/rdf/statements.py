"""Canonical statements on pyoxigraph: one label per blank node, one order, as N-Triples lines.

``dikg build`` writes its dumps with pyoxigraph's serializers, which write statements in the
order they are given and blank nodes under the labels they carry. The bytes of a dump are
therefore fixed by fixing its input, here:

* every statement is a line of canonical N-Triples
  (https://www.w3.org/TR/n-triples/#canonical-ntriples), as pyoxigraph writes it: equal
  statements give equal lines, so a set of lines removes duplicates and sorting the lines
  gives one order (subject, then predicate, then object, by code point), whatever the order
  of parsing or the hash seed of the process;
* blank nodes get the labels of RDF Dataset Canonicalization (RDFC-1.0,
  https://www.w3.org/TR/rdf-canon/), computed by pyoxigraph over the statements that mention
  a blank node, each in the named graph of its file. A label (``c14n0``, ``c14n1``, ...)
  therefore depends only on the graph's content, not on the labels the parser gave.

Everything here works on bytes and leaves the per-statement work to pyoxigraph (Rust) or to
C-level list and set operations: Python objects per statement are what made the rdflib build
slow (issue 14).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

import pyoxigraph as ox

RDF_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
# Subjects that describe a file or the graph itself; the document formats put them first.
HEADER_CLASSES = (
    b"<http://www.w3.org/2002/07/owl#Ontology>",
    b"<http://www.w3.org/2004/02/skos/core#ConceptScheme>",
)
_BLANK = re.compile(rb"_:")


def ntriples_lines(quads: Iterable[ox.Quad | ox.Triple]) -> list[bytes]:
    """Statements (quads of the default graph, or triples) as canonical N-Triples lines.

    Each line ends with `` .`` and carries no newline.
    """
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines()


def canonical_graphs(graphs: Mapping[str, list[bytes]]) -> dict[str, list[bytes]]:
    """Give each graph's blank nodes their RDFC-1.0 labels; sort and deduplicate its lines.

    Args:
        graphs: named-graph IRI to its N-Triples lines. A blank node may occur in one graph
            only (labels distinct across graphs, as pyoxigraph's ``rename_blank_nodes`` gives).

    Returns:
        The same graphs, each a sorted list of distinct lines, blank nodes canonically labelled.
    """
    result: dict[str, set[bytes]] = {}
    marked: list[bytes] = []
    for name, lines in graphs.items():
        distinct = set(lines)
        # A line holding "_:" mentions a blank node or has the text in a literal; the latter
        # passes through canonicalization unchanged, so over-selecting is harmless. (filter
        # with a C function keeps the loop out of Python bytecode.)
        blank = set(filter(_BLANK.search, distinct))
        suffix = f"<{name}> .".encode()
        marked.extend(line[:-1] + suffix for line in blank)
        result[name] = distinct - blank
    if marked:
        dataset = ox.Dataset(ox.parse(b"\n".join(marked), format=ox.RdfFormat.N_QUADS))
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        triples: dict[str, list[ox.Triple]] = defaultdict(list)
        for quad in dataset:
            triples[quad.graph_name.value].append(quad.triple)
        for name, canonical in triples.items():
            result[name].update(ntriples_lines(canonical))
    return {name: sorted(lines) for name, lines in result.items()}


def merged(graphs: Mapping[str, list[bytes]]) -> list[bytes]:
    """The distinct lines of all graphs, sorted: the merged graph in canonical order."""
    union: set[bytes] = set()
    for lines in graphs.values():
        union.update(lines)
    return sorted(union)


def subject_of(line: bytes) -> bytes:
    """The subject of an N-Triples line, as written (``<iri>`` or ``_:label``)."""
    return line[: line.index(b" ")]


def headers_first(lines: list[bytes]) -> list[bytes]:
    """Sorted lines with the statements of header subjects moved to the front.

    Header subjects are those typed with one of :data:`HEADER_CLASSES` (the ontology, the
    concept schemes), in their sorted order; the rest keep theirs. Readers of a document
    find what it describes at its top, as in canonical Turtle (:mod:`dikg.rdf.canonical`).
    """
    endings = tuple(b" " + RDF_TYPE + b" " + cls + b" ." for cls in HEADER_CLASSES)
    headers = tuple(sorted({subject_of(line) + b" " for line in lines if line.endswith(endings)}))
    if not headers:
        return lines
    # each header ends with a space, so <a> does not take the lines of <ab>; the lines are
    # sorted, so the front is already in the headers' order
    front = [line for line in lines if line.startswith(headers)]
    back = [line for line in lines if not line.startswith(headers)]
    return front + back


def as_quads(name: str, lines: list[bytes]) -> list[bytes]:
    """N-Triples lines as N-Quads lines in the named graph ``name``."""
    suffix = f"<{name}> .".encode()
    return [line[:-1] + suffix for line in lines]


def parse_lines(lines: list[bytes], *, quads: bool = False) -> ox.QuadParser:
    """Parse lines back into pyoxigraph statements, in their order."""
    rdf_format = ox.RdfFormat.N_QUADS if quads else ox.RdfFormat.N_TRIPLES
    return ox.parse(b"\n".join(lines), format=rdf_format)
