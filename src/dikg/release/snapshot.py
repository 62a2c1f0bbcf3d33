"""A graph reduced to what release notes compare, read with pyoxigraph.

Release notes (:mod:`dikg.release.diff`) compare two versions of the graph resource by
resource: each IRI subject by its concise bounded description (CBD: its statements plus
those of the blank nodes it reaches, https://www.w3.org/submission/CBD/). A
:class:`Snapshot` keeps, per IRI subject, a digest of its CBD, and the statements that name
resources (types and labels); the rest of the graph is dropped once read. Two versions of a
graph of a million statements thus fit beside each other (as rdflib graphs they took
several GiB).

Blank nodes are compared by structure, not by label: a CBD that mentions a blank node is
digested in its RDFC-1.0 canonical form (https://www.w3.org/TR/rdf-canon/) computed over
that CBD alone, so that a blank node added elsewhere in the graph cannot relabel it.
"""

from __future__ import annotations

import bisect
import gzip
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

import pyoxigraph as ox

from dikg.rdf.statements import ntriples_lines, subject_of

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABELS = (
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
)
# the predicates of the statements a snapshot keeps to name resources, as N-Triples
_NAMING = tuple(f" <{iri}> ".encode() for iri in (RDF_TYPE, *LABELS))


@dataclass(frozen=True)
class Syntax:
    """An RDF syntax dikg reads, by the suffix of a file name."""

    name: str
    rdf_format: ox.RdfFormat
    gzipped: bool = False


_SUFFIXES = {
    "ttl": Syntax("turtle", ox.RdfFormat.TURTLE),
    "nt": Syntax("n-triples", ox.RdfFormat.N_TRIPLES),
    "nq": Syntax("n-quads", ox.RdfFormat.N_QUADS),
    "trig": Syntax("trig", ox.RdfFormat.TRIG),
    "rdf": Syntax("rdf/xml", ox.RdfFormat.RDF_XML),
    "owl": Syntax("rdf/xml", ox.RdfFormat.RDF_XML),
    "xml": Syntax("rdf/xml", ox.RdfFormat.RDF_XML),
    "jsonld": Syntax("json-ld", ox.RdfFormat.JSON_LD),
}
SUFFIXES_TEXT = ".ttl, .nt, .nq, .trig, .rdf, .owl or .jsonld, each also gzipped (.gz)"


def syntax_of(name: str) -> Syntax | None:
    """The syntax a file name says (``dikg.nt.gz``: gzipped N-Triples), None if unknown."""
    gzipped = name.endswith(".gz")
    stem = name.removesuffix(".gz")
    if "." not in stem:
        return None
    syntax = _SUFFIXES.get(stem.rsplit(".", 1)[1].lower())
    if syntax is None:
        return None
    return Syntax(syntax.name, syntax.rdf_format, gzipped)


@dataclass(frozen=True)
class Snapshot:
    """One version of a graph as release notes compare it.

    Attributes:
        triples: how many distinct statements the graph has (named graphs merged).
        digests: each IRI subject (``<iri>``, as in N-Triples) to a digest of its CBD.
        naming: the sorted N-Triples lines of IRI subjects' types and labels.
    """

    triples: int
    digests: dict[bytes, bytes]
    naming: list[bytes]

    def naming_statements(self, subjects: set[bytes]) -> Iterator[ox.Quad]:
        """The type and label statements of ``subjects`` (``<iri>`` keys of :attr:`digests`)."""
        lines = [line for line in self.naming if subject_of(line) in subjects]
        return ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES)


def read_snapshot(source: Path | bytes, syntax: Syntax, base_iri: str | None = None) -> Snapshot:
    """Read a file, or its bytes, as a :class:`Snapshot`.

    Args:
        source: the file, or its content.
        syntax: how it is written.
        base_iri: what relative IRIs are resolved against; a file's own ``file:`` URI by
            default (as rdflib does), none for bytes.

    Raises:
        ValueError: if it does not parse as ``syntax`` (the message names the line), or a
            gzipped source is not gzip.
    """
    if base_iri is None and isinstance(source, Path):
        base_iri = source.resolve().as_uri()
    rdf_format = syntax.rdf_format
    try:
        if isinstance(source, bytes):
            content = gzip.decompress(source) if syntax.gzipped else source
            return snapshot(_lines(ox.parse(content, rdf_format, base_iri=base_iri), syntax))
        if syntax.gzipped:
            with gzip.open(source) as stream:
                return snapshot(_lines(ox.parse(stream, rdf_format, base_iri=base_iri), syntax))
        return snapshot(
            _lines(ox.parse(path=str(source), format=rdf_format, base_iri=base_iri), syntax)
        )
    except SyntaxError as error:
        raise ValueError(f"cannot parse as {syntax.name}: {error}".splitlines()[0]) from None
    except (OSError, EOFError) as error:
        raise ValueError(f"cannot read as gzipped {syntax.name}: {error}") from None


def _lines(parsed: ox.QuadParser, syntax: Syntax) -> list[bytes]:
    """The distinct statements of a parse as sorted N-Triples lines, named graphs merged."""
    statements = (quad.triple for quad in parsed) if syntax.rdf_format.supports_datasets else parsed
    lines = list(set(ntriples_lines(statements)))
    lines.sort()
    return lines


def snapshot(lines: list[bytes]) -> Snapshot:
    """The snapshot of a graph given as sorted, distinct N-Triples lines."""
    # "<" sorts before "_": IRI subjects first, then blank-node subjects
    first_blank = bisect.bisect_left(lines, b"_:")
    blank = {node: list(group) for node, group in groupby(lines[first_blank:], key=subject_of)}
    digests = {}
    for subject, group in groupby(lines[:first_blank], key=subject_of):
        digests[subject] = _digest(list(group), blank)
    naming = [line for line in lines[:first_blank] if any(p in line for p in _NAMING)]
    return Snapshot(len(lines), digests, naming)


def _blank_object(line: bytes) -> bytes | None:
    """The blank node a statement points to (``_:label``), None if its object is not one."""
    if b" _:" not in line:  # C-level test first: most statements hold no blank node
        return None
    obj = line.split(b" ", 2)[2]
    return obj[:-2] if obj.startswith(b"_:") else None


def _digest(statements: list[bytes], blank: dict[bytes, list[bytes]]) -> bytes:
    """A digest of the CBD of a subject whose statements (sorted) are ``statements``."""
    todo = [node for node in map(_blank_object, statements) if node is not None]
    if todo:
        seen: set[bytes] = set()
        described = list(statements)
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            for line in blank.get(node, ()):
                described.append(line)
                reached = _blank_object(line)
                if reached is not None:
                    todo.append(reached)
        statements = _canonical(described)
    return hashlib.blake2b(b"\n".join(statements), digest_size=16).digest()


def _canonical(lines: list[bytes]) -> list[bytes]:
    """Statements with RDFC-1.0 blank-node labels, sorted."""
    dataset = ox.Dataset(ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(ntriples_lines(dataset))
