"""dikg's namespaces (one table) and short names of RDF terms: prefixed names, quoted literals.

Every module takes its IRIs from here: the ontology's namespace, the instance and named-graph
bases (../DESIGN.md, Namespaces) and the standard vocabularies; and every IRI shown to people
as a prefixed name goes through :func:`prefixed_name`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Namespace
    from rdflib.term import Node

DIKG_NS = "https://w3id.org/dikg/def#"
DIKGSH_NS = "https://w3id.org/dikg/shapes#"
ID_BASE = "https://w3id.org/dikg/id/"
GRAPH_IRI_BASE = ID_BASE + "graph/"
DOCUMENT_BASE = ID_BASE + "document/"
SCHEME_BASE = ID_BASE + "scheme/"

# The one table of namespaces dikg itself names (files may declare more prefixes).
NAMESPACES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "tooiont": "https://identifier.overheid.nl/tooi/def/ont/",
    "dikg": DIKG_NS,
    "dikgsh": DIKGSH_NS,
}


# rdflib namespaces of the terms dikg's code names, made on first use (:func:`__getattr__`)
_RDFLIB_NAMESPACES = {
    "DIKG": DIKG_NS,
    "DIKGSH": DIKGSH_NS,
    "ORG": NAMESPACES["org"],
    "PROV": NAMESPACES["prov"],
    "SKOS": NAMESPACES["skos"],
    "TOOIONT": NAMESPACES["tooiont"],
}


def __getattr__(name: str) -> Namespace:
    # rdflib is imported only when a module asks for one of its namespaces, so that what
    # needs none (a warm `dikg query`) does not pay for importing rdflib
    if name in _RDFLIB_NAMESPACES:
        from rdflib import Namespace

        namespace = Namespace(_RDFLIB_NAMESPACES[name])
        globals()[name] = namespace
        return namespace
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def namespaces(*prefixes: str) -> dict[str, str]:
    """Some of :data:`NAMESPACES`, in the order asked for."""
    return {prefix: NAMESPACES[prefix] for prefix in prefixes}


# Always known to :class:`Names`, whatever the files declare.
STANDARD_PREFIXES = namespaces("rdf", "rdfs", "xsd", "owl", "sh", "dikg", "dikgsh")
# A local name of a prefixed name as dikg writes one (PN_LOCAL, simplified: no escapes,
# https://www.w3.org/TR/turtle/#grammar-production-PN_LOCAL); it cannot end with a dot.
LOCAL_NAME = re.compile(r"[A-Za-z0-9_](?:[\w\-.]*[\w\-])?")


def prefixed_name(
    iri: str,
    prefixes: Mapping[str, str],
    *,
    empty_local: bool = True,
    local: re.Pattern[str] = LOCAL_NAME,
) -> str | None:
    """``prefix:local`` for the longest namespace that fits, else None.

    Args:
        iri: the IRI.
        prefixes: prefix to namespace; of two prefixes of one namespace, the first wins.
        empty_local: whether the namespace IRI itself may be written ``prefix:``.
        local: what a local name may look like.
    """
    best, best_namespace = None, ""
    for prefix, namespace in prefixes.items():
        rest = iri[len(namespace) :]
        fits = local.fullmatch(rest) or (empty_local and not rest)
        if (
            namespace
            and iri.startswith(namespace)
            and fits
            and len(namespace) > len(best_namespace)
        ):
            best, best_namespace = prefix, namespace
    return None if best is None else f"{best}:{iri[len(best_namespace) :]}"


def compact_iri(iri: str, prefixes: Mapping[str, str], **options) -> str:
    """:func:`prefixed_name` (same options), else the IRI in angle brackets."""
    return prefixed_name(iri, prefixes, **options) or f"<{iri}>"


_IRI_IN_TEXT = re.compile(r"https?://[^\s\"'<>(){}]+")


class Names:
    """Turns terms into short names with a prefix map (the longest namespace wins).

    Args:
        prefixes: prefix to namespace; where two prefixes share a namespace, the first
            (in sorted order) is used, so names do not depend on file order.
    """

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        merged = {**STANDARD_PREFIXES, **prefixes}
        by_namespace: dict[str, str] = {}
        for prefix, namespace in sorted(merged.items()):
            if prefix and namespace:
                by_namespace.setdefault(namespace, prefix)
        self.prefixes = {prefix: namespace for namespace, prefix in by_namespace.items()}

    def iri(self, iri: str) -> str:
        """``prefix:local`` if a namespace fits, else ``<iri>``."""
        return compact_iri(iri, self.prefixes, empty_local=False)

    def term(self, term: Node | None, *, width: int | None = None) -> str:
        """A term in Turtle-like notation; literals longer than ``width`` are shortened."""
        from rdflib import XSD, BNode, Literal, URIRef

        if term is None:
            return ""
        if isinstance(term, URIRef):
            return self.iri(str(term))
        if isinstance(term, BNode):
            return f"_:{term}"
        if isinstance(term, Literal):
            text = str(term)
            if width is not None and len(text) > width:
                text = text[: width - 1] + "…"
            quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
            if term.language:
                return f"{quoted}@{term.language}"
            if term.datatype is not None and term.datatype != XSD.string:
                return f"{quoted}^^{self.iri(str(term.datatype))}"
            return quoted
        return str(term)

    def text(self, message: str) -> str:
        """A message with the IRIs in it shortened to prefixed names where a prefix fits.

        SHACL-SPARQL fills ``{?var}`` with full IRIs; people read prefixed names more easily.
        """

        def shorten(match: re.Match[str]) -> str:
            iri = match.group(0)
            stripped = iri.rstrip(".,;:!?")
            name = self.iri(stripped)
            return iri if name.startswith("<") else name + iri[len(stripped) :]

        return _IRI_IN_TEXT.sub(shorten, message)
