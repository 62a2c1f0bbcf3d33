"""Where a resource's page and RDF live in the site: the one mapping from IRI to file path.

The site mirrors the IRIs under :data:`IRI_ROOT` (``https://w3id.org/dikg/``):

=====================================  ==============================================
IRI                                    files in the site (relative paths)
=====================================  ==============================================
``…/id/{kind}/{slug}``                 ``id/{kind}/{slug}.html`` (English),
                                       ``id/{kind}/{slug}.nl.html`` (Dutch),
                                       ``id/{kind}/{slug}.ttl``, ``….jsonld``
``…/def#{term}``  (hash namespace)     ``def.html#{term}``, ``def.nl.html#{term}``,
                                       ``def.ttl``, ``def.jsonld`` (the whole ontology)
=====================================  ==============================================

A server maps ``GET /id/measure/x`` to one of those files by the ``Accept`` header (see the
rules under ``site/server``); a static host without content negotiation still serves the
``.html`` links the pages use. IRIs outside the root (TOOI, EU vocabularies) are not ours
and have no page.
"""

from __future__ import annotations

from typing import Literal

from dikg.terms import ID_BASE

IRI_ROOT = ID_BASE.removesuffix("id/")  # https://w3id.org/dikg/
LANGUAGES: tuple[str, ...] = ("en", "nl")
DEFAULT_LANGUAGE = "en"
RdfFormat = Literal["ttl", "jsonld"]
RDF_FORMATS: dict[str, str] = {"ttl": "text/turtle", "jsonld": "application/ld+json"}


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
