"""Write the linked-data site of a release: every page, every resource's RDF, the sitemap.

:func:`write_site` is what ``dikg publish`` calls after the data package is written. It adds,
under the same directory (paths from :mod:`dikg.site.paths`)::

    style.css                          the one stylesheet
    index.html, index.nl.html          the landing page (dikg.site.landing), from the release
                                       in the same directory (without one: the docs' index)
    release-notes.html, .nl.html       with --previous: what changed (dikg.site.notes)
    sources/{slug}.html, .nl.html      each source text, sentence by sentence (dikg.site.sources)
    def.html, def.nl.html              the ontology, a section per term (#Term)
    def.ttl, def.jsonld                the ontology's statements
    id/scheme/{slug}.html, .nl.html    a page per concept scheme (its hierarchy, its concepts)
    id/{kind}/{slug}.html, .nl.html    a page per other resource under …/id/
    id/{kind}/{slug}.ttl, .jsonld      a resource's description (its CBD, dikg.site.describe)
    class/index.html, class/{C}.html   every class and scheme; the resources of one class
    pictures/{slug}.svg, .nl.svg       the landing page's pictures (dikg.site.pictures)
    .htaccess, server/*                content negotiation for Apache, nginx and w3id.org
                                       (dikg.site.server)
    sitemap.xml                        every page, as absolute URLs on the base URL

The graph is read once (:class:`dikg.site.describe.Descriptions`); every file is staged beside
its place as soon as it is rendered, and all are renamed into place at the end (at a million
triples the site is several GiB, too much to hold in memory); pages and RDF files under id/,
class/ and sources/ that the graph no longer gives are removed. Nothing depends on the clock or
the hash seed, so two publishes of the same input are byte-identical.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from dikg.graph.loaded import load_graph
from dikg.rdf.staged import StagedFiles
from dikg.release.dumps import CHECKSUMS_NAME, FileInfo, checksum_lines
from dikg.root import GraphRoot
from dikg.site.describe import Descriptions, json_ld, script_json, turtle
from dikg.site.docs.site import index_page, render_docs
from dikg.site.indexes import index_pages, instances_by_class, sitemap
from dikg.site.landing import DCAT_FILE, LandingInput, SiteLink, landing_pages, read_release
from dikg.site.notes import notes_pages, notes_path, read_notes
from dikg.site.paths import (
    BROWSE_PAGE,
    DEFAULT_LANGUAGE,
    HOME_PAGE,
    LANGUAGES,
    ONTOLOGY_JSONLD,
    ONTOLOGY_PAGE,
    ONTOLOGY_TTL,
    SITEMAP,
    STYLESHEET,
    document_path,
    localized,
    other_language_page,
    page_path,
    rdf_path,
)
from dikg.site.pictures import pictures
from dikg.site.questions import Questions
from dikg.site.resource import PageBuilder
from dikg.site.server import render_rules
from dikg.site.sources import QuoteLocator, source_index, source_pages
from dikg.site.templates import SITE_NAV, asset, render

INSTANCE_PREFIX = "id/"
OWL_ONTOLOGY = "http://www.w3.org/2002/07/owl#Ontology"
SKOS_CONCEPT_SCHEME = "http://www.w3.org/2004/02/skos/core#ConceptScheme"


@dataclass
class SiteResult:
    """What :func:`write_site` wrote.

    Attributes:
        out: the site directory.
        files: the paths written, relative to ``out``, sorted.
        resources: how many resources got a page (per language).
    """

    out: Path
    files: list[str] = field(default_factory=list)
    resources: int = 0


def resource_iris(described: Descriptions) -> list[str]:
    """The IRIs that get a page of their own: subjects under ``…/id/``, sorted."""
    return [
        iri
        for iri in described.iris
        if (path := document_path(iri)) is not None
        and path.startswith(INSTANCE_PREFIX)
        and "#" not in iri
    ]


class SiteFiles(Protocol):
    """Where :func:`render_site` puts the files; each path is written once.

    A :class:`~dikg.rdf.staged.StagedFiles` (``dikg publish``) or a :class:`MemorySite`.
    """

    def write(self, name: str, content: bytes) -> None:
        """Put one file (``name``: its site path)."""

    def __contains__(self, name: object) -> bool:
        """Whether ``name`` was written."""

    def names(self) -> list[str]:
        """Every site path written so far."""


class MemorySite(dict[str, bytes]):
    """The site's files held in memory (site path → content), for tests and benchmarks."""

    def write(self, name: str, content: bytes) -> None:
        """Keep one file; a path written twice is an error, as in :class:`StagedFiles`."""
        if name in self:
            raise ValueError(f"{name} is staged twice")
        self[name] = content

    def names(self) -> list[str]:
        """Every site path written so far."""
        return list(self)


