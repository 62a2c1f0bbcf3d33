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

The graph is read once (:class:`dikg.site.describe.Descriptions`); every page is rendered in
memory, then each file is written atomically; pages and RDF files under id/, class/ and
sources/ that the graph no longer gives are removed. Nothing depends on the clock or the hash seed,
so two publishes of the same input are byte-identical.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from dikg.graph.loaded import load_graph
from dikg.release.dumps import CHECKSUMS_NAME, FileInfo, checksums_text, write_file
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


def render_site(
    root: GraphRoot, base_url: str, release_dir: Path | None = None
) -> dict[str, bytes]:
    """Every file of the site, rendered in memory: site path → content.

    Args:
        root: the graph root.
        base_url: the URL the site is served under, ending in ``/`` (for the sitemap).
        release_dir: the directory ``dikg publish`` wrote the release into (its dcat.ttl,
            SHA256SUMS and release notes feed the landing and release-notes pages); None
            or a directory without dcat.ttl: the docs' index is the home page.
    """
    loaded = load_graph(root, keep_quads=True)
    described = Descriptions(loaded)
    resources = resource_iris(described)
    files: dict[str, bytes] = {STYLESHEET: asset(STYLESHEET)}
    files.update(source_pages(root, loaded.store))
    release = None
    if release_dir is not None and (release_dir / DCAT_FILE).is_file():
        release = read_release(release_dir)

    # the RDF beside each page, and the same JSON-LD embedded in it
    embedded = {}
    for iri in resources:
        graph = described.graph(described.cbd(ox.NamedNode(iri)))
        files[rdf_path(iri, "ttl")] = turtle(graph)
        files[rdf_path(iri, "jsonld")] = json_ld(graph)
        embedded[iri] = script_json(files[rdf_path(iri, "jsonld")])
    ontology_graph = described.graph(
        ox.Triple(q.subject, q.predicate, q.object)
        for name, quads in loaded.quads.items()
        if loaded.relative[name].startswith("ontology/")
        for q in quads
    )
    ontology_jsonld = json_ld(ontology_graph)

    for iri in described.iris:
        if OWL_ONTOLOGY in described.types(iri):
            embedded[iri] = script_json(ontology_jsonld)
    docs = render_docs(root, SITE_NAV, Path("."), embedded=embedded)
    # a scheme's .ttl is its description, as every resource's (docs offers the whole file)
    files.update({path: content for path, content in docs.files.items() if path not in files})
    files[ONTOLOGY_TTL] = turtle(ontology_graph)
    files[ONTOLOGY_JSONLD] = ontology_jsonld

    # where links go: documentation of ontology terms and schemes, then resource pages
    targets = {
        str(iri): page + (f"#{anchor}" if anchor else "")
        for iri, (page, anchor) in docs.site.locations.items()
    }
    scheme_pages = {str(s.iri) for s in docs.schemes}
    own_pages = [iri for iri in resources if iri not in scheme_pages]
    targets.update({iri: page_path(iri) for iri in own_pages})

    for lang in LANGUAGES:
        docs.site.lang = lang
        files[localized(HOME_PAGE, lang)] = index_page(
            docs.site, docs.schemes, ONTOLOGY_TTL, docs.sources
        )
    docs.site.lang = DEFAULT_LANGUAGE

    locator = QuoteLocator(root)

    def quote_link(documents: list[str], quote: str, lang: str) -> str | None:
        found = locator.first_link(documents, quote, lang)
        # only where the source page is part of the site
        return found if found is not None and found.split("#")[0] in files else None

    def page_of(iri: str, lang: str) -> str | None:
        return localized(targets[iri], lang) if iri in targets else None

    asked = Questions(
        root,
        endpoint=release.endpoint if release else None,
        page_of=page_of,
        store=loaded.store,
    )
    builder = PageBuilder(described, targets, quote_link)
    asked.prepare_about(own_pages, LANGUAGES)  # each question once for every page
    for iri in own_pages:
        english = page_path(iri)
        about = asked.about(iri)
        for lang in LANGUAGES:
            page = localized(english, lang)
            view = builder.build(iri, page, lang)
            files[page] = render(
                "resource.html.j2",
                page=page,
                lang=lang,
                title=view.title,
                alternate=other_language_page(english, lang),
                jsonld=embedded[iri],
                view=view,
                ttl=rdf_path(iri, "ttl"),
                jsonld_file=rdf_path(iri, "jsonld"),
                questions=about[lang],
            )
    asked.forget()  # the rest of the site, held in memory as well, needs none of it

    if release is not None:
        diff = read_notes(release_dir)
        if diff is not None:
            files.update(notes_pages(diff, release.version_notes, loaded.store))
        drawn = {lang: pictures(root, loaded.store, lang) for lang in LANGUAGES}
        files.update({p.path: p.svg for lang in LANGUAGES for p in drawn[lang]})
        landing = LandingInput(
            questions={lang: asked.landing(lang) for lang in LANGUAGES},
            sources=source_index(root, loaded.store),
            links=(SiteLink(BROWSE_PAGE, "browse"), SiteLink(ONTOLOGY_PAGE, "ontology")),
            notes_page=notes_path(DEFAULT_LANGUAGE) if diff is not None else None,
            pictures=drawn,
        )
        files.update(landing_pages(release_dir, landing))

    classes = instances_by_class(described, own_pages)
    files.update(index_pages(described, classes, docs.schemes, targets))
    files.update(render_rules(base_url))
    files[SITEMAP] = sitemap(base_url, files)
    return files


# folders only the site writes into, and the kinds of file it writes there
SITE_FOLDERS = ("id", "class", "sources")
SITE_SUFFIXES = (".html", ".ttl", ".jsonld")


def remove_stale(out: Path, files: dict[str, bytes]) -> None:
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
    """Render the whole site and write it into ``out`` (see the module), each file atomically.

    Args:
        root: the graph root.
        out: the release directory (``dikg publish --out``).
        base_url: the URL ``out`` is served under, ending in ``/``.
        release_files: the files the release wrote into ``out``; if given, its
            ``SHA256SUMS`` is written again to list the site's files as well.

    Raises:
        InputError: if a file of the graph cannot be parsed.
    """
    files = render_site(root, base_url, out)
    result = SiteResult(out=out, files=sorted(files))
    result.resources = sum(
        1 for path in files if path.startswith(INSTANCE_PREFIX) and path.endswith(".ttl")
    )
    written = [write_file(out, path, files[path]) for path in result.files]
    remove_stale(out, files)
    if release_files:
        listed = {info.relative: info for info in release_files}
        listed.pop(CHECKSUMS_NAME, None)
        listed.update({info.relative: info for info in written})
        write_file(out, CHECKSUMS_NAME, checksums_text(list(listed.values())))
    return result
