"""Index pages: one per class (its instances), one of every class and concept scheme; sitemap.

A class gets an index page when at least one resource with a page in the site has it as
``rdf:type``; the page lists those resources by name. ``class/index.html`` (the header's
"Classes and vocabularies") lists every class index and every concept scheme. Paths come from
:mod:`dikg.site.paths` (:func:`~dikg.site.paths.class_index_path`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dikg.site.describe import Descriptions
from dikg.site.docs.model import SchemePage
from dikg.site.docs.view import Link
from dikg.site.paths import (
    BROWSE_PAGE,
    LANGUAGES,
    class_index_path,
    localized,
    other_language_page,
    relative_link,
)
from dikg.site.templates import environment, message, render


@dataclass(frozen=True)
class ClassEntry:
    """A class on the browse page: its index page, its definition and how many instances."""

    index: Link
    definition: Link
    count: int


@dataclass(frozen=True)
class SchemeEntry:
    """A concept scheme on the browse page: its page and how many concepts."""

    page: Link
    count: int


def instances_by_class(described: Descriptions, resources: Iterable[str]) -> dict[str, list[str]]:
    """Class IRI → the resources (with pages) of that class, in IRI order."""
    found: dict[str, list[str]] = defaultdict(list)
    for iri in sorted(resources):
        for cls in described.types(iri):
            found[cls].append(iri)
    return dict(sorted(found.items()))


def index_pages(
    described: Descriptions,
    classes: Mapping[str, list[str]],
    schemes: list[SchemePage],
    targets: Mapping[str, str],
) -> dict[str, bytes]:
    """The class index pages and the browse page, in every language (site path → HTML)."""
    pages: dict[str, bytes] = {}

    def link(iri: str, page: str, lang: str, text: str | None = None) -> Link:
        target = targets.get(iri)
        href = iri if target is None else relative_link(page, localized(target, lang))
        return Link(href, text or described.name(iri, lang), iri)

    for lang in LANGUAGES:
        entries = []
        for cls, members in classes.items():
            english = class_index_path(described.curie(cls))
            page = localized(english, lang)
            name = described.name(cls, lang)
            ordered = sorted(members, key=lambda m: (described.name(m, lang).casefold(), m))
            pages[page] = render(
                "class.html.j2",
                page=page,
                lang=lang,
                title=name,
                alternate=other_language_page(english, lang),
                cls=link(cls, page, lang),
                curie=described.curie(cls),
                members=[link(m, page, lang) for m in ordered],
            )
            entries.append(
                ClassEntry(
                    Link(relative_link(localized(BROWSE_PAGE, lang), page), name, cls),
                    link(cls, localized(BROWSE_PAGE, lang), lang, described.curie(cls)),
                    len(members),
                )
            )
        page = localized(BROWSE_PAGE, lang)
        entries.sort(key=lambda e: (e.index.text.casefold(), e.index.title))
        scheme_entries = sorted(
            (SchemeEntry(link(str(s.iri), page, lang), len(s.concepts)) for s in schemes),
            key=lambda e: (e.page.text.casefold(), e.page.title),
        )
        pages[page] = render(
            "browse.html.j2",
            page=page,
            lang=lang,
            title=message("browse", lang),
            alternate=other_language_page(BROWSE_PAGE, lang),
            classes=entries,
            schemes=scheme_entries,
        )
    return pages


def sitemap(base_url: str, paths: Iterable[str]) -> bytes:
    """``sitemap.xml`` (https://www.sitemaps.org/protocol.html): every page, sorted.

    No ``lastmod``: the site carries no date from the clock.
    """
    urls = sorted(base_url + path for path in paths if path.endswith(".html"))
    return render_xml("sitemap.xml.j2", urls=urls)


def render_xml(template: str, **context) -> bytes:
    """Render an XML template of ``templates/`` (escaped like the pages) as UTF-8."""
    return environment().get_template(template).render(**context).encode("utf-8")