# resource pages are rendered this many at a time: the answers to their questions are
# gathered for a batch, not for the whole graph (100,000 pages at a million triples)
PAGE_BATCH = 2000


def _write_all(site: SiteFiles, files: dict[str, bytes], skip: Container[str] = ()) -> None:
    for path in sorted(files):
        if path not in skip:
            site.write(path, files[path])


def render_site(
    root: GraphRoot, base_url: str, site: SiteFiles, release_dir: Path | None = None
) -> None:
    """Render every file of the site into ``site``, each written as soon as it is rendered.

    Args:
        root: the graph root.
        base_url: the URL the site is served under, ending in ``/`` (for the sitemap).
        site: where the files go (nothing is held back: at a million triples the site is
            several GiB).
        release_dir: the directory ``dikg publish`` wrote the release into (its dcat.ttl,
            SHA256SUMS and release notes feed the landing and release-notes pages); None
            or a directory without dcat.ttl: the docs' index is the home page.
    """
    loaded = load_graph(root)
    described = Descriptions(loaded)
    ontology_graph = described.graph(
        ox.Triple(q.subject, q.predicate, q.object)
        for name, relative in loaded.relative.items()
        if relative.startswith("ontology/")
        for q in loaded.parsed(name)
    )
    loaded.texts.clear()  # parsed: from here on the site reads the store (185 MiB at 1M)
    resources = resource_iris(described)
    site.write(STYLESHEET, asset(STYLESHEET))
    _write_all(site, source_pages(root, loaded.store))
    release = None
    if release_dir is not None and (release_dir / DCAT_FILE).is_file():
        release = read_release(release_dir)

    # the JSON-LD the ontology and scheme pages embed; a resource page's is made with it
    ontology_jsonld = json_ld(ontology_graph)
    embedded = {
        iri: script_json(ontology_jsonld)
        for iri in described.iris
        if OWL_ONTOLOGY in described.types(iri)
    }
    for iri in resources:
        if SKOS_CONCEPT_SCHEME in described.types(iri):
            embedded[iri] = script_json(json_ld(described.graph(described.cbd(ox.NamedNode(iri)))))
    docs = render_docs(root, SITE_NAV, Path("."), embedded=embedded)
    # a resource's .ttl is its description, a scheme's included (docs offers the whole file)
    described_files = {rdf_path(iri, suffix) for iri in resources for suffix in ("ttl", "jsonld")}
    _write_all(site, docs.files, skip={*described_files, ONTOLOGY_TTL})
    site.write(ONTOLOGY_TTL, turtle(ontology_graph))
    site.write(ONTOLOGY_JSONLD, ontology_jsonld)

    # where links go: documentation of ontology terms and schemes, then resource pages
    targets = {
        str(iri): page + (f"#{anchor}" if anchor else "")
        for iri, (page, anchor) in docs.site.locations.items()
    }
    scheme_pages = {str(s.iri) for s in docs.schemes}
    own_pages = [iri for iri in resources if iri not in scheme_pages]
    targets.update({iri: page_path(iri) for iri in own_pages})

    if release is None:  # with a release, the landing page is the home page
        for lang in LANGUAGES:
            docs.site.lang = lang
            site.write(
                localized(HOME_PAGE, lang),
                index_page(docs.site, docs.schemes, ONTOLOGY_TTL, docs.sources),
            )
        docs.site.lang = DEFAULT_LANGUAGE

    locator = QuoteLocator(root)

    def quote_link(documents: list[str], quote: str, lang: str) -> str | None:
        found = locator.first_link(documents, quote, lang)
        # only where the source page is part of the site
        return found if found is not None and found.split("#")[0] in site else None

    def page_of(iri: str, lang: str) -> str | None:
        return localized(targets[iri], lang) if iri in targets else None

    asked = Questions(
        root,
        endpoint=release.endpoint if release else None,
        page_of=page_of,
        store=loaded.store,
    )
    builder = PageBuilder(described, targets, quote_link)
    own = set(own_pages)
    for start in range(0, len(resources), PAGE_BATCH):
        batch = resources[start : start + PAGE_BATCH]
        asked.prepare_about([iri for iri in batch if iri in own], LANGUAGES)
        for iri in batch:
            _write_resource(site, iri, described, builder, asked if iri in own else None)
        asked.forget()

    if release is not None:
        diff = read_notes(release_dir)
        if diff is not None:
            _write_all(site, notes_pages(diff, release.version_notes, loaded.store))
        drawn = {lang: pictures(root, loaded.store, lang) for lang in LANGUAGES}
        _write_all(site, {p.path: p.svg for lang in LANGUAGES for p in drawn[lang]})
        landing = LandingInput(
            questions={lang: asked.landing(lang) for lang in LANGUAGES},
            sources=source_index(root, loaded.store),
            links=(SiteLink(BROWSE_PAGE, "browse"), SiteLink(ONTOLOGY_PAGE, "ontology")),
            notes_page=notes_path(DEFAULT_LANGUAGE) if diff is not None else None,
            pictures=drawn,
        )
        _write_all(site, landing_pages(release_dir, landing))

    classes = instances_by_class(described, own_pages)
    _write_all(site, index_pages(described, classes, docs.schemes, targets))
    _write_all(site, render_rules(base_url))
    site.write(SITEMAP, sitemap(base_url, site.names()))


