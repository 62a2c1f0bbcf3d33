"""Parts every page has: a term's box, the header table, the title block."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import SKOS, Literal, URIRef

from dikg.site.docs.model import HEADER_ROWS
from dikg.site.docs.view import TITLES, Heading, Row, RowSpec, Site, Tagged, tagged


@dataclass(frozen=True)
class Box:
    """One term's section (``parts.html.j2``'s ``box``): its heading, IRI and rows."""

    anchor: str
    heading: Heading
    iri: str
    rows: list[Row]


@dataclass(frozen=True)
class TitleBlock:
    """A page's ``<h1>``: the first title, the titles in other languages, else a name."""

    titles: tuple[Tagged, ...]
    others: tuple[Tagged, ...]
    name: str

    @property
    def title(self) -> str:
        """The page's ``<title>``."""
        return self.titles[0].text if self.titles else self.name


def box(
    site: Site,
    subject: URIRef,
    anchor: str,
    kinds: list[str],
    page: str,
    rows: list[RowSpec],
    skip: Iterable[URIRef],
) -> Box:
    """One term's section: its heading and table of rows."""
    shown = site.rows(subject, page, rows, skip=skip)
    return Box(anchor, site.heading(subject, kinds), str(subject), shown)


def header_rows(site: Site, subject: URIRef, page: str) -> list[Row]:
    """The metadata of an ontology or concept scheme (top concepts are in the hierarchy)."""
    return site.rows(subject, page, HEADER_ROWS, skip=[SKOS.hasTopConcept])


def title_literals(site: Site, subject: URIRef) -> list[Literal]:
    """The dcterms:title values of an ontology or scheme, else its labels."""
    return site.literals(subject, TITLES[:1]) or site.literals(subject, TITLES)


def title_block(site: Site, subject: URIRef) -> TitleBlock:
    """The page title and its ``<h1>`` (with the title in the other languages below it)."""
    titles = title_literals(site, subject)
    if not titles:
        return TitleBlock((), (), site.curie(subject))
    others = [t for t in titles[1:] if t.language != titles[0].language]
    return TitleBlock((tagged(titles[0]),), tuple(tagged(t) for t in others), "")
