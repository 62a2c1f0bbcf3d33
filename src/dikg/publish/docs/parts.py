"""Parts every page has: the header table, the title block, a box, the Turtle download."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import SKOS, Literal, URIRef

from dikg.publish.docs.html import (
    TITLES,
    Renderer,
    Row,
    attr,
    esc,
    tagged,
)
from dikg.publish.docs.model import HEADER_ROWS


def box(
    site: Renderer,
    subject: URIRef,
    anchor: str,
    kinds: list[str],
    page: str,
    rows: list[Row],
    skip: Iterable[URIRef],
) -> str:
    """One term's section: its heading and table of rows."""
    return (
        f'<section class="entity" id="{attr(anchor)}">\n'
        + site.heading(subject, kinds)
        + '<table class="props">\n'
        + f"<tr><th>IRI</th><td><code>{esc(str(subject))}</code></td></tr>\n"
        + site.rows(subject, page, rows, skip=skip)
        + "</table>\n</section>\n"
    )


def header_table(site: Renderer, subject: URIRef, page: str) -> str:
    """The metadata of an ontology or concept scheme (top concepts are in the hierarchy)."""
    return (
        '<table class="props">\n'
        + f"<tr><th>IRI</th><td><code>{esc(str(subject))}</code></td></tr>\n"
        + site.rows(subject, page, HEADER_ROWS, skip=[SKOS.hasTopConcept])
        + "</table>\n"
    )


def download(turtle: str, note: str = "") -> str:
    """The line that offers the page's Turtle for download."""
    extra = f" · {esc(note)}" if note else ""
    return f'<p class="downloads">Turtle: <a href="{attr(turtle)}">{esc(turtle)}</a>{extra}</p>\n'


def title_literals(site: Renderer, subject: URIRef) -> list[Literal]:
    """The dcterms:title values of an ontology or scheme, else its labels."""
    return site.literals(subject, TITLES[:1]) or site.literals(subject, TITLES)


def title_block(site: Renderer, subject: URIRef) -> tuple[str, str]:
    """The page title and its ``<h1>`` (with the title in the other languages below it)."""
    titles = title_literals(site, subject)
    if not titles:
        name = site.curie(subject)
        return name, f"<h1>{esc(name)}</h1>\n"
    block = f"<h1>{tagged(titles[0])}</h1>\n"
    others = [t for t in titles[1:] if t.language != titles[0].language]
    if others:
        block += '<p class="subtitle">' + " · ".join(tagged(t) for t in others) + "</p>\n"
    return str(titles[0]), block
