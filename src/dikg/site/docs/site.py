"""``dikg docs``: the index page, and writing the whole site (see :mod:`dikg.site.docs`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import OWL
from rdflib.namespace import DCTERMS

from dikg.errors import InputError
from dikg.rdf.canonical import canonical_copy, canonical_turtle
from dikg.rdf.files import TURTLE_SUFFIX, atomic_write, files_in
from dikg.rdf.parse import merge_graphs
from dikg.root import GraphRoot
from dikg.site.docs.model import (
    VOCABULARY_DIR,
    DocsResult,
    OntologyTerms,
    SchemePage,
    ontology_iri,
    parse_files,
)
from dikg.site.docs.ontology import ontology_page
from dikg.site.docs.parts import title_block, title_literals
from dikg.site.docs.view import Site, Tagged, tagged
from dikg.site.docs.vocabulary import locate_concepts, scheme_page, scheme_pages, scheme_turtle
from dikg.site.paths import (
    DEFAULT_LANGUAGE,
    HOME_PAGE,
    LANGUAGES,
    ONTOLOGY_PAGE,
    ONTOLOGY_TTL,
    SCHEME_DIR,
    STYLESHEET,
    localized,
    other_language_page,
)
from dikg.site.templates import asset, render

# the header's links on the pages of `dikg docs` (its output has no class index)
DOCS_NAV: tuple[tuple[str, str], ...] = ((HOME_PAGE, "home"), (ONTOLOGY_PAGE, "ontology"))


@dataclass(frozen=True)
class VocabularyEntry:
    """A vocabulary as the index lists it: its page, titles, size, IRI and Turtle."""

    page: str
    names: tuple[Tagged, ...]
    slug: str
    count: int
    iri: str
    turtle: str


def index_page(site: Site, schemes: list[SchemePage], ttl_name: str, sources: str) -> bytes:
    """The index page of ``dikg docs`` in ``site.lang`` (``templates/index.html.j2``)."""
    lang, graph, ontology = site.lang, site.graph, site.ontology
    page = localized(HOME_PAGE, lang)
    heading = title_block(site, ontology)
    descriptions = [
        (description.language or "", site.text(str(description), page))
        for description in site.literals(ontology, [DCTERMS.description])
    ]
    rows = [
        *site.row("version", graph.objects(ontology, OWL.versionInfo), page),
        *site.row("version IRI", graph.objects(ontology, OWL.versionIRI), page),
        *site.row("license", graph.objects(ontology, DCTERMS.license), page),
        *site.row("modified", graph.objects(ontology, DCTERMS.modified), page),
    ]
    vocabularies = [
        VocabularyEntry(
            page=localized(scheme.page, lang),
            names=tuple(tagged(t) for t in title_literals(site, scheme.iri)),
            slug=scheme.slug,
            count=len(scheme.concepts),
            iri=str(scheme.iri),
            turtle=scheme.turtle,
        )
        for scheme in schemes
    ]
    return render(
        "index.html.j2",
        page=page,
        lang=lang,
        title=heading.title,
        alternate=other_language_page(HOME_PAGE, lang),
        nav=DOCS_NAV,
        sources=sources,
        heading=heading,
        descriptions=descriptions,
        iri=str(ontology),
        rows=rows,
        ontology_page=localized(ONTOLOGY_PAGE, lang),
        ttl_name=ttl_name,
        vocabularies=vocabularies,
    )


@dataclass
class RenderedDocs:
    """The pages of the ontology and the vocabularies, rendered in every language.

    Attributes:
        files: site path to content: ``def.html``, ``def.nl.html``, ``def.ttl``, and per
            scheme ``id/scheme/{slug}.html``, ``.nl.html`` and ``.ttl`` (its file).
        site: the documented graphs and where each term is documented.
        schemes: the concept schemes.
        result: what was documented (counts), for ``dikg docs``.
        sources: the files documented, relative to the root (for the footer).
    """

    files: dict[str, bytes]
    site: Site
    schemes: list[SchemePage]
    result: DocsResult
    sources: str


def render_docs(
    root: GraphRoot,
    nav: tuple[tuple[str, str], ...],
    out: Path,
    embedded: Mapping[str, object] | None = None,
) -> RenderedDocs:
    """Render the ontology page and one page per concept scheme, in every language.

    Args:
        root: the graph root.
        nav: the header's links (:data:`dikg.site.templates.SITE_NAV` in the site).
        out: the output directory (only named in the result).
        embedded: IRI → JSON-LD to embed in the page of that ontology or scheme.

    Raises:
        InputError: if a file cannot be parsed (naming file and line), if ontology/ holds
            no owl:Ontology, or if two schemes would get the same page.
    """
    ontology_files = files_in(root.ontology, TURTLE_SUFFIX)
    if not ontology_files:
        raise InputError(
            f"no Turtle files in {root.ontology}",
            hint="dikg docs documents the ontology in ontology/*.ttl",
        )
    vocabulary_files = files_in(root.data / VOCABULARY_DIR, TURTLE_SUFFIX)
    ontology_parts = parse_files(root, ontology_files)
    vocabularies = parse_files(root, vocabulary_files)
    ontology_graph = merge_graphs(ontology_parts.values())
    vocabulary_graph = merge_graphs(vocabularies.values())
    ontology = ontology_iri(ontology_graph, ontology_files)
    site = Site(merge_graphs([ontology_graph, vocabulary_graph]), ontology)
    site.embedded.update(embedded or {})

    terms = OntologyTerms(site, ontology_graph)
    schemes = scheme_pages(site, vocabularies, vocabulary_graph)
    locate_concepts(site, schemes)

    def relative(paths: Iterable[Path]) -> str:
        return ", ".join(p.relative_to(root.path).as_posix() for p in paths)

    files: dict[str, bytes] = {}
    if len(ontology_files) == 1:
        files[ONTOLOGY_TTL] = ontology_files[0].read_bytes()
    else:
        files[ONTOLOGY_TTL] = canonical_turtle(canonical_copy(ontology_graph)).encode("utf-8")
    for lang in LANGUAGES:
        site.lang = lang
        files[localized(ONTOLOGY_PAGE, lang)] = ontology_page(
            site, terms, ontology_graph, ONTOLOGY_TTL, relative(ontology_files), nav
        )
        for scheme in schemes:
            files[localized(scheme.page, lang)] = scheme_page(
                site, scheme, relative([scheme.source]), nav
            )
    for scheme in schemes:
        files[scheme.turtle] = scheme_turtle(site, scheme, vocabularies)
    site.lang = DEFAULT_LANGUAGE
    result = DocsResult(
        out=out,
        classes=len(terms.classes),
        properties=len(terms.properties),
        schemes={s.slug: len(s.concepts) for s in schemes},
    )
    return RenderedDocs(
        files, site, schemes, result, relative([*ontology_files, *vocabulary_files])
    )


def build_docs(root: GraphRoot, out: Path) -> DocsResult:
    """``dikg docs``: write the ontology and vocabulary pages, an index and the stylesheet.

    Every page is rendered in memory before any is written, and each file is written
    atomically. Scheme pages left over from schemes that no longer exist are removed.

    Args:
        root: the graph root.
        out: the site directory (created if needed).

    Returns:
        The files written and what they document.

    Raises:
        InputError: if a file cannot be parsed (naming file and line), if ontology/ holds
            no owl:Ontology, or if two schemes would get the same page.
    """
    docs = render_docs(root, DOCS_NAV, out)
    rendered = {STYLESHEET: asset(STYLESHEET)}
    for lang in LANGUAGES:
        docs.site.lang = lang
        rendered[localized(HOME_PAGE, lang)] = index_page(
            docs.site, docs.schemes, ONTOLOGY_TTL, docs.sources
        )
    docs.site.lang = DEFAULT_LANGUAGE
    rendered.update(docs.files)
    result = docs.result
    for name, content in rendered.items():
        atomic_write(out / name, content)
        result.files.append(out / name)
    stale_dir = out / SCHEME_DIR
    if stale_dir.is_dir():
        for path in sorted(stale_dir.iterdir()):
            if path.suffix in (".html", ".ttl") and f"{SCHEME_DIR}/{path.name}" not in rendered:
                path.unlink()
    return result
