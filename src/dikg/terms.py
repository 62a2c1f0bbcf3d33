"""Short names of RDF terms for people: prefixed names where a prefix fits, quoted literals."""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import XSD, BNode, Literal, URIRef
from rdflib.term import Node

# Always known, whatever the files declare.
STANDARD_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "sh": "http://www.w3.org/ns/shacl#",
    "dikg": "https://w3id.org/dikg/def#",
    "dikgsh": "https://w3id.org/dikg/shapes#",
}
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[\w\-.]*[\w\-])?")
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
        self._namespaces = sorted(by_namespace.items(), key=lambda item: -len(item[0]))

    def iri(self, iri: str) -> str:
        """``prefix:local`` if a namespace fits, else ``<iri>``."""
        for namespace, prefix in self._namespaces:
            if iri.startswith(namespace) and _LOCAL.fullmatch(iri[len(namespace) :]):
                return f"{prefix}:{iri[len(namespace) :]}"
        return f"<{iri}>"

    def term(self, term: Node | None, *, width: int | None = None) -> str:
        """A term in Turtle-like notation; literals longer than ``width`` are shortened."""
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
