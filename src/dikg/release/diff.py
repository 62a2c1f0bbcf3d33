"""Release notes: what changed between two versions of the graph, resource by resource.

Graphs are compared as graphs, not as text: each IRI subject by its concise bounded
description (its statements plus those of the blank nodes it reaches,
https://www.w3.org/submission/CBD/), blank nodes by structure, not by label. Both versions
are read as snapshots (:class:`~dikg.release.snapshot.Snapshot`): a digest per subject,
and the statements that name resources.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

import pyoxigraph as ox

from dikg.release.snapshot import LABELS, RDF_TYPE, Snapshot
from dikg.terms import DIKG_NS, ID_BASE

# labels in Dutch first, then English, then any other language
_LANGUAGE_RANK = {"nl": 0, "en": 1}


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


def diff_snapshots(old: Snapshot, new: Snapshot) -> GraphDiff:
    """Compare two versions of a graph resource by resource (see :mod:`dikg.release.snapshot`)."""
    before, after = old.digests, new.digests
    changed = {s for s in before.keys() & after.keys() if before[s] != after[s]}
    added, removed = after.keys() - before.keys(), before.keys() - after.keys()
    named = {**_resources(old, removed), **_resources(new, added | changed)}
    result = GraphDiff(old.triples, new.triples)
    for kind, subjects in (("added", added), ("removed", removed), ("changed", changed)):
        getattr(result, kind).extend(sorted((named[s] for s in subjects), key=lambda r: r.iri))
    return result


def _resources(snapshot: Snapshot, subjects: set[bytes]) -> dict[bytes, Resource]:
    """Each subject (``<iri>``) as a :class:`Resource`: its classes and its first label."""
    classes: dict[bytes, list[str]] = {subject: [] for subject in subjects}
    labels: dict[bytes, list[ox.Literal]] = {subject: [] for subject in subjects}
    for quad in snapshot.naming_statements(set(subjects)):
        subject, value = f"<{quad.subject.value}>".encode(), quad.object
        if quad.predicate.value == RDF_TYPE:
            if isinstance(value, ox.NamedNode):  # a blank-node class has no stable name
                classes[subject].append(value.value)
        elif quad.predicate.value in LABELS and isinstance(value, ox.Literal):
            labels[subject].append(value)
    resources = {}
    for subject in subjects:
        ranked = sorted(labels[subject], key=_label_rank)
        label = ranked[0].value if ranked else ""
        iri = subject[1:-1].decode("utf-8")
        resources[subject] = Resource(iri, tuple(sorted(set(classes[subject]))), label)
    return resources


def _label_rank(label: ox.Literal) -> tuple[int, str]:
    return _LANGUAGE_RANK.get(label.language or "", 2), label.value


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
