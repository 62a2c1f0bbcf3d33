"""Scale the real graph for benchmarks: valid, grounded replicas plus known defects.

Run by hand (not a test):

    .venv/bin/python benchmarks/scale.py --triples 100000 --out /tmp/dikg-100k

The output is a graph root (``--root`` for every dikg command): the checkout's ontology/,
shapes/, queries/ and data/ copied, plus ``data/scaled/replica-NNNN.ttl``. Each replica holds
every policy, measure, target and reported figure of the 2016 document and the annex again, under
IRIs ending in ``-rNNNN``, with ``(rNNNN)`` appended to their labels (labels stay unique per
actor), links between them remapped to the replica, and links to organisations, concepts and
documents kept. Quotes and their documents are unchanged, so every replica is grounded and valid.

Every ``--defect-every``-th replica carries one known defect, the kinds taken in turn (see
``DEFECTS``); ``defects.json`` in the output lists each one (kind, the focus nodes that must
get a violation, file) so a benchmark can check that an engine finds those and nothing else.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox

REPO = Path(__file__).resolve().parents[1]
ID = "https://w3id.org/dikg/id/"
DIKG = "https://w3id.org/dikg/def#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
PROV_DERIVED = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
SOURCE_QUOTE = ox.NamedNode(DIKG + "sourceQuote")
VALUE = ox.NamedNode(DIKG + "value")
MEASURE = ox.NamedNode(DIKG + "Measure")
TARGET = ox.NamedNode(DIKG + "Target")
# the kinds of resource a replica copies: the ones whose number grows with more documents
REPLICATED_KINDS = ("policy", "measure", "target", "figure")
# the files those resources live in
REPLICATED_FILES = ("data/charter-2016/*.ttl", "data/rijk-annex.ttl")
PREFIXES = {
    "dikg": DIKG,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

Quad = ox.Quad
Defect = Callable[[list[ox.Triple], int], tuple[list[ox.Triple], list[ox.NamedNode]]]


def _is_replicated(term: object) -> bool:
    return isinstance(term, ox.NamedNode) and term.value.startswith(
        tuple(f"{ID}{kind}/" for kind in REPLICATED_KINDS)
    )


def source_triples(root: Path) -> list[ox.Triple]:
    """The triples about replicated resources (and their blank nodes) in the source files."""
    triples: list[ox.Triple] = []
    for pattern in REPLICATED_FILES:
        for path in sorted(root.glob(pattern)):
            for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
                if _is_replicated(quad.subject) or isinstance(quad.subject, ox.BlankNode):
                    triples.append(ox.Triple(quad.subject, quad.predicate, quad.object))
    return triples


def replicate(triples: Iterable[ox.Triple], number: int) -> list[ox.Triple]:
    """One replica: replicated IRIs and blank nodes renamed, labels suffixed."""
    suffix = f"-r{number:04d}"
    blanks: dict[str, ox.BlankNode] = {}

    def rename(term):
        if _is_replicated(term):
            return ox.NamedNode(term.value + suffix)
        if isinstance(term, ox.BlankNode):
            return blanks.setdefault(term.value, ox.BlankNode(f"{term.value}r{number}"))
        return term

    copied = []
    for triple in triples:
        subject, obj = rename(triple.subject), rename(triple.object)
        if triple.predicate == RDFS_LABEL and isinstance(obj, ox.Literal):
            obj = ox.Literal(f"{obj.value} (r{number:04d})", language=obj.language)
        copied.append(ox.Triple(subject, triple.predicate, obj))
    return copied


def _subjects_of_type(triples: list[ox.Triple], cls: ox.NamedNode) -> list[ox.NamedNode]:
    return sorted(
        {t.subject for t in triples if t.predicate == RDF_TYPE and t.object == cls},
        key=lambda node: node.value,
    )


def quote_not_in_source(triples: list[ox.Triple], number: int):
    """A measure quotes words that no source contains (grounding)."""
    focus = _subjects_of_type(triples, MEASURE)[0]
    kept = [t for t in triples if not (t.subject == focus and t.predicate == SOURCE_QUOTE)]
    quote = ox.Literal(f"Deze zin staat in geen enkele bron (r{number:04d}).", language="nl")
    return [*kept, ox.Triple(focus, SOURCE_QUOTE, quote)], [focus]


def no_source_document(triples: list[ox.Triple], number: int):
    """A measure without prov:wasDerivedFrom (core grounding shape)."""
    focus = _subjects_of_type(triples, MEASURE)[1]
    kept = [t for t in triples if not (t.subject == focus and t.predicate == PROV_DERIVED)]
    return kept, [focus]


def duplicate_label(triples: list[ox.Triple], number: int):
    """Two measures of one actor share a Dutch label (the cross-resource label rule)."""
    actor = ox.NamedNode(DIKG + "actor")
    measures = _subjects_of_type(triples, MEASURE)
    by_actor: dict[ox.NamedNode, list[ox.NamedNode]] = {}
    actors = {t.subject: t.object for t in triples if t.predicate == actor}
    for measure in measures:
        by_actor.setdefault(actors.get(measure), []).append(measure)
    first, second = next(group for group in by_actor.values() if len(group) >= 2)[:2]
    label = next(
        t.object
        for t in triples
        if t.subject == first and t.predicate == RDFS_LABEL and t.object.language == "nl"
    )
    kept = [
        t
        for t in triples
        if not (t.subject == second and t.predicate == RDFS_LABEL and t.object.language == "nl")
    ]
    return [*kept, ox.Triple(second, RDFS_LABEL, label)], [second, first]


def value_not_a_number(triples: list[ox.Triple], number: int):
    """A target whose value is a word, not an xsd:decimal (ranges)."""
    focus = _subjects_of_type(triples, TARGET)[0]
    kept = [t for t in triples if not (t.subject == focus and t.predicate == VALUE)]
    return [*kept, ox.Triple(focus, VALUE, ox.Literal("veel", language="nl"))], [focus]


DEFECTS: dict[str, Defect] = {
    "quote-not-in-source": quote_not_in_source,
    "no-source-document": no_source_document,
    "duplicate-label": duplicate_label,
    "value-not-a-number": value_not_a_number,
}


def copy_root(root: Path, out: Path) -> None:
    """Copy the parts of a graph root that dikg reads (not .venv, dist/, caches)."""
    if out.exists():
        shutil.rmtree(out)
    for part in ("ontology", "shapes", "queries", "data"):
        shutil.copytree(root / part, out / part, ignore=shutil.ignore_patterns("entries"))


def count_triples(root: Path) -> int:
    """Triples in every Turtle file of a root's ontology/ and data/ (as dikg build merges them)."""
    store = ox.Store()
    for part in ("ontology", "data"):
        for path in sorted((root / part).rglob("*.ttl")):
            store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    return len(store)


