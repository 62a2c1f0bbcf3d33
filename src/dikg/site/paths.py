"""Where a resource's page and RDF live in the site: the one mapping from IRI to file path.

The site mirrors the IRIs under :data:`IRI_ROOT` (``https://w3id.org/dikg/``):

=====================================  =======================================

IRI                                    files in the site (relative paths)
=====================================  =======================================

``…/id/{kind}/{slug}``                 ``id/{kind}/{slug}.html`` (English),
                                       ``id/{kind}/{slug}.nl.html`` (Dutch),
                                       ``id/{kind}/{slug}.ttl``, ``….jsonld``
``…/def#{term}``  (hash namespace)     ``def.html#{term}``, ``def.nl.html#{term}``,
                                       ``def.ttl``, ``def.jsonld`` (the whole ontology)
(the instances of a class)             ``class/{prefix}-{Name}.html`` (``.nl.html``)
(every class and concept scheme)       ``class/index.html`` (``.nl.html``)
=====================================  =======================================


Every page exists in English (``.html``) and Dutch (``.nl.html``): :func:`localized` turns
one into the other.

A server maps ``GET /id/measure/x`` to one of those files by the ``Accept`` header (see the
rules under ``site/server``); a static host without content negotiation still serves the
``.html`` links the pages use. IRIs outside the root (TOOI, EU vocabularies) are not ours
and have no page.
"""

from __future__ import annotations

import re
from typing import Literal

from dikg.terms import ID_BASE

IRI_ROOT = ID_BASE.removesuffix("id/")  # https://w3id.org/dikg/
LANGUAGES: tuple[str, ...] = ("en", "nl")
DEFAULT_LANGUAGE = "en"
RdfFormat = Literal["ttl", "jsonld"]
RDF_FORMATS: dict[str, str] = {"ttl": "text/turtle", "jsonld": "application/ld+json"}
HOME_PAGE = "index.html"
STYLESHEET = "style.css"
SITEMAP = "sitemap.xml"
CLASS_DIR = "class"
BROWSE_PAGE = f"{CLASS_DIR}/index.html"
ONTOLOGY_PAGE = "def.html"
# the ontology is one document: def.ttl and def.jsonld hold every term (rdf_path of def#X)
ONTOLOGY_TTL = "def.ttl"
ONTOLOGY_JSONLD = "def.jsonld"
SCHEME_DIR = "id/scheme"
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def document_path(iri: str) -> str | None:
    """The site path of the document an IRI names, without suffix and fragment.

    ``https://w3id.org/dikg/id/measure/x`` → ``id/measure/x``;
    ``https://w3id.org/dikg/def#Measure`` → ``def``; an IRI outside :data:`IRI_ROOT`,
    or one whose path would leave the site (``..``, empty segments), → None.
    """
    if not iri.startswith(IRI_ROOT):
        return None
    path = iri[len(IRI_ROOT) :].split("#", 1)[0]
    segments = path.split("/")
    if not path or any(s in ("", ".", "..") for s in segments) or "?" in path:
        return None
    return path


def page_path(iri: str, lang: str = DEFAULT_LANGUAGE) -> str | None:
    """The page (with ``#fragment`` for a hash IRI) that describes ``iri`` in ``lang``."""
    path = document_path(iri)
    if path is None:
        return None
    suffix = ".html" if lang == DEFAULT_LANGUAGE else f".{lang}.html"
    fragment = iri.split("#", 1)[1] if "#" in iri else ""
    return f"{path}{suffix}" + (f"#{fragment}" if fragment else "")


def rdf_path(iri: str, fmt: RdfFormat) -> str | None:
    """The RDF file (``ttl`` or ``jsonld``) that holds the description of ``iri``."""
    path = document_path(iri)
    return None if path is None else f"{path}.{fmt}"


def relative_link(from_page: str, to_path: str) -> str:
    """A link from the site file ``from_page`` to the site path ``to_path`` (both relative).

    Links are relative so the site works under any base URL and from a local directory.
    """
    depth = from_page.count("/")
    return "../" * depth + to_path


def localized(path: str, lang: str) -> str:
    """The site path of the English page ``path`` (``x.html[#f]``) in ``lang`` (``x.nl.html``)."""
    file, hash_, fragment = path.partition("#")
    if not file.endswith(".html"):
        raise ValueError(f"not a page: {path!r}")
    return site_page(file.removesuffix(".html"), lang) + hash_ + fragment


def class_index_path(curie: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The page listing the instances of the class with prefixed name ``curie``.

    ``dikg:Measure`` → ``class/dikg-Measure.html``; a full IRI (no prefix known) is reduced
    to the characters a file name can hold.
    """
    name = _UNSAFE.sub("-", curie.replace(":", "-", 1)).strip("-.") or "class"
    return localized(f"{CLASS_DIR}/{name}.html", lang)


def scheme_page_path(slug: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The page of the concept scheme whose IRI ends in ``slug``.

    For a scheme under ``…/id/scheme/`` this is :func:`page_path` of its IRI; ``dikg docs``
    also documents schemes of other namespaces, and puts them where ours would be.
    """
    return localized(f"{SCHEME_DIR}/{slug}.html", lang)


def other_language_page(path: str, lang: str) -> str:
    """The English page ``path`` in the language that is not ``lang`` (the language switch)."""
    return localized(path, next(other for other in LANGUAGES if other != lang))


def site_page(name: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A page no IRI names, in ``lang``: ``index`` → ``index.html`` (en), ``index.nl.html``."""
    return f"{name}.html" if lang == DEFAULT_LANGUAGE else f"{name}.{lang}.html"


SOURCES_DIR = "sources"
_DOCUMENT_PATH = "id/document/"


def source_page_path(document: str, lang: str = DEFAULT_LANGUAGE) -> str | None:
    """The page that shows the stored text of a ``dikg:Document``, sentence by sentence.

    ``https://w3id.org/dikg/id/document/x`` → ``sources/x.html`` (``sources/x.nl.html``);
    any other IRI → None. (The document's own page, with its metadata, is at
    :func:`page_path`.)
    """
    path = document_path(document)
    if path is None or not path.startswith(_DOCUMENT_PATH) or path.count("/") != 2:
        return None
    return site_page(f"{SOURCES_DIR}/{path.removeprefix(_DOCUMENT_PATH)}", lang)
