"""Release notes: what changed between two versions of the graph, resource by resource.

Graphs are compared as graphs, not as text: blank nodes get canonical labels
(:func:`rdflib.compare.to_canonical_graph`), and each IRI subject is compared by its
concise bounded description (its triples plus those of the blank nodes it reaches,
https://www.w3.org/submission/CBD/).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, BNode, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.util import guess_format

from dikg.errors import InputError
from dikg.publish.build import DUMP_NAME
from dikg.release.dumps import DOWNLOAD_DIR
from dikg.terms import DIKG_NS, ID_BASE

# in a publish or build directory, the dump the diff reads
DIFF_DUMP = f"{DUMP_NAME}.nt"


@dataclass(frozen=True)
class Resource:
    """A resource named in the release notes."""

    iri: str
    classes: tuple[str, ...]
    label: str


@dataclass
class GraphDiff:
    """Resources added, removed and changed between an old and a new graph."""

    old_triples: int
    new_triples: int
    added: list[Resource] = field(default_factory=list)
    removed: list[Resource] = field(default_factory=list)
    changed: list[Resource] = field(default_factory=list)

    def per_class(self) -> dict[str, dict[str, int]]:
        """Counts of added, removed and changed resources per class (untyped: ``-``)."""
        table: dict[str, Counter] = {}
        for kind in ("added", "removed", "changed"):
            for resource in getattr(self, kind):
                for cls in resource.classes or ("-",):
                    table.setdefault(cls, Counter())[kind] += 1
        return {
            cls: {kind: counts[kind] for kind in ("added", "removed", "changed")}
            for cls, counts in sorted(table.items())
        }

    def to_json(self) -> dict:
        """A JSON-ready summary."""

        def listing(resources):
            return [{"iri": r.iri, "label": r.label, "classes": list(r.classes)} for r in resources]

        return {
            "old_triples": self.old_triples,
            "new_triples": self.new_triples,
            "added": listing(self.added),
            "removed": listing(self.removed),
            "changed": listing(self.changed),
            "per_class": self.per_class(),
        }


def read_graph(path: Path) -> Graph:
    """Read one side of a diff: an RDF file, or a publish or build directory.

    Raises:
        InputError: if the path is missing, holds no dump, or cannot be parsed.
    """
    if path.is_dir():
        for candidate in (path / DOWNLOAD_DIR / DIFF_DUMP, path / DIFF_DUMP):
            if candidate.is_file():
                path = candidate
                break
        else:
            raise InputError(
                f"is a directory without {DOWNLOAD_DIR}/{DIFF_DUMP} or {DIFF_DUMP}",
                path=path,
                hint="give the output directory of `dikg publish` or `dikg build`, or an RDF file",
            )
    if not path.is_file():
        raise InputError("no such file or directory", path=path)
    fmt = guess_format(path.name)
    if fmt is None:
        raise InputError(
            "unknown RDF syntax", path=path, hint="name it .ttl, .nt, .jsonld, .rdf, .trig or .nq"
        )
    graph = Graph()
    try:
        if fmt in ("trig", "nquads"):
            from rdflib import Dataset

            dataset = Dataset()
            dataset.parse(path, format=fmt)
            for s, p, o, _ in dataset.quads():
                graph.add((s, p, o))
        else:
            graph.parse(path, format=fmt)
    except Exception as error:  # rdflib's parsers raise many kinds of errors
        raise InputError(f"cannot parse as {fmt}: {error}".splitlines()[0], path=path) from None
    return graph


def _descriptions(graph: Graph) -> dict[URIRef, frozenset]:
    """Each IRI subject's concise bounded description, as a set of canonical triples."""
    by_subject: dict = {}
    for triple in graph:
        by_subject.setdefault(triple[0], []).append(triple)
    descriptions = {}
    for subject in by_subject:
        if isinstance(subject, BNode):
            continue
        triples, todo, seen = set(), [subject], set()
        while todo:
            node = todo.pop()
            for triple in by_subject.get(node, ()):
                triples.add(triple)
                if isinstance(triple[2], BNode) and triple[2] not in seen:
                    seen.add(triple[2])
                    todo.append(triple[2])
        descriptions[subject] = frozenset(triples)
    return descriptions


def _resource(graph: Graph, iri: URIRef) -> Resource:
    classes = tuple(sorted(str(c) for c in graph.objects(iri, RDF.type)))
    labels = [
        label
        for predicate in (RDFS.label, SKOS.prefLabel)
        for label in graph.objects(iri, predicate)
    ]
    ranked = sorted(labels, key=lambda lit: ({"nl": 0, "en": 1}.get(lit.language, 2), str(lit)))
    return Resource(str(iri), classes, str(ranked[0]) if ranked else "")


def diff_graphs(old: Graph, new: Graph) -> GraphDiff:
    """Compare two graphs resource by resource (blank nodes canonicalised)."""
    old_c, new_c = to_canonical_graph(old), to_canonical_graph(new)
    before, after = _descriptions(old_c), _descriptions(new_c)
    result = GraphDiff(len(old_c), len(new_c))
    for iri in sorted(after.keys() - before.keys()):
        result.added.append(_resource(new_c, iri))
    for iri in sorted(before.keys() - after.keys()):
        result.removed.append(_resource(old_c, iri))
    for iri in sorted(before.keys() & after.keys()):
        if before[iri] != after[iri]:
            result.changed.append(_resource(new_c, iri))
    return result


def _short(iri: str) -> str:
    for prefix, short in (
        (DIKG_NS, "dikg:"),
        (ID_BASE, ""),
    ):
        if iri.startswith(prefix):
            return short + iri[len(prefix) :]
    return iri


def version_notes(diff: GraphDiff, previous_version: str | None) -> dict[str, str]:
    """One-sentence release notes in English and Dutch, for ``adms:versionNotes``."""
    since_en = f" since version {previous_version}" if previous_version else ""
    since_nl = f" sinds versie {previous_version}" if previous_version else ""
    a, r, c = len(diff.added), len(diff.removed), len(diff.changed)
    return {
        "en": f"Changes{since_en}: {a} resources added, {r} removed, {c} changed "
        f"({diff.old_triples} triples before, {diff.new_triples} now).",
        "nl": f"Wijzigingen{since_nl}: {a} resources toegevoegd, {r} verwijderd, {c} gewijzigd "
        f"({diff.old_triples} triples eerder, {diff.new_triples} nu).",
    }


def markdown(diff: GraphDiff, previous_version: str | None = None) -> str:
    """The release notes as Markdown: a count per class, then the resources per change."""
    lines = ["# Release notes", "", version_notes(diff, previous_version)["en"], ""]
    table = diff.per_class()
    if table:
        lines += ["| class | added | removed | changed |", "|---|---:|---:|---:|"]
        for cls, counts in table.items():
            lines.append(
                f"| {_short(cls)} | {counts['added']} | {counts['removed']} | {counts['changed']} |"
            )
        lines.append("")
    for kind in ("added", "removed", "changed"):
        resources = getattr(diff, kind)
        if not resources:
            continue
        lines += [f"## {kind.capitalize()} ({len(resources)})", ""]
        for r in resources:
            label = f" {r.label}" if r.label else ""
            classes = ", ".join(_short(c) for c in r.classes) or "untyped"
            lines.append(f"- `{_short(r.iri)}`{label.replace('|', '/')} ({classes})")
        lines.append("")
    return "\n".join(lines)


def json_text(diff: GraphDiff) -> str:
    """The release notes as JSON text (stable key order)."""
    return json.dumps(diff.to_json(), indent=2, ensure_ascii=False) + "\n"