def write_turtle(triples: list[ox.Triple], path: Path) -> None:
    """Write triples as Turtle, sorted, so the same arguments give the same files."""
    ordered = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    path.write_bytes(ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))


def main(argv: list[str] | None = None) -> int:
    """Write a scaled graph root; print its size and defects."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, required=True, help="approximate size wanted")
    parser.add_argument("--out", type=Path, required=True, help="the graph root to write")
    parser.add_argument("--root", type=Path, default=REPO, help="the graph to scale")
    parser.add_argument(
        "--defect-every", type=int, default=2, help="one defect in every N-th replica (0: none)"
    )
    args = parser.parse_args(argv)

    copy_root(args.root, args.out)
    base = count_triples(args.out)
    template = source_triples(args.root)
    per_replica = len(template)
    replicas = max(0, -(-(args.triples - base) // per_replica))
    folder = args.out / "data" / "scaled"
    folder.mkdir(parents=True, exist_ok=True)
    kinds = list(DEFECTS)
    defects = []
    for number in range(1, replicas + 1):
        triples = replicate(template, number)
        path = folder / f"replica-{number:04d}.ttl"
        if args.defect_every and number % args.defect_every == 0:
            kind = kinds[(number // args.defect_every - 1) % len(kinds)]
            triples, foci = DEFECTS[kind](triples, number)
            defects.append(
                {
                    "kind": kind,
                    "focus": [node.value for node in foci],
                    "file": str(path.relative_to(args.out)),
                }
            )
        write_turtle(triples, path)
    (args.out / "defects.json").write_text(json.dumps(defects, indent=2) + "\n")
    total = count_triples(args.out)
    print(
        f"{args.out}: {total:,} triples ({base:,} real + {replicas} replicas of "
        f"{per_replica:,}), {len(defects)} defects",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
