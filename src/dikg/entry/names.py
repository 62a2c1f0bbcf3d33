"""The names a form uses (labels, slugs, abbreviations) resolved against the graph.

The words are read, and looked up, by the one resolver of :mod:`dikg.queries.vocabulary`,
with the wording of a form (:data:`~dikg.queries.vocabulary.FORM_WORDING`).
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from dikg.queries.backend import EmbeddedBackend
from dikg.queries.vocabulary import (
    FORM_WORDING,
    Vocabulary,
    class_vocabulary,
    scheme_vocabulary,
)
from dikg.terms import DIKG, ORG, TOOIONT
from dikg.terms import ID_BASE as ID


def slug_of(iri: str) -> str:
    """The slug of a dikg IRI: its last path segment."""
    return iri.rstrip("/").rsplit("/", 1)[-1]


class Known:
    """Resources of one kind and the words that name them, resolved to rdflib IRIs.

    Args:
        vocabulary: the words, read by :mod:`dikg.queries.vocabulary`.
    """

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary

    def resolve(self, name: str, value: Any) -> URIRef:
        """The IRI a word names.

        Raises:
            InputError: if it names none (with the closest words) or more than one.
        """
        return URIRef(self.vocabulary.resolve(name, value))


class Resolver:
    """Looks names up in the graph, each kind read once."""

    def __init__(self, store: ox.Store) -> None:
        self.backend = EmbeddedBackend(store)
        self._cache: dict[str, Known] = {}

    def scheme(self, slug: str) -> Known:
        """Concepts of a scheme by their preferred, alternative and hidden labels and slugs."""
        if slug not in self._cache:
            self._cache[slug] = Known(
                scheme_vocabulary(
                    self.backend,
                    f"{ID}scheme/{slug}",
                    f"concept of the {slug} scheme",
                    wording=FORM_WORDING,
                    by_concept=True,
                )
            )
        return self._cache[slug]

    def _typed(self, key: str, kind: str, classes: tuple[URIRef, ...], labels: bool) -> Known:
        if key not in self._cache:
            vocabulary = class_vocabulary(self.backend, map(str, classes), kind, labels=labels)
            self._cache[key] = Known(vocabulary)
        return self._cache[key]

    def organisations(self) -> Known:
        """Organisations and ministries by slug, abbreviation and name."""
        classes = (ORG.Organization, ORG.FormalOrganization, DIKG.Ministry)
        return self._typed("organisation", "organisation", classes, labels=True)

    def versions(self) -> Known:
        """Historical names of organisations by slug, abbreviation and name."""
        classes = (TOOIONT.HistorischeVersie,)
        return self._typed("version", "historical name of an organisation", classes, True)

    def documents(self) -> Known:
        """Documents by slug."""
        return self._typed("document", "document", (DIKG.Document,), labels=False)

    def policies(self) -> Known:
        """Policies by slug."""
        return self._typed("policy", "policy", (DIKG.Policy,), labels=False)
