"""Names for the IRIs of an answer: labels in the user's language, else prefixed names.

Labels are read from the backend that answered the query (``src/dikg/sparql/labels.rq``),
so they work on the embedded store and on an endpoint alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pyoxigraph as ox

from dikg.queries.backend import Backend, Cell, select
from dikg.queries.sparql import internal_query
from dikg.terms import compact_iri

LANGUAGES = ("en", "nl")
_SKOS_PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
_CHUNK = 200  # IRIs per VALUES list, to keep requests to an endpoint small


class Labeller:
    """Looks up and remembers labels.

    Args:
        backend: where the labels are read.
        lang: the preferred language (``en`` or ``nl``); the other is the fallback.
        prefixes: namespaces for IRIs without a label.
    """

    def __init__(self, backend: Backend, lang: str, prefixes: Mapping[str, str]) -> None:
        self.backend = backend
        self.lang = lang
        self.prefixes = prefixes  # not copied: looked at only for an IRI without a label
        self._labels: dict[str, str | None] = {}

    def _rank(self, property_iri: str, label: ox.Literal) -> tuple:
        language = label.language or ""
        order = 0 if language == self.lang else 1 if language in LANGUAGES else 2
        return (order, 0 if property_iri == _SKOS_PREF_LABEL else 1, label.value)

    def load(self, iris: Iterable[str]) -> None:
        """Fetch the labels of IRIs not looked up before."""
        missing = sorted({iri for iri in iris if iri not in self._labels})
        for start in range(0, len(missing), _CHUNK):
            chunk = missing[start : start + _CHUNK]
            result = select(
                self.backend,
                internal_query("labels"),
                {"resource": [ox.NamedNode(iri) for iri in chunk]},
                source="labels",
            )
            best: dict[str, tuple] = {}
            for resource, prop, label in result.rows:
                if not isinstance(label, ox.Literal) or resource is None or prop is None:
                    continue
                rank = self._rank(prop.value, label)
                if resource.value not in best or rank < best[resource.value]:
                    best[resource.value] = rank
            for iri in chunk:
                self._labels[iri] = best[iri][2] if iri in best else None

    def label(self, iri: str) -> str | None:
        """The label of an IRI, if it has one."""
        if iri not in self._labels:
            self.load([iri])
        return self._labels[iri]

    def show(self, term: Cell) -> str:
        """A term as a reader wants it: a label, a prefixed name, a literal's value."""
        if term is None:
            return ""
        if isinstance(term, ox.NamedNode):
            return self.label(term.value) or compact_iri(term.value, self.prefixes)
        if isinstance(term, ox.BlankNode):
            return f"_:{term.value}"
        return term.value


def iris_of(rows: Iterable[Iterable[Cell]]) -> set[str]:
    """Every IRI in the rows."""
    return {cell.value for row in rows for cell in row if isinstance(cell, ox.NamedNode)}
