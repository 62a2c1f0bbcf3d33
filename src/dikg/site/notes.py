"""The release notes as a page (``release-notes.html``, ``release-notes.nl.html``).

With ``dikg publish --previous``, :func:`dikg.release.diff.diff_snapshots` compares the release
with the previous one resource by resource; this page shows that diff for people: the
summary sentence of ``adms:versionNotes``, a count per class, and per kind of change (added,
removed, changed) the resources of each class with their labels, linked to their pages
(a removed resource has no page any more, so it is named, not linked).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from dikg.queries.backend import EmbeddedBackend
from dikg.queries.labels import Labeller
from dikg.release.command import NOTES_NAME
from dikg.release.diff import GraphDiff, Resource
from dikg.release.dumps import CHECKSUMS_NAME
from dikg.site.paths import LANGUAGES, page_path, site_page
from dikg.site.templates import message, render
from dikg.terms import NAMESPACES, compact_iri

NOTES_PAGE = NOTES_NAME  # release-notes.html beside release-notes.md and .json
KINDS = ("added", "removed", "changed")
UNTYPED = "-"


@dataclass(frozen=True)
class Entry:
    """A resource in the notes: its label, IRI and page (None for a removed one)."""

    label: str
    iri: str
    page: str | None


@dataclass(frozen=True)
class ClassGroup:
    """The resources of one class that changed in one way."""

    name: str
    page: str | None
    entries: list[Entry]


def notes_path(lang: str) -> str:
    """The site path of the release notes in ``lang``."""
    return site_page(NOTES_PAGE, lang)


def _class_name(iri: str) -> str:
    return UNTYPED if iri == UNTYPED else compact_iri(iri, NAMESPACES)


def _groups(
    resources: list[Resource], kind: str, lang: str, label: Callable[[str], str | None]
) -> list[ClassGroup]:
    by_class: dict[str, list[Entry]] = {}
    for resource in resources:
        page = None if kind == "removed" else page_path(resource.iri, lang)
        text = (None if kind == "removed" else label(resource.iri)) or resource.label
        entry = Entry(text or resource.iri, resource.iri, page)
        for cls in resource.classes or (UNTYPED,):
            by_class.setdefault(cls, []).append(entry)
    return [
        ClassGroup(
            _class_name(cls),
            None if cls == UNTYPED else page_path(cls, lang),
            sorted(entries, key=lambda e: (e.label.casefold(), e.iri)),
        )
        for cls, entries in sorted(by_class.items())
    ]


def read_notes(out: Path) -> GraphDiff | None:
    """The diff ``dikg publish --previous`` wrote as ``release-notes.json`` in ``out``.

    None when this release has no notes: no such file, or one that ``SHA256SUMS`` does not
    list (left over from an earlier publish into the same directory).
    """
    path, sums = out / f"{NOTES_NAME}.json", out / CHECKSUMS_NAME
    if not path.is_file() or not sums.is_file():
        return None
    listed = {line.partition("  ")[2] for line in sums.read_text(encoding="utf-8").splitlines()}
    if path.name not in listed:
        return None
    data = json.loads(path.read_text(encoding="utf-8"))

    def resources(kind: str) -> list[Resource]:
        return [Resource(r["iri"], tuple(r["classes"]), r["label"]) for r in data[kind]]

    return GraphDiff(
        data["old_triples"],
        data["new_triples"],
        resources("added"),
        resources("removed"),
        resources("changed"),
    )


def notes_pages(diff: GraphDiff, summary: dict[str, str], store: ox.Store) -> dict[str, bytes]:
    """The release-notes page in every language: site path → HTML.

    Args:
        diff: what changed since the previous release.
        summary: the one-sentence notes per language (``adms:versionNotes`` in dcat.ttl).
        store: the new graph, for labels in each language.
    """
    backend = EmbeddedBackend(store)
    pages = {}
    for lang in LANGUAGES:
        other = next(o for o in LANGUAGES if o != lang)
        labeller = Labeller(backend, lang, {})
        labeller.load([r.iri for kind in ("added", "changed") for r in getattr(diff, kind)])
        counts = [
            (_class_name(cls), None if cls == UNTYPED else page_path(cls, lang), row)
            for cls, row in diff.per_class().items()
        ]
        pages[notes_path(lang)] = render(
            "release-notes.html.j2",
            page=notes_path(lang),
            lang=lang,
            title=message("notes_title", lang),
            alternate=notes_path(other),
            summary=summary.get(lang, ""),
            counts=counts,
            kinds=[
                (
                    kind,
                    len(getattr(diff, kind)),
                    _groups(getattr(diff, kind), kind, lang, labeller.label),
                )
                for kind in KINDS
            ],
        )
    return pages