def _write_resource(
    site: SiteFiles,
    iri: str,
    described: Descriptions,
    builder: PageBuilder,
    asked: Questions | None,
) -> None:
    """A resource's RDF files and, if it has a page of its own (``asked``), its pages."""
    graph = described.graph(described.cbd(ox.NamedNode(iri)))
    jsonld = json_ld(graph)
    site.write(rdf_path(iri, "ttl"), turtle(graph))
    site.write(rdf_path(iri, "jsonld"), jsonld)
    if asked is None:
        return
    embedded = script_json(jsonld)
    english = page_path(iri)
    about = asked.about(iri)
    for lang in LANGUAGES:
        page = localized(english, lang)
        view = builder.build(iri, page, lang)
        site.write(
            page,
            render(
                "resource.html.j2",
                page=page,
                lang=lang,
                title=view.title,
                alternate=other_language_page(english, lang),
                jsonld=embedded,
                view=view,
                ttl=rdf_path(iri, "ttl"),
                jsonld_file=rdf_path(iri, "jsonld"),
                questions=about[lang],
            ),
        )


# folders only the site writes into, and the kinds of file it writes there
SITE_FOLDERS = ("id", "class", "sources")
SITE_SUFFIXES = (".html", ".ttl", ".jsonld")


def remove_stale(out: Path, files: Container[str]) -> None:
    """Remove pages and RDF files a previous site wrote for resources no longer in the graph."""
    for folder in SITE_FOLDERS:
        if not (out / folder).is_dir():
            continue
        for path in sorted((out / folder).rglob("*")):
            relative = path.relative_to(out).as_posix()
            if path.is_file() and path.suffix in SITE_SUFFIXES and relative not in files:
                path.unlink()


def write_site(
    root: GraphRoot, out: Path, base_url: str, release_files: Sequence[FileInfo] = ()
) -> SiteResult:
    """Render the whole site into ``out`` (see the module).

    Every file is staged beside its place while the site is rendered, and only when all
    are written are they renamed into place: a failure leaves the previous site as it was.

    Args:
        root: the graph root.
        out: the release directory (``dikg publish --out``).
        base_url: the URL ``out`` is served under, ending in ``/``.
        release_files: the files the release wrote into ``out``; if given, its
            ``SHA256SUMS`` is written again to list the site's files as well.

    Raises:
        InputError: if a file of the graph cannot be parsed.
    """
    with StagedFiles(out) as staged:
        render_site(root, base_url, staged, out)
        written = staged.files()
        paths = sorted(name for name, _, _ in written)
        if release_files:
            # line by line: at a million triples the site has some 250,000 files
            listed = {i.relative: i.sha256 for i in release_files if i.relative != CHECKSUMS_NAME}
            listed.update((name, digest) for name, _, digest in written)
            checksums = staged.open(CHECKSUMS_NAME)
            for line in checksum_lines(listed.items()):
                checksums.write(line)
            checksums.close()
            del listed
        del written
        staged.commit()
    remove_stale(out, set(paths))
    resources = sum(1 for p in paths if p.startswith(INSTANCE_PREFIX) and p.endswith(".ttl"))
    return SiteResult(out=out, files=paths, resources=resources)
